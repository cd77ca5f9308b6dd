import type { MigrationInterface } from 'typeorm';
import { Initial1795520516221 } from './1795520516221-Initial.js';

export const POSTGRES_MIGRATIONS: Array<new () => MigrationInterface> = [Initial1795520516221];
