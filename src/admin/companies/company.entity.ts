import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Audited, NameValue } from '../../database/columns.js';
import { Developer } from '../developers/developer.entity.js';

/** An Apigee company: a partner organisation that owns apps and has developers as members. */
@Entity('companies')
@Index(['organization', 'name'], { unique: true })
export class Company extends Audited {
  @PrimaryColumn('varchar') companyId!: string;
  @Column('varchar') organization!: string;
  @Column('varchar') name!: string;
  @Column('varchar') displayName!: string;
  @Column('varchar') status!: 'active' | 'inactive';
  @Column('simple-json') attributes!: NameValue[];
}

/** A developer's membership of a company, with the role Apigee lets it carry. Either side's deletion ends it. */
@Entity('company_developers')
@Index(['developerId'])
export class CompanyDeveloper {
  @ForeignKey(() => Company, { onDelete: 'CASCADE' })
  @PrimaryColumn('varchar')
  companyId!: string;
  @ForeignKey(() => Developer, { onDelete: 'CASCADE' })
  @PrimaryColumn('varchar')
  developerId!: string;
  @Column('varchar', { nullable: true }) role!: string | null;
}
