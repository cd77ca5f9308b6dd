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
}
