import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createApiProduct,
  createAppUser,
  createCompany,
  createCompanyApp,
  createConsumer,
} from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures, seedIssuedRecords } from './admin-fixtures.js';

/**
 * Every operation of the management API, as the OpenAPI document the app serves lists them, called by each kind of
 * caller the access policies tell apart. A route added without its policy (or with a looser one than its siblings)
 * shows up here by name.
 */

type Method = 'get' | 'post' | 'put' | 'delete';
type Policy = 'org' | 'sysadmin' | 'self' | 'any';

interface Operation {
  method: Method;
  /** The document's path, e.g. /v1/o/{org}/developers/{email}. */
  template: string;
  /** The path with plausible values: records of ORG that exist. */
  path: string;
  policy: Policy;
}

/** Operations outside an {org}, with the @AdminAccess() policy each must keep; every one in {org} is 'org'. */
const POLICIES_OUTSIDE_AN_ORG: Record<string, Policy> = {
  'post /v1/organizations': 'sysadmin',
  'get /v1/organizations': 'any',
  'post /v1/users': 'sysadmin',
  'get /v1/users': 'sysadmin',
  'get /v1/users/{email}': 'self',
  'put /v1/users/{email}': 'self',
  'delete /v1/users/{email}': 'sysadmin',
};

const WRITES = new Set<Method>(['post', 'put', 'delete']);
const describeOperation = (operation: Operation) => `${operation.method.toUpperCase()} ${operation.template}`;

