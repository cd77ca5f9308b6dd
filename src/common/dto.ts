import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';

/** Apigee's custom attribute: {"name", "value"}, in XML <Attribute><Name/><Value/></Attribute>. */
export class AttributeDto {
  @ApiProperty({ example: 'DisplayName' }) @IsString() @MaxLength(255) name!: string;
  @ApiProperty({ example: 'My App' }) @IsString() @MaxLength(4096) value!: string;
}

/** Emails are compared lower-cased, as Apigee normalizes them. */
export const LowerCase = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export class AuditFields {
  @ApiProperty({ description: 'Epoch milliseconds' }) createdAt!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ description: 'Epoch milliseconds' }) lastModifiedAt!: number;
  @ApiProperty() lastModifiedBy!: string;
}

/** A resource name as it appears in a URL path segment: no slashes, no control characters, bounded length. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a name must not contain
export const RESOURCE_NAME = /^[^/\\?#%\u0000-\u001f]{1,255}$/;
