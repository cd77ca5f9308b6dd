// Walks the three-legged OAuth 1.0a flow against a running server with the `oauth` npm package, as a partner's
// client would. Usage (see README): CONSUMER_KEY=… CONSUMER_SECRET=… AUTH=admin@example.com:… node examples/oauth-flow.mjs
// With AUTHORIZE=page the resource owner approves on the built-in authorize page and types the code shown there.
import { createInterface } from 'node:readline/promises';
import oauth from 'oauth';

const base = process.env.BASE_URL ?? 'http://localhost:8080';
const org = process.env.ORG ?? 'default';
const appUser = process.env.APP_USER ?? 'alice';
const admin = { Authorization: `Basic ${Buffer.from(process.env.AUTH ?? '').toString('base64')}` };
const client = new oauth.OAuth(
  `${base}/oauth/oauth10/initiate`,
  `${base}/oauth/oauth10/token`,
  process.env.CONSUMER_KEY,
  process.env.CONSUMER_SECRET,
  '1.0',
  'oob',
  'HMAC-SHA1',
);
const call = (method, ...args) =>
  new Promise((resolve, reject) =>
    client[method](...args, (error, ...results) =>
      error ? reject(new Error(JSON.stringify(error))) : resolve(results),
    ),
  );

// 1. Temporary credentials (request token).
const [requestToken, requestSecret] = await call('getOAuthRequestToken');
console.log('request token:', requestToken);

// 2. The resource owner approves: on the built-in page, or through your own login site with the admin API.
const verifier =
  process.env.AUTHORIZE === 'page'
    ? await codeFromPage()
    : await fetch(`${base}/v1/o/${org}/oauth1/verifiers`, {
        method: 'POST',
        headers: { ...admin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ requestToken, appUserId: appUser }),
      }).then((response) => response.json());
console.log('verifier:', verifier.code);

async function codeFromPage() {
  console.log(`open ${base}/oauth/oauth10/authorize?oauth_token=${requestToken} and approve`);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const code = (await prompt.question('code shown on the page: ')).replace(/\s/g, '');
  prompt.close();
  return { code };
}

// 3. Token credentials (access token).
const [accessToken, accessSecret] = await call('getOAuthAccessToken', requestToken, requestSecret, verifier.code);
console.log('access token:', accessToken);

// 4. A resource server asks whether a request signed with the access token is genuine.
const url = 'https://api.example.com/photos?size=original';
const check = await fetch(`${base}/oauth/oauth10/verify`, {
  method: 'POST',
  headers: { ...admin, 'Content-Type': 'application/json' },
  body: JSON.stringify({ method: 'GET', url, authorization: client.authHeader(url, accessToken, accessSecret, 'GET') }),
});
console.log('verify:', check.status, await check.json());