describe('access to every /v1 operation', () => {
  let t: TestApp;
  let access: AccessFixtures;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
    const product = await createApiProduct(t, { scopes: ['read'] });
    const consumer = await createConsumer(t, { apiProducts: [product.name] });
    const owner = await createAppUser(t);
    const company = await createCompany(t);
    const companyApp = await createCompanyApp(t, company.name, { apiProducts: [product.name] });
    const records = await seedIssuedRecords(t, {
      appId: consumer.app.appId,
      consumerKey: consumer.consumerKey,
      appUserId: owner.id,
    });

    // Every attribute owner carries the attribute {attribute} names, so that its read answers 200.
    const developerPath = `/v1/o/${ORG}/developers/${consumer.developerEmail}`;
    const appPath = `${developerPath}/apps/${consumer.app.name}`;
    for (const owner of [
      developerPath,
      appPath,
      `${appPath}/keys/${consumer.consumerKey}`,
      `/v1/o/${ORG}/apiproducts/${product.name}`,
      `/v1/o/${ORG}/companies/${company.name}`,
      `/v1/o/${ORG}/companies/${company.name}/apps/${companyApp.name}`,
      `/v1/o/${ORG}/companies/${company.name}/apps/${companyApp.name}/keys/${companyApp.credentials[0].consumerKey}`,
    ]) {
      const attribute = await t
        .http()
        .post(`${owner}/attributes/tier`)
        .set('Authorization', ADMIN_AUTH)
        .send({ value: 'gold' });
      expect(attribute.status).toBe(200);
    }

    const valueOf = (template: string, parameter: string): string => {
      const managementUsers = template.startsWith('/v1/users') || template.includes('/userroles/');
      const ofCompany = template.includes('/companies/{company}/apps/');
      const values: Record<string, string> = {
        org: ORG,
        role: 'orgadmin',
        // The sysadmin's own record: no other caller here is it.
        email: managementUsers ? ADMIN_EMAIL : consumer.developerEmail,
        app: ofCompany ? companyApp.name : consumer.app.name,
        appId: consumer.app.appId,
        key: ofCompany ? companyApp.credentials[0].consumerKey : consumer.consumerKey,
        product: product.name,
        company: company.name,
        name: product.name,
        id: owner.id,
        token: template.includes('/requesttokens/') ? records.requestToken : records.accessToken,
        code: records.verifier,
        attribute: 'tier',
      };
      if (!(parameter in values)) throw new Error(`no value for {${parameter}} of ${template}: add one above`);
      return encodeURIComponent(values[parameter]);
    };

    const document = await t.http().get('/docs/openapi.json');
    expect(document.status).toBe(200);
    const paths = document.body.paths as Record<string, Partial<Record<Method, unknown>>>;
    operations = Object.entries(paths)
      .filter(([template]) => template.startsWith('/v1/'))
      .flatMap(([template, item]) =>
        (['get', 'post', 'put', 'delete'] as const)
          .filter((method) => item[method] !== undefined)
          .map((method) => ({
            method,
            template,
            path: template.replace(/\{(\w+)\}/g, (_match, parameter: string) => valueOf(template, parameter)),
            policy: template.includes('{org}') ? 'org' : POLICIES_OUTSIDE_AN_ORG[`${method} ${template}`],
          })),
      );
  });
  afterAll(() => t.close());

  const call = (operation: Operation, authorization?: string) => {
    const request = t.http()[operation.method](operation.path);
    if (authorization !== undefined) request.set('Authorization', authorization);
    return WRITES.has(operation.method) ? request.send({}) : request;
  };

  type Response = Awaited<ReturnType<typeof call>>;
  const statusAndCode = (response: Response) =>
    response.status < 400 ? String(response.status) : `${response.status} ${response.body?.code}`;

  /** What `authorization` gets from each selected operation, as "METHOD template → answer", for the whole list. */
  async function answers(
    authorization: string | undefined,
    selected: (operation: Operation) => boolean,
    answer: (response: Response) => string = statusAndCode,
  ) {
    const outcomes: string[] = [];
    for (const operation of operations.filter(selected)) {
      outcomes.push(`${describeOperation(operation)} → ${answer(await call(operation, authorization))}`);
    }
    return outcomes;
  }

  const expected = (selected: (operation: Operation) => boolean, answer: string) =>
    operations.filter(selected).map((operation) => `${describeOperation(operation)} → ${answer}`);

  /** Everything the org's reads show a sysadmin: what a refused write must leave as it was. */
  const everythingReadable = () =>
    answers(
      ADMIN_AUTH,
      (operation) => operation.policy === 'org' && operation.method === 'get',
      (response) => JSON.stringify(response.body),
    );

  const all = () => true;

  it('finds every operation of the management API in the served document, each with a known policy', () => {
    expect(operations.length).toBeGreaterThan(60);
    const unknown = operations.filter((operation) => operation.policy === undefined).map(describeOperation);
    expect(unknown).toEqual([]);
  });

  it('answers 401 security.auth.Unauthorized with a Basic challenge to every operation called without credentials', async () => {
    const challenged = (response: Response) => `${statusAndCode(response)} ${response.headers['www-authenticate']}`;
    expect(await answers(undefined, all, challenged)).toEqual(
      expected(all, '401 security.auth.Unauthorized Basic realm="oauth1-provider"'),
    );
  });

  it('answers 403 security.auth.Forbidden to a readonlyadmin on every write and sysadmin or self operation, changing nothing', async () => {
    const refused = (operation: Operation) =>
      operation.policy === 'sysadmin' ||
      operation.policy === 'self' ||
      (operation.policy === 'org' && WRITES.has(operation.method));
    const before = await everythingReadable();
    expect(await answers(access.readonlyAuth, refused)).toEqual(expected(refused, '403 security.auth.Forbidden'));
    expect(await everythingReadable()).toEqual(before);
  });

  it('lets a readonlyadmin read every record of its org', async () => {
    const reads = (operation: Operation) =>
      (operation.policy === 'org' || operation.policy === 'any') && !WRITES.has(operation.method);
    expect(await answers(access.readonlyAuth, reads)).toEqual(expected(reads, '200'));
  });

  it("answers 403 security.auth.Forbidden to another org's orgadmin on all but the list of orgs, changing nothing", async () => {
    const refused = (operation: Operation) => operation.policy !== 'any';
    const before = await everythingReadable();
    expect(await answers(access.otherOrgAdminAuth, refused)).toEqual(expected(refused, '403 security.auth.Forbidden'));
    expect(await everythingReadable()).toEqual(before);
  });
});
