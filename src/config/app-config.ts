import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** The environment as contract section 2.7 names it; every value arrives as a string. */
class EnvironmentVariables {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT: number = 8080;
  @IsOptional() @IsString() HOST: string = '0.0.0.0';
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)' })
  DATABASE_URL?: string;
  @IsOptional() @IsString() SQLITE_PATH: string = './data/oauth.sqlite';
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'BOOTSTRAP_ORG must be lowercase letters, digits and dashes' })
  BOOTSTRAP_ORG: string = 'default';
  @IsOptional() @IsEmail() BOOTSTRAP_ADMIN_EMAIL: string = 'admin@example.com';
  @IsOptional()
  @IsString()
  @Matches(/^.{8,}$/, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 8 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;
  @IsOptional() @IsString() BOOTSTRAP_PASSWORD_FILE: string = './data/bootstrap-admin-password.txt';
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) REQUEST_TOKEN_TTL_SECONDS: number = 300;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) ACCESS_TOKEN_TTL_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(2) ACCESS_TOKEN_IDLE_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) VERIFIER_TTL_SECONDS: number = 300;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) TIMESTAMP_WINDOW_SECONDS: number = 300;
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() TRUST_PROXY: boolean = false;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) BODY_LIMIT_BYTES: number = 1024 * 1024;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) AUTH_FAILURE_LIMIT: number = 10;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) AUTH_FAILURE_WINDOW_SECONDS: number = 60;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64) WORKERS: number = 1;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86400) PURGE_INTERVAL_SECONDS: number = 60;
  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'FORWARD_AUTH_SECRET must be at least 16 characters without spaces' })
  FORWARD_AUTH_SECRET?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(60) OWNER_SESSION_SECONDS: number = 14 * 24 * 60 * 60;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3600) REQUEST_TIMEOUT_SECONDS: number = 30;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3600) HEADERS_TIMEOUT_SECONDS: number = 10;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3600) KEEP_ALIVE_TIMEOUT_SECONDS: number = 72;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: string = 'info';
}

export type DatabaseConfig = { type: 'postgres'; url: string } | { type: 'sqlite'; path: string };

/** Typed, validated configuration: the only place that reads the environment. */
export class AppConfig {
  readonly port!: number;
  readonly host!: string;
  readonly database!: DatabaseConfig;
  readonly bootstrap!: { org: string; adminEmail: string; adminPassword?: string; passwordFile: string };
  readonly requestTokenTtlSeconds!: number;
  readonly verifierTtlSeconds!: number;
  /** Undefined: access tokens never expire. */
  readonly accessTokenTtlSeconds?: number;
  /** An access token unused this long is inactive until renewed (E*TRADE); undefined: no idle limit. */
  readonly accessTokenIdleSeconds?: number;
  readonly timestampWindowSeconds!: number;
  readonly publicBaseUrl?: string;
  readonly trustProxy!: boolean;
  readonly bodyLimitBytes!: number;
  readonly logLevel!: string;
  /** Failed Basic Auth attempts, or failed signatures, per client address before it gets 429 for the window. */
  readonly authFailureLimit!: number;
  readonly authFailureWindowSeconds!: number;
  /** Server processes sharing the port (node:cluster); 1 runs in this process. */
  readonly workers!: number;
  /** How long a client may take to send a whole request (headers and body), and its headers alone. */
  readonly requestTimeoutSeconds!: number;
  readonly headersTimeoutSeconds!: number;
  /** How long an idle keep-alive connection stays open between requests. */
  readonly keepAliveTimeoutSeconds!: number;
  /** How often expired request tokens and verifiers and stale nonces are deleted. */
  readonly purgeIntervalSeconds!: number;
  /** When set, forward-auth answers only callers that send it in X-Forward-Auth-Secret. */
  readonly forwardAuthSecret?: string;
  /** How long a resource owner stays signed in on the authorize, authenticate and connections pages. */
  readonly ownerSessionSeconds!: number;
}

export class ConfigurationError extends Error {}

export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const vars = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
    throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (vars.HEADERS_TIMEOUT_SECONDS > vars.REQUEST_TIMEOUT_SECONDS) {
    throw new ConfigurationError(
      'Invalid configuration:\n  HEADERS_TIMEOUT_SECONDS: must not exceed REQUEST_TIMEOUT_SECONDS (the headers are part of the request)',
    );
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    database: vars.DATABASE_URL
      ? { type: 'postgres', url: vars.DATABASE_URL }
      : { type: 'sqlite', path: vars.SQLITE_PATH },
    bootstrap: {
      org: vars.BOOTSTRAP_ORG,
      adminEmail: vars.BOOTSTRAP_ADMIN_EMAIL.toLowerCase(),
      adminPassword: vars.BOOTSTRAP_ADMIN_PASSWORD,
      passwordFile: vars.BOOTSTRAP_PASSWORD_FILE,
    },
    requestTokenTtlSeconds: vars.REQUEST_TOKEN_TTL_SECONDS,
    verifierTtlSeconds: vars.VERIFIER_TTL_SECONDS,
    accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
    accessTokenIdleSeconds: vars.ACCESS_TOKEN_IDLE_SECONDS,
    timestampWindowSeconds: vars.TIMESTAMP_WINDOW_SECONDS,
    publicBaseUrl: vars.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    trustProxy: vars.TRUST_PROXY,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    logLevel: vars.LOG_LEVEL,
    authFailureLimit: vars.AUTH_FAILURE_LIMIT,
    authFailureWindowSeconds: vars.AUTH_FAILURE_WINDOW_SECONDS,
    workers: vars.WORKERS,
    purgeIntervalSeconds: vars.PURGE_INTERVAL_SECONDS,
    forwardAuthSecret: vars.FORWARD_AUTH_SECRET,
    ownerSessionSeconds: vars.OWNER_SESSION_SECONDS,
    requestTimeoutSeconds: vars.REQUEST_TIMEOUT_SECONDS,
    headersTimeoutSeconds: vars.HEADERS_TIMEOUT_SECONDS,
    keepAliveTimeoutSeconds: vars.KEEP_ALIVE_TIMEOUT_SECONDS,
  };
}
