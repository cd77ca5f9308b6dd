import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures } from './admin-fixtures.js';

/** The organization and its user roles, read as Apigee's own clients read them. */
describe('the organization and user roles, as Apigee has them', () => {
  let t: TestApp;
  let access: AccessFixtures;
  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
  });
  afterAll(() => t.close());

  const get = (path: string, auth = ADMIN_AUTH) => t.http().get(path).set('Authorization', auth);
  const post = (path: string, auth = ADMIN_AUTH) => t.http().post(path).set('Authorization', auth);

  describe('GET /v1/organizations/{org}', () => {
    it("reads as Apigee's organization under both base paths", async () => {
      const long = await get(`/v1/organizations/${ORG}`);
      expect(long.status).toBe(200);
      expect(long.body).toEqual({
        name: ORG,
        displayName: expect.any(String),
        type: 'paid',
        environments: ['prod'],
        properties: { property: [] },
        createdAt: expect.any(Number),
        createdBy: expect.any(String),
        lastModifiedAt: expect.any(Number),
        lastModifiedBy: expect.any(String),
      });
      expect((await get(`/v1/o/${ORG}`)).body).toEqual(long.body);
    });

    it('answers in XML when the client accepts XML', async () => {
      const response = await get(`/v1/o/${ORG}`).set('Accept', 'application/xml');
      expect(response.status).toBe(200);
      expect(response.text).toContain(`<Organization><Name>${ORG}</Name>`);
      expect(response.text).toContain('<Type>paid</Type><Environments><Environment>prod</Environment></Environments>');
      expect(response.text).toMatch(/<CreatedAt>\d+<\/CreatedAt>/);
    });

    it("gives another org's orgadmin 403", async () => {
      expect((await get(`/v1/o/${ORG}`, access.otherOrgAdminAuth)).status).toBe(403);
    });
  });

  describe('GET /userroles and /userroles/{role}', () => {
    it("lists the org's roles by name, under both base paths", async () => {
      for (const base of [`/v1/o/${ORG}`, `/v1/organizations/${ORG}`]) {
        const response = await get(`${base}/userroles`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(['orgadmin', 'readonlyadmin']);
      }
      const xml = await get(`/v1/o/${ORG}/userroles`).set('Accept', 'application/xml');
      expect(xml.text).toContain('<List><Item>orgadmin</Item><Item>readonlyadmin</Item></List>');
    });

    it('reads one role, and answers 404 RoleDoesNotExist for an unknown one', async () => {
      const role = await get(`/v1/o/${ORG}/userroles/readonlyadmin`, access.readonlyAuth);
      expect(role.status).toBe(200);
      expect(role.body).toEqual({ name: 'readonlyadmin' });
      const unknown = await get(`/v1/organizations/${ORG}/userroles/superuser`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('usersandroles.RoleDoesNotExist');
    });

    it("answers 403 to another org's orgadmin", async () => {
      expect((await get(`/v1/o/${ORG}/userroles`, access.otherOrgAdminAuth)).status).toBe(403);
      expect((await get(`/v1/o/${ORG}/userroles/orgadmin`, access.otherOrgAdminAuth)).status).toBe(403);
    });
  });

  describe('GET /userroles/{role}/users/{email}', () => {
    it('answers 200 with the user when it holds the role, 404 when it does not', async () => {
      const holds = await get(`/v1/o/${ORG}/userroles/orgadmin/users/${ADMIN_EMAIL}`);
      expect(holds.status).toBe(200);
      expect(holds.body).toEqual({ name: ADMIN_EMAIL });
      const xml = await get(`/v1/organizations/${ORG}/userroles/orgadmin/users/${ADMIN_EMAIL}`).set(
        'Accept',
        'application/xml',
      );
      expect(xml.text).toContain(`<User><Name>${ADMIN_EMAIL}</Name></User>`);
      const not = await get(`/v1/o/${ORG}/userroles/readonlyadmin/users/${ADMIN_EMAIL}`);
      expect(not.status).toBe(404);
      expect(not.body.code).toBe('usersandroles.UserDoesNotExist');
      expect((await get(`/v1/o/${ORG}/userroles/orgadmin/users/nobody@example.com`)).status).toBe(404);
      expect((await get(`/v1/o/${ORG}/userroles/superuser/users/${ADMIN_EMAIL}`)).status).toBe(404);
    });

    it("answers 403 to another org's orgadmin", async () => {
      const response = await get(`/v1/o/${ORG}/userroles/orgadmin/users/${ADMIN_EMAIL}`, access.otherOrgAdminAuth);
      expect(response.status).toBe(403);
    });
  });

  describe('POST /userroles/{role}/users', () => {
    const createUser = async (emailId: string) => {
      const response = await post('/v1/users').send({
        emailId,
        firstName: 'Form',
        lastName: 'User',
        password: 'form-user-password-1',
      });
      expect(response.status).toBe(201);
    };

    it('takes the user from a form body id=, as apigeetool sends it', async () => {
      await createUser('form@example.com');
      const response = await post(`/v1/organizations/${ORG}/userroles/readonlyadmin/users`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('id=form%40example.com');
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ user: [{ name: 'form@example.com' }] });
      expect((await get(`/v1/o/${ORG}/userroles/readonlyadmin/users`)).body).toContain('form@example.com');
      expect((await get(`/v1/o/${ORG}/userroles/readonlyadmin/users/form@example.com`)).status).toBe(200);
    });

    it('answers 400 without ?id= or a form field id', async () => {
      const response = await post(`/v1/o/${ORG}/userroles/readonlyadmin/users`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('email=form%40example.com');
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
    });

    it('answers 403 to a readonlyadmin and to an orgadmin of another org, granting nothing', async () => {
      await createUser('denied@example.com');
      for (const auth of [access.readonlyAuth, access.otherOrgAdminAuth]) {
        const response = await post(`/v1/o/${ORG}/userroles/orgadmin/users`, auth)
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send('id=denied%40example.com');
        expect(response.status).toBe(403);
      }
      expect((await get(`/v1/o/${ORG}/userroles/orgadmin/users/denied@example.com`)).status).toBe(404);
    });
  });
});
