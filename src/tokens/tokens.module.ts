import { Module } from '@nestjs/common';
import { AccessTokenStore } from './access-token.store.js';
import { ExpiryPurgeService } from './expiry-purge.service.js';
import { NonceStore } from './nonce.store.js';
import { RequestTokenStore } from './request-token.store.js';
import { VerifierStore } from './verifier.store.js';

/**
 * Storage of the OAuth 1.0a credentials the protocol issues, shared by the protocol and the admin records API. The
 * stores are the tables' one way in (prepared statements); no TypeORM repository of them is registered.
 */
@Module({
  providers: [RequestTokenStore, VerifierStore, AccessTokenStore, NonceStore, ExpiryPurgeService],
  exports: [RequestTokenStore, VerifierStore, AccessTokenStore, NonceStore],
})
export class TokensModule {}
