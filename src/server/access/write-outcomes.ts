import type { AuditEventInput, AuditResourceType } from './audit-events.js';

/**
 * The answers a write gives after its transaction has rolled back. A write throws one of these
 * inside its transaction; the choke point (`writeChildData`, `auditedTransaction`) lets the
 * rollback happen first and then gives the answer — so the answer's own audit event is not rolled
 * back with the write, and no module writes this plumbing by hand.
 */

/** Loads the current representation of the resource (which carries its version) for a 412. */
export type CurrentLoader = () => Promise<{ version: number }>;

/**
 * If-Match names an older version. After the rollback the current resource is loaded — a read of
 * the resource, through the gate and audited as a read, when the loader is a service read — and the
 * answer is 412 with it. The loader given here wins over the one the call names.
 */
export class StaleVersion extends Error {
  constructor(readonly current?: CurrentLoader) {
    super('stale version');
  }
}

/**
 * The resource is not there, or not for this actor. Inside `writeChildData` the answer is a 404
 * audited as not found on the child (resource type and id those of the call unless named here);
 * inside `auditedTransaction` it is a 404, audited with `audit` when given.
 */
export class MissingResource extends Error {
  constructor(
    readonly where: { resourceType?: AuditResourceType; resourceId?: string | null; audit?: AuditEventInput } = {},
  ) {
    super('missing resource');
  }
}

/** Any other answer that needs the rollback first (typically a read that goes through the gate again). */
export class AnswerAfterRollback extends Error {
  constructor(readonly answer: () => Promise<never>) {
    super('answer after rollback');
  }
}
