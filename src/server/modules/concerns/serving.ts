import { AppError } from '../../../core/errors.js';
import { parseIdentityNumber, InvalidIdentityNumberError } from '../../../core/personnummer.js';
import type { AssignedActor } from '../../access/actor.js';
import type { ChildListGate } from '../../access/child-list.js';
import { recordVisibleSql } from '../../access/record-access.js';
import type { RequestScope } from '../../access/request-scope.js';
import {
  findServedChildren,
  unitLeads,
  writeAsServingUnit,
  type ServedChild,
  type ServingBasis,
} from '../../access/serving-unit.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { sql, textOf } from '../../db/sql.js';
import { describeAssignment, joinTeam, onTeamToday } from '../assistance/team-join.js';
import type { ConcernCreateRequest } from '../../../contract/concerns.js';
import type { ConcernReceipt, ServedChildSearchRequest } from '../../../contract/serving.js';
import type { PersonRef } from '../../../contract/person.js';
import type { TodoItem } from '../../../contract/todo.js';
import { createConcernInTransaction } from './service.js';

/**
 * The model's first step from any unit that serves the child (access/serving-unit.ts): find the
 * child, raise a concern through the one way a concern comes into being
 * (`createConcernInTransaction`), and send it to the person who decides — the child's barnets
 * bästa-ansvarig, or else the lead of the author's unit, who is put on the team (as member, from
 * today) when not on it, so that they can read and decide it. The author gets a receipt, not the child.
 */

function personnummerOf(input: string, scope: RequestScope): string {
  try {
    return parseIdentityNumber(input, scope.now).normalized;
  } catch (err) {
    if (err instanceof InvalidIdentityNumberError)
      throw new AppError(
        'validation_failed',
        'That is not a valid personnummer or samordningsnummer. It should be 10 or 12 digits, e.g. ÅÅÅÅMMDD-NNNN, with a matching check digit.',
        { field: 'personnummer', reason: err.reason },
      );
    throw err;
  }
}

export async function findChildToRaiseConcern(
  ctx: AppContext,
  scope: RequestScope,
  input: ServedChildSearchRequest,
): Promise<Omit<ServedChild, 'protectedIdentity'>[]> {
  const query =
    'personnummer' in input
      ? { personnummer: personnummerOf(input.personnummer, scope) }
      : { nameWords: input.name.split(/\s+/).filter((w) => w.length > 0) };
  const found = await findServedChildren(ctx, scope, query);
  return found.map(({ protectedIdentity: _hidden, ...c }) => c);
}

interface Recipient {
  personId: string;
  assignmentId: string;
  reason: 'best_interest_lead' | 'unit_lead';
}

/** The reader a candidate recipient would be, acting in that assignment. */
async function readerOf(q: Queryable, assignmentId: string): Promise<AssignedActor | null> {
  const r = await q.query<{
    person_id: string;
    role: AssignedActor['role'];
    organisation_id: string;
    unit_id: string | null;
    domain: AssignedActor['secrecyDomain'];
  }>(
    `SELECT a.person_id, a.role, a.organisation_id, a.unit_id, u.secrecy_domain AS domain
       FROM assignment a LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [assignmentId],
  );
  const x = r.rows[0];
  return x
    ? {
        personId: x.person_id,
        sessionTokenHash: '',
        assignmentId,
        role: x.role,
        organisationId: x.organisation_id,
        unitId: x.unit_id,
        secrecyDomain: x.domain,
      }
    : null;
}

/**
 * Could the candidate read a concern the author writes (the author's secrecy domain) about the child
 * today — the record filter of access/record-access.ts, asked for that reader: the same domain, or a
 * consent or disclosure covering it.
 */
async function couldRead(tx: Queryable, scope: RequestScope, childId: string, assignmentId: string): Promise<boolean> {
  const reader = await readerOf(tx, assignmentId);
  if (!reader) return false;
  const rv = recordVisibleSql(
    reader,
    { childExpr: ':child_id::uuid', domainExpr: ':author_domain::text', category: 'concern' },
    scope.now,
    scope.today,
  );
  const st = sql(
    `SELECT ${rv.text} AS sees`,
    { child_id: childId, author_domain: scope.actor.secrecyDomain },
    rv.params,
  );
  return (await tx.query<{ sees: boolean }>(st.text, st.values)).rows[0]?.sees === true;
}

/**
 * The one who decides: the child's barnets bästa-ansvarig — when they could read the concern (a
 * teacher's concern about a preschool child whose barnets bästa-ansvarig is the BVC nurse is school
 * data the nurse may not read without consent) — else the lead of the author's unit.
 */
async function chooseRecipient(tx: Queryable, scope: RequestScope, childId: string): Promise<Recipient> {
  const lead = await tx.query<{ person_id: string; assignment_id: string }>(
    `SELECT t.person_id, t.assignment_id FROM team_membership t
       JOIN assignment a ON a.id = t.assignment_id AND a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
      WHERE t.child_id = $1 AND t.team_role = 'best_interest_lead'
        AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date)
      ORDER BY t.valid_from LIMIT 1`,
    [childId, scope.today],
  );
  const bil = lead.rows[0];
  if (bil && (await couldRead(tx, scope, childId, bil.assignment_id)))
    return { personId: bil.person_id, assignmentId: bil.assignment_id, reason: 'best_interest_lead' };
  const [unitLead] = await unitLeads(tx, scope.actor.unitId!, scope.today);
  if (!unitLead) {
    if (bil) return { personId: bil.person_id, assignmentId: bil.assignment_id, reason: 'best_interest_lead' };
    throw new AppError(
      'conflict',
      'Nobody who decides concerns is recorded for your unit (a principal or manager). Ask your administrator to record one; nothing was saved.',
      { reason: 'no_unit_lead' },
    );
  }
  return { personId: unitLead.personId, assignmentId: unitLead.assignmentId, reason: 'unit_lead' };
}

async function personRef(q: Queryable, assignmentId: string): Promise<PersonRef> {
  const r = await q.query<{ person_id: string; name: string; title: string | null; unit: string | null }>(
    `SELECT p.id AS person_id, p.given_name || ' ' || p.family_name AS name, a.title, u.name AS unit
       FROM assignment a JOIN person p ON p.id = a.person_id LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [assignmentId],
  );
  const x = r.rows[0]!;
  return { personId: x.person_id, name: x.name, title: x.title, unitName: x.unit };
}

