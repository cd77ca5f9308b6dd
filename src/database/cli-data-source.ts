// Used only by the TypeORM CLI to generate migrations: `npm run migration:generate -- <dialect> <Name>`.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source.js';

const options = dataSourceOptions(loadAppConfig().database);
export default new DataSource({ ...options, migrationsRun: false });
