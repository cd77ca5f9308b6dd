import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDeveloper } from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures } from './admin-fixtures.js';

const BASE = `/v1/o/${ORG}/companies`;

describe('companies', () => {
  let t: TestApp;
  let access: AccessFixtures;

  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);
  const post = (path: string) => t.http().post(path).set('Authorization', ADMIN_AUTH);
  const put = (path: string) => t.http().put(path).set('Authorization', ADMIN_AUTH);
  const del = (path: string) => t.http().delete(path).set('Authorization', ADMIN_AUTH);

  describe('CRUD', () => {
    it('creates a company, reads it back and lists it by name or expanded', async () => {
      const created = await post(BASE).send({
        name: 'acme-partners',
        displayName: 'ACME Partners',
        attributes: [{ name: 'tier', value: 'gold' }],
      });
      expect(created.status).toBe(201);
      const now = t.clock.now();
      expect(created.body).toEqual({
        name: 'acme-partners',
        displayName: 'ACME Partners',
        organization: ORG,
        status: 'active',
        apps: [],
        attributes: [{ name: 'tier', value: 'gold' }],
        createdAt: now,
        createdBy: ADMIN_EMAIL,
        lastModifiedAt: now,
        lastModifiedBy: ADMIN_EMAIL,
      });
      expect((await get(`${BASE}/acme-partners`)).body).toEqual(created.body);
      expect((await get(`/v1/organizations/${ORG}/companies/acme-partners`)).body).toEqual(created.body);
      expect((await get(BASE)).body).toContain('acme-partners');
      const expanded = await get(`${BASE}?expand=true`);
      expect(expanded.body.company).toContainEqual(created.body);
    });

    it('takes the name as the display name when none is given', async () => {
      const created = await post(BASE).send({ name: 'plain' });
      expect(created.status).toBe(201);
      expect(created.body.displayName).toBe('plain');
    });

    it('answers 409 CompanyAlreadyExists for a name taken in the org', async () => {
      await post(BASE).send({ name: 'taken' });
      const again = await post(BASE).send({ name: 'taken' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('developer.service.CompanyAlreadyExists');
    });

    it('answers 400 InvalidRequest for a missing name', async () => {
      const response = await post(BASE).send({ displayName: 'No name' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      expect(response.body.message).toContain('name');
    });

    it('updates the display name and attributes, keeping the name', async () => {
      await post(BASE).send({ name: 'renamed', displayName: 'Before' });
      t.clock.advance(1000);
      const updated = await put(`${BASE}/renamed`).send({
        displayName: 'After',
        attributes: [{ name: 'region', value: 'eu' }],
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        name: 'renamed',
        displayName: 'After',
        attributes: [{ name: 'region', value: 'eu' }],
        lastModifiedAt: t.clock.now(),
      });
      expect(updated.body.createdAt).toBeLessThan(updated.body.lastModifiedAt);
      expect((await get(`${BASE}/renamed`)).body).toEqual(updated.body);
      const rename = await put(`${BASE}/renamed`).send({ name: 'other' });
      expect(rename.status).toBe(400);
    });

    it('sets the status with ?action=active|inactive and no body', async () => {
      await post(BASE).send({ name: 'switch' });
      const inactive = await post(`${BASE}/switch?action=inactive`).set('Content-Type', 'application/octet-stream');
      expect(inactive.status).toBe(204);
      expect((await get(`${BASE}/switch`)).body.status).toBe('inactive');
      expect((await post(`${BASE}/switch?action=active`)).status).toBe(204);
      expect((await get(`${BASE}/switch`)).body.status).toBe('active');
      const unknown = await post(`${BASE}/switch?action=approve`);
      expect(unknown.status).toBe(400);
    });

    it('deletes a company, answering with its record, and then reports it unknown', async () => {
      const created = await post(BASE).send({ name: 'gone' });
      const deleted = await del(`${BASE}/gone`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual(created.body);
      const after = await get(`${BASE}/gone`);
      expect(after.status).toBe(404);
      expect(after.body).toEqual({
        code: 'developer.service.CompanyDoesNotExist',
        message: `Company gone does not exist in organization ${ORG}`,
        contexts: [],
      });
      expect((await del(`${BASE}/gone`)).status).toBe(404);
      expect((await put(`${BASE}/gone`).send({})).status).toBe(404);
    });

    it('renders a company as <Company name="…"> and lists in Apigee XML', async () => {
      await post(BASE).send({ name: 'xml-co', displayName: 'XML Co', attributes: [{ name: 'a', value: 'b' }] });
      const one = await get(`${BASE}/xml-co`).set('Accept', 'application/xml');
      expect(one.status).toBe(200);
      expect(one.headers['content-type']).toMatch(/^application\/xml/);
      expect(one.text).toContain('<Company name="xml-co"><DisplayName>XML Co</DisplayName>');
      expect(one.text).toContain('<Attributes><Attribute><Name>a</Name><Value>b</Value></Attribute></Attributes>');
      const list = await get(BASE).set('Accept', 'application/xml');
      expect(list.text).toContain('<Item>xml-co</Item>');
      const expanded = await get(`${BASE}?expand=true`).set('Accept', 'application/xml');
      expect(expanded.text).toContain('<Companies><Company><Name>acme-partners</Name>');
      const missing = await get(`${BASE}/nope`).set('Accept', 'application/xml');
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('<Code>developer.service.CompanyDoesNotExist</Code>');
    });

    it('accepts an Apigee XML body', async () => {
      const created = await post(BASE)
        .set('Content-Type', 'application/xml')
        .send('<Company name="from-xml"><DisplayName>From XML</DisplayName></Company>');
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'from-xml', displayName: 'From XML' });
    });
  });

  describe('developers of a company', () => {
    it('adds developers with roles, lists them, and shows the company on each developer', async () => {
      await post(BASE).send({ name: 'team' });
      const jane = await createDeveloper(t, { email: 'jane@example.com' });
      const joe = await createDeveloper(t, { email: 'joe@example.com' });
      const added = await post(`${BASE}/team/developers`).send({
        developer: [
          { email: 'Joe@Example.com', role: 'member' },
          { email: jane.email, role: 'admin' },
        ],
      });
      expect(added.status).toBe(200);
      expect(added.body).toEqual({
        developer: [
          { email: 'jane@example.com', role: 'admin' },
          { email: 'joe@example.com', role: 'member' },
        ],
      });
      expect((await get(`${BASE}/team/developers`)).body).toEqual(added.body);
      const developer = await get(`/v1/o/${ORG}/developers/${joe.email}`);
      expect(developer.body.companies).toEqual(['team']);
      const expanded = await get(`/v1/o/${ORG}/developers?expand=true`);
      const listed = (expanded.body.developer as Array<{ email: string; companies: string[] }>).find(
        (d) => d.email === jane.email,
      );
      expect(listed?.companies).toEqual(['team']);
    });

    it('updates the role of a member given again, keeping the others', async () => {
      await post(BASE).send({ name: 'roles' });
      const dev = await createDeveloper(t);
      const other = await createDeveloper(t);
      await post(`${BASE}/roles/developers`).send({ developer: [{ email: dev.email, role: 'member' }] });
      await post(`${BASE}/roles/developers`).send({ developer: [{ email: other.email }] });
      const updated = await post(`${BASE}/roles/developers`).send({ developer: [{ email: dev.email, role: 'owner' }] });
      expect(updated.body.developer).toEqual(
        [{ email: dev.email, role: 'owner' }, { email: other.email }].sort((a, b) => a.email.localeCompare(b.email)),
      );
    });

    it('answers 404 DeveloperIdDoesNotExist for an unknown developer and adds none of the list', async () => {
      await post(BASE).send({ name: 'strict' });
      const dev = await createDeveloper(t);
      const response = await post(`${BASE}/strict/developers`).send({
        developer: [{ email: dev.email }, { email: 'ghost@example.com' }],
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
      expect((await get(`${BASE}/strict/developers`)).body).toEqual({ developer: [] });
    });

    it('removes a member, and answers 404 for one who is not a member', async () => {
      await post(BASE).send({ name: 'leaving' });
      const dev = await createDeveloper(t);
      await post(`${BASE}/leaving/developers`).send({ developer: [{ email: dev.email, role: 'member' }] });
      const removed = await del(`${BASE}/leaving/developers/${dev.email}`);
      expect(removed.status).toBe(200);
      expect(removed.body).toEqual({ email: dev.email, role: 'member' });
      expect((await get(`${BASE}/leaving/developers`)).body).toEqual({ developer: [] });
      expect((await get(`/v1/o/${ORG}/developers/${dev.email}`)).body.companies).toEqual([]);
      const again = await del(`${BASE}/leaving/developers/${dev.email}`);
      expect(again.status).toBe(404);
      expect(again.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
    });

    it('ends the memberships when the company or the developer is deleted', async () => {
      await post(BASE).send({ name: 'short-lived' });
      await post(BASE).send({ name: 'lasting' });
      const dev = await createDeveloper(t);
      const leaver = await createDeveloper(t);
      await post(`${BASE}/short-lived/developers`).send({ developer: [{ email: dev.email }] });
      await post(`${BASE}/lasting/developers`).send({ developer: [{ email: dev.email }, { email: leaver.email }] });
      await del(`${BASE}/short-lived`);
      expect((await get(`/v1/o/${ORG}/developers/${dev.email}`)).body.companies).toEqual(['lasting']);
      await del(`/v1/o/${ORG}/developers/${leaver.email}`);
      expect((await get(`${BASE}/lasting/developers`)).body).toEqual({ developer: [{ email: dev.email }] });
    });

    it('takes the member list as Apigee XML, one <Developer> or several', async () => {
      await post(BASE).send({ name: 'xml-members' });
      const [first, second] = [await createDeveloper(t), await createDeveloper(t)];
      const one = await post(`${BASE}/xml-members/developers`)
        .set('Content-Type', 'application/xml')
        .send(`<Developers><Developer><Email>${first.email}</Email><Role>admin</Role></Developer></Developers>`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ developer: [{ email: first.email, role: 'admin' }] });
      const both = await post(`${BASE}/xml-members/developers`)
        .set('Content-Type', 'application/xml')
        .send(
          `<Developers><Developer><Email>${first.email}</Email><Role>owner</Role></Developer>` +
            `<Developer><Email>${second.email}</Email></Developer></Developers>`,
        );
      expect(both.status).toBe(200);
      expect(both.body.developer).toEqual(
        [{ email: first.email, role: 'owner' }, { email: second.email }].sort((a, b) => a.email.localeCompare(b.email)),
      );
    });

    it('answers the member list in Apigee XML', async () => {
      await post(BASE).send({ name: 'xml-team' });
      const dev = await createDeveloper(t);
      await post(`${BASE}/xml-team/developers`).send({ developer: [{ email: dev.email, role: 'admin' }] });
      const response = await get(`${BASE}/xml-team/developers`).set('Accept', 'application/xml');
      expect(response.text).toContain(
        `<Developers><Developer><Email>${dev.email}</Email><Role>admin</Role></Developer></Developers>`,
      );
    });
  });

  describe('access', () => {
    it('answers 403 to a readonlyadmin on writes and lets it read', async () => {
      await post(BASE).send({ name: 'guarded' });
      const readonly = access.readonlyAuth;
      expect((await t.http().get(`${BASE}/guarded`).set('Authorization', readonly)).status).toBe(200);
      expect((await t.http().post(BASE).set('Authorization', readonly).send({ name: 'ro' })).status).toBe(403);
      expect((await t.http().put(`${BASE}/guarded`).set('Authorization', readonly).send({})).status).toBe(403);
      expect((await t.http().delete(`${BASE}/guarded`).set('Authorization', readonly)).status).toBe(403);
      expect((await t.http().post(`${BASE}/guarded?action=inactive`).set('Authorization', readonly)).status).toBe(403);
      expect((await get(`${BASE}/guarded`)).body.status).toBe('active');
    });

    it("keeps companies per organization: another org's admin gets 403, and its own org does not see them", async () => {
      await post(BASE).send({ name: 'private' });
      const other = access.otherOrgAdminAuth;
      expect((await t.http().get(`${BASE}/private`).set('Authorization', other)).status).toBe(403);
      expect((await t.http().get(BASE).set('Authorization', other)).status).toBe(403);
      const theirs = await t.http().get(`/v1/o/${access.otherOrg}/companies`).set('Authorization', other);
      expect(theirs.status).toBe(200);
      expect(theirs.body).toEqual([]);
      const missing = await t.http().get(`/v1/o/${access.otherOrg}/companies/private`).set('Authorization', other);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('developer.service.CompanyDoesNotExist');
    });
  });
});
