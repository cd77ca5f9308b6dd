import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { OrgRole } from '../../common/auth/principal.js';
import { Audited } from '../../database/columns.js';

@Entity('management_users')
export class ManagementUser extends Audited {
  @PrimaryColumn('varchar') email!: string;
  @Column('varchar') firstName!: string;
  @Column('varchar') lastName!: string;
  /** scrypt, salted: see common/password-hasher.ts. */
  @Column('varchar') passwordHash!: string;
  @Column('boolean', { default: false }) sysadmin!: boolean;
}

@Entity('user_roles')
// Every admin request reads the caller's roles by email; the key starts with the organization.
@Index(['email'])
export class UserRole {
  @PrimaryColumn('varchar') organization!: string;
  /** Deleting the user deletes its roles. */
  @ForeignKey(() => ManagementUser, { onDelete: 'CASCADE' })
  @PrimaryColumn('varchar')
  email!: string;
  @PrimaryColumn('varchar') role!: OrgRole;
}
