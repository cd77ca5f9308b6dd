import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AuditFields, LowerCase } from '../../common/dto.js';
import { auditFieldsOf } from '../audit.js';
import { ORG_ROLES } from '../../common/auth/principal.js';
import type { ManagementUser } from './management-user.entity.js';

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

export class UserView extends AuditFields {
  @ApiProperty({ example: 'jane@example.com' }) emailId!: string;
  @ApiProperty({ example: 'Jane' }) firstName!: string;
  @ApiProperty({ example: 'Doe' }) lastName!: string;
}

export class RoleView {
  @ApiProperty({ enum: ORG_ROLES, example: 'orgadmin' }) name!: string;
}

export class RoleMemberView {
  @ApiProperty({ example: 'jane@example.com', description: 'The email of the user holding the role' }) name!: string;
}

export class RoleAssignmentView {
  @ApiProperty({ example: [{ name: 'jane@example.com' }] }) user!: Array<{ name: string }>;
}

export const userView = (user: ManagementUser): UserView => ({
  emailId: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  ...auditFieldsOf(user),
});
