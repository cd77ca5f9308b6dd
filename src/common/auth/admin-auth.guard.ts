import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AdminErrors } from '../errors/apigee-error.js';
import { ACCESS_POLICY, AccessPolicy, AuthenticatedRequest } from './admin-access.js';
import { FailedAttemptLimiter } from './failed-attempt-limiter.js';
import { Principal, PrincipalResolver } from './principal.js';

const READ_METHODS = new Set(['GET', 'HEAD']);
const MANAGEMENT_API = '/v1/';

/**
 * Registered globally; acts on routes marked with @AdminAccess(). The management API fails closed: a /v1 route that
 * declares no policy is refused rather than left open.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly logger = new Logger(AdminAuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
    private readonly failures: FailedAttemptLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<AccessPolicy | undefined>(ACCESS_POLICY, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!policy) return this.allowWithoutPolicy(request);
    const retryAfter = await this.failures.retryAfterSeconds('basic-auth', request.ip);
    if (retryAfter > 0) throw AdminErrors.tooManyRequests(retryAfter);
    const principal = await this.principals.authenticate(request.headers.authorization);
    if (!principal) {
      await this.failures.recordFailure('basic-auth', request.ip);
      throw AdminErrors.unauthorized();
    }
    request.principal = principal;
    await this.authorize(policy, principal, request);
    return true;
  }

  private allowWithoutPolicy(request: AuthenticatedRequest): boolean {
    const route = request.routeOptions.url ?? request.url;
    if (!route.startsWith(MANAGEMENT_API)) return true;
    this.logger.error(
      { reqId: request.id },
      `${request.method} ${route} declares no @AdminAccess() policy: refused until it does`,
    );
    throw AdminErrors.forbidden();
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
