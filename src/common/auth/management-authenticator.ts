import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { Organization } from '../../admin/organizations/organization.entity.js';
import { ManagementUser, OrgRole, UserRole } from '../../admin/users/management-user.entity.js';
import { Clock } from '../clock.js';
import { verifyPassword } from '../password-hasher.js';

export interface Principal {
  email: string;
  sysadmin: boolean;
  roles: Map<string, OrgRole>;
}

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

/**
 * Checks management users' Basic credentials. scrypt takes ~50 ms, so a verified header is remembered briefly,
 * keyed by its digest. The user and roles are still read on every request: a changed password (its hash differs
 * from the one verified), a deleted user or a changed role takes effect at once, in every server process.
 */
@Injectable()
export class ManagementAuthenticator {
  private readonly verified = new Map<string, { email: string; passwordHash: string; expiresAt: number }>();

  constructor(
    @InjectRepository(ManagementUser) private readonly users: Repository<ManagementUser>,
    @InjectRepository(UserRole) private readonly roles: Repository<UserRole>,
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    private readonly clock: Clock,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Principal | undefined> {
    const credentials = parseBasic(authorization);
    if (!credentials) return undefined;
    const digest = createHash('sha256').update(authorization!).digest('base64');
    const now = this.clock.now();
    const user = await this.users.findOneBy({ email: credentials.email });
    if (!user) return undefined;
    const cached = this.verified.get(digest);
    const stillValid =
      cached && cached.expiresAt > now && cached.email === user.email && cached.passwordHash === user.passwordHash;
    if (!stillValid) {
      this.verified.delete(digest);
      if (!(await verifyPassword(credentials.password, user.passwordHash))) return undefined;
      if (this.verified.size >= CACHE_MAX_ENTRIES) this.verified.clear();
      this.verified.set(digest, { email: user.email, passwordHash: user.passwordHash, expiresAt: now + CACHE_TTL_MS });
    }
    const roles = new Map<string, OrgRole>();
    for (const { organization, role } of await this.roles.findBy({ email: user.email })) {
      // Holding both roles in one org means orgadmin.
      if (roles.get(organization) !== 'orgadmin') roles.set(organization, role);
    }
    return { email: user.email, sysadmin: user.sysadmin, roles };
  }

  organizationExists(name: string): Promise<boolean> {
    return this.organizations.existsBy({ name });
  }

  /** Drops every remembered credential of a user whose password, roles or existence changed. */
  forget(email: string): void {
    for (const [digest, entry] of this.verified) if (entry.email === email) this.verified.delete(digest);
  }
}
