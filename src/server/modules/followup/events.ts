import type { AssignedActor } from '../../access/actor.js';
import type { AuditEventInput } from '../../access/audit-door.js';
import { auditEvent, type AuditAction, type AuditDetails } from '../../access/audit-events.js';

/**
 * Who asked for a follow-up write, run or export, and in which request: what its audit event names,
 * and the app's clock that stamps it (a run or an import job may write after the request has ended).
 */
export interface RequestedBy {
  readonly actor: AssignedActor;
  readonly requestId: string;
  readonly clock: () => Date;
}

/** An audit event of the follow-up, built and checked by access/audit-events.ts. None concerns a child: the data are anonymous or aggregate. */
export function followupEvent<A extends AuditAction>(
  by: RequestedBy,
  action: A,
  resourceType: AuditEventInput['resourceType'],
  resourceId: string | null,
  details: AuditDetails<A>,
  outcome: AuditEventInput['outcome'] = 'permitted',
): AuditEventInput {
  return auditEvent(by.actor, by.requestId, { action, resourceType, resourceId, childId: null, outcome, details });
}
