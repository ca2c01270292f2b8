import { guardianVisibleSql } from '../../access/record-access.js';
import type { Queryable } from '../../db/client.js';
import type { LogReviewConfig } from './config.js';
import type { LogExtractEntry, LogReviewSample, SampleKind } from '../../../contract/logreview.js';

const TZ = `'Europe/Stockholm'`;
const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The candidate events of one organisation in a period: audited accesses to a child (permitted or
 * not) by people acting in the organisation's assignments. Read through audit_actor_idx (the
 * organisation's people) so that sampling needs no extra index on the hot audit table. Reviewers'
 * own work is not a candidate.
 */
const CANDIDATES = `
  org_asg AS (SELECT id, person_id FROM assignment WHERE organisation_id = $1),
  ev AS (
    SELECT e.seq, e.occurred_at, e.actor_person_id, e.actor_assignment_id, e.child_id, e.action, e.resource_type, e.outcome, e.details,
           (e.occurred_at AT TIME ZONE ${TZ}) AS local_at, (e.occurred_at AT TIME ZONE ${TZ})::date AS local_day
      FROM audit_event e
     WHERE e.actor_person_id IN (SELECT person_id FROM org_asg)
       AND e.actor_assignment_id IN (SELECT id FROM org_asg)
       AND e.occurred_at >= ($2::date)::timestamp AT TIME ZONE ${TZ}
       AND e.occurred_at < ($3::date + 1)::timestamp AT TIME ZONE ${TZ}
       AND e.child_id IS NOT NULL
       AND e.action NOT LIKE 'log\\_review.%'
  )`;

const ON_TEAM_THEN = `EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = ev.child_id AND t.assignment_id = ev.actor_assignment_id
                                AND t.valid_from <= ev.local_day AND (t.valid_to IS NULL OR t.valid_to >= ev.local_day))`;

/** Each rule: a WHERE over `ev` and the reason stored with the sample. */
function ruleSql(
  kind: Exclude<SampleKind, 'random' | 'many_children'>,
  cfg: LogReviewConfig,
): { where: string; reason: string } {
  switch (kind) {
    case 'off_team':
      // Denied attempts, and permitted accesses without a team membership then (consent, break-glass).
      // Social services handling a report of concern are not on the team by design: another rule.
      return {
        where: `(ev.outcome = 'denied' OR (ev.outcome = 'permitted' AND ev.resource_type <> 'report' AND NOT ${ON_TEAM_THEN}))`,
        reason: `jsonb_build_object('outcome', ev.outcome)`,
      };
    case 'break_glass':
      return {
        where: `ev.details ->> 'break_glass_id' IS NOT NULL`,
        reason: `jsonb_build_object('breakGlassId', ev.details ->> 'break_glass_id')`,
      };
    case 'protected_identity':
      return {
        where: `((ev.details ->> 'protected_identity') = 'true' OR EXISTS (SELECT 1 FROM child c WHERE c.id = ev.child_id AND c.protected_identity))`,
        reason: `'{}'::jsonb`,
      };
    case 'out_of_hours': {
      const weekend = cfg.weekendsOutOfHours ? ` OR extract(isodow FROM ev.local_at) >= 6` : '';
      return {
        where: `(extract(hour FROM ev.local_at) < ${cfg.workStartHour} OR extract(hour FROM ev.local_at) >= ${cfg.workEndHour}${weekend})`,
        reason: `jsonb_build_object('localTime', to_char(ev.local_at, 'YYYY-MM-DD HH24:MI'), 'weekday', extract(isodow FROM ev.local_at)::int)`,
      };
    }
    case 'after_membership_ended':
      return {
        where: `NOT ${ON_TEAM_THEN} AND EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = ev.child_id AND t.assignment_id = ev.actor_assignment_id AND t.valid_to < ev.local_day)`,
        reason: `jsonb_build_object('endedOn', (SELECT max(t.valid_to)::text FROM team_membership t WHERE t.child_id = ev.child_id AND t.assignment_id = ev.actor_assignment_id AND t.valid_to < ev.local_day))`,
      };
  }
}

export interface DrawInput {
  organisationId: string;
  from: string;
  to: string;
  kind: SampleKind;
  randomCount: number;
  cfg: LogReviewConfig;
  drawnBy: { personId: string; assignmentId: string };
  now: string;
}

const INSERT_COLS = `INSERT INTO log_review_sample (id, organisation_id, kind, audit_seq, occurred_at, actor_person_id, actor_assignment_id, child_id, reason,
                                               drawn_at, drawn_by_person_id, drawn_by_assignment_id)`;

