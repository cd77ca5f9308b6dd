import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AttributeDto, AuditFields, LowerCase, RESOURCE_NAME, OptionalAttributes } from '../../common/dto.js';
import type { NameValue } from '../../database/columns.js';
import { auditFieldsOf } from '../audit.js';
import { Company } from './company.entity.js';

export class CreateCompanyDto {
  @ApiProperty({ example: 'acme-partners', description: "Unique in the org; no slashes. The company's path name" })
  @Matches(RESOURCE_NAME, { message: 'name must be 1 to 255 characters without / \\ ? # % or control characters' })
  name!: string;
  @ApiProperty({ required: false, example: 'ACME Partners', description: 'Absent: the name' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  displayName?: string;
  @OptionalAttributes()
  attributes?: AttributeDto[];
}

/** Given fields replace the company's; the name cannot change. */
export class UpdateCompanyDto {
  @ApiProperty({ required: false, example: 'acme-partners', description: "If given, must be the company's name" })
  @IsOptional()
  @IsString()
  name?: string;
  @ApiProperty({ required: false, example: 'ACME Partners' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  displayName?: string;
  @OptionalAttributes()
  attributes?: AttributeDto[];
}

export class CompanyView extends AuditFields {
  @ApiProperty({ example: 'acme-partners' }) name!: string;
  @ApiProperty({ example: 'ACME Partners' }) displayName!: string;
  @ApiProperty({ example: 'acme' }) organization!: string;
  @ApiProperty({ enum: ['active', 'inactive'] }) status!: 'active' | 'inactive';
  @ApiProperty({ type: [String], example: ['partner-portal'], description: "Names of the company's apps" })
  apps!: string[];
  @ApiProperty({ type: [AttributeDto] }) attributes!: NameValue[];
}

export const companyView = (company: Company, apps: string[]): CompanyView => ({
  name: company.name,
  displayName: company.displayName,
  organization: company.organization,
  status: company.status,
  apps,
  attributes: company.attributes,
  ...auditFieldsOf(company),
});

export class CompanyDeveloperDto {
  @ApiProperty({ example: 'jane@example.com', description: 'A developer of the org, by email' })
  @LowerCase()
  @IsEmail()
  @MaxLength(254)
  email!: string;
  @ApiProperty({ required: false, example: 'admin', description: "The developer's role in the company" })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  role?: string;
}

/** Apigee's membership list, in requests and answers alike: {"developer": [{"email", "role"}]}. */
export class CompanyDevelopersDto {
  @ApiProperty({ type: [CompanyDeveloperDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CompanyDeveloperDto)
  developer!: CompanyDeveloperDto[];
}

export class CompanyDeveloperView {
  @ApiProperty({ example: 'jane@example.com' }) email!: string;
  @ApiProperty({ required: false, example: 'admin' }) role?: string;
}

export class CompanyDevelopersView {
  @ApiProperty({ type: [CompanyDeveloperView] }) developer!: CompanyDeveloperView[];
}
