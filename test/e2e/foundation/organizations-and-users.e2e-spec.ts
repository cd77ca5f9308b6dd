import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_AUTH, ADMIN_EMAIL, basic, ORG, startTestApp, TestApp } from '../../support/test-app.js';

const PASSWORD = 'user-password-1';

describe('organizations, management users and roles', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const createUser = async (emailId: string) => {
    const response = await t
      .http()
      .post('/v1/users')
      .set('Authorization', ADMIN_AUTH)
      .send({ emailId, firstName: 'Jo', lastName: 'Smith', password: PASSWORD });
    expect(response.status).toBe(201);
    return response.body;
  };
  const grant = async (org: string, role: string, email: string) => {
    const response = await t
      .http()
      .post(`/v1/o/${org}/userroles/${role}/users?id=${email}`)
      .set('Authorization', ADMIN_AUTH);
    expect(response.status).toBe(201);
  };

  describe('authentication', () => {
    it('answers 401 with a Basic challenge when credentials are missing', async () => {
      const response = await t.http().get(`/v1/o/${ORG}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Basic realm="oauth1-provider"');
      expect(response.body).toEqual({ code: 'security.auth.Unauthorized', message: 'Unauthorized', contexts: [] });
    });

    it('answers 401 for a wrong password and for an unknown user', async () => {
      for (const header of [basic(ADMIN_EMAIL, 'wrong-password'), basic('nobody@example.com', 'whatever1')]) {
        const response = await t.http().get(`/v1/o/${ORG}`).set('Authorization', header);
        expect(response.status).toBe(401);
      }
    });

    it('answers 401 for a malformed Authorization header', async () => {
      for (const header of [
        'Basic',
        'Basic !!!',
        'Bearer abc',
        `Basic ${Buffer.from('no-colon').toString('base64')}`,
      ]) {
        const response = await t.http().get(`/v1/o/${ORG}`).set('Authorization', header);
        expect(response.status).toBe(401);
      }
    });

    it('renders the 401 as Apigee XML when the client accepts XML', async () => {
      const response = await t.http().get(`/v1/o/${ORG}`).set('Accept', 'application/xml');
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.text).toContain(
        '<Error><Code>security.auth.Unauthorized</Code><Message>Unauthorized</Message><Contexts/></Error>',
      );
    });

    it('checks a new password once for a burst of concurrent first requests with it (one scrypt, not one each)', async () => {
      const email = 'burst@example.com';
      await createUser(email);
      await grant(ORG, 'readonlyadmin', email);
      const checksSoFar = async () => {
        const metrics = (await t.http().get('/metrics')).text;
        return Number(/^admin_password_checks_total (\d+)/m.exec(metrics)?.[1] ?? 'NaN');
      };
      const before = await checksSoFar();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.http().get(`/v1/o/${ORG}`).set('Authorization', basic(email, PASSWORD))),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      expect((await checksSoFar()) - before).toBe(1);
      const revoked = await t
        .http()
        .delete(`/v1/o/${ORG}/userroles/readonlyadmin/users/${email}`)
        .set('Authorization', ADMIN_AUTH);
      expect(revoked.status).toBeLessThan(300);
    });

    it('accepts the email in any case', async () => {
      const response = await t
        .http()
        .get(`/v1/o/${ORG}`)
        .set('Authorization', basic(ADMIN_EMAIL.toUpperCase(), 'admin-password-1'));
      expect(response.status).toBe(200);
    });
  });

  describe('organizations', () => {
    it('lets a sysadmin create an organization and read it under both base paths', async () => {
      const created = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .send({ name: 'globex', displayName: 'Globex Corp' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'globex', displayName: 'Globex Corp', createdBy: ADMIN_EMAIL });
      expect(created.body.createdAt).toBe(t.clock.now());
      for (const path of ['/v1/o/globex', '/v1/organizations/globex']) {
        const response = await t.http().get(path).set('Authorization', ADMIN_AUTH);
        expect(response.status).toBe(200);
        expect(response.body.displayName).toBe('Globex Corp');
      }
    });

    it('accepts an Apigee XML body and answers in XML', async () => {
      const response = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send('<Organization><Name>initech</Name><DisplayName>Initech</DisplayName></Organization>');
      expect(response.status).toBe(201);
      expect(response.text).toMatch(/<Organization><Name>initech<\/Name><DisplayName>Initech<\/DisplayName>/);
    });

    it('answers 409 for an organization that exists and leaves it unchanged', async () => {
      const response = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .send({ name: ORG, displayName: 'Changed' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('organizations.service.OrganizationAlreadyExists');
      const current = await t.http().get(`/v1/o/${ORG}`).set('Authorization', ADMIN_AUTH);
      expect(current.body.displayName).toBe(ORG);
    });

    it('answers 400 InvalidRequest naming each bad field, ignoring unknown ones', async () => {
      const response = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .send({ name: 'Bad Name', displayName: 7, color: 'blue' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      expect(response.body.message).toContain('name must be');
      expect(response.body.message).toContain('displayName must be a string');
      expect(response.body.message).not.toContain('color');
    });

    it('answers 404 OrganizationDoesNotExist to a sysadmin asking for an unknown organization', async () => {
      const response = await t.http().get('/v1/o/nowhere').set('Authorization', ADMIN_AUTH);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('organizations.service.OrganizationDoesNotExist');
    });
  });

  describe('request bodies', () => {
    it('answers 415 for a body that is neither JSON nor XML', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
        const response = await t
          .http()
          .post('/v1/organizations')
          .set('Authorization', ADMIN_AUTH)
          .set('Content-Type', type)
          .send('name=x');
        expect(response.status).toBe(415);
        expect(response.body.code).toBe('messaging.adaptors.http.flow.UnsupportedMediaType');
      }
    });

    it('refuses an XML body with a DOCTYPE or entity, expanding nothing', async () => {
      const response = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .set('Content-Type', 'application/xml')
        .send('<!DOCTYPE o [<!ENTITY x SYSTEM "file:///etc/passwd">]><Organization><Name>&x;</Name></Organization>');
      expect(response.status).toBe(400);
      expect(response.body.message).toBe('XML document type and entity declarations are not allowed');
    });

    it('answers 400 for malformed JSON and malformed XML', async () => {
      const json = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expect(json.status).toBe(400);
      expect(json.body.message).toBe('Malformed JSON body');
      const xml = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .set('Content-Type', 'text/xml')
        .send('<Organization><Name>x</Organization>');
      expect(xml.status).toBe(400);
      expect(xml.body.message).toMatch(/^Malformed XML body/);
    });

    it('answers 400 when a required body is missing', async () => {
      const response = await t.http().post('/v1/organizations').set('Authorization', ADMIN_AUTH);
      expect(response.status).toBe(400);
      expect(response.body.message).toBe('A request body is required');
    });

    it('answers 413 for a body over the configured limit', async () => {
      const response = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .send({ name: 'big', displayName: 'x'.repeat(2 * 1024 * 1024) });
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('protocol.http.TooBigBody');
    });
  });

  describe('users and roles', () => {
    it('creates a user without ever showing the password, and lowercases the email', async () => {
      const body = await createUser('Reader@Example.com');
      expect(body).toMatchObject({ emailId: 'reader@example.com', firstName: 'Jo', lastName: 'Smith' });
      expect(JSON.stringify(body)).not.toContain(PASSWORD);
      expect(body).not.toHaveProperty('passwordHash');
      const again = await t
        .http()
        .post('/v1/users')
        .set('Authorization', ADMIN_AUTH)
        .send({ emailId: 'reader@example.com', firstName: 'X', lastName: 'Y', password: PASSWORD });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('usersandroles.UserAlreadyExists');
    });

    it('gives a readonlyadmin reads but not writes in its organization, and nothing elsewhere', async () => {
      await grant(ORG, 'readonlyadmin', 'reader@example.com');
      const auth = basic('reader@example.com', PASSWORD);
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', auth)).status).toBe(200);
      const list = await t.http().get(`/v1/o/${ORG}/userroles/readonlyadmin/users`).set('Authorization', auth);
      expect(list.body).toEqual(['reader@example.com']);
      const write = await t
        .http()
        .post(`/v1/o/${ORG}/userroles/orgadmin/users?id=reader@example.com`)
        .set('Authorization', auth);
      expect(write.status).toBe(403);
      expect(write.body).toEqual({ code: 'security.auth.Forbidden', message: 'Forbidden', contexts: [] });
      expect((await t.http().get('/v1/o/globex').set('Authorization', auth)).status).toBe(403);
      expect((await t.http().get('/v1/o/nowhere').set('Authorization', auth)).status).toBe(403);
    });

    it('lets an orgadmin manage roles in its own organization only', async () => {
      await createUser('boss@example.com');
      await grant('globex', 'orgadmin', 'boss@example.com');
      const auth = basic('boss@example.com', PASSWORD);
      const add = await t
        .http()
        .post('/v1/o/globex/userroles/readonlyadmin/users?id=reader@example.com')
        .set('Authorization', auth);
      expect(add.status).toBe(201);
      expect(add.body).toEqual({ user: [{ name: 'reader@example.com' }] });
      expect(
        (await t.http().get('/v1/o/globex').set('Authorization', basic('reader@example.com', PASSWORD))).status,
      ).toBe(200);
      const removed = await t
        .http()
        .delete('/v1/o/globex/userroles/readonlyadmin/users/reader@example.com')
        .set('Authorization', auth);
      expect(removed.status).toBe(204);
      expect(
        (await t.http().get('/v1/o/globex').set('Authorization', basic('reader@example.com', PASSWORD))).status,
      ).toBe(403);
      const elsewhere = await t
        .http()
        .post(`/v1/o/${ORG}/userroles/readonlyadmin/users?id=boss@example.com`)
        .set('Authorization', auth);
      expect(elsewhere.status).toBe(403);
      expect((await t.http().post('/v1/organizations').set('Authorization', auth).send({ name: 'mine' })).status).toBe(
        403,
      );
    });

    it('answers 404 for an unknown role or user', async () => {
      const role = await t.http().get(`/v1/o/${ORG}/userroles/superuser/users`).set('Authorization', ADMIN_AUTH);
      expect(role.status).toBe(404);
      expect(role.body.code).toBe('usersandroles.RoleDoesNotExist');
      const user = await t
        .http()
        .post(`/v1/o/${ORG}/userroles/orgadmin/users?id=ghost@example.com`)
        .set('Authorization', ADMIN_AUTH);
      expect(user.status).toBe(404);
      expect(user.body.code).toBe('usersandroles.UserDoesNotExist');
    });

    it('lets a user read and update itself but not others', async () => {
      const auth = basic('reader@example.com', PASSWORD);
      const self = await t.http().get('/v1/users/reader@example.com').set('Authorization', auth);
      expect(self.status).toBe(200);
      expect(self.body.emailId).toBe('reader@example.com');
      expect((await t.http().get('/v1/users/boss@example.com').set('Authorization', auth)).status).toBe(403);
      expect((await t.http().get('/v1/users').set('Authorization', auth)).status).toBe(403);
    });

    it('stops accepting the old password at once when the password changes', async () => {
      await createUser('rotating@example.com');
      await grant(ORG, 'orgadmin', 'rotating@example.com');
      const oldAuth = basic('rotating@example.com', PASSWORD);
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', oldAuth)).status).toBe(200);
      const update = await t
        .http()
        .put('/v1/users/rotating@example.com')
        .set('Authorization', oldAuth)
        .send({ password: 'brand-new-password' });
      expect(update.status).toBe(200);
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', oldAuth)).status).toBe(401);
      const newAuth = basic('rotating@example.com', 'brand-new-password');
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', newAuth)).status).toBe(200);
    });

    it('loses its roles at once when a role is taken away or the user is deleted', async () => {
      const auth = basic('rotating@example.com', 'brand-new-password');
      const removed = await t
        .http()
        .delete(`/v1/o/${ORG}/userroles/orgadmin/users/rotating@example.com`)
        .set('Authorization', ADMIN_AUTH);
      expect(removed.status).toBe(204);
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', auth)).status).toBe(403);
      const deleted = await t.http().delete('/v1/users/rotating@example.com').set('Authorization', ADMIN_AUTH);
      expect(deleted.status).toBe(200);
      expect(deleted.body.emailId).toBe('rotating@example.com');
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', auth)).status).toBe(401);
      expect((await t.http().get('/v1/users/rotating@example.com').set('Authorization', ADMIN_AUTH)).status).toBe(404);
    });

    it('lists organizations: all for a sysadmin, those with a role for others', async () => {
      const all = await t.http().get('/v1/organizations').set('Authorization', ADMIN_AUTH);
      expect(all.body).toEqual(['acme', 'globex', 'initech']);
      const mine = await t.http().get('/v1/organizations').set('Authorization', basic('boss@example.com', PASSWORD));
      expect(mine.body).toEqual(['globex']);
      const xml = await t.http().get('/v1/organizations').set('Authorization', ADMIN_AUTH).set('Accept', 'text/xml');
      expect(xml.text).toContain('<List><Item>acme</Item><Item>globex</Item><Item>initech</Item></List>');
    });
  });
});
