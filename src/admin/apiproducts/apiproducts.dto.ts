import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AttributeDto, AuditFields, RESOURCE_NAME, OptionalAttributes } from '../../common/dto.js';
import type { NameValue } from '../../database/columns.js';
import { ApiProduct } from './api-product.entity.js';
import { auditFieldsOf } from '../audit.js';

export const APPROVAL_TYPES = ['auto', 'manual'] as const;
type ApprovalType = (typeof APPROVAL_TYPES)[number];

/** Apigee clients send quota values as numbers or strings; both are kept as the text Apigee returns. */
const NumberAsText = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'number' && Number.isFinite(value) ? String(value) : value,
  );

/** Apigee's gateway fields, kept and returned so that read-modify-write clients round-trip them; none is enforced. */
class GatewayFields {
  @ApiProperty({ required: false, type: [String], example: ['/forecast/**'], description: 'Kept, not enforced' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(1024, { each: true })
  apiResources?: string[];
  @ApiProperty({ required: false, type: [String], example: ['prod'], description: 'Kept, not enforced' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  environments?: string[];
  @ApiProperty({ required: false, type: [String], example: ['weather-v1'], description: 'Kept, not enforced' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  proxies?: string[];
  @ApiProperty({ required: false, example: '1000', description: 'Kept, not enforced; a number is stored as text' })
  @IsOptional()
  @NumberAsText()
  @IsString()
  @MaxLength(255)
  quota?: string;
  @ApiProperty({ required: false, example: '1', description: 'Kept, not enforced; a number is stored as text' })
  @IsOptional()
  @NumberAsText()
  @IsString()
  @MaxLength(255)
  quotaInterval?: string;
  @ApiProperty({ required: false, example: 'hour', description: 'Kept, not enforced' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  quotaTimeUnit?: string;
}

export class CreateApiProductDto extends GatewayFields {
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
  @OptionalAttributes()
  attributes?: AttributeDto[];
}

/** Given fields replace the product's; the name cannot change. */
export class UpdateApiProductDto extends GatewayFields {
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
  @OptionalAttributes()
  attributes?: AttributeDto[];
}

export class ApiProductView extends AuditFields {
  @ApiProperty({ example: 'weather-free' }) name!: string;
  @ApiProperty({ example: 'Weather (free tier)' }) displayName!: string;
  @ApiProperty({ example: 'Read-only weather data' }) description!: string;
  @ApiProperty({ enum: APPROVAL_TYPES }) approvalType!: ApprovalType;
  @ApiProperty({ type: [String], example: ['read'] }) scopes!: string[];
  @ApiProperty({ type: [AttributeDto] }) attributes!: NameValue[];
  @ApiProperty({ type: [String], example: ['/forecast/**'] }) apiResources!: string[];
  @ApiProperty({ type: [String], example: ['prod'] }) environments!: string[];
  @ApiProperty({ type: [String], example: ['weather-v1'] }) proxies!: string[];
  @ApiProperty({ required: false, example: '1000' }) quota?: string;
  @ApiProperty({ required: false, example: '1' }) quotaInterval?: string;
  @ApiProperty({ required: false, example: 'hour' }) quotaTimeUnit?: string;
}

export const apiProductView = (product: ApiProduct): ApiProductView => ({
  name: product.name,
  displayName: product.displayName,
  description: product.description,
  approvalType: product.approvalType,
  scopes: product.scopes,
  attributes: product.attributes,
  apiResources: product.apiResources,
  environments: product.environments,
  proxies: product.proxies,
  quota: product.quota ?? undefined,
  quotaInterval: product.quotaInterval ?? undefined,
  quotaTimeUnit: product.quotaTimeUnit ?? undefined,
  ...auditFieldsOf(product),
});
