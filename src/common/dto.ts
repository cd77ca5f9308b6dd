import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/** Apigee's custom attribute: {"name", "value"}, in XML <Attribute><Name/><Value/></Attribute>. */
export class AttributeDto {
  @ApiProperty({ example: 'DisplayName' }) @IsString() @MaxLength(255) name!: string;
  @ApiProperty({ example: 'My App' }) @IsString() @MaxLength(4096) value!: string;
}

/** A request body's optional `attributes`: a list whose every entry is checked as an AttributeDto. */
export const OptionalAttributes = (description?: string) =>
  applyDecorators(
    ApiProperty({ required: false, type: [AttributeDto], ...(description === undefined ? {} : { description }) }),
    IsOptional(),
    IsArray(),
    ValidateNested({ each: true }),
    Type(() => AttributeDto),
  );

/** XML bodies carry every value as text, and Apigee clients often send numbers as strings: "3600000" → 3600000. */
export const ToInteger = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value,
  );

/** Emails are compared lower-cased, as Apigee normalizes them. */
export const LowerCase = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** The Apigee error envelope of contract 2.3, for the OpenAPI document. */
export class ErrorView {
  @ApiProperty({ example: 'developer.service.DeveloperIdDoesNotExist' }) code!: string;
  @ApiProperty({ example: 'DeveloperId jane@example.com does not exist in organization acme' }) message!: string;
  @ApiProperty({ type: [Object], example: [] }) contexts!: unknown[];
}

export class AuditFields {
  @ApiProperty({ description: 'Epoch milliseconds' }) createdAt!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ description: 'Epoch milliseconds' }) lastModifiedAt!: number;
  @ApiProperty() lastModifiedBy!: string;
}

/** A resource name as it appears in a URL path segment: no slashes, no control characters, bounded length. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a name must not contain
export const RESOURCE_NAME = /^[^/\\?#%\u0000-\u001f]{1,255}$/;
