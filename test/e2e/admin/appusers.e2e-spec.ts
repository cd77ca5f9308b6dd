import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AppUser } from '../../../src/admin/appusers/app-user.entity.js';
import { verifyPassword } from '../../../src/common/password-hasher.js';
import { createAppUser, createConsumer } from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures, remainingRecords, seedIssuedRecords } from './admin-fixtures.js';

const BASE = `/v1/o/${ORG}/appusers`;
const PASSWORD = 'owner-password-1';

describe('app users (resource owners)', () => {
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
  const stored = (id: string, org = ORG) => t.app.get(DataSource).manager.findOneBy(AppUser, { organization: org, id });
  const expectNoSecret = (text: string) => {
    expect(text).not.toMatch(/password/i);
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain(PASSWORD);
  };

  describe('POST /appusers', () => {
    it('creates an app user with 201, never showing the password or its hash', async () => {
      const response = await post(BASE).send({ id: 'alice', displayName: 'Alice Liddell', password: PASSWORD });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: 'alice',
        displayName: 'Alice Liddell',
        status: 'active',
        createdAt: t.clock.now(),
        createdBy: ADMIN_EMAIL,
        lastModifiedAt: t.clock.now(),
        lastModifiedBy: ADMIN_EMAIL,
      });
      expectNoSecret(response.text);
    });

    it('stores only a scrypt hash of the password', async () => {
      const user = await stored('alice');
      expect(user?.passwordHash).toMatch(/^scrypt\$/);
      expect(user?.passwordHash).not.toContain(PASSWORD);
      expect(await verifyPassword(PASSWORD, user!.passwordHash)).toBe(true);
      expect(await verifyPassword('wrong-password', user!.passwordHash)).toBe(false);
    });

    it('defaults displayName to the id and accepts an inactive status', async () => {
      const response = await post(BASE).send({ id: 'bob', password: PASSWORD, status: 'inactive' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id: 'bob', displayName: 'bob', status: 'inactive' });
    });

    it('accepts an XML body and answers in XML without the password', async () => {
      const response = await post(BASE)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(`<AppUser><Id>carol</Id><DisplayName>Carol</DisplayName><Password>${PASSWORD}</Password></AppUser>`);
      expect(response.status).toBe(201);
      expect(response.text).toContain('<AppUser><Id>carol</Id><DisplayName>Carol</DisplayName><Status>active</Status>');
      expectNoSecret(response.text);
    });

    it('answers 400 naming each bad field, and creates nothing', async () => {
      const response = await post(BASE).send({ id: 'dave', password: 'short', status: 'banned', email: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      for (const field of ['password must be longer than or equal to 8', 'status']) {
        expect(response.body.message).toContain(field);
      }
      expect(response.body.message).not.toContain('email');
      expect((await get(`${BASE}/dave`)).status).toBe(404);
    });

    it('answers 400 without a password', async () => {
      const response = await post(BASE).send({ id: 'erin' });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('password');
      expect((await get(`${BASE}/erin`)).status).toBe(404);
    });

    it('answers 409 appuser_already_exists, leaving the user and password unchanged', async () => {
      const response = await post(BASE).send({ id: 'alice', displayName: 'Impostor', password: 'another-password' });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        code: 'keymanagement.service.appuser_already_exists',
        message: 'App user alice already exists',
        contexts: [],
      });
      expect((await get(`${BASE}/alice`)).body.displayName).toBe('Alice Liddell');
      expect(await verifyPassword(PASSWORD, (await stored('alice'))!.passwordHash)).toBe(true);
    });

    it('answers 415 for a text/plain body', async () => {
      const response = await post(BASE).set('Content-Type', 'text/plain').send('id=plain');
      expect(response.status).toBe(415);
    });
  });

  describe('GET /appusers and /appusers/{id}', () => {
    it('lists ids, sorted, under both base paths', async () => {
      for (const base of [BASE, `/v1/organizations/${ORG}/appusers`]) {
        const response = await get(base);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(['alice', 'bob', 'carol']);
      }
    });

    it('lists full users under "appUser" for ?expand=true, without passwords', async () => {
      const response = await get(`${BASE}?expand=true`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['appUser']);
      expect(response.body.appUser.map((user: { id: string }) => user.id)).toEqual(['alice', 'bob', 'carol']);
      expect(response.body.appUser[0]).toEqual((await get(`${BASE}/alice`)).body);
      expectNoSecret(response.text);
    });

    it('renders a user and the expanded list in XML', async () => {
      const one = await get(`${BASE}/alice`).set('Accept', 'application/xml');
      expect(one.status).toBe(200);
      expect(one.text).toContain('<AppUser><Id>alice</Id><DisplayName>Alice Liddell</DisplayName>');
      expectNoSecret(one.text);
      const expanded = await get(`${BASE}?expand=true`).set('Accept', 'application/xml');
      expect(expanded.text).toMatch(/<AppUsers><AppUser><Id>alice<\/Id>/);
    });

    it('answers 404 appuser_doesnot_exist for an unknown user', async () => {
      const response = await get(`${BASE}/nobody`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        code: 'keymanagement.service.appuser_doesnot_exist',
        message: 'App user nobody does not exist',
        contexts: [],
      });
    });
  });

  describe('PUT /appusers/{id}', () => {
    it('updates displayName and status, and changes the password', async () => {
      const { id } = await createAppUser(t, { id: 'frank' });
      t.clock.advance(1000);
      const response = await put(`${BASE}/${id}`).send({
        displayName: 'Frank',
        status: 'inactive',
        password: 'new-password-2',
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id,
        displayName: 'Frank',
        status: 'inactive',
        lastModifiedAt: t.clock.now(),
      });
      expectNoSecret(response.text);
      const hash = (await stored(id))!.passwordHash;
      expect(await verifyPassword('new-password-2', hash)).toBe(true);
      expect(await verifyPassword(PASSWORD, hash)).toBe(false);
      expect((await get(`${BASE}/${id}`)).body).toEqual(response.body);
    });

    it('keeps the password when none is given', async () => {
      const before = (await stored('alice'))!.passwordHash;
      const response = await put(`${BASE}/alice`)
        .set('Content-Type', 'application/xml')
        .send('<AppUser><DisplayName>Alice L.</DisplayName></AppUser>');
      expect(response.status).toBe(200);
      expect(response.body.displayName).toBe('Alice L.');
      expect((await stored('alice'))!.passwordHash).toBe(before);
    });

    it('answers 400 for another id or a short password, changing nothing', async () => {
      const before = (await get(`${BASE}/alice`)).body;
      const hash = (await stored('alice'))!.passwordHash;
      for (const body of [{ id: 'mallory', displayName: 'x' }, { password: 'short' }]) {
        const response = await put(`${BASE}/alice`).send(body);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      }
      expect((await get(`${BASE}/alice`)).body).toEqual(before);
      expect((await stored('alice'))!.passwordHash).toBe(hash);
    });

    it('answers 404 for an unknown user', async () => {
      const response = await put(`${BASE}/nobody`).send({ displayName: 'x' });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('keymanagement.service.appuser_doesnot_exist');
    });
  });

  describe('DELETE /appusers/{id}', () => {
    it("answers 200 with the deleted user and deletes what the user authorized, not others' grants", async () => {
      const { id } = await createAppUser(t, { id: 'grace' });
      const before = (await get(`${BASE}/${id}`)).body;
      const consumer = await createConsumer(t);
      const issuedTo = { appId: consumer.app.appId, consumerKey: consumer.consumerKey };
      const theirs = await seedIssuedRecords(t, { ...issuedTo, appUserId: id });
      const others = await seedIssuedRecords(t, { ...issuedTo, appUserId: 'alice' });
      const response = await del(`${BASE}/${id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(before);
      expectNoSecret(response.text);
      expect((await get(`${BASE}/${id}`)).status).toBe(404);
      expect(await remainingRecords(t, [theirs])).toMatchObject({ verifiers: 0, accessTokens: 0 });
      expect(await remainingRecords(t, [others])).toEqual({ requestTokens: 1, verifiers: 1, accessTokens: 1 });
    });

    it('answers 404 for an unknown user', async () => {
      const response = await del(`${BASE}/nobody`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('keymanagement.service.appuser_doesnot_exist');
    });
  });

  describe('GET|POST /appusers/{id}/accesstokens', () => {
    it("lists the user's access tokens with their app, developer and status, never a secret", async () => {
      const { id } = await createAppUser(t);
      const consumer = await createConsumer(t);
      const issuedTo = { appId: consumer.app.appId, consumerKey: consumer.consumerKey, appUserId: id };
      const first = await seedIssuedRecords(t, issuedTo);
      t.clock.advance(1000);
      const second = await seedIssuedRecords(t, issuedTo);
      await seedIssuedRecords(t, { ...issuedTo, appUserId: 'alice' });
      await post(`/v1/o/${ORG}/oauth1/accesstokens/${second.accessToken}?action=revoke`).expect(204);

      const response = await get(`${BASE}/${id}/accesstokens`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        {
          token: first.accessToken,
          app: consumer.app.name,
          consumerKey: consumer.consumerKey,
          developerEmail: consumer.developerEmail,
          scope: '',
          accessType: 'write',
          status: 'approved',
          issuedAt: t.clock.now() - 1000,
          lastUsedAt: null,
        },
        expect.objectContaining({ token: second.accessToken, status: 'revoked', issuedAt: t.clock.now() }),
      ]);
      expect(response.text).not.toMatch(/secret/i);
    });

    it('lists nothing for a user who granted nothing, and in XML too', async () => {
      const { id } = await createAppUser(t);
      expect((await get(`${BASE}/${id}/accesstokens`)).body).toEqual([]);
      const xml = await get(`${BASE}/${id}/accesstokens`).set('Accept', 'application/xml');
      expect(xml.status).toBe(200);
      expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    });

    it("revokes every one of the user's access tokens with ?action=revoke (204), and only theirs", async () => {
      const { id } = await createAppUser(t);
      const [one, other] = [await createConsumer(t), await createConsumer(t)];
      const theirs = [
        await seedIssuedRecords(t, { appId: one.app.appId, consumerKey: one.consumerKey, appUserId: id }),
        await seedIssuedRecords(t, { appId: other.app.appId, consumerKey: other.consumerKey, appUserId: id }),
      ];
      const others = await seedIssuedRecords(t, {
        appId: one.app.appId,
        consumerKey: one.consumerKey,
        appUserId: 'alice',
      });
      const response = await post(`${BASE}/${id}/accesstokens?action=revoke`);
      expect(response.status).toBe(204);
      const listed = (await get(`${BASE}/${id}/accesstokens`)).body as Array<{ status: string }>;
      expect(listed.map((token) => token.status)).toEqual(['revoked', 'revoked']);
      for (const records of theirs) {
        const record = await get(`/v1/o/${ORG}/oauth1/accesstokens/${records.accessToken}`);
        expect(record.body).toMatchObject({ status: 'revoked', lastModifiedBy: ADMIN_EMAIL });
      }
      expect((await get(`/v1/o/${ORG}/oauth1/accesstokens/${others.accessToken}`)).body.status).toBe('approved');
    });

    it('answers 400 without ?action=revoke, revoking nothing', async () => {
      const { id } = await createAppUser(t);
      const consumer = await createConsumer(t);
      const records = await seedIssuedRecords(t, {
        appId: consumer.app.appId,
        consumerKey: consumer.consumerKey,
        appUserId: id,
      });
      for (const path of [`${BASE}/${id}/accesstokens`, `${BASE}/${id}/accesstokens?action=approve`]) {
        const response = await post(path);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      }
      expect((await get(`/v1/o/${ORG}/oauth1/accesstokens/${records.accessToken}`)).body.status).toBe('approved');
    });

    it('answers 404 appuser_doesnot_exist for an unknown user, on both', async () => {
      for (const response of [
        await get(`${BASE}/nobody/accesstokens`),
        await post(`${BASE}/nobody/accesstokens?action=revoke`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('keymanagement.service.appuser_doesnot_exist');
      }
    });

    it('lets a readonlyadmin list but not revoke', async () => {
      const { id } = await createAppUser(t);
      const path = `${BASE}/${id}/accesstokens`;
      expect((await t.http().get(path).set('Authorization', access.readonlyAuth)).status).toBe(200);
      const revoke = await t.http().post(`${path}?action=revoke`).set('Authorization', access.readonlyAuth);
      expect(revoke.status).toBe(403);
    });
  });

  describe('organizations and roles', () => {
    it('keeps app users per organization: the same id in another org is another user', async () => {
      await createAppUser(t, { id: 'alice', displayName: 'Other Alice', password: 'globex-password' }, access.otherOrg);
      expect((await get(`/v1/o/${access.otherOrg}/appusers/alice`)).body.displayName).toBe('Other Alice');
      expect((await get(`${BASE}/alice`)).body.displayName).toBe('Alice L.');
      expect(await verifyPassword(PASSWORD, (await stored('alice'))!.passwordHash)).toBe(true);
      expect((await get(`/v1/o/${access.otherOrg}/appusers`)).body).toEqual(['alice']);
    });
  });
});
