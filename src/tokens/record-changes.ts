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

/** The columns an administrator's change writes: the changeable fields and who changed them when. */
export const CHANGED_COLUMNS = ['attributes', 'scope', 'status', 'lastModifiedAt', 'lastModifiedBy'] as const;

/** The token record with the changes made and stamped with who made them when. */
export function withRecordChanges<T extends ChangeableToken>(
  record: T,
  changes: RecordChanges,
  actor: string,
  now: number,
): T {
  return { ...record, ...changes, lastModifiedAt: now, lastModifiedBy: actor };
}
