import { Module } from '@nestjs/common';

/** The OAuth 1.0a provider endpoints of contract section 1 (RFC 5849). */
@Module({})
export class ProtocolModule {}
