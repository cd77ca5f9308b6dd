import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppUser } from '../admin/appusers/app-user.entity.js';
import { Developer } from '../admin/developers/developer.entity.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { AuthorizeController } from './authorize/authorize.controller.js';
import { AuthorizeService } from './authorize/authorize.service.js';
import { ConsumerDirectory } from './consumer-directory.js';
import { InitiateController } from './initiate.controller.js';
import { SignedRequestVerifier } from './signed-request-verifier.js';
import { TokenController } from './token.controller.js';
import { VerifyController } from './verify.controller.js';

/** The OAuth 1.0a provider endpoints of contract section 1 (RFC 5849). */
@Module({
  imports: [TokensModule, TypeOrmModule.forFeature([AppUser, Developer])],
  controllers: [InitiateController, AuthorizeController, TokenController, VerifyController],
  providers: [ConsumerDirectory, SignedRequestVerifier, AuthorizeService],
})
export class ProtocolModule {}
