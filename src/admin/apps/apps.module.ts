import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiProductsModule } from '../apiproducts/apiproducts.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { DevelopersModule } from '../developers/developers.module.js';
import { Credential } from '../keys/credential.entity.js';
import {
  AppAttributesController,
  AppsController,
  CompanyAppAttributesController,
  CompanyAppsController,
} from './apps.controller.js';
import { OrgAppsController } from './org-apps.controller.js';
import { AppsService } from './apps.service.js';
import { DeveloperApp } from './developer-app.entity.js';

/** Contract 2.4: developer and company apps, each created with one generated key. Exports the lookup of an app by its path. */
@Module({
  imports: [TypeOrmModule.forFeature([DeveloperApp, Credential]), DevelopersModule, CompaniesModule, ApiProductsModule],
  controllers: [
    AppsController,
    CompanyAppsController,
    AppAttributesController,
    CompanyAppAttributesController,
    OrgAppsController,
  ],
  providers: [AppsService],
  exports: [AppsService],
})
export class AppsModule {}
