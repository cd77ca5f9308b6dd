import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Repository } from 'typeorm';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/management-authenticator.js';
import { Clock } from '../../common/clock.js';
import { AuditFields } from '../../common/dto.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { audit } from '../../database/columns.js';
import { Organization } from './organization.entity.js';

export class OrganizationView extends AuditFields {
  @ApiProperty({ example: 'acme' }) name!: string;
  @ApiProperty({ example: 'Acme Inc.' }) displayName!: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'acme', description: 'Lowercase letters, digits and dashes' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'name must be lowercase letters, digits and dashes (max 64)' })
  name!: string;
  @ApiProperty({ example: 'Acme Inc.', required: false })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  displayName?: string;
}

const view = ({ name, displayName, createdAt, createdBy, lastModifiedAt, lastModifiedBy }: Organization) => ({
  name,
  displayName,
  createdAt,
  createdBy,
  lastModifiedAt,
  lastModifiedBy,
});

@ApiTags('organizations')
@Controller('v1')
export class OrganizationsController {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    private readonly clock: Clock,
  ) {}

  @Post('organizations')
  @HttpCode(201)
  @AdminAccess('sysadmin')
  @XmlRoot('Organization')
  @ApiCreatedResponse({ type: OrganizationView })
  async create(@Body() body: CreateOrganizationDto, @Actor() actor: Principal): Promise<OrganizationView> {
    if (await this.organizations.existsBy({ name: body.name })) throw AdminErrors.organizationExists(body.name);
    const organization = this.organizations.create({
      name: body.name,
      displayName: body.displayName ?? body.name,
      ...audit(actor.email, this.clock.now()),
    });
    return view(await this.organizations.save(organization));
  }

  @Get('organizations')
  @AdminAccess('any')
  @XmlRoot('List')
  @ApiOkResponse({
    type: [String],
    description: 'Names of the organizations the caller has a role in (all, for a sysadmin)',
  })
  async list(@Actor() actor: Principal): Promise<string[]> {
    if (actor.sysadmin) return (await this.organizations.find({ order: { name: 'ASC' } })).map((o) => o.name);
    return [...actor.roles.keys()].sort();
  }

  @Get(['organizations/:org', 'o/:org'])
  @AdminAccess('org')
  @XmlRoot('Organization')
  @ApiOkResponse({ type: OrganizationView })
  async get(@Param('org') org: string): Promise<OrganizationView> {
    const organization = await this.organizations.findOneBy({ name: org });
    if (!organization) throw AdminErrors.organizationNotFound(org);
    return view(organization);
  }
}
