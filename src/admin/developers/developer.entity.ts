import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Audited, NameValue } from '../../database/columns.js';

@Entity('developers')
@Index(['organization', 'email'], { unique: true })
export class Developer extends Audited {
  @PrimaryColumn('varchar') developerId!: string;
  @Column('varchar') organization!: string;
  /** Lower-cased, as Apigee normalizes developer emails. */
  @Column('varchar') email!: string;
  @Column('varchar') firstName!: string;
  @Column('varchar') lastName!: string;
  @Column('varchar') userName!: string;
  @Column('varchar') status!: 'active' | 'inactive';
  @Column('simple-json') attributes!: NameValue[];
}
