import type { Repository } from 'typeorm';
import type { NameValue } from '../database/columns.js';

/** What an administrator may change on a request or access token (Apigee: attributes, scope, approve/revoke). */
export interface RecordChanges {
  attributes?: NameValue[];
  scope?: string;
  status?: 'approved' | 'revoked';
}

interface ChangeableToken {
  token: string;
  attributes: NameValue[];
  scope: string;
  status: 'approved' | 'revoked';
  lastModifiedAt: number;
  lastModifiedBy: string;
}

/** Writes the changeable fields of a token record and stamps who changed it when; returns the record as stored. */
export async function applyRecordChanges<T extends ChangeableToken>(
  repository: Repository<T>,
  record: T,
  changes: RecordChanges,
  actor: string,
  now: number,
): Promise<T> {
  const updated: T = { ...record, ...changes, lastModifiedAt: now, lastModifiedBy: actor };
  const { attributes, scope, status, lastModifiedAt, lastModifiedBy } = updated;
  // TypeORM's criteria and partial-entity types cannot be spelled for a generic entity; these fields exist on T.
  await repository.update(
    { token: record.token } as never,
    {
      attributes,
      scope,
      status,
      lastModifiedAt,
      lastModifiedBy,
    } as never,
  );
  return updated;
}
