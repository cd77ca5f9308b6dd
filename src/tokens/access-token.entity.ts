import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Audited, EpochMillisColumn, NameValue } from '../database/columns.js';

/** Token credentials (RFC 5849 2.3). */
@Entity('oauth1_access_tokens')
@Index(['appId'])
@Index(['consumerKey'])
export class AccessToken extends Audited {
  @PrimaryColumn('varchar') token!: string;
  @Column('varchar') organization!: string;
  @Column('varchar') consumerKey!: string;
  @Column('varchar') appId!: string;
  @Column('varchar') appUserId!: string;
  @Column('varchar') secret!: string;
  @Column('varchar', { default: '' }) scope!: string;
  @Column('simple-json') attributes!: NameValue[];
  @Column('varchar') status!: 'approved' | 'revoked';
  @EpochMillisColumn() issuedAt!: number;
  /** -1: never expires. */
  @EpochMillisColumn() expiresAt!: number;
}
