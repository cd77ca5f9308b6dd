import { Module } from '@nestjs/common';
import type { DynamicModule, ModuleMetadata } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { AccessTokenLifeController } from './access-token/access-token-life.controller.js';
import { AccessTokenLife } from './access-token/access-token-life.service.js';
import { AuthorizeController } from './authorize/authorize.controller.js';
import { AuthorizeService } from './authorize/authorize.service.js';
import { ForwardAuthController } from './forward-auth/forward-auth.controller.js';
import { ConnectionsController } from './owner/connections.controller.js';
import { ConnectionsService } from './owner/connections.service.js';
import { OwnerSessions } from './owner/owner-sessions.js';
import { InitiateController } from './initiate/initiate.controller.js';
import { Initiate } from './initiate/initiate.service.js';
import { SignedRequestAuthenticator } from './signed-request-authenticator.js';
import { TokenController } from './token/token.controller.js';
import { TokenExchange } from './token/token-exchange.service.js';
import { ResourceRequestCheck } from './verify/resource-request-check.service.js';
import { VerifyController } from './verify/verify.controller.js';

/**
 * The OAuth 1.0a provider endpoints of contract section 1 (RFC 5849). What it needs to know of consumers and
 * resource owners it asks through the ports of src/tokens (ConsumerDirectory, ResourceOwnerCredentials), which the
 * modules that own those records provide: the application root passes them in, so the protocol imports no feature of
 * the admin API.
 */
@Module({})
export class ProtocolModule {
  static register(directories: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: ProtocolModule,
      imports: [TokensModule, ...directories],
      controllers: [
        InitiateController,
        AuthorizeController,
        ConnectionsController,
        TokenController,
        VerifyController,
        AccessTokenLifeController,
        ForwardAuthController,
      ],
      providers: [
        SignedRequestAuthenticator,
        Initiate,
        TokenExchange,
        ResourceRequestCheck,
        AccessTokenLife,
        AuthorizeService,
        OwnerSessions,
        ConnectionsService,
      ],
    };
  }
}
