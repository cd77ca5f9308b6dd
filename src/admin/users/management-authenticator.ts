import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import type { OrgRole, Principal, PrincipalResolver } from '../../common/auth/principal.js';
import { verifyPassword } from '../../common/password-hasher.js';
import { CacheGenerations, GenerationCache } from '../../database/cache-generations.js';
import { preparedDatabase, toBoolean } from '../../database/prepared.js';
import { passwordChecks } from '../../observability/metrics.js';
import type { PreparedStatement } from '../../database/prepared.js';
import type { ManagementUser, UserRole } from './management-user.entity.js';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 1000;

function parseBasic(header: string | undefined): { email: string; password: string } | undefined {
  if (!header) return undefined;
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { email: decoded.slice(0, colon).trim().toLowerCase(), password: decoded.slice(colon + 1) };
}

function rolesOf(userRoles: Array<{ organization: string | null; role: OrgRole | null }>): Map<string, OrgRole> {
  const roles = new Map<string, OrgRole>();
  for (const { organization, role } of userRoles) {
    if (organization === null || role === null) continue;
    // Holding both roles in one org means orgadmin.
    if (roles.get(organization) !== 'orgadmin') roles.set(organization, role);
  }
  return roles;
}

interface UserWithRole extends Pick<ManagementUser, 'email' | 'passwordHash' | 'sysadmin'> {
  organization: string | null;
  role: OrgRole | null;
}

/**
 * Checks management users' Basic credentials. scrypt takes ~50 ms, so a verified header is remembered briefly,
 * keyed by its digest, with the principal it gave. The principal is used again while the principals' cache
 * generation stays what it was when the user and roles were read (triggers move it on any change to users, roles or
 * organizations, from any process); once it moves, the user and roles are read again, and a changed password (its
 * hash differs from the one verified), a deleted user or a changed role takes effect at once.
 */
@Injectable()
export class ManagementAuthenticator implements PrincipalResolver {
  private readonly verified = new Map<
    string,
    { email: string; passwordHash: string; expiresAt: number; principal: Principal; generation: number }
  >();
  /**
   * The password checks under way, by header digest and stored hash: concurrent first requests with the same header
   * share one scrypt instead of each running their own (a burst of them would otherwise hold the thread pool).
   */
  private readonly checking = new Map<string, Promise<boolean>>();
  private readonly userStatement: PreparedStatement<UserWithRole>;
  private readonly rolesStatement: PreparedStatement<Pick<UserRole, 'organization' | 'role'>>;
  private readonly organizationStatement: PreparedStatement;
  private readonly generations: CacheGenerations;
  private readonly knownOrganizations: GenerationCache<boolean>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    // Every admin call (and verify) reads these: prepared statements rather than TypeORM's query building.
    const database = preparedDatabase(dataSource);
    // The user and its roles in one read: a row per role (or one row with no role).
    this.userStatement = database.statement(
      'management_users_auth',
      `SELECT u."email", u."passwordHash", u."sysadmin", r."organization", r."role"
        FROM "management_users" u LEFT JOIN "user_roles" r ON r."email" = u."email"
        WHERE u."email" = $1`,
      (row) => ({
        email: row.email as string,
        passwordHash: row.passwordHash as string,
        sysadmin: toBoolean(row.sysadmin),
        organization: row.organization as string | null,
        role: row.role as OrgRole | null,
      }),
    );
    this.rolesStatement = database.statement(
      'user_roles_of_email',
      'SELECT "organization", "role" FROM "user_roles" WHERE "email" = $1',
      (row) => ({ organization: row.organization as string, role: row.role as OrgRole }),
    );
    this.organizationStatement = database.statement(
      'organizations_exists',
      'SELECT 1 AS "found" FROM "organizations" WHERE "name" = $1 LIMIT 1',
    );
    this.generations = new CacheGenerations(dataSource);
    this.knownOrganizations = new GenerationCache(dataSource, 'principals');
  }

  async authenticate(authorization: string | undefined): Promise<Principal | undefined> {
    const credentials = parseBasic(authorization);
    if (!credentials) return undefined;
    const digest = createHash('sha256').update(authorization!).digest('base64');
    const now = this.clock.now();
    // Read before the user: a change committed after it leaves the next request a newer generation, never this one.
    const generation = await this.generations.of('principals');
    const cached = this.verified.get(digest);
    if (cached && cached.expiresAt > now && cached.generation === generation) return cached.principal;
    const rows = await this.userStatement.all(credentials.email);
    const user = rows[0];
    if (!user) return undefined;
    let userRoles: Array<{ organization: string | null; role: OrgRole | null }> = rows;
    const stillValid =
      cached && cached.expiresAt > now && cached.email === user.email && cached.passwordHash === user.passwordHash;
    if (!stillValid) {
      this.verified.delete(digest);
      if (!(await this.checkPassword(digest, credentials.password, user.passwordHash))) return undefined;
      // Read again after the password check: a role changed while scrypt ran takes effect on this request too.
      userRoles = await this.rolesStatement.all(user.email);
    }
    const principal = { email: user.email, sysadmin: user.sysadmin, roles: rolesOf(userRoles) };
    if (this.verified.size >= CACHE_MAX_ENTRIES && !this.verified.has(digest)) this.verified.clear();
    this.verified.set(digest, {
      email: user.email,
      passwordHash: user.passwordHash,
      expiresAt: stillValid ? cached.expiresAt : now + CACHE_TTL_MS,
      principal,
      generation,
    });
    return principal;
  }

  private checkPassword(digest: string, password: string, passwordHash: string): Promise<boolean> {
    const key = `${digest} ${passwordHash}`;
    let check = this.checking.get(key);
    if (check === undefined) {
      passwordChecks.inc();
      check = verifyPassword(password, passwordHash).finally(() => this.checking.delete(key));
      this.checking.set(key, check);
    }
    return check;
  }

  async organizationExists(name: string): Promise<boolean> {
    return this.knownOrganizations.get(name, async () => (await this.organizationStatement.one(name)) !== undefined);
  }

  /** Drops every remembered credential of a user whose password, roles or existence changed. */
  forget(email: string): void {
    for (const [digest, entry] of this.verified) if (entry.email === email) this.verified.delete(digest);
  }
}
