import { Injectable } from '@nestjs/common';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import type { SignedRequestInput } from '../../oauth1/index.js';
import { SignedRequestAuthenticator } from '../signed-request-authenticator.js';
import type { AuthenticatedRequest, SignedRequestPolicy } from '../signed-request-authenticator.js';

/** Who asks: a management user, who may only learn about consumers of the organizations it has a role in. */
export interface VerifyCaller {
  sysadmin: boolean;
  roles: ReadonlyMap<string, unknown>;
}

const ACCESS: SignedRequestPolicy<'access'> = { token: 'access' };

/** A request a resource server received, signed with an access token (contract 1, "verify"), checked in order. */
@Injectable()
export class ResourceRequestCheck {
  constructor(private readonly requests: SignedRequestAuthenticator) {}

  async check(input: SignedRequestInput, caller: VerifyCaller): Promise<AuthenticatedRequest<'access'>> {
    const form = this.requests.readForm(input, ACCESS);
    const consumer = await this.requests.findConsumer(form);
    // Before anything about the consumer is revealed: another organization's consumer is not the caller's business.
    if (!caller.sysadmin && !caller.roles.has(consumer.organization)) throw AdminErrors.forbidden();
    const request = await this.requests.authenticateConsumer(input, form, consumer, ACCESS);
    await this.requests.spendNonce(request);
    return request;
  }
}
