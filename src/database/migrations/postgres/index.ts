import type { MigrationInterface } from 'typeorm';
import { Initial1795520516221 } from './1795520516221-Initial.js';
import { AccessTypeAndLastUse1795987273579 } from './1795987273579-AccessTypeAndLastUse.js';
import { AddFailedAttempts1795987447387 } from './1795987447387-AddFailedAttempts.js';
import { ForeignKeyCascades1795990545424 } from './1795990545424-ForeignKeyCascades.js';
import { ApigeeCompanies1795998969696 } from './1795998969696-ApigeeCompanies.js';
import { UserRolesByEmail1796004726681 } from './1796004726681-UserRolesByEmail.js';
import { CacheGenerations1796090000001 } from './1796090000001-CacheGenerations.js';

export const POSTGRES_MIGRATIONS: Array<new () => MigrationInterface> = [Initial1795520516221, AccessTypeAndLastUse1795987273579, AddFailedAttempts1795987447387, ForeignKeyCascades1795990545424, ApigeeCompanies1795998969696, UserRolesByEmail1796004726681, CacheGenerations1796090000001];
