import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AttributeDto, AuditFields } from '../../common/dto.js';
import type { NameValue } from '../../database/columns.js';
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

export class OrganizationPropertiesView {
  @ApiProperty({ type: [AttributeDto], example: [] }) property!: NameValue[];
}

/** Apigee's organization, as its clients read it: one paid org with a single `prod` environment and no properties. */
export class OrganizationView extends AuditFields {
  @ApiProperty({ example: 'acme' }) name!: string;
  @ApiProperty({ example: 'Acme Inc.' }) displayName!: string;
  @ApiProperty({ example: 'paid', description: "Apigee's organization type; always paid here" }) type!: 'paid';
  @ApiProperty({ type: [String], example: ['prod'], description: "Apigee's environments; always prod here" })
  environments!: string[];
  @ApiProperty({ type: OrganizationPropertiesView }) properties!: OrganizationPropertiesView;
}

export const organizationView = (organization: Organization): OrganizationView => ({
  name: organization.name,
  displayName: organization.displayName,
  type: 'paid',
  environments: ['prod'],
  properties: { property: [] },
  ...auditFieldsOf(organization),
});
