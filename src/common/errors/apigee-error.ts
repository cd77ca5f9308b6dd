/** An error the admin API reports in Apigee's envelope: {"code", "message", "contexts"}. */
export class ApigeeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly contexts: unknown[] = [],
    /** Extra response headers, such as Retry-After. */
    readonly headers: Record<string, string> = {},
    /** For a fault of ours: what went wrong, for the log (with the request's id), never for the response. */
    readonly logDetail?: string,
  ) {
    super(message);
  }
}

/** Each error of contract section 2.3, named for the case that raises it. */
export const AdminErrors = {
  invalidRequest: (message: string) => new ApigeeError(400, 'messaging.adaptors.http.flow.InvalidRequest', message),
  unsupportedMediaType: (contentType: string) =>
    new ApigeeError(
      415,
      'messaging.adaptors.http.flow.UnsupportedMediaType',
      `Content-Type ${contentType || '(none)'} is not supported: send application/json or application/xml`,
    ),
  bodyTooLarge: () => new ApigeeError(413, 'protocol.http.TooBigBody', 'Request body is larger than allowed'),
  unauthorized: () => new ApigeeError(401, 'security.auth.Unauthorized', 'Unauthorized'),
  forbidden: () => new ApigeeError(403, 'security.auth.Forbidden', 'Forbidden'),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ApigeeError(
      429,
      'security.auth.TooManyRequests',
      `Too many failed attempts from this address; try again in ${retryAfterSeconds} s`,
      [],
      { 'retry-after': String(retryAfterSeconds) },
    ),
  notFound: (path: string) => new ApigeeError(404, 'messaging.adaptors.http.flow.NotFound', `No resource at ${path}`),
  methodNotAllowed: (allow: string[] = []) =>
    new ApigeeError(
      405,
      'messaging.adaptors.http.flow.MethodNotAllowed',
      allow.length > 0 ? `Method not allowed for this resource: it answers ${allow.join(', ')}` : 'Method not allowed',
      [],
      allow.length > 0 ? { allow: allow.join(', ') } : {},
    ),
  serviceUnavailable: (message: string, retryAfterSeconds: number) =>
    new ApigeeError(503, 'messaging.adaptors.http.flow.ServiceUnavailable', message, [], {
      'retry-after': String(retryAfterSeconds),
    }),
  internal: () => new ApigeeError(500, 'messaging.runtime.InternalError', 'Internal server error'),
  conflict: (message: string) => new ApigeeError(409, 'messaging.adaptors.http.flow.Conflict', message),

  organizationNotFound: (org: string) =>
    new ApigeeError(404, 'organizations.service.OrganizationDoesNotExist', `Organization ${org} does not exist`),
  organizationExists: (org: string) =>
    new ApigeeError(409, 'organizations.service.OrganizationAlreadyExists', `Organization ${org} already exists`),
  userNotFound: (email: string) =>
    new ApigeeError(404, 'usersandroles.UserDoesNotExist', `User with email ${email} does not exist`),
  userExists: (email: string) =>
    new ApigeeError(409, 'usersandroles.UserAlreadyExists', `User with email ${email} already exists`),
  roleNotFound: (role: string) => new ApigeeError(404, 'usersandroles.RoleDoesNotExist', `Role ${role} does not exist`),

  developerNotFound: (email: string, org: string) =>
    new ApigeeError(
      404,
      'developer.service.DeveloperIdDoesNotExist',
      `DeveloperId ${email} does not exist in organization ${org}`,
    ),
  developerExists: (email: string, org: string) =>
    new ApigeeError(
      409,
      'developer.service.DeveloperAlreadyExists',
      `Developer with email ${email} already exists in organization ${org}`,
    ),
  companyNotFound: (name: string, org: string) =>
    new ApigeeError(
      404,
      'developer.service.CompanyDoesNotExist',
      `Company ${name} does not exist in organization ${org}`,
    ),
  companyExists: (name: string, org: string) =>
    new ApigeeError(
      409,
      'developer.service.CompanyAlreadyExists',
      `Company ${name} already exists in organization ${org}`,
    ),
  appNotFound: (app: string, email: string) =>
    new ApigeeError(404, 'developer.service.AppDoesNotExist', `App named ${app} does not exist under ${email}`),
  appIdNotFound: (appId: string, org: string) =>
    new ApigeeError(
      404,
      'developer.service.AppDoesNotExist',
      `App with id ${appId} does not exist in organization ${org}`,
    ),
  appExists: (app: string) =>
    new ApigeeError(409, 'developer.service.AppAlreadyExists', `App with name ${app} already exists`),
  keyNotFoundForApp: () =>
    new ApigeeError(404, 'keymanagement.service.InvalidClientIdForGivenApp', 'Invalid consumer key for Given App'),
  keyExists: () =>
    new ApigeeError(409, 'keymanagement.service.ConsumerKeyAlreadyExists', 'Consumer key already exists'),
  invalidScopes: (scopes: string[]) =>
    new ApigeeError(
      400,
      'keymanagement.service.InvalidScopes',
      `Scopes [${scopes.join(', ')}] are not among the scopes of the key's API products`,
    ),
  apiProductNotFound: (name: string) =>
    new ApigeeError(404, 'keymanagement.service.apiproduct_doesnot_exist', `API Product [${name}] does not exist`),
  apiProductExists: (name: string) =>
    new ApigeeError(409, 'keymanagement.service.apiproduct_already_exists', `API Product [${name}] already exists`),
  attributeNotFound: (name: string) =>
    new ApigeeError(404, 'keymanagement.service.AttributeDoesNotExist', `Attribute ${name} does not exist`),
  appUserNotFound: (id: string) =>
    new ApigeeError(404, 'keymanagement.service.appuser_doesnot_exist', `App user ${id} does not exist`),
  appUserExists: (id: string) =>
    new ApigeeError(409, 'keymanagement.service.appuser_already_exists', `App user ${id} already exists`),

  requestTokenNotFound: () =>
    new ApigeeError(404, 'keymanagement.service.oauth10_request_token_doesnot_exist', 'Request Token doesnot exist'),
  requestTokenFetchFailed: (logDetail: string) =>
    new ApigeeError(
      500,
      'keymanagement.service.oauth10_request_token_fetch_failed',
      'Failed to fetch the request token',
      [],
      {},
      logDetail,
    ),
  applicationNotApproved: () =>
    new ApigeeError(401, 'keymanagement.service.application_not_approved', 'Application is not approved'),
  verifierNotFound: () =>
    new ApigeeError(404, 'keymanagement.service.oauth10_verifier_doesnot_exist', 'Verifier doesnot exist'),
  accessTokenNotFound: () =>
    new ApigeeError(404, 'keymanagement.service.oauth10_access_token_doesnotexist', 'Access Token doesnot exist'),
} as const;
