import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Audited, EpochMillisColumn, NameValue } from '../database/columns.js';
import type { AccessType } from './access-type.js';

/** Token credentials (RFC 5849 2.3). */
@Entity('oauth1_access_tokens')
@Index(['appId'])
@Index(['consumerKey'])
export class AccessToken extends Audited {
  @PrimaryColumn('varchar') token!: string;
  @Column('varchar') organization!: string;
  // Deleting the key or its app deletes what was issued to it. By table name: src/tokens does not import src/admin.
  @ForeignKey('credentials', { onDelete: 'CASCADE' })
  @Column('varchar')
  consumerKey!: string;
  @ForeignKey('developer_apps', { onDelete: 'CASCADE' })
  @Column('varchar')
  appId!: string;
  @Column('varchar') appUserId!: string;
  @Column('varchar') secret!: string;
  @Column('varchar', { default: '' }) scope!: string;
  @Column('simple-json') attributes!: NameValue[];
  @Column('varchar') status!: 'approved' | 'revoked';
  @EpochMillisColumn() issuedAt!: number;
  /** -1: never expires. */
  @EpochMillisColumn() expiresAt!: number;
  /** x_auth_access_type of the request token it was exchanged for: a "read" token may only read. */
  @Column('varchar', { default: 'write' }) accessType!: AccessType;
  /** When a signed request last used it, recorded at most once a minute; null until first used. */
  @EpochMillisColumn({ nullable: true }) lastUsedAt!: number | null;
}
