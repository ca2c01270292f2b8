/** Writing the demo plans: one multi-row INSERT per table. */
import type { Queryable } from '../../db/client.js';
import type { PlanSeed } from './model.js';

async function insert(
  tx: Queryable,
  table: string,
  rows: Record<string, unknown>[],
  columns: [string, string][],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([c]) => c).join(', ');
  const arrays = columns
    .map(([, type], i) => `$${i + 1}::${type === 'text[]' || type === 'jsonb' ? 'text' : type}[]`)
    .join(', ');
  const select = columns
    .map(([c, type]) =>
      type === 'text[]' ? `string_to_array(u.${c}, ',')` : type === 'jsonb' ? `u.${c}::jsonb` : `u.${c}`,
    )
    .join(', ');
  await tx.query(
    `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${arrays}) AS u(${names})`,
    columns.map(([c]) => rows.map((r) => r[c] ?? null)),
  );
}

/** Writes the plan seed, table by table in an order the foreign keys allow. */
export async function writePlanSeed(tx: Queryable, s: PlanSeed): Promise<void> {
  await insertPlans(tx, s);
  await insertServicesNeedsGoals(tx, s);
  await insertActionsAndViews(tx, s);
  await insertHandoversAndMeetings(tx, s);
  await insertReviewsAndChronology(tx, s);
}

const ts = (c: string): [string, string] => [c, 'timestamptz'];
const uuid = (c: string): [string, string] => [c, 'uuid'];
const text = (c: string): [string, string] => [c, 'text'];
const date = (c: string): [string, string] => [c, 'date'];

/** The team changes behind the plans, the plans and their level changes. */
async function insertPlans(tx: Queryable, s: PlanSeed): Promise<void> {
  // (A seat the directory forms is already there: the imports wrote it.)
  const own = s.team_membership.filter((t) => t.origin !== 'directory');
  await insert(tx, 'team_membership', own as unknown as Record<string, unknown>[], [
    uuid('id'),
    uuid('child_id'),
    uuid('person_id'),
    uuid('assignment_id'),
    text('team_role'),
    date('valid_from'),
    date('valid_to'),
  ]);
  await insert(tx, 'plan', s.plan, [
    uuid('id'),
    uuid('child_id'),
    text('status'),
    ['level', 'smallint'],
    text('background'),
    date('next_review_date'),
    ['is_sip', 'boolean'],
    uuid('created_by_person_id'),
    uuid('created_by_assignment_id'),
    uuid('owning_unit_id'),
    text('secrecy_domain'),
    ['version', 'int'],
    ts('created_at'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_level_change', s.plan_level_change, [
    uuid('id'),
    uuid('plan_id'),
    uuid('child_id'),
    ['level_before', 'smallint'],
    ['level_after', 'smallint'],
    text('reason'),
    uuid('changed_by_person_id'),
    uuid('changed_by_assignment_id'),
    ts('changed_at'),
  ]);
}

/** Rows whose last change is their creation. */
const stamped = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({
    ...r,
    updated_at: r.created_at,
    updated_by_person_id: r.created_by_person_id ?? r.recorded_by_person_id,
  }));

