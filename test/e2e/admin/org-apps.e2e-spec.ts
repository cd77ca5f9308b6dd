import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeveloperApp } from '../../../src/admin/apps/developer-app.entity.js';
import { Company } from '../../../src/admin/companies/company.entity.js';
import { Credential } from '../../../src/admin/keys/credential.entity.js';
import { AppJson, createApiProduct, createDeveloper, createDeveloperApp } from '../../support/factories.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures } from './admin-fixtures.js';

const BASE = `/v1/o/${ORG}/apps`;

describe('org-level apps (GET /apps)', () => {
  let t: TestApp;
  let access: AccessFixtures;
  let developerId: string;
  let approved: AppJson;
  let revoked: AppJson;
  let companyAppId: string;
  let otherOrgApp: AppJson;
  let allIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
    const product = await createApiProduct(t);
    const developer = await createDeveloper(t);
    developerId = developer.developerId;
    approved = await createDeveloperApp(t, developer.email, { name: 'weather', apiProducts: [product.name] });
    revoked = await createDeveloperApp(t, developer.email, { name: 'traffic' });
    const action = await t
      .http()
      .post(`/v1/o/${ORG}/developers/${developer.email}/apps/traffic?action=revoke`)
      .set('Authorization', ADMIN_AUTH);
    expect(action.status).toBe(204);

    // The companies API is another piece of work: the company and its app are stored directly.
    const manager = t.app.get(DataSource).manager;
    const now = t.clock.now();
    const audited = { createdAt: now, createdBy: 'test', lastModifiedAt: now, lastModifiedBy: 'test' };
    const companyId = randomUUID();
    await manager.insert(Company, {
      ...audited,
      companyId,
      organization: ORG,
      name: 'partners-inc',
      displayName: 'Partners Inc',
      status: 'active',
      attributes: [],
    });
    companyAppId = randomUUID();
    await manager.insert(DeveloperApp, {
      ...audited,
      appId: companyAppId,
      organization: ORG,
      developerId: null,
      companyId,
      name: 'partner-portal',
      callbackUrl: null,
      status: 'approved',
      attributes: [],
      scopes: [],
      appFamily: 'default',
    });
    await manager.insert(Credential, {
      consumerKey: `companykey${Date.now()}`,
      consumerSecret: 'companysecret123',
      organization: ORG,
      appId: companyAppId,
      status: 'approved',
      issuedAt: now,
      expiresAt: -1,
      scopes: [],
      attributes: [],
      apiProducts: [],
      publicKey: null,
    });

    const otherDeveloper = await createDeveloper(t, {}, 'globex');
    otherOrgApp = await createDeveloperApp(t, otherDeveloper.email, {}, 'globex');
    allIds = [approved.appId, revoked.appId, companyAppId].sort();
  });
  afterAll(() => t.close());

  const get = (path: string, authorization = ADMIN_AUTH) => t.http().get(path).set('Authorization', authorization);

  it("lists the appIds of every app of the org, developer and company apps alike, sorted, and no other org's", async () => {
    const response = await get(BASE);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(allIds);
    expect(response.body).not.toContain(otherOrgApp.appId);
  });

  it('expands to full records, developer apps with developerId and company apps with companyName', async () => {
    const response = await get(`${BASE}?expand=true`);
    expect(response.status).toBe(200);
    const byId = new Map(response.body.app.map((app: { appId: string }) => [app.appId, app]));
    expect(response.body.app.map((app: { appId: string }) => app.appId)).toEqual(allIds);
    expect(byId.get(approved.appId)).toEqual(
      expect.objectContaining({ name: 'weather', developerId, credentials: approved.credentials }),
    );
    expect(byId.get(companyAppId)).toEqual(
      expect.objectContaining({
        name: 'partner-portal',
        companyName: 'partners-inc',
        credentials: [expect.objectContaining({ consumerSecret: 'companysecret123' })],
      }),
    );
    expect(byId.get(companyAppId)).not.toHaveProperty('developerId');
  });

  it('leaves credentials out with includeCred=false', async () => {
    const response = await get(`${BASE}?expand=true&includeCred=false`);
    expect(response.status).toBe(200);
    expect(response.body.app).toHaveLength(3);
    for (const app of response.body.app) expect(app).not.toHaveProperty('credentials');
  });

  it('filters by status and by apptype', async () => {
    expect((await get(`${BASE}?status=revoked`)).body).toEqual([revoked.appId]);
    expect((await get(`${BASE}?status=approved`)).body).toEqual([approved.appId, companyAppId].sort());
    expect((await get(`${BASE}?apptype=company`)).body).toEqual([companyAppId]);
    expect((await get(`${BASE}?apptype=developer`)).body).toEqual([approved.appId, revoked.appId].sort());
    const expanded = await get(`${BASE}?apptype=company&expand=true`);
    expect(expanded.body.app.map((app: { name: string }) => app.name)).toEqual(['partner-portal']);
  });

  it('pages with rows and startKey (an appId)', async () => {
    expect((await get(`${BASE}?rows=2`)).body).toEqual(allIds.slice(0, 2));
    expect((await get(`${BASE}?rows=2&startKey=${allIds[1]}`)).body).toEqual(allIds.slice(2));
  });

  it.each(['status=pending', 'apptype=partner', 'rows=0', 'rows=1001'])(
    'answers 400 InvalidRequest to %s',
    async (q) => {
      const response = await get(`${BASE}?${q}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
    },
  );

  it('answers the lists in Apigee XML', async () => {
    const ids = await get(BASE).set('Accept', 'application/xml');
    expect(ids.headers['content-type']).toMatch(/^application\/xml/);
    expect(ids.text).toContain(`<List>${allIds.map((id) => `<Item>${id}</Item>`).join('')}</List>`);
    const expanded = await get(`${BASE}?expand=true&apptype=company`).set('Accept', 'application/xml');
    expect(expanded.text).toMatch(
      /<Apps><App><AppId>[^<]+<\/AppId><Name>partner-portal<\/Name><CompanyName>partners-inc/,
    );
  });

  it('gives any app of the org by its appId, in JSON and XML', async () => {
    const response = await get(`${BASE}/${approved.appId}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ appId: approved.appId, name: 'weather', developerId }));
    const company = await get(`${BASE}/${companyAppId}`).set('Accept', 'application/xml');
    expect(company.status).toBe(200);
    expect(company.text).toContain('<App name="partner-portal">');
    expect(company.text).toContain('<CompanyName>partners-inc</CompanyName>');
  });

  it("answers 404 AppDoesNotExist for an unknown appId and for another org's app", async () => {
    for (const appId of ['no-such-app', otherOrgApp.appId]) {
      const response = await get(`${BASE}/${appId}`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.AppDoesNotExist');
    }
  });

  it("lets a readonlyadmin read the org's apps and refuses another org's orgadmin", async () => {
    expect((await get(BASE, access.readonlyAuth)).status).toBe(200);
    expect((await get(`${BASE}/${approved.appId}`, access.readonlyAuth)).status).toBe(200);
    expect((await get(BASE, access.otherOrgAdminAuth)).status).toBe(403);
    expect((await get(`${BASE}/${approved.appId}`, access.otherOrgAdminAuth)).status).toBe(403);
  });
});
