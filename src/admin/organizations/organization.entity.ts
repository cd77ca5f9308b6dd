import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Audited } from '../../database/columns.js';

@Entity('organizations')
export class Organization extends Audited {
  @PrimaryColumn('varchar') name!: string;
  @Column('varchar') displayName!: string;
}
