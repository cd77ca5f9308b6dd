import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Audited, EpochMillisColumn, NameValue } from '../database/columns.js';
import { RequestToken } from './request-token.entity.js';

/** The resource owner's approval of a request token (RFC 5849 2.2). */
@Entity('oauth1_verifiers')
@Index(['requestToken'], { unique: true })
@Index(['expiresAt'])
export class Verifier extends Audited {
  @PrimaryColumn('varchar') code!: string;
  @Column('varchar') organization!: string;
  /** Deleting the request token (by an admin, the purge, or with its key) deletes its verifier. */
  @ForeignKey(() => RequestToken, { onDelete: 'CASCADE' })
  @Column('varchar')
  requestToken!: string;
  @Column('varchar') appUserId!: string;
  @Column('simple-json') attributes!: NameValue[];
  @EpochMillisColumn() issuedAt!: number;
  @EpochMillisColumn() expiresAt!: number;
}
