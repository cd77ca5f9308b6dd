import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResourceOwnerCredentials } from '../../tokens/resource-owners.js';
import { TokensModule } from '../../tokens/tokens.module.js';
import { AppUserCredentials } from './app-user-credentials.js';
import { AppUser } from './app-user.entity.js';
import { AppUsersController } from './appusers.controller.js';
import { AppUsersService } from './appusers.service.js';

/** Contract 2.6: resource owners, kept per organization; and the authorize page's sign-in over them. */
@Module({
  imports: [TypeOrmModule.forFeature([AppUser]), TokensModule],
  controllers: [AppUsersController],
  providers: [AppUsersService, { provide: ResourceOwnerCredentials, useClass: AppUserCredentials }],
  exports: [AppUsersService, ResourceOwnerCredentials],
})
export class AppUsersModule {}
