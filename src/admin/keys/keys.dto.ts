import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, NotEquals } from 'class-validator';
import { AttributeDto, ToInteger, OptionalAttributes } from '../../common/dto.js';
import type { NameValue } from '../../database/columns.js';
import { Credential } from './credential.entity.js';

const PUBLIC_KEY_DESCRIPTION =
  'RSA public key in PEM (-----BEGIN PUBLIC KEY----- or -----BEGIN RSA PUBLIC KEY-----) checking RSA-SHA1 ' +
  'signatures; stored as SPKI PEM. An extension: Apigee has no RSA-SHA1.';

export class CreateKeyDto {
  @ApiProperty({
    example: 'b1d5QhXzS8Gv0mTr6yLkPw3aNcE7fJ2u',
    description: 'Letters, digits and - . _ ~ (up to 255); unique across all organizations',
  })
  @Matches(/^[A-Za-z0-9._~-]{1,255}$/, {
    message: 'consumerKey must be 1 to 255 letters, digits or - . _ ~',
  })
  consumerKey!: string;
  @ApiProperty({ example: 'Zk3sL0qV9bN2xR7tY4mW8cJ1hF6dG5pA' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  consumerSecret!: string;
  @ApiProperty({ required: false, description: PUBLIC_KEY_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(16384)
  publicKey?: string;
  @ApiProperty({ required: false, type: [String], example: ['weather-free'], description: 'API product names' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  apiProducts?: string[];
  @ApiProperty({ required: false, type: [String], example: ['read'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  scopes?: string[];
  @OptionalAttributes()
  attributes?: AttributeDto[];
  @ApiProperty({ required: false, example: -1, description: 'Epoch milliseconds; -1 or absent: never expires' })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(-1)
  @NotEquals(0)
  expiresAt?: number;
}

/** Adds API products to a key, replaces its attributes, sets (or, with "", removes) its RSA public key. */
export class UpdateKeyDto {
  @ApiProperty({
    required: false,
    type: [String],
    example: ['weather-premium'],
    description: 'API products to add; those the key has keep their status',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  apiProducts?: string[];
  @OptionalAttributes("Replaces the key's attributes")
  attributes?: AttributeDto[];
  @ApiProperty({ required: false, description: `${PUBLIC_KEY_DESCRIPTION} An empty string removes it.` })
  @IsOptional()
  @IsString()
  @MaxLength(16384)
  publicKey?: string;
}

/** PUT …/keys/{key}: adds API products, replaces attributes, sets scopes (within the key's products' scopes). */
export class PutKeyDto {
  @ApiProperty({
    required: false,
    type: [String],
    example: ['weather-premium'],
    description: 'API products to add; those the key has keep their status',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  apiProducts?: string[];
  @OptionalAttributes("Replaces the key's attributes")
  attributes?: AttributeDto[];
  @ApiProperty({
    required: false,
    type: [String],
    example: ['read'],
    description: "Replaces the key's scopes; each must be a scope of one of its API products",
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  scopes?: string[];
}

export class CredentialApiProductView {
  @ApiProperty({ example: 'weather-free' }) apiproduct!: string;
  @ApiProperty({ enum: ['approved', 'revoked', 'pending'] }) status!: 'approved' | 'revoked' | 'pending';
}

export class CredentialView {
  @ApiProperty({ example: 'b1d5QhXzS8Gv0mTr6yLkPw3aNcE7fJ2u' }) consumerKey!: string;
  @ApiProperty({ example: 'Zk3sL0qV9bN2xR7tY4mW8cJ1hF6dG5pA' }) consumerSecret!: string;
  @ApiProperty({ enum: ['approved', 'revoked'] }) status!: 'approved' | 'revoked';
  @ApiProperty({ description: 'Epoch milliseconds' }) issuedAt!: number;
  @ApiProperty({ description: 'Epoch milliseconds; -1: never expires', example: -1 }) expiresAt!: number;
  @ApiProperty({ type: [String], example: ['read'] }) scopes!: string[];
  @ApiProperty({ type: [AttributeDto] }) attributes!: NameValue[];
  @ApiProperty({ type: [CredentialApiProductView] }) apiProducts!: CredentialApiProductView[];
  @ApiProperty({ required: false, description: 'RSA public key in PEM, where one is set' }) publicKey?: string;
}

export const credentialView = (credential: Credential): CredentialView => ({
  consumerKey: credential.consumerKey,
  consumerSecret: credential.consumerSecret,
  status: credential.status,
  issuedAt: credential.issuedAt,
  expiresAt: credential.expiresAt,
  scopes: credential.scopes,
  attributes: credential.attributes,
  apiProducts: credential.apiProducts,
  publicKey: credential.publicKey ?? undefined,
});
