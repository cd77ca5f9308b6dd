import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ORG_ROLES, type OrgRole } from '../../common/auth/principal.js';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { hashPassword } from '../../common/password-hasher.js';
import { createdStamp, modifiedStamp } from '../audit.js';
import { ManagementAuthenticator } from './management-authenticator.js';
import { ManagementUser, UserRole } from './management-user.entity.js';
import {
  CreateUserDto,
  RoleAssignmentView,
  RoleMemberView,
  RoleView,
  UpdateUserDto,
  userView,
  UserView,
} from './users.dto.js';

function parseRole(role: string): OrgRole {
  if (!(ORG_ROLES as readonly string[]).includes(role)) throw AdminErrors.roleNotFound(role);
  return role as OrgRole;
}

/**
 * Management users and their roles in organizations. Every change to a user's password, roles or existence drops
 * the credentials the authenticator remembers for that user.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(ManagementUser) private readonly users: Repository<ManagementUser>,
    @InjectRepository(UserRole) private readonly roles: Repository<UserRole>,
    private readonly authenticator: ManagementAuthenticator,
    private readonly clock: Clock,
  ) {}

  async create(body: CreateUserDto, actor: string): Promise<UserView> {
    if (await this.users.existsBy({ email: body.emailId })) throw AdminErrors.userExists(body.emailId);
    const user = this.users.create({
      email: body.emailId,
      firstName: body.firstName,
      lastName: body.lastName,
      passwordHash: await hashPassword(body.password),
      sysadmin: false,
      ...createdStamp(actor, this.clock.now()),
    });
    // No TypeORM transaction at runtime: on SQLite it would share the connection with every request (prepared.ts).
    return userView(await this.users.save(user, { transaction: false }));
  }

  async listEmails(): Promise<string[]> {
    return (await this.users.find({ order: { email: 'ASC' } })).map((user) => user.email);
  }

  async get(email: string): Promise<UserView> {
    return userView(await this.find(email));
  }

  async update(email: string, body: UpdateUserDto, actor: string): Promise<UserView> {
    const user = await this.find(email);
    if (body.firstName !== undefined) user.firstName = body.firstName;
    if (body.lastName !== undefined) user.lastName = body.lastName;
    if (body.password !== undefined) user.passwordHash = await hashPassword(body.password);
    Object.assign(user, modifiedStamp(actor, this.clock.now()));
    await this.users.save(user, { transaction: false });
    this.authenticator.forget(user.email);
    return userView(user);
  }

  async delete(email: string): Promise<UserView> {
    const user = await this.find(email);
    // The schema's cascade deletes the user's roles.
    await this.users.delete({ email: user.email });
    this.authenticator.forget(user.email);
    return userView(user);
  }

  /** Gives the role in the org to the user named by `email` (the route's ?id= or form field id=). */
  async addRole(org: string, role: string, email: string | undefined): Promise<RoleAssignmentView> {
    const orgRole = parseRole(role);
    if (!email) throw AdminErrors.invalidRequest('id (the user email) is required, as a query parameter or form field');
    const user = await this.find(email);
    await this.roles.upsert({ organization: org, email: user.email, role: orgRole }, ['organization', 'email', 'role']);
    this.authenticator.forget(user.email);
    return { user: [{ name: user.email }] };
  }

  /** The roles an organization has, as Apigee names them. */
  roleNames(): string[] {
    return [...ORG_ROLES];
  }

  role(role: string): RoleView {
    return { name: parseRole(role) };
  }

  /** The user, when it holds the role in the org; 404 UserDoesNotExist otherwise, as Apigee answers. */
  async roleMember(org: string, role: string, email: string): Promise<RoleMemberView> {
    const orgRole = parseRole(role);
    const user = await this.find(email);
    if (!(await this.roles.existsBy({ organization: org, email: user.email, role: orgRole }))) {
      throw AdminErrors.userNotFound(user.email);
    }
    return { name: user.email };
  }

  async listRole(org: string, role: string): Promise<string[]> {
    const rows = await this.roles.find({
      where: { organization: org, role: parseRole(role) },
      order: { email: 'ASC' },
    });
    return rows.map((row) => row.email);
  }

  async removeRole(org: string, role: string, email: string): Promise<void> {
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