/** The plans' services, needs and goals. */
async function insertServicesNeedsGoals(tx: Queryable, s: PlanSeed): Promise<void> {
  await insert(tx, 'plan_service', stamped(s.plan_service), [
    uuid('id'),
    uuid('plan_id'),
    uuid('unit_id'),
    uuid('organisation_id'),
    uuid('contact_person_id'),
    uuid('contact_assignment_id'),
    text('contribution'),
    date('ended_on'),
    ts('created_at'),
    uuid('created_by_person_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_need', stamped(s.plan_need), [
    uuid('id'),
    uuid('plan_id'),
    text('indicator'),
    text('description'),
    ts('created_at'),
    uuid('created_by_person_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_goal', stamped(s.plan_goal), [
    uuid('id'),
    uuid('plan_id'),
    text('description'),
    uuid('need_id'),
    ['indicators', 'text[]'],
    date('target_date'),
    ts('created_at'),
    uuid('created_by_person_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
}

/** The plans' actions, the child's voice, guardians' views and disagreements. */
async function insertActionsAndViews(tx: Queryable, s: PlanSeed): Promise<void> {
  await insert(tx, 'plan_action', stamped(s.plan_action), [
    uuid('id'),
    uuid('plan_id'),
    text('what'),
    uuid('goal_id'),
    uuid('service_id'),
    text('responsible_kind'),
    uuid('responsible_person_id'),
    uuid('responsible_assignment_id'),
    uuid('responsible_guardian_id'),
    date('due_date'),
    text('status'),
    ts('created_at'),
    uuid('created_by_person_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_voice', stamped(s.plan_voice), [
    uuid('id'),
    uuid('plan_id'),
    text('text'),
    date('recorded_on'),
    ['written_by_child', 'boolean'],
    uuid('recorded_by_person_id'),
    uuid('recorded_by_assignment_id'),
    ts('created_at'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_guardian_view', stamped(s.plan_guardian_view), [
    uuid('id'),
    uuid('plan_id'),
    uuid('guardian_id'),
    text('text'),
    date('recorded_on'),
    ['written_by_guardian', 'boolean'],
    uuid('recorded_by_person_id'),
    uuid('recorded_by_assignment_id'),
    ts('created_at'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_disagreement', s.plan_disagreement, [
    uuid('id'),
    uuid('plan_id'),
    text('party_kind'),
    uuid('party_guardian_id'),
    uuid('party_person_id'),
    uuid('party_assignment_id'),
    text('about'),
    text('text'),
    date('recorded_on'),
    uuid('recorded_by_person_id'),
    uuid('recorded_by_assignment_id'),
    ts('created_at'),
  ]);
}

/** Role handovers, and meetings with invitees and decisions. */
async function insertHandoversAndMeetings(tx: Queryable, s: PlanSeed): Promise<void> {
  await insert(tx, 'role_handover', s.role_handover, [
    uuid('id'),
    uuid('child_id'),
    uuid('plan_id'),
    text('team_role'),
    uuid('from_membership_id'),
    uuid('from_person_id'),
    uuid('from_assignment_id'),
    uuid('to_person_id'),
    uuid('to_assignment_id'),
    text('status'),
    date('respond_by'),
    ts('offered_at'),
    uuid('offered_by_person_id'),
    uuid('offered_by_assignment_id'),
  ]);
  await insert(tx, 'plan_meeting', s.plan_meeting, [
    uuid('id'),
    uuid('plan_id'),
    uuid('child_id'),
    date('meeting_date'),
    ['start_time', 'time'],
    ['end_time', 'time'],
    text('place'),
    ['digital', 'boolean'],
    text('purpose'),
    ['agenda', 'text[]'],
    text('notes'),
    text('status'),
    text('cancelled_reason'),
    ['version', 'int'],
    ts('created_at'),
    uuid('created_by_person_id'),
    uuid('created_by_assignment_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_meeting_invitee', s.plan_meeting_invitee, [
    uuid('id'),
    uuid('meeting_id'),
    text('kind'),
    uuid('person_id'),
    uuid('assignment_id'),
    uuid('guardian_id'),
    text('attendance'),
    ['position', 'smallint'],
  ]);
  await insert(tx, 'plan_meeting_decision', s.plan_meeting_decision, [
    uuid('id'),
    uuid('meeting_id'),
    uuid('plan_id'),
    text('text'),
    text('effect'),
    uuid('action_id'),
    ['action_change', 'jsonb'],
    ts('decided_at'),
    uuid('decided_by_person_id'),
    uuid('decided_by_assignment_id'),
  ]);
}

/** Reviews with outcomes, status changes, and the chronology entries the API would have written. */
async function insertReviewsAndChronology(tx: Queryable, s: PlanSeed): Promise<void> {
  await insert(tx, 'plan_review', s.plan_review, [
    uuid('id'),
    uuid('plan_id'),
    uuid('child_id'),
    date('reviewed_on'),
    uuid('meeting_id'),
    text('summary'),
    date('previous_review_date'),
    date('next_review_date'),
    ts('created_at'),
    uuid('created_by_person_id'),
    uuid('created_by_assignment_id'),
  ]);
  await insert(tx, 'plan_review_outcome', s.plan_review_outcome, [
    uuid('id'),
    uuid('review_id'),
    uuid('action_id'),
    text('outcome'),
    text('comment'),
    text('what_before'),
    text('what_after'),
    date('due_before'),
    date('due_after'),
    ['position', 'smallint'],
  ]);
  await insert(tx, 'plan_status_change', s.plan_status_change, [
    uuid('id'),
    uuid('plan_id'),
    uuid('child_id'),
    text('status_after'),
    text('reason_code'),
    text('reason_text'),
    uuid('changed_by_person_id'),
    uuid('changed_by_assignment_id'),
    ts('changed_at'),
  ]);
  await insert(tx, 'chronology_entry', s.chronology_entry, [
    uuid('id'),
    uuid('child_id'),
    text('kind'),
    date('event_date'),
    text('significance'),
    text('text'),
    uuid('concern_id'),
    ['details', 'jsonb'],
    uuid('source_organisation_id'),
    uuid('source_unit_id'),
    text('secrecy_domain'),
    uuid('entered_by_person_id'),
    uuid('entered_by_assignment_id'),
    ts('created_at'),
  ]);
}
