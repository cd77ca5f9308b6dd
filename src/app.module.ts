import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './admin/admin.module.js';
import { AppUsersModule } from './admin/appusers/appusers.module.js';
import { KeysModule } from './admin/keys/keys.module.js';
import { AdminAuthGuard } from './common/auth/admin-auth.guard.js';
import { FailedAttemptLimiter } from './common/auth/failed-attempt-limiter.js';
import { Clock } from './common/clock.js';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter.js';
import { BodyValidationPipe } from './common/http/body-validation.pipe.js';
import { AppConfig } from './config/app-config.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LOG_DESTINATION, LogDestination, LoggingModule } from './observability/logging.js';
import { MetricsModule } from './observability/metrics.js';
import { ProtocolModule } from './protocol/protocol.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** Tests pass a clock they can move. */
  clock?: Clock;
  /** Where JSON log lines go (default: standard output); tests pass a stream they can read. */
  logDestination?: LogDestination;
}

/** Configuration, the clock and failure limits: used by every feature module. */
@Global()
@Module({})
class CoreModule {
  static forRoot({ config, clock, logDestination }: AppModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock ?? new Clock() },
        { provide: LOG_DESTINATION, useValue: logDestination },
        FailedAttemptLimiter,
      ],
      exports: [AppConfig, Clock, LOG_DESTINATION, FailedAttemptLimiter],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        ScheduleModule.forRoot(),
        LoggingModule,
        MetricsModule,
        DatabaseModule,
        HealthModule,
        AdminModule,
        ProtocolModule.register([KeysModule, AppUsersModule]),
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: AdminAuthGuard },
        { provide: APP_PIPE, useClass: BodyValidationPipe },
      ],
    };
  }
}
