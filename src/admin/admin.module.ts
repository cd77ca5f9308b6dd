import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiProductsModule } from './apiproducts/apiproducts.module.js';
import { AppsModule } from './apps/apps.module.js';
import { AppUsersModule } from './appusers/appusers.module.js';
import { DevelopersModule } from './developers/developers.module.js';
import { KeysModule } from './keys/keys.module.js';
import { OAuth1RecordsModule } from './oauth1/oauth1-records.module.js';
import { Organization } from './organizations/organization.entity.js';
import { OrganizationsController } from './organizations/organizations.controller.js';
import { BootstrapService } from './users/bootstrap.service.js';
import { ManagementUser, UserRole } from './users/management-user.entity.js';
import { UsersController } from './users/users.controller.js';

/** The management API of contract section 2, under /v1/o/{org} and /v1/organizations/{org}. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Organization, ManagementUser, UserRole]),
    DevelopersModule,
    ApiProductsModule,
    AppsModule,
    KeysModule,
    AppUsersModule,
    OAuth1RecordsModule,
  ],
  controllers: [OrganizationsController, UsersController],
  providers: [BootstrapService],
})
export class AdminModule {}
