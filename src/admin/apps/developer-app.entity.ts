import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Audited, NameValue } from '../../database/columns.js';
import { Developer } from '../developers/developer.entity.js';

@Entity('developer_apps')
@Index(['developerId', 'name'], { unique: true })
@Index(['organization'])
export class DeveloperApp extends Audited {
  @PrimaryColumn('varchar') appId!: string;
  @Column('varchar') organization!: string;
  /** Deleting the developer deletes its apps. */
  @ForeignKey(() => Developer, { onDelete: 'CASCADE' })
  @Column('varchar')
  developerId!: string;
  @Column('varchar') name!: string;
  @Column('varchar', { nullable: true }) callbackUrl!: string | null;
  @Column('varchar') status!: 'approved' | 'revoked';
  @Column('simple-json') attributes!: NameValue[];
  @Column('simple-json') scopes!: string[];
}
