import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

@ApiTags('service')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get('healthz')
  @ApiOkResponse({ description: 'The process is up', schema: { example: { status: 'ok' } } })
  liveness() {
    return { status: 'ok' };
  }

  @Get('readyz')
  @HealthCheck({ swaggerDocumentation: false, noCache: true })
  @ApiOkResponse({ description: 'The database answers' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  readiness() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
  }
}
