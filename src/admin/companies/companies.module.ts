import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeveloperApp } from '../apps/developer-app.entity.js';
import { DevelopersModule } from '../developers/developers.module.js';
import { CompaniesController, CompanyAttributesController } from './companies.controller.js';
import { CompaniesService } from './companies.service.js';
import { Company, CompanyDeveloper } from './company.entity.js';

/** Contract 2.4 "Companies": companies and their developers. Exports the lookup of a company by org and name. */
@Module({
  imports: [TypeOrmModule.forFeature([Company, CompanyDeveloper, DeveloperApp]), DevelopersModule],
  controllers: [CompaniesController, CompanyAttributesController],
  providers: [CompaniesService],
  exports: [CompaniesService],
})
export class CompaniesModule {}
