import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

/** The built-in resource-owner consent page is not built yet; until then a provider authorizes via the admin API. */
@ApiTags('oauth')
@Controller('oauth')
export class AuthorizeController {
  @Get(['oauth10/authorize', 'authorize'])
  @Post(['oauth10/authorize', 'authorize'])
  @HttpCode(501)
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'Resource-owner authorization (not implemented yet)',
    description: 'Answers 501. Authorize a request token with POST /v1/o/{org}/oauth1/verifiers meanwhile.',
  })
  authorize(): string {
    return 'The built-in authorize page is not available yet: authorize request tokens with POST /v1/o/{org}/oauth1/verifiers';
  }
}
