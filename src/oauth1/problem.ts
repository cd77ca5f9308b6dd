/**
 * OAuth Problem Reporting (the oauth_problem extension to OAuth 1.0, wiki.oauth.net/ProblemReporting): a failure the
 * provider reports back to the consumer in a machine-readable form, alongside the HTTP status RFC 5849 section 3.2
 * prescribes (400 for a malformed request, 401 for one that is well formed but not authorized).
 */
export type OAuthProblemCode =
  | 'parameter_absent'
  | 'parameter_rejected'
  | 'signature_method_rejected'
  | 'version_rejected'
  | 'consumer_key_unknown'
  | 'consumer_key_rejected'
  | 'signature_invalid'
  | 'timestamp_refused'
  | 'nonce_used'
  | 'token_rejected'
  | 'token_expired'
  | 'token_revoked'
  | 'token_used'
  | 'verifier_invalid'
  | 'permission_denied'
  // Beyond the extension's list: the provider cannot serve now (its database is unreachable), and requests for a
  // path or verb it does not serve.
  | 'temporarily_unavailable'
  | 'endpoint_unknown'
  | 'method_not_allowed';

export type OAuthProblemStatus = 400 | 401 | 403 | 404 | 405 | 429 | 503;

// RFC 5849 3.2: unsupported or missing parameters make the request malformed (400); everything else is an
// authorization failure (401).
const BAD_REQUEST_PROBLEMS: ReadonlySet<OAuthProblemCode> = new Set<OAuthProblemCode>([
  'parameter_absent',
  'parameter_rejected',
  'signature_method_rejected',
  'version_rejected',
]);

export interface OAuthProblemOptions {
  /** A sentence for a human, sent as oauth_problem_advice. */
  advice?: string;
  /** Names of the missing parameters, sent as oauth_parameters_absent. */
  parametersAbsent?: string[];
  /** The oldest and newest timestamps the provider would accept, sent as oauth_acceptable_timestamps. */
  acceptableTimestamps?: { from: number; to: number };
  /**
   * The client is refused for this many seconds (too many failed attempts): the problem is then sent with HTTP 429
   * Too Many Requests (RFC 6585) and a Retry-After header.
   */
  retryAfterSeconds?: number;
  /**
   * The request is genuine but asks for more than its token allows (a scope it lacks, a read-only token's write):
   * sent with HTTP 403 Forbidden, since signing again would not help.
   */
  forbidden?: boolean;
  /** The HTTP status, where it is not the one the problem implies (404, 405, 503). */
  status?: OAuthProblemStatus;
  /** With 405: the methods the path serves, sent as the Allow header. */
  allow?: readonly string[];
}

export class OAuthProblem extends Error {
  readonly problem: OAuthProblemCode;
  readonly status: OAuthProblemStatus;
  readonly advice?: string;
  readonly parametersAbsent?: string[];
  readonly acceptableTimestamps?: { from: number; to: number };
  readonly retryAfterSeconds?: number;
  readonly allow?: readonly string[];

  constructor(problem: OAuthProblemCode, options: OAuthProblemOptions = {}) {
    super(options.advice === undefined ? problem : `${problem}: ${options.advice}`);
    this.name = 'OAuthProblem';
    this.problem = problem;
    this.status =
      options.status ??
      (options.retryAfterSeconds !== undefined
        ? 429
        : options.forbidden
          ? 403
          : BAD_REQUEST_PROBLEMS.has(problem)
            ? 400
            : 401);
    this.advice = options.advice;
    this.parametersAbsent = options.parametersAbsent;
    this.acceptableTimestamps = options.acceptableTimestamps;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allow = options.allow;
  }

  /**
   * The fields of the problem report, in the extension's order, ready to be form-encoded into a response body or
   * WWW-Authenticate header. The extension percent-encodes each absent name before joining them with '&'; protocol
   * parameter names consist of unreserved characters only, so joining them as they are is the same thing.
   */
  toFormFields(): Array<[string, string]> {
    const fields: Array<[string, string]> = [['oauth_problem', this.problem]];
    if (this.parametersAbsent !== undefined && this.parametersAbsent.length > 0) {
      fields.push(['oauth_parameters_absent', this.parametersAbsent.join('&')]);
    }
    if (this.acceptableTimestamps !== undefined) {
      const { from, to } = this.acceptableTimestamps;
      fields.push(['oauth_acceptable_timestamps', `${from}-${to}`]);
    }
    if (this.advice !== undefined) fields.push(['oauth_problem_advice', this.advice]);
    return fields;
  }
}
