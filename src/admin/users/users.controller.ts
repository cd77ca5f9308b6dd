import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import { ManagementAuthenticator } from '../../common/auth/management-authenticator.js';
import type { Principal } from '../../common/auth/management-authenticator.js';
import { Clock } from '../../common/clock.js';
import { AuditFields, LowerCase } from '../../common/dto.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { hashPassword } from '../../common/password-hasher.js';
import { audit } from '../../database/columns.js';
import { ManagementUser, ORG_ROLES, OrgRole, UserRole } from './management-user.entity.js';

export class UserView extends AuditFields {
  @ApiProperty({ example: 'jane@example.com' }) emailId!: string;
  @ApiProperty({ example: 'Jane' }) firstName!: string;
  @ApiProperty({ example: 'Doe' }) lastName!: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'jane@example.com' }) @LowerCase() @IsEmail() @MaxLength(254) emailId!: string;
  @ApiProperty({ example: 'Jane' }) @IsString() @MaxLength(255) firstName!: string;
  @ApiProperty({ example: 'Doe' }) @IsString() @MaxLength(255) lastName!: string;
  @ApiProperty({ example: 'correct horse battery staple', minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password!: string;
}

export class UpdateUserDto {
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(255) firstName?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(255) lastName?: string;
  @ApiProperty({ required: false, minLength: 8 })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;
}

export class RoleAssignmentView {
  @ApiProperty({ example: [{ name: 'jane@example.com' }] }) user!: Array<{ name: string }>;
}

const view = (user: ManagementUser): UserView => ({
  emailId: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  createdAt: user.createdAt,
  createdBy: user.createdBy,
  lastModifiedAt: user.lastModifiedAt,
  lastModifiedBy: user.lastModifiedBy,
});

function parseRole(role: string): OrgRole {
  if (!(ORG_ROLES as readonly string[]).includes(role)) throw AdminErrors.roleNotFound(role);
  return role as OrgRole;
}

@ApiTags('users')
@Controller('v1')
export class UsersController {
  constructor(
    @InjectRepository(ManagementUser) private readonly users: Repository<ManagementUser>,
    @InjectRepository(UserRole) private readonly roles: Repository<UserRole>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authenticator: ManagementAuthenticator,
    private readonly clock: Clock,
  ) {}

  @Post('users')
  @HttpCode(201)
  @AdminAccess('sysadmin')
  @XmlRoot('User')
  @ApiCreatedResponse({ type: UserView })
  async create(@Body() body: CreateUserDto, @Actor() actor: Principal): Promise<UserView> {
    if (await this.users.existsBy({ email: body.emailId })) throw AdminErrors.userExists(body.emailId);
    const user = this.users.create({
      email: body.emailId,
      firstName: body.firstName,
      lastName: body.lastName,
      passwordHash: await hashPassword(body.password),
      sysadmin: false,
      ...audit(actor.email, this.clock.now()),
    });
    return view(await this.users.save(user));
  }

  @Get('users')
  @AdminAccess('sysadmin')
  @XmlRoot('List')
  @ApiOkResponse({ type: [String] })
  async list(): Promise<string[]> {
    return (await this.users.find({ order: { email: 'ASC' } })).map((user) => user.email);
  }

  @Get('users/:email')
  @AdminAccess('self')
  @XmlRoot('User')
  @ApiOkResponse({ type: UserView })
  async get(@Param('email') email: string): Promise<UserView> {
    return view(await this.find(email));
  }

  @Put('users/:email')
  @AdminAccess('self')
  @XmlRoot('User')
  @ApiOkResponse({ type: UserView })
  async update(@Param('email') email: string, @Body() body: UpdateUserDto, @Actor() actor: Principal) {
    const user = await this.find(email);
    if (body.firstName !== undefined) user.firstName = body.firstName;
    if (body.lastName !== undefined) user.lastName = body.lastName;
    if (body.password !== undefined) user.passwordHash = await hashPassword(body.password);
    user.lastModifiedAt = this.clock.now();
    user.lastModifiedBy = actor.email;
    await this.users.save(user);
    this.authenticator.forget(user.email);
    return view(user);
  }

  @Delete('users/:email')
  @AdminAccess('sysadmin')
  @XmlRoot('User')
  @ApiOkResponse({ type: UserView, description: 'The deleted user' })
  async delete(@Param('email') email: string): Promise<UserView> {
    const user = await this.find(email);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(UserRole, { email: user.email });
      await manager.delete(ManagementUser, { email: user.email });
    });
    this.authenticator.forget(user.email);
    return view(user);
  }

  @Post(['o/:org/userroles/:role/users', 'organizations/:org/userroles/:role/users'])
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('Users')
  @ApiQuery({ name: 'id', description: 'The management user to give the role' })
  @ApiCreatedResponse({ type: RoleAssignmentView })
  async addRole(
    @Param('org') org: string,
    @Param('role') role: string,
    @Query('id') id: string | undefined,
  ): Promise<RoleAssignmentView> {
    const orgRole = parseRole(role);
    if (!id) throw AdminErrors.invalidRequest('id (the user email) is a required query parameter');
    const user = await this.find(id);
    await this.roles.upsert({ organization: org, email: user.email, role: orgRole }, ['organization', 'email', 'role']);
    this.authenticator.forget(user.email);
    return { user: [{ name: user.email }] };
  }

  @Get(['o/:org/userroles/:role/users', 'organizations/:org/userroles/:role/users'])
  @AdminAccess('org')
  @XmlRoot('List')
  @ApiOkResponse({ type: [String] })
  async listRole(@Param('org') org: string, @Param('role') role: string): Promise<string[]> {
    const rows = await this.roles.find({
      where: { organization: org, role: parseRole(role) },
      order: { email: 'ASC' },
    });
    return rows.map((row) => row.email);
  }

  @Delete(['o/:org/userroles/:role/users/:email', 'organizations/:org/userroles/:role/users/:email'])
  @HttpCode(204)
  @AdminAccess('org')
  @ApiNoContentResponse()
  async removeRole(@Param('org') org: string, @Param('role') role: string, @Param('email') email: string) {
    const orgRole = parseRole(role);
    const user = await this.find(email);
    const result = await this.roles.delete({ organization: org, email: user.email, role: orgRole });
    if (!result.affected) throw AdminErrors.userNotFound(user.email);
    this.authenticator.forget(user.email);
  }

  private async find(email: string): Promise<ManagementUser> {
    const normalized = email.toLowerCase();
    const user = await this.users.findOneBy({ email: normalized });
    if (!user) throw AdminErrors.userNotFound(normalized);
    return user;
  }
}
