import type { Queryable } from '../../db/client.js';
import { isoTimestamp } from '../../../core/time.js';
import { type WheelIndicator, wheelOrder } from '../../../core/wheel.js';
import { QUESTION_KEYS, type Concern, type ConcernQuestions } from '../../../contract/concerns.js';
import type { ConcernDecisionCode } from '../../../contract/concern-decision.js';

interface ConcernRow {
  id: string;
  child_id: string;
  observation: string;
  observed_since: string | null;
  earlier_concerns: string | null;
  indicators: string[];
  q_getting_in_the_way: string | null;
  q_information_needed: string | null;
  q_what_i_can_do: string | null;
  q_what_my_agency_can_do: string | null;
  q_additional_help: string | null;
  decision_due: string;
  decision: ConcernDecisionCode | null;
  decision_reason: string | null;
  decided_at: unknown;
  decided_by_person_id: string | null;
  decided_by_name: string | null;
  decided_by_title: string | null;
  decided_by_unit: string | null;
  created_by_person_id: string;
  created_by_name: string;
  created_by_title: string | null;
  created_by_unit: string | null;
  owning_unit_id: string | null;
  owning_unit_name: string | null;
  secrecy_domain: string | null;
  secret_from_guardians: boolean | null;
  created_at: unknown;
  updated_at: unknown;
  updated_by_person_id: string;
  updated_by_name: string;
  version: number;
}

const SELECT = `
  SELECT c.id, c.child_id, c.observation, c.observed_since::text AS observed_since, c.earlier_concerns, c.indicators,
         c.q_getting_in_the_way, c.q_information_needed, c.q_what_i_can_do, c.q_what_my_agency_can_do, c.q_additional_help,
         c.decision_due::text AS decision_due, c.decision, c.decision_reason, c.decided_at,
         c.decided_by_person_id, dp.given_name || ' ' || dp.family_name AS decided_by_name, da.title AS decided_by_title, du.name AS decided_by_unit,
         c.created_by_person_id, cp.given_name || ' ' || cp.family_name AS created_by_name, ca.title AS created_by_title, cau.name AS created_by_unit,
         c.owning_unit_id, ou.name AS owning_unit_name, c.secrecy_domain, c.secret_from_guardians, c.created_at, c.updated_at, c.version,
         c.updated_by_person_id, up.given_name || ' ' || up.family_name AS updated_by_name
    FROM concern c
    JOIN person up ON up.id = c.updated_by_person_id
    JOIN person cp ON cp.id = c.created_by_person_id
    JOIN assignment ca ON ca.id = c.created_by_assignment_id
    LEFT JOIN unit cau ON cau.id = ca.unit_id
    LEFT JOIN unit ou ON ou.id = c.owning_unit_id
    LEFT JOIN person dp ON dp.id = c.decided_by_person_id
    LEFT JOIN assignment da ON da.id = c.decided_by_assignment_id
    LEFT JOIN unit du ON du.id = da.unit_id`;

function toConcern(r: ConcernRow, today: string): Concern {
  const questions: ConcernQuestions = {
    gettingInTheWay: r.q_getting_in_the_way,
    informationNeeded: r.q_information_needed,
    whatICanDo: r.q_what_i_can_do,
    whatMyAgencyCanDo: r.q_what_my_agency_can_do,
    additionalHelp: r.q_additional_help,
  };
  const decided = r.decision !== null;
  return {
    id: r.id,
    childId: r.child_id,
    status: decided ? 'decided' : 'open',
    observation: r.observation,
    observedSince: r.observed_since,
    earlierConcerns: r.earlier_concerns,
    indicators: wheelOrder(r.indicators ?? []),
    questions,
    questionsAnswered: QUESTION_KEYS.filter((k) => (questions[k] ?? '').trim() !== '').length,
    decisionDue: r.decision_due,
    overdue: !decided && r.decision_due < today,
    decision:
      decided && r.decided_by_person_id
        ? {
            code: r.decision as ConcernDecisionCode,
            reason: r.decision_reason ?? '',
            decidedAt: isoTimestamp(r.decided_at),
            decidedBy: {
              personId: r.decided_by_person_id,
              name: r.decided_by_name ?? '',
              title: r.decided_by_title,
              unitName: r.decided_by_unit,
            },
          }
        : null,
    createdBy: {
      personId: r.created_by_person_id,
      name: r.created_by_name,
      title: r.created_by_title,
      unitName: r.created_by_unit,
    },
    owningUnit: r.owning_unit_id && r.owning_unit_name ? { id: r.owning_unit_id, name: r.owning_unit_name } : null,
    secrecyDomain: r.secrecy_domain,
    secretFromGuardians: r.secret_from_guardians === true,
    createdAt: isoTimestamp(r.created_at),
    updatedAt: isoTimestamp(r.updated_at),
    updatedBy: { personId: r.updated_by_person_id, name: r.updated_by_name },
    version: Number(r.version),
  };
}

export async function listConcerns(q: Queryable, childId: string, today: string): Promise<Concern[]> {
  const r = await q.query<ConcernRow>(`${SELECT} WHERE c.child_id = $1 ORDER BY c.created_at DESC, c.id`, [childId]);
  return r.rows.map((x) => toConcern(x, today));
}

