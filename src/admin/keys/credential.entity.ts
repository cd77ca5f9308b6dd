import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { EpochMillisColumn, NameValue } from '../../database/columns.js';
import { DeveloperApp } from '../apps/developer-app.entity.js';

export interface CredentialApiProduct {
  apiproduct: string;
  status: 'approved' | 'revoked' | 'pending';
}

/** An app's consumer key and secret. The secret is kept in clear: HMAC signatures cannot be checked otherwise. */
@Entity('credentials')
@Index(['appId'])
export class Credential {
  @PrimaryColumn('varchar') consumerKey!: string;
  @Column('varchar') organization!: string;
  /** Deleting the app deletes its keys. */
  @ForeignKey(() => DeveloperApp, { onDelete: 'CASCADE' })
  @Column('varchar')
  appId!: string;
  @Column('varchar') consumerSecret!: string;
  @Column('varchar') status!: 'approved' | 'revoked';
  @EpochMillisColumn() issuedAt!: number;
  /** -1: never expires. */
  @EpochMillisColumn() expiresAt!: number;
  @Column('simple-json') scopes!: string[];
  @Column('simple-json') attributes!: NameValue[];
  @Column('simple-json') apiProducts!: CredentialApiProduct[];
  /** RSA public key in PEM for RSA-SHA1 (an extension: Apigee has no RSA-SHA1). */
  @Column('text', { nullable: true }) publicKey!: string | null;
}