/**
 * Raises the concern and routes it, in one transaction with its audit events (concern.create with
 * reason serving_unit and the basis; team_membership.create when the recipient joins the team).
 */
export async function raiseConcernFromServingUnit(
  ctx: AppContext,
  scope: RequestScope,
  childId: string,
  input: ConcernCreateRequest,
): Promise<ConcernReceipt> {
  return writeAsServingUnit(
    ctx,
    scope,
    childId,
    { action: 'concern.create', resourceType: 'concern' },
    async (tx, basis: ServingBasis) => {
      const recipient = await chooseRecipient(tx, scope, childId);
      const concern = await createConcernInTransaction(ctx, tx, scope.actor, childId, input, scope.today);
      const protectedIdentity = (
        await tx.query<{ p: boolean }>('SELECT protected_identity AS p FROM child WHERE id = $1', [childId])
      ).rows[0]?.p;
      const onTeam = await onTeamToday(tx, childId, recipient, scope.today);
      const join = onTeam
        ? { joined: false, events: [] }
        : await joinTeam(tx, scope, scope.actor, {
            childId,
            who: recipient,
            role: 'member',
            chronology: {
              kind: 'team_member_added',
              text: `${await describeAssignment(tx, recipient.assignmentId)} har lagts till i barnets team för att besluta om en oro.`,
            },
            cause: { concernId: concern.id },
            protectedIdentity: protectedIdentity === true,
          });
      await tx.query(
        `INSERT INTO concern_recipient (concern_id, child_id, recipient_person_id, recipient_assignment_id, recipient_reason,
                                        serving_basis, serving_unit_id, joined_team, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
        [
          concern.id,
          childId,
          recipient.personId,
          recipient.assignmentId,
          recipient.reason,
          basis,
          scope.actor.unitId,
          join.joined,
          scope.now.toISOString(),
        ],
      );
      const receipt: ConcernReceipt = {
        concernId: concern.id,
        childId,
        decisionDue: concern.decisionDue,
        recipient: await personRef(tx, recipient.assignmentId),
        recipientReason: recipient.reason,
        recipientJoinedTeam: join.joined,
      };
      return { result: receipt, resourceId: concern.id, events: join.events };
    },
  );
}

const receivedText = textOf(
  (
    gate: string,
    rv: string,
  ) => `SELECT c.id AS concern_id, c.child_id, ch.given_name || ' ' || ch.family_name AS child_name,
            c.decision_due::text AS decision_due, GREATEST(:today::date - c.decision_due, 0) AS days_overdue
       FROM concern_recipient r
       JOIN concern c ON c.id = r.concern_id AND c.decision IS NULL
       JOIN child ch ON ch.id = c.child_id
      WHERE r.recipient_assignment_id = :assignment AND r.recipient_person_id = :person
        AND c.child_id IN (${gate})
        AND ${rv}`,
);

/**
 * For "Att göra": undecided concerns sent to me to decide (whatever their deadline), on children
 * the gate lets me see today and in secrecy domains I may see.
 */
export async function concernsToDecide(q: Queryable, list: ChildListGate): Promise<TodoItem[]> {
  const { actor, today, now } = list.scope;
  const gate = list.visibleChildrenSql();
  const rv = recordVisibleSql(
    actor,
    { childExpr: 'c.child_id', domainExpr: 'c.secrecy_domain', category: 'concern' },
    now,
    today,
  );
  const st = sql(
    receivedText(gate.text, rv.text),
    { today, assignment: actor.assignmentId, person: actor.personId },
    gate.params,
    rv.params,
  );
  const r = await q.query<{
    concern_id: string;
    child_id: string;
    child_name: string;
    decision_due: string;
    days_overdue: number;
  }>(st.text, st.values);
  return r.rows.map((x) => ({
    kind: 'concern_decision' as const,
    childId: x.child_id,
    childName: x.child_name,
    dueDate: x.decision_due,
    overdue: x.decision_due < today,
    daysOverdue: Number(x.days_overdue),
    resourceType: 'concern' as const,
    resourceId: x.concern_id,
    why: ['recipient' as const],
  }));
}
