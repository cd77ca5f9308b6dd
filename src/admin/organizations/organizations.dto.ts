import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AuditFields } from '../../common/dto.js';
import { auditFieldsOf } from '../audit.js';
import type { Organization } from './organization.entity.js';

export class CreateOrganizationDto {
  @ApiProperty({ example: 'acme', description: 'Lowercase letters, digits and dashes' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'name must be lowercase letters, digits and dashes (max 64)' })
  name!: string;
  @ApiProperty({ example: 'Acme Inc.', required: false })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  displayName?: string;
}

export class OrganizationView extends AuditFields {
  @ApiProperty({ example: 'acme' }) name!: string;
  @ApiProperty({ example: 'Acme Inc.' }) displayName!: string;
}

export const organizationView = (organization: Organization): OrganizationView => ({
  name: organization.name,
  displayName: organization.displayName,
  ...auditFieldsOf(organization),
});