/** Draws one rule's samples; returns how many new ones (an event already sampled by the rule is skipped). */
export async function draw(q: Queryable, d: DrawInput): Promise<number> {
  const base = [d.organisationId, d.from, d.to, d.kind, d.now, d.drawnBy.personId, d.drawnBy.assignmentId];
  let sql: string;
  let params: unknown[];
  if (d.kind === 'random') {
    sql = `WITH ${CANDIDATES}
      ${INSERT_COLS}
      SELECT gen_random_uuid(), $1, $4, ev.seq, ev.occurred_at, ev.actor_person_id, ev.actor_assignment_id, ev.child_id, '{}'::jsonb, $5, $6, $7
        FROM ev WHERE NOT EXISTS (SELECT 1 FROM log_review_sample s WHERE s.organisation_id = $1 AND s.kind = $4 AND s.audit_seq = ev.seq)
       ORDER BY random() LIMIT $8
      ON CONFLICT (organisation_id, kind, audit_seq) DO NOTHING RETURNING id`;
    params = [...base, d.randomCount];
  } else if (d.kind === 'many_children') {
    // Different children per assignment within fixed windows; list views (a child appearing in a
    // list) do not count as opening a record. The sample points at the window's last event.
    sql = `WITH ${CANDIDATES},
      bins AS (
        SELECT ev.actor_assignment_id, date_bin(make_interval(mins => $8::int), ev.occurred_at, timestamptz '2000-01-01 00:00:00+00') AS bin,
               count(DISTINCT ev.child_id) AS n, max(ev.seq) AS seq
          FROM ev WHERE ev.action NOT LIKE '%.list'
         GROUP BY 1, 2 HAVING count(DISTINCT ev.child_id) >= $9::int)
      ${INSERT_COLS}
      SELECT gen_random_uuid(), $1, $4, e.seq, e.occurred_at, e.actor_person_id, e.actor_assignment_id, e.child_id,
             jsonb_build_object('children', b.n, 'windowMinutes', $8::int), $5, $6, $7
        FROM bins b JOIN ev e ON e.seq = b.seq
       ORDER BY b.n DESC, e.seq DESC LIMIT $10
      ON CONFLICT (organisation_id, kind, audit_seq) DO NOTHING RETURNING id`;
    params = [...base, d.cfg.manyChildrenWindowMinutes, d.cfg.manyChildrenThreshold, d.cfg.maxPerRule];
  } else {
    const rule = ruleSql(d.kind, d.cfg);
    sql = `WITH ${CANDIDATES}
      ${INSERT_COLS}
      SELECT gen_random_uuid(), $1, $4, ev.seq, ev.occurred_at, ev.actor_person_id, ev.actor_assignment_id, ev.child_id, ${rule.reason}, $5, $6, $7
        FROM ev WHERE ${rule.where}
       ORDER BY ev.seq DESC LIMIT $8
      ON CONFLICT (organisation_id, kind, audit_seq) DO NOTHING RETURNING id`;
    params = [...base, d.cfg.maxPerRule];
  }
  const r = await q.query<{ id: string }>(sql, params, `log_review.draw_${d.kind}`);
  return r.rows.length;
}

interface SampleRow {
  id: string;
  kind: SampleKind;
  reason: unknown;
  audit_seq: string | number;
  occurred_at: Date | string;
  action: string | null;
  resource_type: string | null;
  resource_id: string | null;
  event_outcome: string | null;
  actor_person_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_title: string | null;
  actor_unit: string | null;
  child_id: string | null;
  child_name: string | null;
  child_protected: boolean | null;
  drawn_at: Date | string;
  outcome: LogReviewSample['outcome'];
  outcome_note: string | null;
  outcome_at: Date | string | null;
  outcome_by: string | null;
  outcome_by_name: string | null;
  version: number;
}

const SAMPLE_SELECT = `
  SELECT s.id, s.kind, s.reason, s.audit_seq, s.occurred_at, e.action, e.resource_type, e.resource_id, e.outcome AS event_outcome,
         s.actor_person_id, p.given_name || ' ' || p.family_name AS actor_name, a.role AS actor_role, a.title AS actor_title, u.name AS actor_unit,
         s.child_id, c.given_name || ' ' || c.family_name AS child_name, c.protected_identity AS child_protected,
         s.drawn_at, s.outcome, s.outcome_note, s.outcome_at, s.outcome_by_person_id AS outcome_by, op.given_name || ' ' || op.family_name AS outcome_by_name, s.version
    FROM log_review_sample s
    LEFT JOIN audit_event e ON e.seq = s.audit_seq
    LEFT JOIN person p ON p.id = s.actor_person_id
    LEFT JOIN assignment a ON a.id = s.actor_assignment_id
    LEFT JOIN unit u ON u.id = a.unit_id
    LEFT JOIN child c ON c.id = s.child_id
    LEFT JOIN person op ON op.id = s.outcome_by_person_id`;

