import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ExecutionContext, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AdminAuthGuard } from '../../../src/common/auth/admin-auth.guard.js';
import { ApigeeError } from '../../../src/common/errors/apigee-error.js';

/** A route handler that declares no @AdminAccess() policy. */
function undeclaredHandler(): void {}

function routeContext(method: string, route: string, url: string): ExecutionContext {
  const request = { method, url, routeOptions: { url: route }, headers: {}, params: {}, ip: '127.0.0.1' };
  return {
    getHandler: () => undeclaredHandler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

/** A route without a policy is decided before any credentials are read, so the guard needs none of its services. */
const NOT_REACHED = [undefined, undefined] as unknown as [never, never];

describe('the admin guard on a route without an access policy', () => {
  const guard = new AdminAuthGuard(new Reflector(), ...NOT_REACHED);
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('refuses a /v1 route with 403 security.auth.Forbidden and logs an error naming the route', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const refused = guard.canActivate(routeContext('DELETE', '/v1/o/:org/forgotten/:id', '/v1/o/acme/forgotten/7'));
    await expect(refused).rejects.toBeInstanceOf(ApigeeError);
    await expect(refused).rejects.toMatchObject({ status: 403, code: 'security.auth.Forbidden' });
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ reqId: undefined }),
      expect.stringContaining('DELETE /v1/o/:org/forgotten/:id'),
    );
  });

  it('lets a route outside the management API through (health, protocol, docs)', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await expect(guard.canActivate(routeContext('GET', '/healthz', '/healthz'))).resolves.toBe(true);
    await expect(
      guard.canActivate(routeContext('POST', '/oauth/oauth10/initiate', '/oauth/oauth10/initiate')),
    ).resolves.toBe(true);
    expect(logged).not.toHaveBeenCalled();
  });
});
