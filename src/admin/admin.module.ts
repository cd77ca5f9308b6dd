import { Module } from '@nestjs/common';
import { ApiProductsModule } from './apiproducts/apiproducts.module.js';
import { AppsModule } from './apps/apps.module.js';
import { AppUsersModule } from './appusers/appusers.module.js';
import { CompaniesModule } from './companies/companies.module.js';
import { DevelopersModule } from './developers/developers.module.js';
import { KeysModule } from './keys/keys.module.js';
import { OAuth1RecordsModule } from './oauth1/oauth1-records.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { UsersModule } from './users/users.module.js';

/**
 * The management API of contract section 2, under /v1/o/{org} and /v1/organizations/{org}. Re-exports the users
 * feature for the global guard, which needs its PrincipalResolver.
 */
@Module({
  imports: [
    OrganizationsModule,
    UsersModule,
    DevelopersModule,
    CompaniesModule,
    ApiProductsModule,
    AppsModule,
    KeysModule,
    AppUsersModule,
    OAuth1RecordsModule,
  ],
  exports: [UsersModule],
})
export class AdminModule {}
