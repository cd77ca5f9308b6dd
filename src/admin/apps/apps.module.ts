import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiProductsModule } from '../apiproducts/apiproducts.module.js';
import { Company } from '../companies/company.entity.js';
import { DevelopersModule } from '../developers/developers.module.js';
import { Credential } from '../keys/credential.entity.js';
import { AppAttributesController, AppsController } from './apps.controller.js';
import { OrgAppsController } from './org-apps.controller.js';
import { AppsService } from './apps.service.js';
import { DeveloperApp } from './developer-app.entity.js';

/** Contract 2.4: developer apps, each created with one generated key. Exports the lookup of an app by its path. */
@Module({
  imports: [TypeOrmModule.forFeature([DeveloperApp, Credential, Company]), DevelopersModule, ApiProductsModule],
  controllers: [AppsController, AppAttributesController, OrgAppsController],
  providers: [AppsService],
  exports: [AppsService],
})
export class AppsModule {}
