import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiProductsModule } from '../apiproducts/apiproducts.module.js';
import { AppsModule } from '../apps/apps.module.js';
import { Credential } from './credential.entity.js';
import { KeysController } from './keys.controller.js';
import { KeysService } from './keys.service.js';

/** Contract 2.4: an app's keys (credentials) and their API products. */
@Module({
  imports: [TypeOrmModule.forFeature([Credential]), AppsModule, ApiProductsModule],
  controllers: [KeysController],
  providers: [KeysService],
  exports: [KeysService],
})
export class KeysModule {}
