import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Audited } from '../../database/columns.js';

/** A resource owner who signs in on the built-in authorize page (an extension: Apigee has none). */
@Entity('app_users')
export class AppUser extends Audited {
  @PrimaryColumn('varchar') organization!: string;
  @PrimaryColumn('varchar') id!: string;
  @Column('varchar') displayName!: string;
  @Column('varchar') passwordHash!: string;
  @Column('varchar') status!: 'active' | 'inactive';
}
