import { Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMillisColumn } from '../database/columns.js';

/**
 * A nonce seen for a consumer key, token and timestamp (RFC 5849 3.3). Kept in the database so that replay is
 * refused across server processes; the primary key makes the check-and-record one atomic insert.
 */
@Entity('oauth1_nonces')
@Index(['receivedAt'])
export class Nonce {
  @PrimaryColumn('varchar') consumerKey!: string;
  /** Empty for requests made without a token (initiate). */
  @PrimaryColumn('varchar') token!: string;
  @PrimaryColumn('bigint', { transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  timestamp!: number;
  @PrimaryColumn('varchar') nonce!: string;
  @EpochMillisColumn() receivedAt!: number;
}
