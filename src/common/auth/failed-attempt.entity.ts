import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMillisColumn } from '../../database/columns.js';

/**
 * Failed attempts of one kind from one client address in the current window, shared by every server process: with
 * N processes (or machines) an address gets no more guesses than with one.
 */
@Entity('failed_attempts')
export class FailedAttempt {
  @PrimaryColumn('varchar') kind!: string;
  @PrimaryColumn('varchar') address!: string;
  @Column('integer') failures!: number;
  @EpochMillisColumn() windowStartedAt!: number;
  /** 0 while not refused. */
  @EpochMillisColumn() blockedUntil!: number;
}
