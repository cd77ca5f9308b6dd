import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startTestApp, TestApp } from '../../support/test-app.js';

describe('service endpoints', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers /healthz without credentials', async () => {
    const response = await t.http().get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the database up', async () => {
    const response = await t.http().get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body.details.database.status).toBe('up');
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await t.http().get('/docs');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('swagger-ui');
  });

  it('serves at /docs/openapi.json the same document as the committed openapi.yaml', async () => {
    const response = await t.http().get('/docs/openapi.json');
    expect(response.status).toBe(200);
    const committed = parse(readFileSync('openapi.yaml', 'utf8'));
    expect(response.body).toEqual(committed);
  });

  it('gives every operation its own operationId and declares every path parameter, as Swagger UI needs', async () => {
    const { body } = await t.http().get('/docs/openapi.json');
    const operationIds: string[] = [];
    for (const [path, item] of Object.entries<
      Record<string, { operationId: string; parameters?: { in: string; name: string }[] }>
    >(body.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']).toContain(method);
        operationIds.push(operation.operationId);
        for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
          expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'path', name })]));
        }
      }
    }
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('documents the admin operations with Basic Auth', async () => {
    const { body } = await t.http().get('/docs/openapi.json');
    expect(body.components.securitySchemes.basic).toEqual({ type: 'http', scheme: 'basic' });
    expect(body.paths['/v1/organizations/{org}'].get.security).toEqual([{ basic: [] }]);
  });

  it('answers an unknown path with 404 in the Apigee envelope', async () => {
    const response = await t.http().get('/no/such/path');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      code: 'messaging.adaptors.http.flow.NotFound',
      message: 'No resource at /no/such/path',
      contexts: [],
    });
  });
});
