import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Developer } from '../../../src/admin/developers/developer.entity.js';
import {
  createApiProduct,
  createAppUser,
  createCompany,
  createCompanyApp,
  createDeveloper,
  createDeveloperApp,
} from '../../support/factories.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = `/v1/o/${ORG}`;
const DEVELOPERS = 2500;

describe('paging of the lists', () => {
  let t: TestApp;
  let emails: string[];
  beforeAll(async () => {
    t = await startTestApp();
    const now = t.clock.now();
    emails = Array.from({ length: DEVELOPERS }, (_, i) => `paged${String(i).padStart(4, '0')}@example.com`);
    const rows = emails.map((email) => ({
      developerId: randomUUID(),
      organization: ORG,
      email,
      firstName: 'Paged',
      lastName: 'Developer',
      userName: email.split('@')[0],
      status: 'active' as const,
      attributes: [],
      createdAt: now,
      createdBy: 'test',
      lastModifiedAt: now,
      lastModifiedBy: 'test',
    }));
    const manager = t.app.get(DataSource).manager;
    for (let i = 0; i < rows.length; i += 250) await manager.insert(Developer, rows.slice(i, i + 250));
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);

  it('walks 2,500 developers with count and startKey, each seen once and in order', async () => {
    const seen: string[] = [];
    let startKey: string | undefined;
    let pages = 0;
    for (;;) {
      const query = new URLSearchParams({ count: '700', ...(startKey ? { startKey } : {}) });
      const response = await get(`${BASE}/developers?${query.toString()}`);
      expect(response.status).toBe(200);
      const page = response.body as string[];
      pages += 1;
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(700);
      seen.push(...page);
      startKey = page[page.length - 1];
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(emails);
  });

  it('answers at most 1000 developers without count', async () => {
    const response = await get(`${BASE}/developers`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(emails.slice(0, 1000));
  });

  it('pages the expanded list of developers the same way', async () => {
    const response = await get(`${BASE}/developers?expand=true&count=3&startKey=${emails[1996]}`);
    expect(response.status).toBe(200);
    expect(response.body.developer.map((developer: { email: string }) => developer.email)).toEqual(
      emails.slice(1997, 2000),
    );
  });

  it.each(['0', '1001', '-5', '2.5', 'many', ''])('answers 400 InvalidRequest to count=%p', async (count) => {
    const response = await get(`${BASE}/developers?count=${count}`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
    expect(response.body.message).toContain('count must be an integer from 1 to 1000');
  });

  it('answers 400 InvalidRequest in XML to a bad count asked for in XML', async () => {
    const response = await get(`${BASE}/apiproducts?count=5000`).set('Accept', 'application/xml');
    expect(response.status).toBe(400);
    expect(response.text).toContain('<Code>messaging.adaptors.http.flow.InvalidRequest</Code>');
  });

  it("pages a developer's apps, API products and app users by name", async () => {
    const developer = await createDeveloper(t);
    for (const name of ['app-c', 'app-a', 'app-b']) await createDeveloperApp(t, developer.email, { name });
    for (const name of ['prod-c', 'prod-a', 'prod-b']) await createApiProduct(t, { name });
    for (const id of ['user-c', 'user-a', 'user-b']) await createAppUser(t, { id });

    const apps = await get(`${BASE}/developers/${developer.email}/apps?count=1&startKey=app-a`);
    expect(apps.body).toEqual(['app-b']);
    const expandedApps = await get(`${BASE}/developers/${developer.email}/apps?expand=true&startKey=app-b`);
    expect(expandedApps.body.app.map((app: { name: string }) => app.name)).toEqual(['app-c']);
    expect((await get(`${BASE}/apiproducts?count=2`)).body).toEqual(['prod-a', 'prod-b']);
    expect((await get(`${BASE}/apiproducts?startKey=prod-b`)).body).toEqual(['prod-c']);
    const products = await get(`${BASE}/apiproducts?expand=true&count=1&startKey=prod-a`);
    expect(products.body.apiProduct.map((product: { name: string }) => product.name)).toEqual(['prod-b']);
    expect((await get(`${BASE}/appusers?count=2`)).body).toEqual(['user-a', 'user-b']);
    expect((await get(`${BASE}/appusers?expand=true&startKey=user-b`)).body.appUser).toEqual([
      expect.objectContaining({ id: 'user-c' }),
    ]);
    expect((await get(`${BASE}/developers/${developer.email}/apps?count=0`)).status).toBe(400);
  });

  it("pages companies and a company's apps by name", async () => {
    for (const name of ['co-c', 'co-a', 'co-b']) await createCompany(t, { name });
    for (const name of ['capp-c', 'capp-a', 'capp-b']) await createCompanyApp(t, 'co-a', { name });

    expect((await get(`${BASE}/companies?count=2`)).body).toEqual(['co-a', 'co-b']);
    expect((await get(`${BASE}/companies?startKey=co-b`)).body).toEqual(['co-c']);
    const companies = await get(`${BASE}/companies?expand=true&count=1&startKey=co-a`);
    expect(companies.body.company.map((company: { name: string }) => company.name)).toEqual(['co-b']);
    expect((await get(`${BASE}/companies/co-a/apps?count=1&startKey=capp-a`)).body).toEqual(['capp-b']);
    const apps = await get(`${BASE}/companies/co-a/apps?expand=true&startKey=capp-b`);
    expect(apps.body.app.map((app: { name: string }) => app.name)).toEqual(['capp-c']);
    expect((await get(`${BASE}/companies?count=1001`)).status).toBe(400);
  });

  it("gives an app's developer with ?app=, as an email or with expand its record", async () => {
    const developer = await createDeveloper(t);
    await createDeveloperApp(t, developer.email, { name: 'only-one-has-this' });
    const other = await createDeveloper(t);
    await createDeveloperApp(t, other.email, { name: 'another-app' });

    expect((await get(`${BASE}/developers?app=only-one-has-this`)).body).toEqual([developer.email]);
    const expanded = await get(`${BASE}/developers?app=only-one-has-this&expand=true`);
    expect(expanded.body.developer).toEqual([
      expect.objectContaining({
        email: developer.email,
        developerId: developer.developerId,
        apps: ['only-one-has-this'],
      }),
    ]);
    expect((await get(`${BASE}/developers?app=no-such-app`)).body).toEqual([]);
  });
});
