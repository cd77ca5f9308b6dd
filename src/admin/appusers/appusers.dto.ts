import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AuditFields, RESOURCE_NAME } from '../../common/dto.js';
import type { AccessTokenWithApp } from '../../tokens/access-token.store.js';
import { ACCESS_TYPES } from '../../tokens/access-type.js';
import type { AccessType } from '../../tokens/access-type.js';
import { statusShown } from '../../tokens/lifecycle.js';
import { AppUser } from './app-user.entity.js';
import { auditFieldsOf } from '../audit.js';

export const APP_USER_STATUSES = ['active', 'inactive'] as const;
type AppUserStatus = (typeof APP_USER_STATUSES)[number];

export class CreateAppUserDto {
  @ApiProperty({ example: 'alice', description: 'The sign-in name; the appUserId of what the user authorizes' })
  @Matches(RESOURCE_NAME, { message: 'id must be 1 to 255 characters without / \\ ? # % or control characters' })
  id!: string;
  @ApiProperty({ required: false, example: 'Alice Liddell', description: 'Defaults to the id' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  displayName?: string;
  @ApiProperty({ example: 'correct horse battery staple', minLength: 8, description: 'Stored only as a scrypt hash' })
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password!: string;
  @ApiProperty({ required: false, enum: APP_USER_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(APP_USER_STATUSES)
  status?: AppUserStatus;
}

/** Given fields replace the user's; the id cannot change. */
export class UpdateAppUserDto {
  @ApiProperty({ required: false, example: 'alice', description: "If given, must be the user's id" })
  @IsOptional()
  @IsString()
  id?: string;
  @ApiProperty({ required: false, example: 'Alice Liddell' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  displayName?: string;
  @ApiProperty({ required: false, minLength: 8, description: 'A new password' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;
  @ApiProperty({ required: false, enum: APP_USER_STATUSES, description: 'inactive: cannot sign in' })
  @IsOptional()
  @IsIn(APP_USER_STATUSES)
  status?: AppUserStatus;
}

/** Never carries the password or its hash. */
export class AppUserView extends AuditFields {
  @ApiProperty({ example: 'alice' }) id!: string;
  @ApiProperty({ example: 'Alice Liddell' }) displayName!: string;
  @ApiProperty({ enum: APP_USER_STATUSES }) status!: AppUserStatus;
}

export const appUserView = (user: AppUser): AppUserView => ({
  id: user.id,
  displayName: user.displayName,
  status: user.status,
  ...auditFieldsOf(user),
});

/** An access token the app user granted, as GET /appusers/{id}/accesstokens lists it: never its secret. */
export class AppUserAccessTokenView {
  @ApiProperty({ example: 'jYW0qVqkD8yh4jTZ85cIkNmei4Ik' }) token!: string;
  @ApiProperty({ example: 'printer', description: 'The app name (empty when the app is gone)' }) app!: string;
  @ApiProperty() consumerKey!: string;
  @ApiProperty({ example: 'ada@example.com', description: "The developer app's developer; empty for a company app" })
  developerEmail!: string;
  @ApiProperty({ required: false, example: 'acme', description: "A company app's company" }) companyName?: string;
  @ApiProperty({ example: 'photos.read', description: 'Space-separated' }) scope!: string;
  @ApiProperty({ enum: ACCESS_TYPES, description: 'x_auth_access_type: read tokens may only read' })
  accessType!: AccessType;
  @ApiProperty({ enum: ['approved', 'revoked', 'expired', 'inactive'] }) status!: string;
  @ApiProperty({ description: 'Epoch milliseconds' }) issuedAt!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Epoch milliseconds; null when never used' })
  lastUsedAt!: number | null;
}

export const appUserAccessTokenView = (
  { record, app }: AccessTokenWithApp,
  now: number,
  idleSeconds: number | undefined,
): AppUserAccessTokenView => ({
  token: record.token,
  app: app?.name ?? '',
  consumerKey: record.consumerKey,
  developerEmail: app?.developerEmail ?? '',
  ...(app?.companyName == null ? {} : { companyName: app.companyName }),
  scope: record.scope,
  accessType: record.accessType,
  status: statusShown(record, now, idleSeconds),
  issuedAt: record.issuedAt,
  lastUsedAt: record.lastUsedAt,
});
