import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { CreateUserDto, RoleAssignmentView, UpdateUserDto, UserView } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('v1')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('users')
  @HttpCode(201)
  @AdminAccess('sysadmin')
  @XmlRoot('User')
  @ApiCreatedResponse({ type: UserView })
  create(@Body() body: CreateUserDto, @Actor() actor: Principal): Promise<UserView> {
    return this.users.create(body, actor.email);
  }

  @Get('users')
  @AdminAccess('sysadmin')
  @XmlRoot('List')
  @ApiOkResponse({ type: [String] })
  list(): Promise<string[]> {
    return this.users.listEmails();
  }

  @Get('users/:email')
  @AdminAccess('self')
  @XmlRoot('User')
  @ApiOkResponse({ type: UserView })
  get(@Param('email') email: string): Promise<UserView> {
    return this.users.get(email);
  }

  @Put('users/:email')
  @AdminAccess('self')
  @XmlRoot('User')
  @ApiOkResponse({ type: UserView })
  update(@Param('email') email: string, @Body() body: UpdateUserDto, @Actor() actor: Principal): Promise<UserView> {
    return this.users.update(email, body, actor.email);
  }

  @Delete('users/:email')
  @AdminAccess('sysadmin')
  @XmlRoot('User')
  @ApiOkResponse({ type: UserView, description: 'The deleted user' })
  delete(@Param('email') email: string): Promise<UserView> {
    return this.users.delete(email);
  }

  @Post(['o/:org/userroles/:role/users', 'organizations/:org/userroles/:role/users'])
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('Users')
  @ApiQuery({ name: 'id', description: 'The management user to give the role' })
  @ApiCreatedResponse({ type: RoleAssignmentView })
  addRole(
    @Param('org') org: string,
    @Param('role') role: string,
    @Query('id') id: string | undefined,
  ): Promise<RoleAssignmentView> {
    return this.users.addRole(org, role, id);
  }

  @Get(['o/:org/userroles/:role/users', 'organizations/:org/userroles/:role/users'])
  @AdminAccess('org')
  @XmlRoot('List')
  @ApiOkResponse({ type: [String] })
  listRole(@Param('org') org: string, @Param('role') role: string): Promise<string[]> {
    return this.users.listRole(org, role);
  }

  @Delete(['o/:org/userroles/:role/users/:email', 'organizations/:org/userroles/:role/users/:email'])
  @HttpCode(204)
  @AdminAccess('org')
  @ApiNoContentResponse()
  removeRole(@Param('org') org: string, @Param('role') role: string, @Param('email') email: string): Promise<void> {
    return this.users.removeRole(org, role, email);
  }
}
