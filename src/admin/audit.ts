import type { AuditFields } from '../common/dto.js';
import { audit, type Audited } from '../database/columns.js';

/** The audit fields of a new record: created and last modified by the actor, now. */
export const createdStamp = (actor: string, now: number): Audited => audit(actor, now);

/** The audit fields of a changed record. */
export const modifiedStamp = (actor: string, now: number): Pick<Audited, 'lastModifiedAt' | 'lastModifiedBy'> => ({
  lastModifiedAt: now,
  lastModifiedBy: actor,
});

/** A view's copy of a record's audit fields (only those: an entity carries more). */
export const auditFieldsOf = (record: Audited): AuditFields => ({
  createdAt: record.createdAt,
  createdBy: record.createdBy,
  lastModifiedAt: record.lastModifiedAt,
  lastModifiedBy: record.lastModifiedBy,
});
