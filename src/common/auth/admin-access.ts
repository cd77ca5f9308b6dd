import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBasicAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';

/**
 * Who may call a route:
 * - org: a role in the path's {org}; reads for orgadmin and readonlyadmin, writes for orgadmin (sysadmin: all);
 * - sysadmin: sysadmins only;
 * - self: the user named by the path's {email}, or a sysadmin;
 * - any: any management user (the route checks the org itself, as verify does).
 */
export type AccessPolicy = 'org' | 'sysadmin' | 'self' | 'any';

export const ACCESS_POLICY = 'admin-access-policy';

export const AdminAccess = (policy: AccessPolicy) =>
  applyDecorators(
    SetMetadata(ACCESS_POLICY, policy),
    ApiBasicAuth('basic'),
    ApiUnauthorizedResponse({ description: 'Missing or wrong credentials (security.auth.Unauthorized)' }),
    ApiForbiddenResponse({ description: 'No role that allows this call (security.auth.Forbidden)' }),
  );

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The management user making the call: recorded as createdBy / lastModifiedBy. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('@Actor() used on a route without @AdminAccess()');
  return principal;
});
