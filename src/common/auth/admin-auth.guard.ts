import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AdminErrors } from '../errors/apigee-error.js';
import { ACCESS_POLICY, AccessPolicy, AuthenticatedRequest } from './admin-access.js';
import { FailedAttemptLimiter } from './failed-attempt-limiter.js';
import { Principal, PrincipalResolver } from './principal.js';

const READ_METHODS = new Set(['GET', 'HEAD']);

/** Registered globally; acts on routes marked with @AdminAccess(). */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
    private readonly failures: FailedAttemptLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<AccessPolicy | undefined>(ACCESS_POLICY, context.getHandler());
    if (!policy) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const retryAfter = this.failures.retryAfterSeconds('basic-auth', request.ip);
    if (retryAfter > 0) throw AdminErrors.tooManyRequests(retryAfter);
    const principal = await this.principals.authenticate(request.headers.authorization);
    if (!principal) {
      this.failures.recordFailure('basic-auth', request.ip);
      throw AdminErrors.unauthorized();
    }
    request.principal = principal;
    await this.authorize(policy, principal, request);
    return true;
  }

  private async authorize(policy: AccessPolicy, principal: Principal, request: AuthenticatedRequest): Promise<void> {
    const params = request.params as Record<string, string | undefined>;
    switch (policy) {
      case 'any':
        return;
      case 'sysadmin':
        if (!principal.sysadmin) throw AdminErrors.forbidden();
        return;
      case 'self':
        if (!principal.sysadmin && params.email?.toLowerCase() !== principal.email) throw AdminErrors.forbidden();
        return;
      case 'org': {
        const org = params.org ?? '';
        if (principal.sysadmin) {
          // Only a sysadmin learns whether an organization it has no role in exists.
          if (!(await this.principals.organizationExists(org))) throw AdminErrors.organizationNotFound(org);
          return;
        }
        const role = principal.roles.get(org);
        if (!role) throw AdminErrors.forbidden();
        if (role === 'readonlyadmin' && !READ_METHODS.has(request.method)) throw AdminErrors.forbidden();
        return;
      }
    }
  }
}
