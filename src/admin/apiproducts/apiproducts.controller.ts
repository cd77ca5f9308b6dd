import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { ErrorView } from '../../common/dto.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { ApiExpandableList, isExpanded } from '../admin-routes.js';
import { attributesController } from '../attributes.js';
import { ApiPaged, parsePage } from '../paging.js';
import { ApiProductView, CreateApiProductDto, UpdateApiProductDto } from './apiproducts.dto.js';
import { ApiProductsService } from './apiproducts.service.js';

const NOT_FOUND = { type: ErrorView, description: 'keymanagement.service.apiproduct_doesnot_exist' };

/** GET|POST /apiproducts/{name}/attributes, GET|POST|DELETE …/attributes/{attribute}. */
export const ApiProductAttributesController = attributesController(
  'ApiProduct',
  'apiproducts',
  ['v1/o/:org/apiproducts/:name', 'v1/organizations/:org/apiproducts/:name'],
  ApiProductsService,
  NOT_FOUND.description,
);

@ApiTags('apiproducts')
@Controller(['v1/o/:org/apiproducts', 'v1/organizations/:org/apiproducts'])
export class ApiProductsController {
  constructor(private readonly products: ApiProductsService) {}

  @Get()
  @AdminAccess('org')
  @XmlRoot('ApiProducts')
  @ApiExpandableList(ApiProductView, 'apiProduct', 'API product names')
  @ApiPaged('API product name')
  @ApiBadRequestResponse({ type: ErrorView, description: 'A count that is not an integer from 1 to 1000' })
  async list(
    @Param('org') org: string,
    @Query('expand') expand?: string,
    @Query('count') count?: string,
    @Query('startKey') startKey?: string,
  ): Promise<string[] | { apiProduct: ApiProductView[] }> {
    const page = parsePage(count, startKey);
    if (isExpanded(expand)) return { apiProduct: await this.products.listViews(org, page) };
    return this.products.listNames(org, page);
  }

  @Post()
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('ApiProduct')
  @ApiCreatedResponse({ type: ApiProductView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
  @ApiConflictResponse({ type: ErrorView, description: 'keymanagement.service.apiproduct_already_exists' })
  create(
    @Param('org') org: string,
    @Body() body: CreateApiProductDto,
    @Actor() actor: Principal,
  ): Promise<ApiProductView> {
    return this.products.create(org, body, actor.email);
  }

  @Get(':name')
  @AdminAccess('org')
  @XmlRoot('ApiProduct')
  @ApiOkResponse({ type: ApiProductView })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('org') org: string, @Param('name') name: string): Promise<ApiProductView> {
    return this.products.get(org, name);
  }

  @Put(':name')
  @AdminAccess('org')
  @XmlRoot('ApiProduct')
  @ApiOkResponse({ type: ApiProductView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'A bad field, or a name that is not the path name' })
  @ApiNotFoundResponse(NOT_FOUND)
  update(
    @Param('org') org: string,
    @Param('name') name: string,
    @Body() body: UpdateApiProductDto,
    @Actor() actor: Principal,
  ): Promise<ApiProductView> {
    return this.products.update(org, name, body, actor.email);
  }

  @Delete(':name')
  @AdminAccess('org')
  @XmlRoot('ApiProduct')
  @ApiOkResponse({ type: ApiProductView, description: 'The deleted API product; keys that had it lose it' })
  @ApiNotFoundResponse(NOT_FOUND)
  delete(@Param('org') org: string, @Param('name') name: string): Promise<ApiProductView> {
    return this.products.delete(org, name);
  }
}
