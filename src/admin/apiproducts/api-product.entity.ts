import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Audited, NameValue } from '../../database/columns.js';

@Entity('api_products')
@Index(['organization', 'name'], { unique: true })
export class ApiProduct extends Audited {
  @PrimaryColumn('varchar') id!: string;
  @Column('varchar') organization!: string;
  @Column('varchar') name!: string;
  @Column('varchar') displayName!: string;
  @Column('varchar', { default: '' }) description!: string;
  @Column('varchar') approvalType!: 'auto' | 'manual';
  @Column('simple-json') scopes!: string[];
  @Column('simple-json') attributes!: NameValue[];
  // Apigee's gateway fields: kept and returned unchanged so that read-modify-write clients round-trip them; this
  // provider enforces none of them.
  @Column('simple-json', { default: '[]' }) apiResources!: string[];
  @Column('simple-json', { default: '[]' }) environments!: string[];
  @Column('simple-json', { default: '[]' }) proxies!: string[];
  @Column('varchar', { nullable: true }) quota!: string | null;
  @Column('varchar', { nullable: true }) quotaInterval!: string | null;
  @Column('varchar', { nullable: true }) quotaTimeUnit!: string | null;
}
