import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { listen } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ADMIN_PASSWORD, ORG, startTestApp, TestApp } from '../../support/test-app.js';

/** apigeetool (npm), Apigee's own command-line tool and SDK, driven unmodified as an administrator would. */

const CLI = 'node_modules/apigeetool/lib/cli.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** apigeetool's promise SDK: each command takes the CLI's options as an object. */
type ApigeeSdk = Record<string, (options: Record<string, unknown>) => Promise<unknown>>;
const sdk = (createRequire(import.meta.url)('apigeetool') as { getPromiseSDK(): ApigeeSdk }).getPromiseSDK();

describe('apigeetool as a real client, in the order an administrator works', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
  });
  afterAll(() => t.close());

  /** `apigeetool <command> -L <base> -u <admin> -p <password> -o <org> …` in its own process. */
  const apigeetool = (command: string, ...args: string[]): Promise<CliResult> =>
    new Promise((resolve) => {
      const argv = [CLI, command, '-L', base, '-u', ADMIN_EMAIL, '-p', ADMIN_PASSWORD, '-o', ORG, ...args];
      execFile(process.execPath, argv, { timeout: 20_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });
  const sdkOptions = () => ({ baseuri: base, username: ADMIN_EMAIL, password: ADMIN_PASSWORD, organization: ORG });
  const admin = (path: string) => t.http().get(`/v1/o/${ORG}${path}`).set('Authorization', ADMIN_AUTH);

  const expectSuccess = (result: CliResult) => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  it('creates an API product with its environments, proxies and quota', async () => {
    const product = expectSuccess(
      await apigeetool(
        'createProduct',
        '--productName',
        'weather',
        '--displayName',
        'Weather',
        '--productDesc',
        'Forecasts',
        '--approvalType',
        'auto',
        '--environments',
        'prod,test',
        '--proxies',
        'weather-v1',
        '--scopes',
        'read,write',
        '--quota',
        '1000',
        '--quotaInterval',
        '1',
        '--quotaTimeUnit',
        'hour',
      ),
    );
    expect(product).toMatchObject({ name: 'weather', displayName: 'Weather', quota: '1000' });
    expect((await admin('/apiproducts/weather')).body).toMatchObject({
      name: 'weather',
      description: 'Forecasts',
      approvalType: 'auto',
      scopes: ['read', 'write'],
      attributes: [{ name: 'access', value: 'public' }],
      environments: ['prod', 'test'],
      proxies: ['weather-v1'],
      apiResources: [],
      quota: '1000',
      quotaInterval: '1',
      quotaTimeUnit: 'hour',
    });
    expect(await sdk.listProducts(sdkOptions())).toEqual(['weather']);
  });

  it('creates a developer, and reports a second one with the same email as Apigee does', async () => {
    const args = ['--email', 'jane@example.com', '--firstName', 'Jane', '--lastName', 'Doe', '--userName', 'jane'];
    expect(expectSuccess(await apigeetool('createDeveloper', ...args))).toEqual({});
    expect((await admin('/developers/jane@example.com')).body).toMatchObject({
      email: 'jane@example.com',
      firstName: 'Jane',
      lastName: 'Doe',
      userName: 'jane',
      status: 'active',
    });
    const again = await apigeetool('createDeveloper', ...args);
    expect(again.code).toBe(6);
    expect(again.stderr).toContain('jane@example.com');
  });

  it('creates an app holding the product, and imports a key for it', async () => {
    const app = expectSuccess(
      await apigeetool(
        'createApp',
        '--name',
        'weather-app',
        '--apiProducts',
        'weather',
        '--email',
        'jane@example.com',
        '--callback',
        'https://client.example.com/callback',
      ),
    );
    expect(app).toMatchObject({
      name: 'weather-app',
      callbackUrl: 'https://client.example.com/callback',
      status: 'approved',
      credentials: [{ status: 'approved', apiProducts: [{ apiproduct: 'weather', status: 'approved' }] }],
    });
    const key = expectSuccess(
      await apigeetool(
        'createAppKey',
        '--developerId',
        'jane@example.com',
        '--appName',
        'weather-app',
        '--key',
        'imported-weather-key',
        '--secret',
        'imported-weather-secret',
        '--apiProducts',
        'weather',
      ),
    );
    expect(key).toMatchObject({
      consumerKey: 'imported-weather-key',
      apiProducts: [{ apiproduct: 'weather', status: 'approved' }],
    });
    const stored = (await admin('/developers/jane@example.com/apps/weather-app')).body;
    expect(stored.credentials.map((credential: { consumerKey: string }) => credential.consumerKey)).toContain(
      'imported-weather-key',
    );
    expect(stored.credentials).toHaveLength(2);

    // Its SDK's listApps and getApp read the org-wide /apps and /apps/{appId}.
    const appIds = await sdk.listApps(sdkOptions());
    expect(appIds).toEqual([stored.appId]);
    const read = (await sdk.getApp({ ...sdkOptions(), app: stored.appId })) as Record<string, unknown>;
    expect(read).toMatchObject({ appId: stored.appId, name: 'weather-app', developerId: stored.developerId });
    expect(read.credentials).toHaveLength(2);
  });

  it('gives, checks, lists and takes away a user role', async () => {
    const user = await t.http().post('/v1/users').set('Authorization', ADMIN_AUTH).send({
      emailId: 'reader@example.com',
      firstName: 'Read',
      lastName: 'Only',
      password: 'reader-password-1',
    });
    expect(user.status).toBe(201);
    expect(expectSuccess(await apigeetool('listRoles'))).toEqual(['orgadmin', 'readonlyadmin']);
    expect(expectSuccess(await apigeetool('getRole', '--roleName', 'readonlyadmin'))).toEqual({
      name: 'readonlyadmin',
    });
    const roleArgs = ['--roleName', 'readonlyadmin', '--email', 'reader@example.com'];
    expect(expectSuccess(await apigeetool('assignUserRole', ...roleArgs))).toEqual({
      user: [{ name: 'reader@example.com' }],
    });
    expect(expectSuccess(await apigeetool('verifyUserRole', ...roleArgs))).toEqual({ name: 'reader@example.com' });
    expect(expectSuccess(await apigeetool('listRoleUsers', '--roleName', 'readonlyadmin'))).toEqual([
      'reader@example.com',
    ]);
    expect(
      await sdk.verifyUserRole({ ...sdkOptions(), roleName: 'readonlyadmin', email: 'reader@example.com' }),
    ).toEqual({ name: 'reader@example.com' });
    expect((await apigeetool('removeUserRole', ...roleArgs)).code).toBe(0);
    const gone = await apigeetool('verifyUserRole', ...roleArgs);
    expect(gone.code).toBe(6);
    expect((await admin('/userroles/readonlyadmin/users')).body).toEqual([]);
  });

  it('deletes the app, the developer and the product', async () => {
    expect(
      expectSuccess(await apigeetool('deleteApp', '--email', 'jane@example.com', '--name', 'weather-app')),
    ).toMatchObject({
      name: 'weather-app',
    });
    expect((await admin('/developers/jane@example.com/apps/weather-app')).status).toBe(404);
    expect(expectSuccess(await apigeetool('deleteDeveloper', '--email', 'jane@example.com'))).toMatchObject({
      email: 'jane@example.com',
    });
    expect((await admin('/developers/jane@example.com')).status).toBe(404);
    expect(expectSuccess(await apigeetool('deleteProduct', '--productName', 'weather'))).toMatchObject({
      name: 'weather',
    });
    expect((await admin('/apiproducts/weather')).status).toBe(404);
  });
});
