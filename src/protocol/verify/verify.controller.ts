import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { ResourceRequestCheck, scopeList } from './resource-request-check.service.js';
import { describedRequest, VerifiedView, verifiedView, VerifyRequestDto } from './verify.dto.js';

/** For resource servers: checks a request signed with an access token, as contract section 1 "verify" says. */
@ApiTags('oauth')
@Controller('oauth/oauth10')
export class VerifyController {
  constructor(private readonly resourceRequests: ResourceRequestCheck) {}

  @Post('verify')
  @HttpCode(200)
  // Swagger adds these to AdminAccess's own 401 and 403 descriptions: verify also answers OAuth problems with them.
  @ApiUnauthorizedResponse({
    description:
      'Or the described request is refused: an OAuth problem (oauth_problem=token_revoked, token_expired, ' +
      'signature_invalid, nonce_used, …) with `WWW-Authenticate: OAuth realm="…"`',
  })
  @ApiForbiddenResponse({
    description:
      'Or oauth_problem=permission_denied: the token lacks a scope of `requiredScope`, or is read-only and the ' +
      'method is not GET, HEAD or OPTIONS',
  })
  @AdminAccess('any')
  @ApiOperation({
    summary: 'Check a request signed with an access token',
    description:
      "Basic Auth as a management user with a role in the consumer key's organization. Answers 200 with what the " +
      'token grants, or 401 with an OAuth problem (token_revoked, token_expired, signature_invalid, …), or 403 ' +
      '`permission_denied` when the token lacks `requiredScope` or is read-only and the method is not GET, HEAD or OPTIONS.',
  })
  @ApiOkResponse({ type: VerifiedView })
  @ApiBadRequestResponse({
    description:
      'The JSON body fails validation (messaging.adaptors.http.flow.InvalidRequest), or the described request is ' +
      'malformed: an OAuth problem (parameter_absent, parameter_rejected, …)',
  })
  async verify(@Body() body: VerifyRequestDto, @Actor() actor: Principal): Promise<VerifiedView> {
    const { input, body: describedBody } = describedRequest(body);
    const requiredScopes = scopeList(body.requiredScope);
    return verifiedView(
      await this.resourceRequests.check(input, { caller: actor, requiredScopes, body: describedBody }),
    );
  }
}
