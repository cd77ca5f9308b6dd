import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { AttributeDto, AuditFields, LowerCase, OptionalAttributes } from '../../common/dto.js';
import type { NameValue } from '../../database/columns.js';
import { Developer } from './developer.entity.js';
import { auditFieldsOf } from '../audit.js';

export class CreateDeveloperDto {
  @ApiProperty({ example: 'jane@example.com', description: 'Stored lower-cased' })
  @LowerCase()
  @IsEmail()
  @MaxLength(254)
  email!: string;
  @ApiProperty({ example: 'Jane' }) @IsString() @IsNotEmpty() @MaxLength(255) firstName!: string;
  @ApiProperty({ example: 'Doe' }) @IsString() @IsNotEmpty() @MaxLength(255) lastName!: string;
  @ApiProperty({ example: 'jdoe' }) @IsString() @IsNotEmpty() @MaxLength(255) userName!: string;
  @OptionalAttributes()
  attributes?: AttributeDto[];
}

/** Every field optional; given attributes replace the developer's attributes, as in Apigee. */
export class UpdateDeveloperDto {
  @ApiProperty({ required: false, example: 'jane.doe@example.com', description: 'A new email, stored lower-cased' })
  @IsOptional()
  @LowerCase()
  @IsEmail()
  @MaxLength(254)
  email?: string;
  @ApiProperty({ required: false, example: 'Jane' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  firstName?: string;
  @ApiProperty({ required: false, example: 'Doe' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  lastName?: string;
  @ApiProperty({ required: false, example: 'jdoe' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  userName?: string;
  @OptionalAttributes()
  attributes?: AttributeDto[];
}

export class DeveloperView extends AuditFields {
  @ApiProperty({ example: '0d9b1a52-2f6e-4c1e-9d0c-5a8c3b0e6f11' }) developerId!: string;
  @ApiProperty({ example: 'jane@example.com' }) email!: string;
  @ApiProperty({ example: 'Jane' }) firstName!: string;
  @ApiProperty({ example: 'Doe' }) lastName!: string;
  @ApiProperty({ example: 'jdoe' }) userName!: string;
  @ApiProperty({ example: 'acme' }) organizationName!: string;
  @ApiProperty({ enum: ['active', 'inactive'] }) status!: 'active' | 'inactive';
  @ApiProperty({ type: [String], example: ['weather-app'], description: "Names of the developer's apps" })
  apps!: string[];
  @ApiProperty({ type: [String], example: ['acme-partners'], description: 'Names of the companies it belongs to' })
  companies!: string[];
  @ApiProperty({ type: [AttributeDto] }) attributes!: NameValue[];
}

export const developerView = (developer: Developer, apps: string[], companies: string[] = []): DeveloperView => ({
  developerId: developer.developerId,
  email: developer.email,
  firstName: developer.firstName,
  lastName: developer.lastName,
  userName: developer.userName,
  organizationName: developer.organization,
  status: developer.status,
  apps,
  companies,
  attributes: developer.attributes,
  ...auditFieldsOf(developer),
});
