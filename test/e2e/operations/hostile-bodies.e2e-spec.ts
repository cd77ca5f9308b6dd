import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createConsumer } from '../../support/factories.js';
import { formFields } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

/**
 * Bodies nested far deeper than any real request (contract 2.3: deeper than 32 levels is 400 InvalidRequest), sent to
 * every family of routes that takes a body. Before the limit these ran the parsers and class-transformer out of
 * stack and answered 500.
 */

const HOSTILE_DEPTH = 10_000;

const deepJsonObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepJsonArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepXml = (depth: number, root = 'Developer') =>
  `<${root}>${'<Nested>'.repeat(depth - 1)}x${'</Nested>'.repeat(depth - 1)}</${root}>`;

/** A JSON value placed under a field of an otherwise valid body, nested `depth` levels in all. */
const underField = (body: Record<string, unknown>, field: string, depth: number) =>
  `${JSON.stringify(body).slice(0, -1)},"${field}":${deepJsonObject(depth - 1)}}`;

describe('request bodies nested 10,000 levels deep', () => {
  let t: TestApp;
  let developerEmail: string;
  let appName: string;
  let consumerKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    const consumer = await createConsumer(t);
    developerEmail = consumer.developerEmail;
    appName = consumer.app.name;
    consumerKey = consumer.consumerKey;
  });
  afterAll(() => t.close());

  const adminRoutes = (): Array<[string, string]> => [
    ['POST', `/v1/organizations`],
    ['POST', `/v1/users`],
    ['POST', `/v1/o/${ORG}/developers`],
    ['PUT', `/v1/o/${ORG}/developers/${developerEmail}`],
    ['POST', `/v1/o/${ORG}/developers/${developerEmail}/apps`],
    ['PUT', `/v1/o/${ORG}/developers/${developerEmail}/apps/${appName}`],
    ['POST', `/v1/o/${ORG}/developers/${developerEmail}/apps/${appName}/keys/create`],
    ['POST', `/v1/o/${ORG}/developers/${developerEmail}/apps/${appName}/keys/${consumerKey}`],
    ['POST', `/v1/o/${ORG}/apiproducts`],
    ['POST', `/v1/o/${ORG}/appusers`],
    ['POST', `/v1/o/${ORG}/oauth1/verifiers`],
  ];

  const send = (method: string, path: string, contentType: string, body: string) =>
    t
      .http()
      [method === 'PUT' ? 'put' : 'post'](path)
      .set('Authorization', ADMIN_AUTH)
      .set('Content-Type', contentType)
      .send(body);

  function expectDepthRefused(response: { status: number; body: { code?: string; message?: string } }) {
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
    expect(response.body.message).toMatch(/deeper than 32 levels/);
  }

  it('refuses a deep JSON object on every admin route that takes a body with 400 InvalidRequest', async () => {
    for (const [method, path] of adminRoutes()) {
      expectDepthRefused(await send(method, path, 'application/json', deepJsonObject(HOSTILE_DEPTH)));
    }
  });

  it('refuses a deep JSON array on every admin route that takes a body with 400 InvalidRequest', async () => {
    for (const [method, path] of adminRoutes()) {
      expectDepthRefused(await send(method, path, 'application/json', deepJsonArray(HOSTILE_DEPTH)));
    }
  });

  it('refuses deep XML on every admin route that takes a body with 400 InvalidRequest', async () => {
    for (const [method, path] of adminRoutes()) {
      expectDepthRefused(await send(method, path, 'application/xml', deepXml(HOSTILE_DEPTH)));
    }
  });

  it('refuses deep attributes inside an otherwise valid developer, as JSON and as XML', async () => {
    const developer = { email: 'deep@example.com', firstName: 'D', lastName: 'E', userName: 'deep' };
    expectDepthRefused(
      await send('POST', `/v1/o/${ORG}/developers`, 'application/json', underField(developer, 'attributes', 10_000)),
    );
    const xml =
      '<Developer><Email>deep@example.com</Email><FirstName>D</FirstName><LastName>E</LastName>' +
      `<UserName>deep</UserName><Attributes>${deepXml(HOSTILE_DEPTH, 'Attribute')}</Attributes></Developer>`;
    expectDepthRefused(await send('POST', `/v1/o/${ORG}/developers`, 'application/xml', xml));
    const stored = await t.http().get(`/v1/o/${ORG}/developers/deep@example.com`).set('Authorization', ADMIN_AUTH);
    expect(stored.status).toBe(404);
  });

  it('answers verify in the protocol format: 400 parameter_rejected', async () => {
    for (const body of [deepJsonObject(HOSTILE_DEPTH), deepJsonArray(HOSTILE_DEPTH)]) {
      const response = await send('POST', '/oauth/oauth10/verify', 'application/json', body);
      expect(response.status).toBe(400);
      const fields = formFields(response.text);
      expect(fields.oauth_problem).toBe('parameter_rejected');
      expect(fields.oauth_problem_advice).toMatch(/deeper than 32 levels/);
    }
  });

  it('still reads a body nested exactly 32 levels deep', async () => {
    const developer = { email: 'nested@example.com', firstName: 'N', lastName: 'E', userName: 'nested' };
    // An attribute (level 3 of the body) whose value, which must be a string, holds 29 more levels: 32 in all.
    const attribute = `{"name":"a","value":${deepJsonObject(29)}}`;
    const atLimit = `${JSON.stringify(developer).slice(0, -1)},"attributes":[${attribute}]}`;
    const response = await send('POST', `/v1/o/${ORG}/developers`, 'application/json', atLimit);
    // Past the depth check, the DTO's own validation speaks, naming the field.
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/value/);
    expect(response.body.message).not.toMatch(/deeper than/);
  });

  it('does not count brackets inside JSON strings, nor XML comments and self-closing elements', async () => {
    const brackets = '['.repeat(100);
    const developer = { email: 'text@example.com', firstName: brackets, lastName: 'E', userName: 'text' };
    const json = await send('POST', `/v1/o/${ORG}/developers`, 'application/json', JSON.stringify(developer));
    expect(json.status).toBe(201);
    expect(json.body.firstName).toBe(brackets);
    const xml =
      `<Developer><!-- ${'<Nested>'.repeat(50)} --><Email>xml@example.com</Email><Attributes/>` +
      '<FirstName>X</FirstName><LastName>M</LastName><UserName>xml</UserName></Developer>';
    const response = await send('POST', `/v1/o/${ORG}/developers`, 'application/xml', xml);
    expect(response.status).toBe(201);
    expect(response.body.email).toBe('xml@example.com');
  });
});
