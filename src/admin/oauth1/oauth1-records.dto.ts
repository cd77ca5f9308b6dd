import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AttributeDto, AuditFields, OptionalAttributes } from '../../common/dto.js';
import type { AccessToken } from '../../tokens/access-token.entity.js';
import { statusShown } from '../../tokens/lifecycle.js';
import type { RequestToken } from '../../tokens/request-token.entity.js';
import type { Verifier } from '../../tokens/verifier.entity.js';
import { auditFieldsOf } from '../audit.js';

const STATUSES = ['approved', 'revoked', 'expired'];
/** An access token also reads inactive once idle for ACCESS_TOKEN_IDLE_SECONDS (contract 1.2). */
const ACCESS_TOKEN_STATUSES = [...STATUSES, 'inactive'];

export class UpdateOAuth1RecordDto {
  @OptionalAttributes('Replaces the attributes')
  attributes?: AttributeDto[];

  @ApiProperty({ required: false, example: 'read write', description: 'Space-separated scopes' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  scope?: string;
}

export class CreateVerifierDto {
  @ApiProperty({ example: 'Qj4vY2Qs0sLqk5cXyY2t8WmAbCdE' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,255}$/, { message: 'requestToken must be a request token' })
  requestToken!: string;

  @ApiProperty({ example: 'jane', description: 'The resource owner who authorized the request token' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  appUserId!: string;

  @OptionalAttributes()
  attributes?: AttributeDto[];
}

export class RequestTokenView extends AuditFields {
  @ApiProperty({ description: 'The app name' }) app!: string;
  @ApiProperty({ type: [AttributeDto] }) attributes!: AttributeDto[];
  @ApiProperty({ example: 'https://client.example.com/ready' }) callbackUrl!: string;
  @ApiProperty() consumerKey!: string;
  @ApiProperty({ description: 'Epoch milliseconds' }) expiresAt!: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) issuedAt!: number;
  @ApiProperty() scope!: string;
  @ApiProperty() secret!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() token!: string;
}

export class VerifierView extends AuditFields {
  @ApiProperty() code!: string;
  @ApiProperty() requestToken!: string;
  @ApiProperty() appUserId!: string;
  @ApiProperty({ type: [AttributeDto] }) attributes!: AttributeDto[];
  @ApiProperty({ description: 'Epoch milliseconds' }) expiresAt!: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) issuedAt!: number;
}

export class AccessTokenView extends AuditFields {
  @ApiProperty({ type: [String], description: "The consumer key's approved API products" }) apiProducts!: string[];
  @ApiProperty({ description: 'The app name' }) app!: string;
  @ApiProperty() appUserId!: string;
  @ApiProperty({ type: [AttributeDto] }) attributes!: AttributeDto[];
  @ApiProperty() consumerKey!: string;
  @ApiProperty({ description: 'Epoch milliseconds; -1 when it never expires' }) expiresAt!: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) issuedAt!: number;
  @ApiProperty() scope!: string;
  @ApiProperty() secret!: string;
  @ApiProperty({ enum: ACCESS_TOKEN_STATUSES }) status!: string;
  @ApiProperty() token!: string;
}

export class AccessTokenCountView {
  @ApiProperty({ example: 3, description: 'Access tokens issued and not deleted, whatever their status' })
  count!: number;
}

export const requestTokenView = (record: RequestToken, appName: string, now: number): RequestTokenView => ({
  app: appName,
  attributes: record.attributes,
  callbackUrl: record.callbackUrl,
  consumerKey: record.consumerKey,
  ...auditFieldsOf(record),
  expiresAt: record.expiresAt,
  issuedAt: record.issuedAt,
  scope: record.scope,
  secret: record.secret,
  status: statusShown(record, now),
  token: record.token,
});

export const verifierView = (record: Verifier): VerifierView => ({
  code: record.code,
  requestToken: record.requestToken,
  appUserId: record.appUserId,
  attributes: record.attributes,
  ...auditFieldsOf(record),
  expiresAt: record.expiresAt,
  issuedAt: record.issuedAt,
});

export const accessTokenView = (
  record: AccessToken,
  appName: string,
  apiProducts: string[],
  now: number,
  idleSeconds: number | undefined,
): AccessTokenView => ({
  apiProducts,
  app: appName,
  appUserId: record.appUserId,
  attributes: record.attributes,
  consumerKey: record.consumerKey,
  ...auditFieldsOf(record),
  expiresAt: record.expiresAt,
  issuedAt: record.issuedAt,
  scope: record.scope,
  secret: record.secret,
  status: statusShown(record, now, idleSeconds),
  token: record.token,
});
