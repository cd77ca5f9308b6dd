import oauth from 'oauth';

/** The `oauth` package (node-oauth), as partners' Node.js clients use it, promisified. */

export type NodeOAuth = InstanceType<typeof oauth.OAuth>;

/** node-oauth reports failures as {statusCode, data}; an Error keeps the provider's answer in the test output. */
const failure = (error: Error | { statusCode: number; data?: unknown }) =>
  error instanceof Error ? error : new Error(`OAuth request failed: ${error.statusCode} ${String(error.data)}`);

/** A client of the provider at `base` (e.g. http://127.0.0.1:1234), with its callback ("oob" or a URL). */
export function nodeOAuthClient(
  base: string,
  consumer: { consumerKey: string; consumerSecret: string },
  callback: string,
  signatureMethod = 'HMAC-SHA1',
): NodeOAuth {
  return new oauth.OAuth(
    `${base}/oauth/oauth10/initiate`,
    `${base}/oauth/oauth10/token`,
    consumer.consumerKey,
    consumer.consumerSecret,
    '1.0',
    callback,
    signatureMethod,
  );
}

export function requestToken(client: NodeOAuth, extra: Record<string, string> = {}) {
  return new Promise<{ token: string; secret: string; results: Record<string, unknown> }>((resolve, reject) =>
    client.getOAuthRequestToken(extra, (error, token, secret, results) =>
      error ? reject(failure(error)) : resolve({ token, secret, results: results as Record<string, unknown> }),
    ),
  );
}

export function accessToken(client: NodeOAuth, token: string, secret: string, verifier: string) {
  return new Promise<{ token: string; secret: string }>((resolve, reject) =>
    client.getOAuthAccessToken(token, secret, verifier, (error, accessToken, accessSecret) =>
      error ? reject(failure(error)) : resolve({ token: accessToken, secret: accessSecret }),
    ),
  );
}
