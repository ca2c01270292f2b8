import { randomUUID } from 'node:crypto';
import type { AssignedActor } from '../../access/actor.js';
import { auditEvent, type AuditEventInput } from '../../access/audit-events.js';
import type { RequestScope } from '../../access/request-scope.js';
import type { Queryable } from '../../db/client.js';
import { appendChronologyEntry } from '../chronology/service.js';
import type { ChronologyKind } from '../../../contract/chronology.js';

/**
 * Putting someone on a child's team as a recorded step of a workflow (the one who decides a concern
 * raised from a serving unit; the professional who joins on an accepted request for assistance):
 * the team row from today (origin 'manual'), its chronology entry and its audit event, all in the
 * caller's transaction. Someone already on the team today is left as they are.
 */

/** Who a chronology entry is entered by, and the unit and domain it is recorded in. */
export type ChronologyAuthor = Pick<
  AssignedActor,
  'personId' | 'assignmentId' | 'organisationId' | 'unitId' | 'secrecyDomain'
>;

export interface Joiner {
  personId: string;
  assignmentId: string;
}

export async function onTeamToday(q: Queryable, childId: string, who: Joiner, today: string): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM team_membership WHERE child_id = $1 AND person_id = $2 AND assignment_id = $3
        AND valid_from <= $4::date AND (valid_to IS NULL OR valid_to >= $4::date) LIMIT 1`,
    [childId, who.personId, who.assignmentId, today],
  );
  return r.rows.length > 0;
}

/** "Anna Lindqvist (Lärare, Norrskolan)" for chronology texts (team-visible, not audit). */
export async function describeAssignment(q: Queryable, assignmentId: string): Promise<string> {
  const r = await q.query<{ name: string; title: string | null; unit: string | null }>(
    `SELECT p.given_name || ' ' || p.family_name AS name, a.title, u.name AS unit
       FROM assignment a JOIN person p ON p.id = a.person_id LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [assignmentId],
  );
  const x = r.rows[0];
  if (!x) return '';
  const where = [x.title, x.unit].filter(Boolean).join(', ');
  return where ? `${x.name} (${where})` : x.name;
}

export interface JoinSpec {
  childId: string;
  who: Joiner;
  role: 'member' | 'contact_person';
  /** The chronology entry: its kind and text (Swedish, as the chronology is written). */
  chronology: { kind: ChronologyKind; text: string };
  /** What caused it, for the audit event. */
  cause: { concernId?: string; requestId?: string };
  /** The child has protected identity: flagged on the audit event for log review. */
  protectedIdentity?: boolean;
}

/** Adds the team row (unless already on the team today); returns its id and the audit event to append. */
export async function joinTeam(
  tx: Queryable,
  scope: RequestScope,
  actor: ChronologyAuthor,
  spec: JoinSpec,
): Promise<{ membershipId: string; joined: boolean; events: AuditEventInput[] }> {
  const existing = await tx.query<{ id: string }>(
    `SELECT id FROM team_membership WHERE child_id = $1 AND person_id = $2 AND assignment_id = $3
        AND valid_from <= $4::date AND (valid_to IS NULL OR valid_to >= $4::date) ORDER BY valid_from LIMIT 1`,
    [spec.childId, spec.who.personId, spec.who.assignmentId, scope.today],
  );
  if (existing.rows[0]) return { membershipId: existing.rows[0].id, joined: false, events: [] };
  const membershipId = randomUUID();
  await tx.query(
    `INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from, origin, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::date, 'manual', $7::timestamptz)`,
    [
      membershipId,
      spec.childId,
      spec.who.personId,
      spec.who.assignmentId,
      spec.role,
      scope.today,
      scope.now.toISOString(),
    ],
  );
  await appendChronologyEntry(tx, {
    childId: spec.childId,
    kind: spec.chronology.kind,
    eventDate: scope.today,
    significance: 'medium',
    text: spec.chronology.text,
    actor,
    createdAt: scope.now.toISOString(),
  });
  const event = auditEvent(scope.actor, scope.requestId, {
    action: 'team_membership.create',
    resourceType: 'team_membership',
    resourceId: membershipId,
    childId: spec.childId,
    details: {
      ...(spec.protectedIdentity ? { protected_identity: true as const } : {}),
      role: spec.role,
      assignmentId: spec.who.assignmentId,
      ...(spec.cause.concernId ? { concernId: spec.cause.concernId } : {}),
      ...(spec.cause.requestId ? { requestId: spec.cause.requestId } : {}),
    },
  });
  return { membershipId, joined: true, events: [event] };
}
