import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiProductsModule } from '../apiproducts/apiproducts.module.js';
import { AppsModule } from '../apps/apps.module.js';
import { ConsumerDirectory } from '../../tokens/consumer-directory.js';
import { CredentialConsumerDirectory } from './credential-consumer-directory.js';
import { Credential } from './credential.entity.js';
import {
  CompanyKeyAttributesController,
  CompanyKeysController,
  KeyAttributesController,
  KeysController,
} from './keys.controller.js';
import { KeysService } from './keys.service.js';

/** Contract 2.4: an app's keys (credentials) and their API products; and the protocol's consumer read model. */
@Module({
  imports: [TypeOrmModule.forFeature([Credential]), AppsModule, ApiProductsModule],
  controllers: [KeysController, CompanyKeysController, KeyAttributesController, CompanyKeyAttributesController],
  providers: [KeysService, { provide: ConsumerDirectory, useClass: CredentialConsumerDirectory }],
  exports: [KeysService, ConsumerDirectory],
})
export class KeysModule {}
