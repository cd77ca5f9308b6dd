import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppUser } from './app-user.entity.js';
import { AppUsersController } from './appusers.controller.js';
import { AppUsersService } from './appusers.service.js';

/** Contract 2.6: resource owners, kept per organization. */
@Module({
  imports: [TypeOrmModule.forFeature([AppUser])],
  controllers: [AppUsersController],
  providers: [AppUsersService],
  exports: [AppUsersService],
})
export class AppUsersModule {}
