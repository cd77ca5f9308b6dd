import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AttributeDto } from '../../common/dto.js';
import type { SignedRequestInput } from '../../oauth1/index.js';
import type { AccessType } from '../../tokens/access-type.js';
import type { AuthenticatedRequest } from '../signed-request-authenticator.js';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export class VerifyRequestDto {
  @ApiProperty({ example: 'GET', description: 'The HTTP method of the request the resource server received' })
  @IsString()
  @Matches(/^[A-Za-z]{1,16}$/, { message: 'method must be an HTTP method such as GET or POST' })
  method!: string;

  @ApiProperty({
    example: 'https://api.example.com/photos?file=vacation.jpg',
    description: 'The absolute URL the client requested (as it signed it), query included',
  })
  @IsString()
  @MaxLength(8192)
  url!: string;

  @ApiProperty({ required: false, example: 'OAuth oauth_consumer_key="…", oauth_token="…", oauth_signature="…"' })
  @IsOptional()
  @IsString()
  @MaxLength(16384)
  authorization?: string;

  @ApiProperty({
    required: false,
    description:
      'The request body as text; signed only when it is a form body. When given, an oauth_body_hash the client sent ' +
      'is checked against it',
  })
  @IsOptional()
  @IsString()
  body?: string;

  @ApiProperty({ required: false, example: FORM_CONTENT_TYPE })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  contentType?: string;

  @ApiProperty({
    required: false,
    example: 'photos.read',
    description: 'Scopes the resource needs, space or comma separated, all of them: 403 permission_denied otherwise',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  requiredScope?: string;
}

export class VerifiedView {
  @ApiProperty({ example: true }) valid!: true;
  @ApiProperty() consumerKey!: string;
  @ApiProperty({ description: 'The app name' }) app!: string;
  @ApiProperty({ required: false, description: "A developer app's developer" }) developerEmail?: string;
  @ApiProperty({ required: false, description: "A company app's company, instead of developerEmail" })
  companyName?: string;
  @ApiProperty({ description: 'The resource owner who authorized the token' }) appUserId!: string;
  @ApiProperty({ description: 'Space-separated scopes' }) scope!: string;
  @ApiProperty({ enum: ['read', 'write'], description: 'x_auth_access_type: a read token may only GET, HEAD, OPTIONS' })
  accessType!: AccessType;
  @ApiProperty({ type: [AttributeDto] }) attributes!: AttributeDto[];
  @ApiProperty({ description: 'Epoch milliseconds; -1 when the token never expires' }) expiresAt!: number;
}

function isFormContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === FORM_CONTENT_TYPE;
}

/** The request the resource server describes, and its body when it is known and not a form (for oauth_body_hash). */
export function describedRequest(body: VerifyRequestDto): { input: SignedRequestInput; body?: string } {
  const form = isFormContentType(body.contentType);
  return {
    input: {
      method: body.method,
      url: body.url,
      authorization: body.authorization,
      formBody: form ? (body.body ?? '') : undefined,
    },
    body: form ? undefined : body.body,
  };
}

export function verifiedView({ consumer, token }: AuthenticatedRequest<'access'>): VerifiedView {
  return {
    valid: true,
    consumerKey: consumer.consumerKey,
    app: consumer.appName,
    ...(consumer.companyName === null
      ? { developerEmail: consumer.developerEmail }
      : { companyName: consumer.companyName }),
    appUserId: token.appUserId,
    scope: token.scope,
    accessType: token.accessType,
    attributes: token.attributes,
    expiresAt: token.expiresAt,
  };
}
