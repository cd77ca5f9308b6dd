import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Type as ClassType } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Actor, AdminAccess } from '../common/auth/admin-access.js';
import type { Principal } from '../common/auth/principal.js';
import { AttributeDto, ErrorView } from '../common/dto.js';
import { AdminErrors } from '../common/errors/apigee-error.js';
import { XmlRoot } from '../common/http/xml-response.js';
import type { NameValue } from '../database/columns.js';

/** Apigee's attribute list: {"attribute": [{name, value}]}, in XML <Attributes><Attribute>…</Attribute></Attributes>. */
export class AttributesDto {
  @ApiProperty({ type: [AttributeDto], description: 'Absent (as in an empty XML <Attributes/>): none' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttributeDto)
  attribute?: AttributeDto[];
}

/** The body of POST …/attributes/{attribute}: its new value (a name, if sent, is the path's). */
export class AttributeValueDto {
  @ApiPropertyOptional({ description: 'Ignored: the path names the attribute' })
  @IsOptional()
  @IsString()
  name?: string;
  @ApiProperty({ example: 'gold' }) @IsString() @MaxLength(4096) value!: string;
}

/** The path parameters of an attribute owner's route (org, email, app, key, name…), as the store reads them. */
export type OwnerPath = Record<string, string>;

/**
 * Where a resource's attributes live. The owning feature's service reads them (404 with its own code when the path
 * names nothing) and writes them back with its lastModifiedAt/By stamp.
 */
export interface AttributeStore {
  readAttributes(path: OwnerPath): Promise<NameValue[]>;
  writeAttributes(path: OwnerPath, attributes: NameValue[], actor: string): Promise<void>;
}

/** One value per name: a later entry replaces an earlier one in its place. */
export function uniqueAttributes(attributes: NameValue[]): NameValue[] {
  const byName = new Map<string, string>();
  for (const { name, value } of attributes) byName.set(name, value);
  return [...byName].map(([name, value]) => ({ name, value }));
}

function named(attributes: NameValue[], name: string): NameValue {
  const attribute = attributes.find((candidate) => candidate.name === name);
  if (!attribute) throw AdminErrors.attributeNotFound(name);
  return attribute;
}

/**
 * The attributes sub-resource of contract 2.4 on an owner's path(s), e.g. developers/:email: GET and POST (replace
 * all) on …/attributes, GET, POST (create or update) and DELETE on …/attributes/{attribute}. `store` is the
 * feature's service; `owner` names the controller (and its operationIds), e.g. "Developer".
 */
export function attributesController(
  owner: string,
  tag: string,
  paths: string[],
  store: ClassType<AttributeStore>,
  notFound: string,
): ClassType {
  const NOT_FOUND = { type: ErrorView, description: notFound };
  const ATTRIBUTE_NOT_FOUND = {
    type: ErrorView,
    description: `${notFound}, or keymanagement.service.AttributeDoesNotExist`,
  };

  @ApiTags(tag)
  @Controller(paths.map((path) => `${path}/attributes`))
  class AttributesController {
    constructor(@Inject(store) private readonly attributes: AttributeStore) {}

    @Get()
    @AdminAccess('org')
    @XmlRoot('Attributes')
    @ApiOkResponse({ type: AttributesDto })
    @ApiNotFoundResponse(NOT_FOUND)
    async list(@Param() path: OwnerPath): Promise<{ attribute: NameValue[] }> {
      return { attribute: await this.attributes.readAttributes(path) };
    }

    @Post()
    @HttpCode(200)
    @AdminAccess('org')
    @XmlRoot('Attributes')
    @ApiOkResponse({ type: AttributesDto, description: 'The new attributes, which replaced all the old ones' })
    @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
    @ApiNotFoundResponse(NOT_FOUND)
    async replace(
      @Param() path: OwnerPath,
      @Body() body: AttributesDto,
      @Actor() actor: Principal,
    ): Promise<{ attribute: NameValue[] }> {
      const attribute = uniqueAttributes((body.attribute ?? []).map(({ name, value }) => ({ name, value })));
      await this.attributes.writeAttributes(path, attribute, actor.email);
      return { attribute };
    }

    @Get(':attribute')
    @AdminAccess('org')
    @XmlRoot('Attribute')
    @ApiOkResponse({ type: AttributeDto })
    @ApiNotFoundResponse(ATTRIBUTE_NOT_FOUND)
    async get(@Param() path: OwnerPath): Promise<NameValue> {
      return named(await this.attributes.readAttributes(path), path.attribute);
    }

    @Post(':attribute')
    @HttpCode(200)
    @AdminAccess('org')
    @XmlRoot('Attribute')
    @ApiOkResponse({ type: AttributeDto, description: 'The attribute, created or updated' })
    @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
    @ApiNotFoundResponse(NOT_FOUND)
    async set(
      @Param() path: OwnerPath,
      @Body() body: AttributeValueDto,
      @Actor() actor: Principal,
    ): Promise<NameValue> {
      const attribute = { name: path.attribute, value: body.value };
      const current = await this.attributes.readAttributes(path);
      await this.attributes.writeAttributes(path, uniqueAttributes([...current, attribute]), actor.email);
      return attribute;
    }

    @Delete(':attribute')
    @AdminAccess('org')
    @XmlRoot('Attribute')
    @ApiOkResponse({ type: AttributeDto, description: 'The removed attribute' })
    @ApiNotFoundResponse(ATTRIBUTE_NOT_FOUND)
    async delete(@Param() path: OwnerPath, @Actor() actor: Principal): Promise<NameValue> {
      const current = await this.attributes.readAttributes(path);
      const attribute = named(current, path.attribute);
      const remaining = current.filter((candidate) => candidate.name !== attribute.name);
      await this.attributes.writeAttributes(path, remaining, actor.email);
      return attribute;
    }
  }
  Object.defineProperty(AttributesController, 'name', { value: `${owner}AttributesController` });
  return AttributesController;
}
