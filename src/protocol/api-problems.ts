import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const FORMAT =
  'Body `oauth_problem=…` form-encoded (plus oauth_parameters_absent, oauth_acceptable_timestamps, ' +
  'oauth_problem_advice where they apply); JSON with `Accept: application/json`.';

/** The OAuth Problem Reporting answers of a signed protocol endpoint, for the OpenAPI document. */
export const ApiOAuthProblems = () =>
  applyDecorators(
    ApiResponse({
      status: 400,
      description: `parameter_absent, parameter_rejected, signature_method_rejected, version_rejected. ${FORMAT}`,
    }),
    ApiResponse({
      status: 401,
      description:
        'consumer_key_unknown, consumer_key_rejected, signature_invalid, timestamp_refused, nonce_used, ' +
        'token_rejected, token_expired, token_revoked, token_used, verifier_invalid, permission_denied, with ' +
        `\`WWW-Authenticate: OAuth realm="…"\`. ${FORMAT}`,
    }),
    ApiResponse({
      status: 429,
      description: `permission_denied with Retry-After: too many failed signatures from this address. ${FORMAT}`,
    }),
  );
