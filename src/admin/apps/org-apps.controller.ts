import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AdminAccess } from '../../common/auth/admin-access.js';
import { ErrorView } from '../../common/dto.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { isExpanded } from '../admin-routes.js';
import { ApiPaged, parsePage } from '../paging.js';
import { APP_STATUSES, APP_TYPES, AppView, type OrgAppsQuery } from './apps.dto.js';
import { AppsService } from './apps.service.js';

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw AdminErrors.invalidRequest(`${name} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Apigee's org-wide view of apps: every app of the org, developer and company apps alike, by appId. */
@ApiTags('apps')
@Controller(['v1/o/:org/apps', 'v1/organizations/:org/apps'])
export class OrgAppsController {
  constructor(private readonly apps: AppsService) {}

  @Get()
  @AdminAccess('org')
  @XmlRoot('Apps')
  @ApiQuery({ name: 'expand', required: false, type: Boolean, description: 'true: full records as {"app": […]}' })
  @ApiQuery({ name: 'status', required: false, enum: APP_STATUSES, description: 'Only apps of this status' })
  @ApiQuery({ name: 'apptype', required: false, enum: APP_TYPES, description: "Only developers' or companies' apps" })
  @ApiQuery({
    name: 'includeCred',
    required: false,
    type: Boolean,
    description: 'false: expanded apps without their credentials (default true)',
  })
  @ApiPaged('appId', 'rows')
  @ApiExtraModels(AppView)
  @ApiOkResponse({
    description: 'appIds, sorted; with ?expand=true, {"app": […]}',
    schema: {
      oneOf: [
        { type: 'array', items: { type: 'string' } },
        { type: 'object', properties: { app: { type: 'array', items: { $ref: getSchemaPath(AppView) } } } },
      ],
    },
  })
  @ApiBadRequestResponse({ type: ErrorView, description: 'A bad status, apptype or rows' })
  async list(
    @Param('org') org: string,
    @Query('expand') expand?: string,
    @Query('status') status?: string,
    @Query('apptype') apptype?: string,
    @Query('includeCred') includeCred?: string,
    @Query('rows') rows?: string,
    @Query('startKey') startKey?: string,
  ): Promise<string[] | { app: AppView[] }> {
    const query: OrgAppsQuery = {
      status: oneOf('status', status, APP_STATUSES),
      apptype: oneOf('apptype', apptype, APP_TYPES),
      includeCred: includeCred?.toLowerCase() !== 'false',
    };
    const page = parsePage(rows, startKey, 'rows');
    if (isExpanded(expand)) return { app: await this.apps.listViewsInOrg(org, query, page) };
    return this.apps.listIdsInOrg(org, query, page);
  }

  @Get(':appId')
  @AdminAccess('org')
  @XmlRoot('App', { attributes: ['name'] })
  @ApiOkResponse({ type: AppView })
  @ApiNotFoundResponse({ type: ErrorView, description: 'developer.service.AppDoesNotExist' })
  get(@Param('org') org: string, @Param('appId') appId: string): Promise<AppView> {
    return this.apps.getInOrg(org, appId);
  }
}
