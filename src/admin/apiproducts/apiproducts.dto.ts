import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AttributeDto, AuditFields, RESOURCE_NAME } from '../../common/dto.js';
import type { NameValue } from '../../database/columns.js';
import { ApiProduct } from './api-product.entity.js';
import { auditFieldsOf } from '../audit.js';

export const APPROVAL_TYPES = ['auto', 'manual'] as const;
type ApprovalType = (typeof APPROVAL_TYPES)[number];

export class CreateApiProductDto {
  @ApiProperty({ example: 'weather-free', description: 'Unique in the organization; no slashes' })
  @Matches(RESOURCE_NAME, { message: 'name must be 1 to 255 characters without / \\ ? # % or control characters' })
  name!: string;
  @ApiProperty({ required: false, example: 'Weather (free tier)', description: 'Defaults to the name' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  displayName?: string;
  @ApiProperty({ required: false, example: 'Read-only weather data' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  description?: string;
  @ApiProperty({
    required: false,
    enum: APPROVAL_TYPES,
    default: 'auto',
    description: "auto: keys get the product approved; manual: pending until approved on the key's product",
  })
  @IsOptional()
  @IsIn(APPROVAL_TYPES)
  approvalType?: ApprovalType;
  @ApiProperty({ required: false, type: [String], example: ['read'], description: 'OAuth scopes the product grants' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  scopes?: string[];
  @ApiProperty({ required: false, type: [AttributeDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttributeDto)
  attributes?: AttributeDto[];
}

/** Given fields replace the product's; the name cannot change. */
export class UpdateApiProductDto {
  @ApiProperty({ required: false, example: 'weather-free', description: "If given, must be the product's name" })
  @IsOptional()
  @IsString()
  name?: string;
  @ApiProperty({ required: false, example: 'Weather (free tier)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  displayName?: string;
  @ApiProperty({ required: false, example: 'Read-only weather data' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  description?: string;
  @ApiProperty({ required: false, enum: APPROVAL_TYPES })
  @IsOptional()
  @IsIn(APPROVAL_TYPES)
  approvalType?: ApprovalType;
  @ApiProperty({ required: false, type: [String], example: ['read', 'write'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  scopes?: string[];
  @ApiProperty({ required: false, type: [AttributeDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttributeDto)
  attributes?: AttributeDto[];
}

export class ApiProductView extends AuditFields {
  @ApiProperty({ example: 'weather-free' }) name!: string;
  @ApiProperty({ example: 'Weather (free tier)' }) displayName!: string;
  @ApiProperty({ example: 'Read-only weather data' }) description!: string;
  @ApiProperty({ enum: APPROVAL_TYPES }) approvalType!: ApprovalType;
  @ApiProperty({ type: [String], example: ['read'] }) scopes!: string[];
  @ApiProperty({ type: [AttributeDto] }) attributes!: NameValue[];
}

export const apiProductView = (product: ApiProduct): ApiProductView => ({
  name: product.name,
  displayName: product.displayName,
  description: product.description,
  approvalType: product.approvalType,
  scopes: product.scopes,
  attributes: product.attributes,
  ...auditFieldsOf(product),
});
