import { Module } from '@nestjs/common';

/** Contract 2.5: request tokens, verifiers and access tokens under /v1/o/{org}/oauth1. */
@Module({})
export class OAuth1RecordsModule {}
