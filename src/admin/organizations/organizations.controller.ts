import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { CreateOrganizationDto, OrganizationView } from './organizations.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organizations')
@Controller('v1')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post('organizations')
  @HttpCode(201)
  @AdminAccess('sysadmin')
  @XmlRoot('Organization')
  @ApiCreatedResponse({ type: OrganizationView })
  create(@Body() body: CreateOrganizationDto, @Actor() actor: Principal): Promise<OrganizationView> {
    return this.organizations.create(body, actor.email);
  }

  @Get('organizations')
  @AdminAccess('any')
  @XmlRoot('List')
  @ApiOkResponse({
    type: [String],
    description: 'Names of the organizations the caller has a role in (all, for a sysadmin)',
  })
  list(@Actor() actor: Principal): Promise<string[]> {
    return this.organizations.listNamesVisibleTo(actor);
  }

  @Get(['organizations/:org', 'o/:org'])
  @AdminAccess('org')
  @XmlRoot('Organization')
  @ApiOkResponse({ type: OrganizationView })
  get(@Param('org') org: string): Promise<OrganizationView> {
    return this.organizations.get(org);
  }
}
