import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { ErrorView } from '../../common/dto.js';
import { FormBody } from '../../common/http/request-bodies.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { CreateUserDto, RoleAssignmentView, RoleMemberView, RoleView, UpdateUserDto, UserView } from './users.dto.js';
import { UsersService } from './users.service.js';

/** apigeetool's assignUserRole sends the user as a form body, `id=<email>`. */
function formId(body: unknown): string | undefined {
  if (!(body instanceof FormBody)) return undefined;
  return new URLSearchParams(body.text() ?? '').get('id') ?? undefined;
}

const ROLE_NOT_FOUND = { type: ErrorView, description: 'usersandroles.RoleDoesNotExist' };

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
  @ApiQuery({ name: 'id', required: false, description: 'The management user to give the role (or the form field)' })
  @ApiBody({
    required: false,
    description: 'Instead of ?id=, a form body id=<email>, as apigeetool sends it',
    schema: { type: 'object', properties: { id: { type: 'string', example: 'jane@example.com' } } },
  })
  @ApiCreatedResponse({ type: RoleAssignmentView })
  @ApiNotFoundResponse({ type: ErrorView, description: 'usersandroles.RoleDoesNotExist or UserDoesNotExist' })
  addRole(
    @Param('org') org: string,
    @Param('role') role: string,
    @Query('id') id: string | undefined,
    @Body() body: unknown,
  ): Promise<RoleAssignmentView> {
    return this.users.addRole(org, role, id ?? formId(body));
  }

  @Get(['o/:org/userroles', 'organizations/:org/userroles'])
  @AdminAccess('org')
  @XmlRoot('List')
  @ApiOkResponse({ type: [String], description: 'The names of the roles an organization has' })
  listRoles(): string[] {
    return this.users.roleNames();
  }

  @Get(['o/:org/userroles/:role', 'organizations/:org/userroles/:role'])
  @AdminAccess('org')
  @XmlRoot('Role')
  @ApiOkResponse({ type: RoleView })
  @ApiNotFoundResponse(ROLE_NOT_FOUND)
  getRole(@Param('role') role: string): RoleView {
    return this.users.role(role);
  }

  @Get(['o/:org/userroles/:role/users/:email', 'organizations/:org/userroles/:role/users/:email'])
  @AdminAccess('org')
  @XmlRoot('User')
  @ApiOkResponse({ type: RoleMemberView, description: 'The user holds the role' })
  @ApiNotFoundResponse({ type: ErrorView, description: 'usersandroles.UserDoesNotExist: the user does not hold it' })
  roleMember(
    @Param('org') org: string,
    @Param('role') role: string,
    @Param('email') email: string,
  ): Promise<RoleMemberView> {
    return this.users.roleMember(org, role, email);
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