/** One concern of one child (a concern id under another child is "not found"). */
export async function loadConcern(
  q: Queryable,
  childId: string,
  concernId: string,
  today: string,
): Promise<Concern | null> {
  const r = await q.query<ConcernRow>(`${SELECT} WHERE c.child_id = $1 AND c.id = $2`, [childId, concernId]);
  const row = r.rows[0];
  return row ? toConcern(row, today) : null;
}

/** Locks the concern row for the rest of the transaction (two decisions cannot both win). */
export async function lockConcern(
  q: Queryable,
  childId: string,
  concernId: string,
): Promise<{ version: number; decided: boolean } | null> {
  const r = await q.query<{ version: number; decision: string | null }>(
    'SELECT version, decision FROM concern WHERE child_id = $1 AND id = $2 FOR UPDATE',
    [childId, concernId],
  );
  const row = r.rows[0];
  return row ? { version: Number(row.version), decided: row.decision !== null } : null;
}

export interface NewConcern {
  id: string;
  childId: string;
  observation: string;
  observedSince: string | null;
  earlierConcerns: string | null;
  indicators: WheelIndicator[];
  questions: ConcernQuestions;
  decisionDue: string;
  createdByPersonId: string;
  createdByAssignmentId: string;
  owningUnitId: string | null;
  secrecyDomain: string | null;
  secretFromGuardians: boolean;
  createdAt: string;
}

export async function insertConcern(q: Queryable, c: NewConcern): Promise<void> {
  await q.query(
    `INSERT INTO concern (id, child_id, observation, observed_since, earlier_concerns, indicators,
                          q_getting_in_the_way, q_information_needed, q_what_i_can_do, q_what_my_agency_can_do, q_additional_help,
                          decision_due, created_by_person_id, created_by_assignment_id, owning_unit_id, secrecy_domain, created_at, updated_at, updated_by_person_id, secret_from_guardians)
     VALUES ($1, $2, $3, $4::date, $5, $6::text[], $7, $8, $9, $10, $11, $12::date, $13, $14, $15, $16, $17::timestamptz, $17::timestamptz, $13, $18)`,
    [
      c.id,
      c.childId,
      c.observation,
      c.observedSince,
      c.earlierConcerns,
      c.indicators,
      c.questions.gettingInTheWay,
      c.questions.informationNeeded,
      c.questions.whatICanDo,
      c.questions.whatMyAgencyCanDo,
      c.questions.additionalHelp,
      c.decisionDue,
      c.createdByPersonId,
      c.createdByAssignmentId,
      c.owningUnitId,
      c.secrecyDomain,
      c.createdAt,
      c.secretFromGuardians,
    ],
  );
}

const COLUMN: Record<string, string> = {
  observation: 'observation',
  observedSince: 'observed_since',
  earlierConcerns: 'earlier_concerns',
  indicators: 'indicators',
  decisionDue: 'decision_due',
  gettingInTheWay: 'q_getting_in_the_way',
  informationNeeded: 'q_information_needed',
  whatICanDo: 'q_what_i_can_do',
  whatMyAgencyCanDo: 'q_what_my_agency_can_do',
  additionalHelp: 'q_additional_help',
  secretFromGuardians: 'secret_from_guardians',
};
const CAST: Record<string, string> = { observed_since: '::date', decision_due: '::date', indicators: '::text[]' };

/**
 * Changes the given fields (keys of COLUMN; a fixed list, never user text, goes into the SQL) and
 * bumps the version, only if the version is still `expectedVersion`. false = someone was first.
 */
export async function updateConcern(
  q: Queryable,
  concernId: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
  now: string,
  personId: string,
): Promise<boolean> {
  const sets: string[] = [];
  const params: unknown[] = [concernId, expectedVersion, now, personId];
  for (const [key, value] of Object.entries(changes)) {
    const col = COLUMN[key];
    if (!col) throw new Error(`updateConcern: unknown field ${key}`);
    params.push(value);
    sets.push(`${col} = $${params.length}${CAST[col] ?? ''}`);
  }
  const r = await q.query(
    `UPDATE concern SET ${[...sets, 'version = version + 1', 'updated_at = $3::timestamptz', 'updated_by_person_id = $4'].join(', ')} WHERE id = $1 AND version = $2`,
    params,
  );
  return r.rowCount === 1;
}

export async function recordDecision(
  q: Queryable,
  d: {
    concernId: string;
    expectedVersion: number;
    decision: ConcernDecisionCode;
    reason: string;
    personId: string;
    assignmentId: string;
    now: string;
  },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE concern SET decision = $3, decision_reason = $4, decided_at = $7::timestamptz, decided_by_person_id = $5, decided_by_assignment_id = $6,
            version = version + 1, updated_at = $7::timestamptz, updated_by_person_id = $5
      WHERE id = $1 AND version = $2 AND decision IS NULL`,
    [d.concernId, d.expectedVersion, d.decision, d.reason, d.personId, d.assignmentId, d.now],
  );
  return r.rowCount === 1;
}
