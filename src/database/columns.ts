import { Column, ColumnOptions } from 'typeorm';

/** PostgreSQL returns bigint as a string; epoch milliseconds fit a JS number exactly. */
const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** Epoch milliseconds, portable across SQLite and PostgreSQL. */
export const EpochMillisColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'bigint', transformer: bigintAsNumber, ...options });

export interface NameValue {
  name: string;
  value: string;
}

/** Who created and last changed a record, and when: a management user's email or a protocol flow's name. */
export abstract class Audited {
  @EpochMillisColumn() createdAt!: number;
  @Column('varchar') createdBy!: string;
  @EpochMillisColumn() lastModifiedAt!: number;
  @Column('varchar') lastModifiedBy!: string;
}

export function audit(actor: string, now: number): Audited {
  return { createdAt: now, createdBy: actor, lastModifiedAt: now, lastModifiedBy: actor };
}
