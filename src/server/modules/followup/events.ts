import type { AssignedActor } from '../../access/actor.js';
import type { AuditEventInput } from '../../access/audit-door.js';

/** Who asked for a follow-up write, run or export, and in which request: what its audit event names. */
export interface RequestedBy {
  readonly actor: AssignedActor;
  readonly requestId: string;
}

/** An audit event of the follow-up. None concerns a child: the data are anonymous or aggregate. */
export function followupEvent(
  by: RequestedBy,
  action: AuditEventInput['action'],
  resourceType: AuditEventInput['resourceType'],
  resourceId: string | null,
  details: AuditEventInput['details'],
  outcome: AuditEventInput['outcome'] = 'permitted',
): AuditEventInput {
  return {
    actorPersonId: by.actor.personId,
    actorAssignmentId: by.actor.assignmentId,
    childId: null,
    action,
    resourceType,
    resourceId,
    outcome,
    requestId: by.requestId,
    details,
  };
}
