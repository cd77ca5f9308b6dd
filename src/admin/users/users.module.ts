import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrincipalResolver } from '../../common/auth/principal.js';
import { BootstrapService } from './bootstrap.service.js';
import { ManagementAuthenticator } from './management-authenticator.js';
import { ManagementUser, UserRole } from './management-user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/**
 * Contract 2.1: management users and their roles, the first sysadmin on an empty database, and the check of their
 * Basic credentials that the global guard asks for as a PrincipalResolver (one instance, so that a change here
 * drops what the guard remembers).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ManagementUser, UserRole])],
  controllers: [UsersController],
  providers: [
    UsersService,
    BootstrapService,
    ManagementAuthenticator,
    { provide: PrincipalResolver, useExisting: ManagementAuthenticator },
  ],
  exports: [PrincipalResolver],
})
export class UsersModule {}
