import type { MigrationInterface } from 'typeorm';
import { Initial1795520515782 } from './1795520515782-Initial.js';
import { AccessTypeAndLastUse1795987265193 } from './1795987265193-AccessTypeAndLastUse.js';
import { AddFailedAttempts1795987436380 } from './1795987436380-AddFailedAttempts.js';
import { ForeignKeyCascades1795990531302 } from './1795990531302-ForeignKeyCascades.js';
import { ApigeeCompanies1795998968369 } from './1795998968369-ApigeeCompanies.js';
import { UserRolesByEmail1796004725212 } from './1796004725212-UserRolesByEmail.js';
import { CacheGenerations1796090000000 } from './1796090000000-CacheGenerations.js';

export const SQLITE_MIGRATIONS: Array<new () => MigrationInterface> = [Initial1795520515782, AccessTypeAndLastUse1795987265193, AddFailedAttempts1795987436380, ForeignKeyCascades1795990531302, ApigeeCompanies1795998968369, UserRolesByEmail1796004725212, CacheGenerations1796090000000];
