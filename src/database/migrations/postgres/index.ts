import type { MigrationInterface } from 'typeorm';
import { Initial1795520516221 } from './1795520516221-Initial.js';
import { AccessTypeAndLastUse1795987273579 } from './1795987273579-AccessTypeAndLastUse.js';
import { ForeignKeyCascades1795990545424 } from './1795990545424-ForeignKeyCascades.js';

export const POSTGRES_MIGRATIONS: Array<new () => MigrationInterface> = [Initial1795520516221, AccessTypeAndLastUse1795987273579, ForeignKeyCascades1795990545424];
