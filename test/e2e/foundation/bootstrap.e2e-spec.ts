import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { basic, startTestApp, TestApp } from '../../support/test-app.js';

describe('first start without BOOTSTRAP_ADMIN_PASSWORD', () => {
  let t: TestApp;
  let logged: string;
  let passwordFile: string;

  beforeAll(async () => {
    t = await startTestApp({ BOOTSTRAP_ADMIN_PASSWORD: '', BOOTSTRAP_ORG: 'first', LOG_LEVEL: 'info' });
    logged = JSON.stringify(t.logs);
    passwordFile = /generated password is in (\S+)/.exec(logged)?.[1] ?? '';
  });
  afterAll(() => t.close());

  it('says where the generated password is, never the password itself', () => {
    expect(passwordFile).not.toBe('');
    const [, password] = readFileSync(passwordFile, 'utf8').trim().split(':');
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(logged).not.toContain(password);
  });

  it('writes the password to a file only its owner can read', () => {
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
  });

  it('creates a working sysadmin who is orgadmin of the first organization', async () => {
    const [email, password] = readFileSync(passwordFile, 'utf8').trim().split(':');
    const auth = basic(email, password);
    const org = await t.http().get('/v1/o/first').set('Authorization', auth);
    expect(org.status).toBe(200);
    const admins = await t.http().get('/v1/o/first/userroles/orgadmin/users').set('Authorization', auth);
    expect(admins.body).toEqual([email]);
  });
});
