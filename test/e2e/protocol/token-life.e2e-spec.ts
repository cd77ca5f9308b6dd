import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AccessToken } from '../../../src/tokens/access-token.entity.js';
import { createConsumer } from '../../support/factories.js';
import { formFields, freshNonce, send } from '../../support/oauth1-client.js';
import type { SignOptions } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, startTestApp, TestApp } from '../../support/test-app.js';
import {
  accessTokenRecord,
  expectProblem,
  initiate,
  obtainAccessToken,
  PUBLIC_BASE,
  signWithToken,
  verifyRequest,
} from '../../support/token-flow.js';
import type { TokenCredentials } from '../../support/token-flow.js';

const IDLE_SECONDS = 600;
const TTL_SECONDS = 3600;
const REVOKE_PATHS = ['/oauth/oauth10/revoke', '/oauth/invalidate_token', '/oauth/revoke_access_token'];
const RENEW_PATHS = ['/oauth/oauth10/renew', '/oauth/renew_access_token'];

type Consumer = Awaited<ReturnType<typeof createConsumer>>;

describe("the access token's life: revoke, idle, renew", () => {
  let t: TestApp;
  let consumer: Consumer;

  beforeAll(async () => {
    t = await startTestApp({
      PUBLIC_BASE_URL: PUBLIC_BASE,
      ACCESS_TOKEN_IDLE_SECONDS: String(IDLE_SECONDS),
      ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS),
    });
    consumer = await createConsumer(t);
  });
  afterAll(() => t.close());

  /** A signed call of revoke or renew; POST with the parameters in the header unless the options say otherwise. */
  const callWithToken = (path: string, credentials: TokenCredentials, options: Partial<SignOptions> = {}) =>
    send(t, signWithToken(t, consumer, credentials, { method: 'POST', url: `${PUBLIC_BASE}${path}`, ...options }));
  const verify = (credentials: TokenCredentials) => verifyRequest(t, signWithToken(t, consumer, credentials));
  const storedToken = (token: string) => t.app.get(DataSource).getRepository(AccessToken).findOneByOrFail({ token });

  function expectJson(response: Awaited<ReturnType<typeof verify>>, body: Record<string, string>) {
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual(body);
  }

  describe('the token response', () => {
    it('names the resource owner in user_id after the two required fields', async () => {
      const { fields } = await obtainAccessToken(t, consumer, {}, 'carol');
      expect(Object.keys(fields)).toEqual(['oauth_token', 'oauth_token_secret', 'user_id']);
      expect(fields.user_id).toBe('carol');
    });
  });

  describe('revoke', () => {
    it('revokes the token it is signed with and answers its value as JSON, as Twitter does', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      expect((await verify(credentials)).status).toBe(200);

      expectJson(await callWithToken('/oauth/oauth10/revoke', credentials), { access_token: credentials.token });

      expectProblem(await verify(credentials), 401, 'token_revoked');
      expect(await accessTokenRecord(t, credentials.token)).toMatchObject({
        status: 'revoked',
        lastModifiedBy: 'oauth1.revoke',
      });
    });

    it('answers 401 token_revoked to a second revoke, and to a renew', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      expect((await callWithToken('/oauth/oauth10/revoke', credentials)).status).toBe(200);
      expectProblem(await callWithToken('/oauth/oauth10/revoke', credentials), 401, 'token_revoked');
      expectProblem(await callWithToken('/oauth/oauth10/renew', credentials), 401, 'token_revoked');
    });

    it.each(REVOKE_PATHS.flatMap((path) => [`POST ${path}`, `GET ${path}`]))(
      'revokes with %s (a GET with the parameters in its query)',
      async (route) => {
        const [method, path] = route.split(' ');
        const credentials = await obtainAccessToken(t, consumer);
        const via = method === 'GET' ? 'query' : 'header';
        expectJson(await callWithToken(path, credentials, { method, via }), { access_token: credentials.token });
        expectProblem(await verify(credentials), 401, 'token_revoked');
      },
    );

    it('takes the parameters from a form body too', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      const response = await callWithToken('/oauth/revoke_access_token', credentials, { via: 'body' });
      expectJson(response, { access_token: credentials.token });
    });

    it('leaves the token usable when the request is not signed with its secret, and spends no nonce', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      const nonce = freshNonce();
      const timestamp = Math.floor(t.clock.now() / 1000);
      const forged = await callWithToken(
        '/oauth/oauth10/revoke',
        { ...credentials, secret: 'guessed' },
        {
          nonce,
          timestamp,
        },
      );
      expectProblem(forged, 401, 'signature_invalid');
      expect((await accessTokenRecord(t, credentials.token)).status).toBe('approved');
      expect((await verify(credentials)).status).toBe(200);
      const genuine = await callWithToken('/oauth/oauth10/revoke', credentials, { nonce, timestamp });
      expectJson(genuine, { access_token: credentials.token });
    });

    it("refuses a request token, and another consumer's access token, as token_rejected", async () => {
      const initiated = formFields((await initiate(t, consumer)).text);
      const requestToken = { token: initiated.oauth_token, secret: initiated.oauth_token_secret };
      expectProblem(await callWithToken('/oauth/oauth10/revoke', requestToken), 401, 'token_rejected');
      const other = await createConsumer(t);
      const othersToken = await obtainAccessToken(t, other);
      expectProblem(await callWithToken('/oauth/oauth10/revoke', othersToken), 401, 'token_rejected');
      expect((await accessTokenRecord(t, othersToken.token)).status).toBe('approved');
      expectProblem(
        await callWithToken('/oauth/oauth10/revoke', { token: 'no-such-token', secret: 'x' }),
        401,
        'token_rejected',
      );
    });

    it('treats a token revoked through the admin API the same way', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      const revoked = await t
        .http()
        .post(`/v1/o/acme/oauth1/accesstokens/${credentials.token}?action=revoke`)
        .set('Authorization', ADMIN_AUTH);
      expect(revoked.status).toBe(204);
      expectProblem(await callWithToken('/oauth/oauth10/revoke', credentials), 401, 'token_revoked');
      expectProblem(await callWithToken('/oauth/oauth10/renew', credentials), 401, 'token_revoked');
    });
  });

  describe('idle tokens (ACCESS_TOKEN_IDLE_SECONDS)', () => {
    it('refuses a token unused since its issue for the idle limit, shows it inactive, and renews it', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      t.clock.advance(IDLE_SECONDS * 1000 - 1);
      expect((await accessTokenRecord(t, credentials.token)).status).toBe('approved');
      t.clock.advance(1);

      const refused = expectProblem(await verify(credentials), 401, 'token_expired');
      expect(refused.oauth_problem_advice).toContain('/oauth/oauth10/renew');
      expect((await accessTokenRecord(t, credentials.token)).status).toBe('inactive');

      expectJson(await callWithToken('/oauth/oauth10/renew', credentials), {
        access_token: credentials.token,
        status: 'approved',
      });
      expect((await accessTokenRecord(t, credentials.token)).status).toBe('approved');
      expect((await storedToken(credentials.token)).lastUsedAt).toBe(t.clock.now());
      expect((await verify(credentials)).status).toBe(200);
    });

    it('records the first use on verify, and counts idleness from it', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      expect((await storedToken(credentials.token)).lastUsedAt).toBeNull();
      t.clock.advance(400_000);
      expect((await verify(credentials)).status).toBe(200);
      const usedAt = t.clock.now();
      expect((await storedToken(credentials.token)).lastUsedAt).toBe(usedAt);

      // 800 s after the issue, 400 s after the use: still usable.
      t.clock.advance(400_000);
      expect((await verify(credentials)).status).toBe(200);
      expect((await storedToken(credentials.token)).lastUsedAt).toBe(t.clock.now());
    });

    it('writes a use at most once a minute, so a use within the minute does not push idleness back', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      expect((await verify(credentials)).status).toBe(200);
      const recorded = t.clock.now();
      t.clock.advance(59_000);
      expect((await verify(credentials)).status).toBe(200);
      expect((await storedToken(credentials.token)).lastUsedAt).toBe(recorded);

      t.clock.advance(1_000);
      expect((await verify(credentials)).status).toBe(200);
      expect((await storedToken(credentials.token)).lastUsedAt).toBe(recorded + 60_000);
    });

    it('does not let a refused verify count as a use', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      t.clock.advance(300_000);
      expectProblem(
        await verifyRequest(t, signWithToken(t, consumer, { ...credentials, secret: 'x' })),
        401,
        'signature_invalid',
      );
      expect((await storedToken(credentials.token)).lastUsedAt).toBeNull();
      t.clock.advance(300_000);
      expectProblem(await verify(credentials), 401, 'token_expired');
    });

    it('renews at each path, with GET and POST, and does not wake a token whose renew is not signed with its secret', async () => {
      for (const path of RENEW_PATHS) {
        for (const method of ['GET', 'POST']) {
          const credentials = await obtainAccessToken(t, consumer);
          t.clock.advance(IDLE_SECONDS * 1000);
          const via = method === 'GET' ? 'query' : 'header';
          const forged = await callWithToken(path, { ...credentials, secret: 'guessed' }, { method, via });
          expectProblem(forged, 401, 'signature_invalid');
          expect((await accessTokenRecord(t, credentials.token)).status).toBe('inactive');
          expectJson(await callWithToken(path, credentials, { method, via }), {
            access_token: credentials.token,
            status: 'approved',
          });
          expect((await verify(credentials)).status).toBe(200);
        }
      }
    });

    it('refuses a replayed renew with nonce_used', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      const signed = signWithToken(t, consumer, credentials, {
        method: 'POST',
        url: `${PUBLIC_BASE}/oauth/oauth10/renew`,
      });
      expect((await send(t, signed)).status).toBe(200);
      expectProblem(await send(t, signed), 401, 'nonce_used');
    });

    it('answers 200 and changes nothing when renewing a token in use', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      expect((await verify(credentials)).status).toBe(200);
      const before = await storedToken(credentials.token);
      t.clock.advance(10_000);
      expectJson(await callWithToken('/oauth/oauth10/renew', credentials), {
        access_token: credentials.token,
        status: 'approved',
      });
      expect(await storedToken(credentials.token)).toEqual(before);
    });

    it('lets the client revoke an idle token without renewing it first', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      t.clock.advance(IDLE_SECONDS * 1000);
      expectJson(await callWithToken('/oauth/invalidate_token', credentials), { access_token: credentials.token });
      expect((await accessTokenRecord(t, credentials.token)).status).toBe('revoked');
      expectProblem(await callWithToken('/oauth/oauth10/renew', credentials), 401, 'token_revoked');
    });

    it('answers token_expired to renew once the token is past its expiresAt, however it was used', async () => {
      const credentials = await obtainAccessToken(t, consumer);
      // Used every 540 s: never idle, until its hour is up.
      const step = IDLE_SECONDS - 60;
      for (let elapsed = 0; elapsed < TTL_SECONDS; elapsed += step) {
        expect((await verify(credentials)).status).toBe(200);
        t.clock.advance(step * 1000);
      }
      expect((await accessTokenRecord(t, credentials.token)).status).toBe('expired');
      const refused = expectProblem(await callWithToken('/oauth/oauth10/renew', credentials), 401, 'token_expired');
      expect(refused.oauth_problem_advice).toBeUndefined();
      expectProblem(await verify(credentials), 401, 'token_expired');
    });
  });
});
