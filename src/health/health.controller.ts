import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { databaseAvailability } from '../database/unavailable.js';

@ApiTags('service')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Get('healthz')
  @ApiOkResponse({ description: 'The process is up', schema: { example: { status: 'ok' } } })
  liveness() {
    return { status: 'ok' };
  }

  @Get('readyz')
  @HealthCheck({ swaggerDocumentation: false, noCache: true })
  @ApiOkResponse({ description: 'The database answers' })
  @ApiServiceUnavailableResponse({
    description: 'The database does not answer, or requests failed on it (unreachable, disk full) in the last seconds',
  })
  readiness() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      // A full disk fails every write while a ping still answers: requests that just failed say so.
      () => {
        const session = this.indicators.check('requests');
        const failure = databaseAvailability.recentFailure();
        return failure === undefined ? session.up() : session.down({ message: `database ${failure}` });
      },
    ]);
  }
}
