import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Audited, EpochMillisColumn, NameValue } from '../database/columns.js';
import type { AccessType } from './access-type.js';

/** Temporary credentials (RFC 5849 2.1). */
@Entity('oauth1_request_tokens')
@Index(['expiresAt'])
export class RequestToken extends Audited {
  @PrimaryColumn('varchar') token!: string;
  @Column('varchar') organization!: string;
  // Deleting the key or its app deletes what was issued to it. By table name: src/tokens does not import src/admin.
  @ForeignKey('credentials', { onDelete: 'CASCADE' })
  @Column('varchar')
  consumerKey!: string;
  @ForeignKey('developer_apps', { onDelete: 'CASCADE' })
  @Column('varchar')
  appId!: string;
  @Column('varchar') secret!: string;
  /** An absolute URL, or "oob". */
  @Column('varchar') callbackUrl!: string;
  @Column('varchar', { default: '' }) scope!: string;
  /** x_auth_access_type (Twitter): what the access token it becomes may do. */
  @Column('varchar', { default: 'write' }) accessType!: AccessType;
  @Column('simple-json') attributes!: NameValue[];
  @Column('varchar') status!: 'approved' | 'revoked';
  @EpochMillisColumn() issuedAt!: number;
  @EpochMillisColumn() expiresAt!: number;
  /** Set once the token is exchanged for an access token: request tokens are single use. */
  @EpochMillisColumn({ nullable: true }) usedAt!: number | null;
}
