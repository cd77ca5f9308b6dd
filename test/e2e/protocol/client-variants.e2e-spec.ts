import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bodyHash, percentEncode } from '../../../src/oauth1/index.js';
import { createConsumer } from '../../support/factories.js';
import { formFields, freshNonce, send, signRequest } from '../../support/oauth1-client.js';
import type { SignOptions } from '../../support/oauth1-client.js';
import { startTestApp, TestApp } from '../../support/test-app.js';
import {
  expectProblem,
  initiate,
  obtainAccessToken,
  PUBLIC_BASE,
  signWithToken,
  verifyRequest,
} from '../../support/token-flow.js';
import type { TokenCredentials } from '../../support/token-flow.js';

type Consumer = Awaited<ReturnType<typeof createConsumer>>;

const JSON_BODY = '{"title":"Sommer am See","tags":["a+b","c"]}';

/** What clients in the wild send beyond the letter of RFC 5849, and the Request Body Hash extension. */
describe('client variants', () => {
  let t: TestApp;
  let consumer: Consumer;
  let credentials: TokenCredentials;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: PUBLIC_BASE });
    consumer = await createConsumer(t);
    credentials = await obtainAccessToken(t, consumer);
  });
  afterAll(() => t.close());

  const now = () => Math.floor(t.clock.now() / 1000);
  const plaintext = (options: Partial<SignOptions>) =>
    initiate(t, consumer, { signatureMethod: 'PLAINTEXT', ...options });

  describe('PLAINTEXT without oauth_timestamp and oauth_nonce (RFC 5849 3.1)', () => {
    it.each([
      ['both', ['oauth_timestamp', 'oauth_nonce']],
      ['the nonce', ['oauth_nonce']],
      ['the timestamp', ['oauth_timestamp']],
    ])('accepts a request leaving out %s, and the same request again', async (_what, omit) => {
      const signed = signRequest(t, {
        url: `${PUBLIC_BASE}/oauth/oauth10/initiate`,
        consumerKey: consumer.consumerKey,
        consumerSecret: consumer.consumerSecret,
        signatureMethod: 'PLAINTEXT',
        oauth: { oauth_callback: 'oob' },
        omit,
      });
      for (const attempt of [1, 2]) {
        const response = await send(t, signed);
        expect({ attempt, status: response.status }).toEqual({ attempt, status: 200 });
        expect(formFields(response.text).oauth_callback_confirmed).toBe('true');
      }
    });

    it('still checks a timestamp that is present', async () => {
      const fields = expectProblem(
        await plaintext({ omit: ['oauth_nonce'], timestamp: now() - 301 }),
        401,
        'timestamp_refused',
      );
      expect(fields.oauth_acceptable_timestamps).toMatch(/^\d+-\d+$/);
    });

    it('still refuses a replayed nonce sent with its timestamp', async () => {
      const nonce = freshNonce();
      const timestamp = now();
      expect((await plaintext({ nonce, timestamp })).status).toBe(200);
      expectProblem(await plaintext({ nonce, timestamp }), 401, 'nonce_used');
    });

    it('requires both from every other signature method', async () => {
      for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA256'] as const) {
        const response = await initiate(t, consumer, { signatureMethod, omit: ['oauth_timestamp', 'oauth_nonce'] });
        expect(expectProblem(response, 400, 'parameter_absent').oauth_parameters_absent).toBe(
          'oauth_timestamp&oauth_nonce',
        );
      }
    });

    it('takes them out of the whole flow: token exchange and verify too', async () => {
      const omit = ['oauth_timestamp', 'oauth_nonce'];
      const plainCredentials = await obtainAccessToken(t, consumer, { signatureMethod: 'PLAINTEXT', omit });
      const verified = await verifyRequest(
        t,
        signWithToken(t, consumer, plainCredentials, { signatureMethod: 'PLAINTEXT', omit }),
      );
      expect(verified.status).toBe(200);
    });
  });

  describe('oauth_version', () => {
    it.each(['1.0', '1.0a', '1.0A'])('accepts %s', async (version) => {
      expect((await initiate(t, consumer, { oauth: { oauth_version: version } })).status).toBe(200);
    });

    it.each(['1.0b', '1', '2.0', '1.0 '])('refuses %j with version_rejected', async (version) => {
      expectProblem(await initiate(t, consumer, { oauth: { oauth_version: version } }), 400, 'version_rejected');
    });

    it('checks the signature over the version as sent, not as 1.0', async () => {
      const nonce = freshNonce();
      const timestamp = now();
      const url = `${PUBLIC_BASE}/oauth/oauth10/initiate`;
      const keys = { consumerKey: consumer.consumerKey, consumerSecret: consumer.consumerSecret };
      const overVersion10 = signRequest(t, { url, ...keys, nonce, timestamp, oauth: { oauth_callback: 'oob' } });
      const signature = /oauth_signature="([^"]+)"/.exec(overVersion10.headers.authorization)![1];
      const sentAs10a = await initiate(t, consumer, {
        nonce,
        timestamp,
        oauth: { oauth_version: '1.0a' },
        signature: decodeURIComponent(signature),
      });
      expectProblem(sentAs10a, 401, 'signature_invalid');
    });
  });

  describe("a PLAINTEXT signature percent-encoded once more (Ruby's signet)", () => {
    it('accepts it on initiate and on verify', async () => {
      const onceMore = percentEncode(`${percentEncode(consumer.consumerSecret)}&`);
      expect((await plaintext({ signature: onceMore })).status).toBe(200);

      const signature = percentEncode(`${percentEncode(consumer.consumerSecret)}&${percentEncode(credentials.secret)}`);
      const signed = signWithToken(t, consumer, credentials, { signatureMethod: 'PLAINTEXT', signature });
      expect((await verifyRequest(t, signed)).status).toBe(200);
    });

    it('refuses it with the wrong secret, and an HMAC signature encoded once more', async () => {
      expectProblem(await plaintext({ signature: percentEncode('wrong&') }), 401, 'signature_invalid');
      const hmac = signRequest(t, {
        url: `${PUBLIC_BASE}/oauth/oauth10/initiate`,
        consumerKey: consumer.consumerKey,
        consumerSecret: consumer.consumerSecret,
        oauth: { oauth_callback: 'oob' },
      });
      const signature = decodeURIComponent(/oauth_signature="([^"]+)"/.exec(hmac.headers.authorization)![1]);
      const response = await initiate(t, consumer, { signature: percentEncode(signature) });
      expectProblem(response, 401, 'signature_invalid');
    });
  });

  describe('oauth_body_hash', () => {
    const verifyWithBody = (
      hash: string,
      body: string | undefined,
      options: Partial<SignOptions> = {},
      contentType = 'application/json',
    ) =>
      verifyRequest(
        t,
        signWithToken(t, consumer, credentials, { method: 'POST', ...options, oauth: { oauth_body_hash: hash } }),
        body === undefined ? {} : { body, contentType },
      );

    it('accepts the SHA-1 of the body, and of an empty body', async () => {
      expect((await verifyWithBody(bodyHash('sha1', JSON_BODY), JSON_BODY)).status).toBe(200);
      expect((await verifyWithBody(bodyHash('sha1', ''), '', {}, 'text/plain')).status).toBe(200);
    });

    it('refuses a body that does not match with signature_invalid, spending no nonce', async () => {
      const nonce = freshNonce();
      const timestamp = now();
      const hash = bodyHash('sha1', JSON_BODY);
      const changed = await verifyWithBody(hash, JSON_BODY.replace('See', 'Meer'), { nonce, timestamp });
      const fields = expectProblem(changed, 401, 'signature_invalid');
      expect(fields.oauth_problem_advice).toBe('oauth_body_hash does not match the request body');
      expect((await verifyWithBody(hash, JSON_BODY, { nonce, timestamp })).status).toBe(200);
    });

    it('takes SHA-256 and SHA-1 with HMAC-SHA256, and only SHA-1 with HMAC-SHA1', async () => {
      const sha256 = bodyHash('sha256', JSON_BODY);
      const sha1 = bodyHash('sha1', JSON_BODY);
      expect((await verifyWithBody(sha256, JSON_BODY, { signatureMethod: 'HMAC-SHA256' })).status).toBe(200);
      expect((await verifyWithBody(sha1, JSON_BODY, { signatureMethod: 'HMAC-SHA256' })).status).toBe(200);
      expectProblem(await verifyWithBody(sha256, JSON_BODY), 401, 'signature_invalid');
    });

    it('leaves the hash unchecked when the resource server does not pass the body', async () => {
      expect((await verifyWithBody('not-a-hash', undefined)).status).toBe(200);
    });

    it('refuses an oauth_body_hash sent with a form body, on verify and on initiate', async () => {
      const onVerify = await verifyWithBody(
        bodyHash('sha1', 'title=x'),
        'title=x',
        {},
        'application/x-www-form-urlencoded; charset=utf-8',
      );
      expectProblem(onVerify, 400, 'parameter_rejected');
      for (const via of ['header', 'body'] as const) {
        const response = await initiate(t, consumer, {
          via,
          form: [['title', 'x']],
          oauth: { oauth_body_hash: bodyHash('sha1', 'title=x') },
        });
        expect(expectProblem(response, 400, 'parameter_rejected').oauth_problem_advice).toContain('oauth_body_hash');
      }
    });
  });
});
