import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { AuthorizeController } from './authorize.controller.js';
import { ConsumerDirectory } from './consumer-directory.js';
import { InitiateController } from './initiate.controller.js';
import { SignedRequestVerifier } from './signed-request-verifier.js';
import { TokenController } from './token.controller.js';
import { VerifyController } from './verify.controller.js';

/** The OAuth 1.0a provider endpoints of contract section 1 (RFC 5849). */
@Module({
  imports: [TokensModule],
  controllers: [InitiateController, AuthorizeController, TokenController, VerifyController],
  providers: [ConsumerDirectory, SignedRequestVerifier],
})
export class ProtocolModule {}