function toSample(r: SampleRow): LogReviewSample {
  const reason = (typeof r.reason === 'string' ? JSON.parse(r.reason) : r.reason) as LogReviewSample['reason'];
  return {
    id: r.id,
    kind: r.kind,
    reason,
    event: {
      seq: Number(r.audit_seq),
      occurredAt: iso(r.occurred_at),
      action: r.action ?? '',
      resourceType: r.resource_type ?? '',
      resourceId: r.resource_id,
      outcome: r.event_outcome ?? '',
      childId: r.child_id,
    },
    actor: {
      personId: r.actor_person_id,
      name: r.actor_name,
      role: r.actor_role,
      title: r.actor_title,
      unitName: r.actor_unit,
    },
    child:
      r.child_id && r.child_name
        ? { id: r.child_id, name: r.child_name, protectedIdentity: Boolean(r.child_protected) }
        : null,
    drawnAt: iso(r.drawn_at),
    outcome: r.outcome,
    outcomeNote: r.outcome_note,
    outcomeAt: r.outcome_at ? iso(r.outcome_at) : null,
    outcomeBy: r.outcome_by ? { personId: r.outcome_by, name: r.outcome_by_name ?? '' } : null,
    version: r.version,
  };
}

export async function listSamples(
  q: Queryable,
  organisationId: string,
  filter: { kind?: SampleKind; status: 'open' | 'done' | 'all' },
): Promise<LogReviewSample[]> {
  const r = await q.query<SampleRow>(
    `${SAMPLE_SELECT}
      WHERE s.organisation_id = $1 AND ($2::text IS NULL OR s.kind = $2)
        AND ($3 = 'all' OR ($3 = 'open' AND s.outcome IS NULL) OR ($3 = 'done' AND s.outcome IS NOT NULL))
      ORDER BY s.drawn_at DESC, s.occurred_at DESC, s.id LIMIT 500`,
    [organisationId, filter.kind ?? null, filter.status],
    'log_review.list',
  );
  return r.rows.map(toSample);
}

export async function loadSample(
  q: Queryable,
  organisationId: string,
  sampleId: string,
  lock = false,
): Promise<LogReviewSample | null> {
  if (lock)
    await q.query('SELECT 1 FROM log_review_sample WHERE id = $1 AND organisation_id = $2 FOR UPDATE', [
      sampleId,
      organisationId,
    ]);
  const r = await q.query<SampleRow>(`${SAMPLE_SELECT} WHERE s.id = $1 AND s.organisation_id = $2`, [
    sampleId,
    organisationId,
  ]);
  return r.rows[0] ? toSample(r.rows[0]) : null;
}

export async function contextOf(
  q: Queryable,
  sample: LogReviewSample,
  actorAssignmentId: string | null,
): Promise<LogReviewSample['event'][]> {
  if (!sample.actor.personId || !actorAssignmentId) return [];
  const r = await q.query<{
    seq: string | number;
    occurred_at: Date | string;
    action: string;
    resource_type: string;
    resource_id: string | null;
    outcome: string;
    child_id: string | null;
  }>(
    `SELECT seq, occurred_at, action, resource_type, resource_id, outcome, child_id FROM audit_event
      WHERE actor_person_id = $1 AND actor_assignment_id = $2
        AND occurred_at BETWEEN $3::timestamptz - interval '30 minutes' AND $3::timestamptz + interval '30 minutes'
      ORDER BY seq LIMIT 50`,
    [sample.actor.personId, actorAssignmentId, sample.event.occurredAt],
  );
  return r.rows.map((e) => ({
    seq: Number(e.seq),
    occurredAt: iso(e.occurred_at),
    action: e.action,
    resourceType: e.resource_type,
    resourceId: e.resource_id,
    outcome: e.outcome,
    childId: e.child_id,
  }));
}

export async function sampleAssignment(q: Queryable, sampleId: string): Promise<string | null> {
  const r = await q.query<{ a: string | null }>(
    'SELECT actor_assignment_id AS a FROM log_review_sample WHERE id = $1',
    [sampleId],
  );
  return r.rows[0]?.a ?? null;
}

