import { expect } from '@jest/globals';
import { createApiProduct, createConsumer } from './factories.js';
import { authorize, formFields, send, signRequest } from './oauth1-client.js';
import { TestApp } from './test-app.js';

export interface TokenHolder {
  consumerKey: string;
  consumerSecret: string;
  developerEmail: string;
  appName: string;
  token: string;
  tokenSecret: string;
}

/**
 * A consumer whose key may ask for `scopes`, and an access token for `appUserId` obtained through the flow with the
 * hand-rolled client (initiate with `initiateParameters`, a verifier from the admin API, token exchange).
 */
export async function accessTokenHolder(
  t: TestApp,
  options: { scopes?: string[]; initiateParameters?: Array<[string, string]>; appUserId?: string } = {},
): Promise<TokenHolder> {
  const product = await createApiProduct(t, { scopes: options.scopes ?? [] });
  const consumer = await createConsumer(t, { apiProducts: [product.name] });
  const keys = { consumerKey: consumer.consumerKey, consumerSecret: consumer.consumerSecret };
  const initiated = await send(
    t,
    signRequest(t, {
      ...keys,
      url: 'http://127.0.0.1/oauth/oauth10/initiate',
      oauth: { oauth_callback: 'oob' },
      form: options.initiateParameters,
    }),
  ).set('Host', '127.0.0.1');
  expect(initiated.status).toBe(200);
  const temporary = formFields(initiated.text);
  const verifier = await authorize(t, temporary.oauth_token, options.appUserId ?? 'alice');
  const exchanged = await send(
    t,
    signRequest(t, {
      ...keys,
      url: 'http://127.0.0.1/oauth/oauth10/token',
      token: temporary.oauth_token,
      tokenSecret: temporary.oauth_token_secret,
      oauth: { oauth_verifier: verifier },
    }),
  ).set('Host', '127.0.0.1');
  expect(exchanged.status).toBe(200);
  const access = formFields(exchanged.text);
  return {
    ...keys,
    developerEmail: consumer.developerEmail,
    appName: consumer.app.name,
    token: access.oauth_token,
    tokenSecret: access.oauth_token_secret,
  };
}
