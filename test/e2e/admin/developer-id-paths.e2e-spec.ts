import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiProduct, createConsumer, createDeveloper } from '../../support/factories.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures } from './admin-fixtures.js';

describe('a developer named by developerId in paths', () => {
  let t: TestApp;
  let access: AccessFixtures;
  let developerId: string;
  let email: string;
  let appName: string;
  let consumerKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
    const product = await createApiProduct(t);
    const consumer = await createConsumer(t, { apiProducts: [product.name] });
    email = consumer.developerEmail;
    developerId = consumer.app.developerId as string;
    appName = consumer.app.name;
    consumerKey = consumer.consumerKey;
  });
  afterAll(() => t.close());

  const call = (method: 'get' | 'post' | 'put' | 'delete', path: string, authorization = ADMIN_AUTH) =>
    t.http()[method](path).set('Authorization', authorization);
  const byId = () => `/v1/o/${ORG}/developers/${developerId}`;
  const byEmail = () => `/v1/o/${ORG}/developers/${email}`;

  it('reads the same developer, apps, keys, attributes and token counts by developerId as by email', async () => {
    for (const suffix of [
      '',
      '/apps',
      '/apps?expand=true',
      `/apps/${appName}`,
      `/apps/${appName}/keys/${consumerKey}`,
      '/attributes',
      `/apps/${appName}/attributes`,
      `/apps/${appName}/keys/${consumerKey}/attributes`,
      `/apps/${appName}/oauth1accesstokens`,
      `/apps/${appName}/keys/${consumerKey}/oauth1accesstokens`,
    ]) {
      const [viaId, viaEmail] = [await call('get', byId() + suffix), await call('get', byEmail() + suffix)];
      expect([suffix, viaId.status]).toEqual([suffix, 200]);
      expect(viaId.body).toEqual(viaEmail.body);
    }
    expect((await call('get', `/v1/organizations/${ORG}/developers/${developerId}`)).body.email).toBe(email);
  });

  it('changes the developer, its apps and keys by developerId', async () => {
    const updated = await call('put', byId()).send({ firstName: 'Renamed' });
    expect(updated.status).toBe(200);
    expect((await call('get', byEmail())).body.firstName).toBe('Renamed');
    expect((await call('post', `${byId()}?action=inactive`)).status).toBe(204);
    expect((await call('get', byEmail())).body.status).toBe('inactive');
    expect((await call('post', `${byId()}/apps/${appName}?action=revoke`)).status).toBe(204);
    expect((await call('get', `${byEmail()}/apps/${appName}`)).body.status).toBe('revoked');
    expect((await call('post', `${byId()}/apps/${appName}/keys/${consumerKey}?action=revoke`)).status).toBe(204);
    expect((await call('get', `${byEmail()}/apps/${appName}/keys/${consumerKey}`)).body.status).toBe('revoked');
    const created = await call('post', `${byId()}/apps`).send({ name: 'made-by-id' });
    expect(created.status).toBe(201);
    expect(created.body.developerId).toBe(developerId);
    expect((await call('post', `${byId()}/attributes/tier`).send({ value: 'gold' })).status).toBe(200);
    expect((await call('get', byEmail())).body.attributes).toEqual([{ name: 'tier', value: 'gold' }]);
  });

  it('deletes the developer by developerId', async () => {
    const developer = await createDeveloper(t);
    const deleted = await call('delete', `/v1/o/${ORG}/developers/${developer.developerId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.email).toBe(developer.email);
    expect((await call('get', `/v1/o/${ORG}/developers/${developer.email}`)).status).toBe(404);
  });

  it("answers 404 DeveloperIdDoesNotExist, naming the id, for an unknown id and another org's developer", async () => {
    const unknown = await call('get', `/v1/o/${ORG}/developers/0d9b1a52-0000-4c1e-9d0c-5a8c3b0e6f11/apps`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(
      expect.objectContaining({
        code: 'developer.service.DeveloperIdDoesNotExist',
        message: `DeveloperId 0d9b1a52-0000-4c1e-9d0c-5a8c3b0e6f11 does not exist in organization ${ORG}`,
      }),
    );
    const stranger = await createDeveloper(t, {}, 'globex');
    const otherOrg = await call('get', `/v1/o/${ORG}/developers/${stranger.developerId}`);
    expect(otherOrg.status).toBe(404);
    const refused = await call('get', byId(), access.otherOrgAdminAuth);
    expect(refused.status).toBe(403);
    expect((await call('put', byId(), access.readonlyAuth).send({ firstName: 'No' })).status).toBe(403);
  });
});
