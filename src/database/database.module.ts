import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions, initializeDataSource } from './data-source.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config.database),
      // Migrations run once the connection is open, one process at a time.
      dataSourceFactory: (options) => initializeDataSource(options!),
    }),
  ],
})
export class DatabaseModule {}
