import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions, initializeDataSource } from './data-source.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // A database that cannot be opened at start stops the server at once, with the reason, rather than after
      // half a minute of silent retries: whatever supervises it (systemd, Kubernetes, WORKERS=N's primary) restarts
      // it. Once running, the server reconnects by itself.
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.database), retryAttempts: 1 }),
      // Migrations run once the connection is open, one process at a time.
      dataSourceFactory: (options) => initializeDataSource(options!),
    }),
  ],
  providers: [SqliteCheckpointer],
})
export class DatabaseModule {}
