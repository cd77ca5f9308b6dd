import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessToken } from './access-token.entity.js';
import { AccessTokenStore } from './access-token.store.js';
import { ExpiryPurgeService } from './expiry-purge.service.js';
import { Nonce } from './nonce.entity.js';
import { NonceStore } from './nonce.store.js';
import { RequestToken } from './request-token.entity.js';
import { RequestTokenStore } from './request-token.store.js';
import { Verifier } from './verifier.entity.js';
import { VerifierStore } from './verifier.store.js';

/** Storage of the OAuth 1.0a credentials the protocol issues, shared by the protocol and the admin records API. */
@Module({
  imports: [TypeOrmModule.forFeature([RequestToken, Verifier, AccessToken, Nonce])],
  providers: [RequestTokenStore, VerifierStore, AccessTokenStore, NonceStore, ExpiryPurgeService],
  exports: [RequestTokenStore, VerifierStore, AccessTokenStore, NonceStore],
})
export class TokensModule {}
