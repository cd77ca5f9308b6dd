import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadAppConfig } from '../../../src/config/app-config.js';

describe('loadAppConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      database: { type: 'sqlite', path: './data/oauth.sqlite' },
      bootstrap: { org: 'default', adminEmail: 'admin@example.com', adminPassword: undefined },
      requestTokenTtlSeconds: 300,
      accessTokenTtlSeconds: undefined,
      accessTokenIdleSeconds: undefined,
      timestampWindowSeconds: 300,
      publicBaseUrl: undefined,
      trustProxy: false,
      purgeIntervalSeconds: 60,
      forwardAuthSecret: undefined,
      ownerSessionSeconds: 14 * 24 * 60 * 60,
      requestTimeoutSeconds: 30,
      headersTimeoutSeconds: 10,
      keepAliveTimeoutSeconds: 72,
    });
  });

  it('refuses a headers timeout longer than the request timeout, naming both', () => {
    expect(() => loadAppConfig({ REQUEST_TIMEOUT_SECONDS: '5', HEADERS_TIMEOUT_SECONDS: '6' })).toThrow(
      /HEADERS_TIMEOUT_SECONDS: must not exceed REQUEST_TIMEOUT_SECONDS/,
    );
  });

  it('reads how long a resource owner stays signed in', () => {
    expect(loadAppConfig({ OWNER_SESSION_SECONDS: '3600' }).ownerSessionSeconds).toBe(3600);
  });

  it('reads how often expired records are purged', () => {
    expect(loadAppConfig({ PURGE_INTERVAL_SECONDS: '300' }).purgeIntervalSeconds).toBe(300);
  });

  it('reads every variable of the contract', () => {
    const config = loadAppConfig({
      PORT: '9090',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://user@db:5432/oauth',
      BOOTSTRAP_ORG: 'acme',
      BOOTSTRAP_ADMIN_EMAIL: 'Root@Example.com',
      BOOTSTRAP_ADMIN_PASSWORD: 'long-enough-password',
      REQUEST_TOKEN_TTL_SECONDS: '60',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      ACCESS_TOKEN_IDLE_SECONDS: '7200',
      TIMESTAMP_WINDOW_SECONDS: '120',
      PUBLIC_BASE_URL: 'https://api.example.com/',
      TRUST_PROXY: 'true',
      FORWARD_AUTH_SECRET: 'a-long-shared-secret',
    });
    expect(config).toMatchObject({
      port: 9090,
      host: '127.0.0.1',
      database: { type: 'postgres', url: 'postgres://user@db:5432/oauth' },
      bootstrap: { org: 'acme', adminEmail: 'root@example.com', adminPassword: 'long-enough-password' },
      requestTokenTtlSeconds: 60,
      accessTokenTtlSeconds: 3600,
      accessTokenIdleSeconds: 7200,
      timestampWindowSeconds: 120,
      publicBaseUrl: 'https://api.example.com',
      trustProxy: true,
      forwardAuthSecret: 'a-long-shared-secret',
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/oauth'],
    ['BOOTSTRAP_ORG', 'Not An Org'],
    ['BOOTSTRAP_ADMIN_EMAIL', 'not-an-email'],
    ['BOOTSTRAP_ADMIN_PASSWORD', 'short'],
    ['REQUEST_TOKEN_TTL_SECONDS', '0'],
    ['ACCESS_TOKEN_TTL_SECONDS', '1.5'],
    ['ACCESS_TOKEN_IDLE_SECONDS', '1'],
    ['ACCESS_TOKEN_IDLE_SECONDS', 'a day'],
    ['TIMESTAMP_WINDOW_SECONDS', '-5'],
    ['PUBLIC_BASE_URL', 'ftp://example.com'],
    ['TRUST_PROXY', 'maybe'],
    ['PURGE_INTERVAL_SECONDS', '0'],
    ['PURGE_INTERVAL_SECONDS', 'hourly'],
    ['PURGE_INTERVAL_SECONDS', '86401'],
    ['FORWARD_AUTH_SECRET', 'too-short'],
    ['FORWARD_AUTH_SECRET', 'has a space in it somewhere'],
    ['OWNER_SESSION_SECONDS', '0'],
    ['OWNER_SESSION_SECONDS', 'a fortnight'],
    ['REQUEST_TIMEOUT_SECONDS', '0'],
    ['HEADERS_TIMEOUT_SECONDS', 'soon'],
    ['KEEP_ALIVE_TIMEOUT_SECONDS', '3601'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => loadAppConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });
});
