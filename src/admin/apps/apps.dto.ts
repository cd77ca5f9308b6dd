import { ApiProperty } from '@nestjs/swagger';
import {
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  NotEquals,
  ValidateIf,
} from 'class-validator';
import { AttributeDto, AuditFields, RESOURCE_NAME, ToInteger, OptionalAttributes } from '../../common/dto.js';
import type { NameValue } from '../../database/columns.js';
import { CredentialView } from '../keys/keys.dto.js';
import { DeveloperApp } from './developer-app.entity.js';
import { auditFieldsOf } from '../audit.js';

const CALLBACK_URL = { require_protocol: true, require_tld: false, protocols: ['http', 'https'] };
const CALLBACK_URL_MESSAGE = 'callbackUrl must be an absolute http or https URL';
const CALLBACK_URL_DESCRIPTION =
  'Where the resource owner returns after authorizing; an oauth_callback must then match its scheme, host, port ' +
  'and path. "" or absent: any callback.';

export class CreateAppDto {
  @ApiProperty({ example: 'weather-app', description: "Unique among the developer's apps; no slashes" })
  @Matches(RESOURCE_NAME, { message: 'name must be 1 to 255 characters without / \\ ? # % or control characters' })
  name!: string;
  @ApiProperty({
    required: false,
    example: 'https://client.example.com/callback',
    description: CALLBACK_URL_DESCRIPTION,
  })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== '')
  @IsUrl(CALLBACK_URL, { message: CALLBACK_URL_MESSAGE })
  @MaxLength(2048)
  callbackUrl?: string;
  @OptionalAttributes()
  attributes?: AttributeDto[];
  @ApiProperty({ required: false, type: [String], example: ['read'], description: "The app's and its key's scopes" })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  scopes?: string[];
  @ApiProperty({ required: false, example: 'default', description: "Apigee's app family: kept and returned, not used" })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  appFamily?: string;
  @ApiProperty({
    required: false,
    type: [String],
    example: ['weather-free'],
    description: 'API products of the generated key: approved for approvalType auto, pending for manual',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  apiProducts?: string[];
  @ApiProperty({
    required: false,
    example: -1,
    description: 'Milliseconds until the generated key expires; -1 or absent: never',
  })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(-1)
  @NotEquals(0)
  keyExpiresIn?: number;
}

/** Given fields replace the app's; the name cannot change; apiProducts adds a generated key. */
export class UpdateAppDto {
  @ApiProperty({ required: false, example: 'weather-app', description: "If given, must be the app's name" })
  @IsOptional()
  @IsString()
  name?: string;
  @ApiProperty({
    required: false,
    example: 'https://client.example.com/callback',
    description: CALLBACK_URL_DESCRIPTION,
  })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== '')
  @IsUrl(CALLBACK_URL, { message: CALLBACK_URL_MESSAGE })
  @MaxLength(2048)
  callbackUrl?: string;
  @OptionalAttributes()
  attributes?: AttributeDto[];
  @ApiProperty({ required: false, type: [String], example: ['read', 'write'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  scopes?: string[];
  @ApiProperty({ required: false, example: 'default', description: "Apigee's app family: kept and returned, not used" })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  appFamily?: string;
  @ApiProperty({
    required: false,
    type: [String],
    example: ['weather-free'],
    description: 'Adds a new generated key holding these API products (approved for auto, pending for manual)',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  apiProducts?: string[];
  @ApiProperty({
    required: false,
    example: -1,
    description: 'With apiProducts: milliseconds until the new key expires; -1 or absent: never',
  })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(-1)
  @NotEquals(0)
  keyExpiresIn?: number;
}

export class AppView extends AuditFields {
  @ApiProperty({ example: '6ed7d9da-2ea5-4ab6-9a8a-d4a5f1b3b8c4' }) appId!: string;
  @ApiProperty({ example: 'weather-app' }) name!: string;
  @ApiProperty({
    required: false,
    example: '0d9b1a52-2f6e-4c1e-9d0c-5a8c3b0e6f11',
    description: "A developer app's owner",
  })
  developerId?: string;
  @ApiProperty({ required: false, example: 'acme-partners', description: "A company app's owner" })
  companyName?: string;
  @ApiProperty({ required: false, example: 'https://client.example.com/callback' }) callbackUrl?: string;
  @ApiProperty({ enum: ['approved', 'revoked'] }) status!: 'approved' | 'revoked';
  @ApiProperty({ type: [AttributeDto] }) attributes!: NameValue[];
  @ApiProperty({ type: [String], example: ['read'] }) scopes!: string[];
  @ApiProperty({ example: 'default' }) appFamily!: string;
  @ApiProperty({ type: [CredentialView], description: 'Left out of /apps with includeCred=false' })
  credentials?: CredentialView[];
}

/** A developer app names its developerId; a company app its companyName instead. */
export const appView = (
  app: DeveloperApp,
  credentials: CredentialView[] | undefined,
  companyName?: string,
): AppView => ({
  appId: app.appId,
  name: app.name,
  developerId: app.developerId ?? undefined,
  companyName,
  callbackUrl: app.callbackUrl ?? undefined,
  status: app.status,
  attributes: app.attributes,
  scopes: app.scopes,
  appFamily: app.appFamily,
  credentials,
  ...auditFieldsOf(app),
});

export const APP_STATUSES = ['approved', 'revoked'] as const;
export const APP_TYPES = ['developer', 'company'] as const;

/** The query of GET /apps, every field optional as Apigee's. */
export interface OrgAppsQuery {
  status?: (typeof APP_STATUSES)[number];
  apptype?: (typeof APP_TYPES)[number];
  includeCred: boolean;
}