export async function recordOutcome(
  q: Queryable,
  o: {
    id: string;
    version: number;
    outcome: string;
    note: string | null;
    personId: string;
    assignmentId: string;
    now: string;
  },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE log_review_sample SET outcome = $3, outcome_note = $4, outcome_at = $5, outcome_by_person_id = $6, outcome_by_assignment_id = $7, version = version + 1
      WHERE id = $1 AND version = $2 RETURNING id`,
    [o.id, o.version, o.outcome, o.note, o.now, o.personId, o.assignmentId],
  );
  return r.rows.length === 1;
}

export async function organisationName(q: Queryable, id: string): Promise<string> {
  return (await q.query<{ name: string }>('SELECT name FROM organisation WHERE id = $1', [id])).rows[0]?.name ?? '';
}

// ---------------------------------------------------------------------------------------------
// The family's log extract.

const CATEGORY: Record<string, LogExtractEntry['what']> = {
  child: 'overview',
  child_list: 'list',
  concern: 'concern',
  chronology: 'chronology',
  todo: 'todo',
  wheel_assessment: 'wheel',
  plan: 'plan',
  plan_service: 'plan',
  plan_need: 'plan',
  plan_goal: 'plan',
  plan_action: 'plan',
  plan_voice: 'plan',
  plan_guardian_view: 'plan',
  plan_disagreement: 'plan',
  handover: 'plan',
  plan_meeting: 'plan',
  plan_review: 'plan',
  consent: 'consent',
  disclosure: 'consent',
  privacy: 'consent',
  break_glass: 'emergency_access',
  consultation_case: 'consultation',
  attendance_import: 'attendance',
  attendance_threshold: 'attendance',
  attendance_alert: 'attendance',
  log_review_sample: 'log_review',
  log_extract: 'log_extract',
};
const READ_VERBS = new Set(['read', 'list', 'search']);

/**
 * Who accessed the child's data: permitted events only (an attempt that was refused saw nothing).
 * Left out entirely: reports of concern (the reporter is never shown to the family, and neither is
 * a report social services are assessing) — they belong to social services' own records. Resource
 * types the extract does not know are shown only as "other information", never by name or id, so
 * a record kept secret from guardians cannot be told apart from any other. For a child with
 * protected identity no unit or organisation is named: they could show where the child lives or
 * goes to school.
 */
export async function extractEntries(
  q: Queryable,
  childId: string,
  from: string,
  to: string,
  protectedIdentity: boolean,
  limit = 5000,
): Promise<{ entries: LogExtractEntry[]; truncated: boolean }> {
  // An access to an item kept secret from guardians is listed only as "other information": the
  // extract must not even tell the family that such an item exists (the privacy module's predicate).
  const secret = (table: string, alias: string) =>
    `EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.id::text = e.resource_id AND NOT ${guardianVisibleSql(alias)})`;
  const r = await q.query<{
    occurred_at: Date | string;
    action: string;
    resource_type: string;
    secret: boolean;
    role: string | null;
    secrecy_domain: string | null;
    unit_name: string | null;
    org_name: string | null;
  }>(
    `SELECT e.occurred_at, e.action, e.resource_type,
            CASE e.resource_type WHEN 'concern' THEN ${secret('concern', 'sx')}
                                 WHEN 'chronology' THEN ${secret('chronology_entry', 'sx')}
                                 WHEN 'wheel_assessment' THEN ${secret('wheel_assessment', 'sx')}
                                 ELSE false END AS secret,
            a.role, u.secrecy_domain, u.name AS unit_name, o.name AS org_name
       FROM audit_event e
       LEFT JOIN assignment a ON a.id = e.actor_assignment_id
       LEFT JOIN unit u ON u.id = a.unit_id
       LEFT JOIN organisation o ON o.id = a.organisation_id
      WHERE e.child_id = $1 AND e.outcome = 'permitted' AND e.resource_type NOT IN ('report', 'portal')
        AND e.occurred_at >= ($2::date)::timestamp AT TIME ZONE ${TZ}
        AND e.occurred_at < ($3::date + 1)::timestamp AT TIME ZONE ${TZ}
      ORDER BY e.occurred_at, e.seq LIMIT $4`,
    [childId, from, to, limit + 1],
    'log_extract.entries',
  );
  const rows = r.rows.slice(0, limit);
  return {
    truncated: r.rows.length > limit,
    entries: rows.map((e) => {
      const verb = e.action.split('.').pop() ?? '';
      const what = e.secret ? 'other' : (CATEGORY[e.resource_type] ?? 'other');
      return {
        occurredAt: iso(e.occurred_at),
        access: READ_VERBS.has(verb) || e.action === 'wheel_comparison.read' ? 'read' : 'write',
        what: e.action === 'child.search' && !e.secret ? 'search' : what,
        role: e.role,
        secrecyDomain: e.secrecy_domain,
        unitName: protectedIdentity ? null : e.unit_name,
        organisationName: protectedIdentity ? null : e.org_name,
      };
    }),
  };
}

export async function childHeader(
  q: Queryable,
  childId: string,
): Promise<{ name: string; protectedIdentity: boolean } | null> {
  const r = await q.query<{ given_name: string; family_name: string; protected_identity: boolean }>(
    'SELECT given_name, family_name, protected_identity FROM child WHERE id = $1',
    [childId],
  );
  const c = r.rows[0];
  return c ? { name: `${c.given_name} ${c.family_name}`, protectedIdentity: c.protected_identity } : null;
}
