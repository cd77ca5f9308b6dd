import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Audited, NameValue } from '../../database/columns.js';
import { Company } from '../companies/company.entity.js';
import { Developer } from '../developers/developer.entity.js';

/** A developer's or a company's app: exactly one of `developerId` and `companyId` is set. */
@Entity('developer_apps')
@Index(['developerId', 'name'], { unique: true })
@Index(['companyId', 'name'], { unique: true })
@Index(['organization'])
export class DeveloperApp extends Audited {
  @PrimaryColumn('varchar') appId!: string;
  @Column('varchar') organization!: string;
  /** Deleting the developer deletes its apps. */
  @ForeignKey(() => Developer, { onDelete: 'CASCADE' })
  @Column('varchar', { nullable: true })
  developerId!: string | null;
  /** Deleting the company deletes its apps. */
  @ForeignKey(() => Company, { onDelete: 'CASCADE' })
  @Column('varchar', { nullable: true })
  companyId!: string | null;
  @Column('varchar') name!: string;
  @Column('varchar', { nullable: true }) callbackUrl!: string | null;
  @Column('varchar') status!: 'approved' | 'revoked';
  @Column('simple-json') attributes!: NameValue[];
  @Column('simple-json') scopes!: string[];
  /** Kept and returned as Apigee does; not used here. */
  @Column('varchar', { default: 'default' }) appFamily!: string;
}
