import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeveloperApp } from '../apps/developer-app.entity.js';
import { Company, CompanyDeveloper } from '../companies/company.entity.js';
import { Developer } from './developer.entity.js';
import { DeveloperAttributesController, DevelopersController } from './developers.controller.js';
import { DevelopersService } from './developers.service.js';

/** Contract 2.4: developers. Exports the lookup of a developer by org and email that apps and keys use. */
@Module({
  imports: [TypeOrmModule.forFeature([Developer, DeveloperApp, Company, CompanyDeveloper])],
  controllers: [DevelopersController, DeveloperAttributesController],
  providers: [DevelopersService],
  exports: [DevelopersService],
})
export class DevelopersModule {}
