import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock.js';
import { hashPassword } from '../../common/password-hasher.js';
import { randomAlphanumeric } from '../../common/random.js';
import { exclusively } from '../../database/data-source.js';
import { createdStamp } from '../audit.js';
import { Organization } from '../organizations/organization.entity.js';
import { ManagementUser, UserRole } from './management-user.entity.js';

const BOOTSTRAP_ACTOR = 'bootstrap';

/**
 * On first start (no management user yet) creates the first organization and a sysadmin who is also its orgadmin.
 * A generated password is written to a file only its owner can read; the log names the file, never the password.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { org, adminEmail, adminPassword, passwordFile } = this.config.bootstrap;
    if ((await this.dataSource.getRepository(ManagementUser).count()) > 0) return;
    const password = adminPassword ?? randomAlphanumeric(24);
    const passwordHash = await hashPassword(password);
    const created = await exclusively(this.dataSource, async (manager) => {
      // Another process starting at the same moment may have bootstrapped meanwhile: it held this lock.
      if ((await manager.count(ManagementUser)) > 0) return false;
      const stamp = createdStamp(BOOTSTRAP_ACTOR, this.clock.now());
      if (!(await manager.existsBy(Organization, { name: org }))) {
        await manager.insert(Organization, { name: org, displayName: org, ...stamp });
      }
      await manager.insert(ManagementUser, {
        email: adminEmail,
        firstName: 'System',
        lastName: 'Administrator',
        passwordHash,
        sysadmin: true,
        ...stamp,
      });
      await manager.insert(UserRole, { organization: org, email: adminEmail, role: 'orgadmin' });
      return true;
    });
    if (!created) return;
    if (adminPassword) {
      this.logger.log(
        `Created organization "${org}" and sysadmin ${adminEmail} (password from BOOTSTRAP_ADMIN_PASSWORD)`,
      );
      return;
    }
    const file = resolve(passwordFile);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${adminEmail}:${password}\n`, { mode: 0o600 });
    this.logger.log(
      `Created organization "${org}" and sysadmin ${adminEmail}; its generated password is in ${file} (readable only by its owner)`,
    );
  }
}
