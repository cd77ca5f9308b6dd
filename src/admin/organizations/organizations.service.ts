import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal.js';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { createdStamp } from '../audit.js';
import { Organization } from './organization.entity.js';
import { CreateOrganizationDto, organizationView, OrganizationView } from './organizations.dto.js';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    private readonly clock: Clock,
  ) {}

  async create(body: CreateOrganizationDto, actor: string): Promise<OrganizationView> {
    if (await this.organizations.existsBy({ name: body.name })) throw AdminErrors.organizationExists(body.name);
    const organization = this.organizations.create({
      name: body.name,
      displayName: body.displayName ?? body.name,
      ...createdStamp(actor, this.clock.now()),
    });
    // No TypeORM transaction at runtime: on SQLite it would share the connection with every request (prepared.ts).
    return organizationView(await this.organizations.save(organization, { transaction: false }));
  }

  /** The organizations the caller has a role in; every one, for a sysadmin. */
  async listNamesVisibleTo(caller: Principal): Promise<string[]> {
    if (caller.sysadmin) return (await this.organizations.find({ order: { name: 'ASC' } })).map((o) => o.name);
    return [...caller.roles.keys()].sort();
  }

  async get(name: string): Promise<OrganizationView> {
    const organization = await this.organizations.findOneBy({ name });
    if (!organization) throw AdminErrors.organizationNotFound(name);
    return organizationView(organization);
  }
}
