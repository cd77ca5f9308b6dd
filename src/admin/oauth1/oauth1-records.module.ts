import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokensModule } from '../../tokens/tokens.module.js';
import { AppsModule } from '../apps/apps.module.js';
import { DeveloperApp } from '../apps/developer-app.entity.js';
import { Credential } from '../keys/credential.entity.js';
import { KeysModule } from '../keys/keys.module.js';
import {
  AccessTokenCountsController,
  CompanyAccessTokenCountsController,
  OAuth1RecordsController,
} from './oauth1-records.controller.js';
import { OAuth1RecordsService } from './oauth1-records.service.js';

/** Contract 2.5: request tokens, verifiers and access tokens under /v1/o/{org}/oauth1. */
@Module({
  imports: [TokensModule, TypeOrmModule.forFeature([DeveloperApp, Credential]), AppsModule, KeysModule],
  controllers: [OAuth1RecordsController, AccessTokenCountsController, CompanyAccessTokenCountsController],
  providers: [OAuth1RecordsService],
})
export class OAuth1RecordsModule {}
