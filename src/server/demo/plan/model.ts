/** The demo plans' shared shapes and small helpers: the rows built, team members, the building state. */
import type { Rng } from '../random.js';
import type { AssignmentRow, ChildRow, DemoData, EnrolmentRow, TeamRow, UnitRow } from '../seed.js';

export type Group = 'small' | 'school' | 'teen';
export type ActionStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';
export type Row = Record<string, unknown>;

export interface PlanSeed {
  team_membership: TeamRow[];
  plan: Row[];
  plan_level_change: Row[];
  plan_service: Row[];
  plan_need: Row[];
  plan_goal: Row[];
  plan_action: Row[];
  plan_voice: Row[];
  plan_guardian_view: Row[];
  plan_disagreement: Row[];
  role_handover: Row[];
  chronology_entry: Row[];
  plan_meeting: Row[];
  plan_meeting_invitee: Row[];
  plan_meeting_decision: Row[];
  plan_review: Row[];
  plan_review_outcome: Row[];
  plan_status_change: Row[];
}

export function emptyPlanSeed(): PlanSeed {
  return {
    team_membership: [],
    plan: [],
    plan_level_change: [],
    plan_service: [],
    plan_need: [],
    plan_goal: [],
    plan_action: [],
    plan_voice: [],
    plan_guardian_view: [],
    plan_disagreement: [],
    role_handover: [],
    chronology_entry: [],
    plan_meeting: [],
    plan_meeting_invitee: [],
    plan_meeting_decision: [],
    plan_review: [],
    plan_review_outcome: [],
    plan_status_change: [],
  };
}

/** A team membership with its assignment and unit. */
export interface Member {
  team: TeamRow;
  assignment: AssignmentRow;
  unit: UnitRow;
}

/** Each child's team rows that `keep` accepts, with their assignment and unit (unknown ones left out). */
export function teamMembersByChild(data: DemoData, keep: (t: TeamRow) => boolean = () => true): Map<string, Member[]> {
  const assignments = new Map(data.assignment.map((a) => [a.id, a]));
  const units = new Map(data.unit.map((u) => [u.id, u]));
  const membersOf = new Map<string, Member[]>();
  for (const t of data.team_membership) {
    if (!keep(t)) continue;
    const assignment = assignments.get(t.assignment_id);
    const unit = assignment ? units.get(assignment.unit_id) : undefined;
    if (!assignment || !unit) continue;
    membersOf.set(t.child_id, [...(membersOf.get(t.child_id) ?? []), { team: t, assignment, unit }]);
  }
  return membersOf;
}

/** The support level a (current) team gives: a coordinator 3, other professionals beyond the lead 2, else 1. */
export const levelOf = (ms: Member[]): 1 | 2 | 3 =>
  ms.some((m) => m.team.team_role === 'coordinator')
    ? 3
    : ms.some((m) => m.team.team_role === 'contact_person' || m.team.team_role === 'member')
      ? 2
      : 1;

export const groupOf = (age: number): Group => (age <= 5 ? 'small' : age >= 13 ? 'teen' : 'school');
export const stamp = (rng: Rng, date: string) =>
  `${date}T${String(rng.int(6, 14)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`;

/** What one chronology entry says; who wrote it comes from the team member. */
export interface ChronologyFacts {
  id: string;
  child_id: string;
  kind: string;
  event_date: string;
  significance: string;
  text: string;
  details: string;
  created_at: string;
}

/** A chronology entry entered by a team member (as the API would have written it). */
export function chronologyEntry(by: Member, facts: ChronologyFacts): Row {
  return {
    ...facts,
    concern_id: null,
    source_organisation_id: by.assignment.organisation_id,
    source_unit_id: by.unit.id,
    secrecy_domain: by.unit.secrecy_domain,
    entered_by_person_id: by.team.person_id,
    entered_by_assignment_id: by.assignment.id,
  };
}

/** The state the plan-building steps share: the demo's data, looked up by id, and the rows built so far. */
export interface PlanContext {
  readonly data: DemoData;
  readonly today: string;
  readonly yesterday: string;
  /** The plans' PRNG stream: every step draws from it in a fixed order. */
  readonly rng: Rng;
  readonly units: ReadonlyMap<string, UnitRow>;
  readonly unitByKey: ReadonlyMap<string, UnitRow>;
  readonly children: ReadonlyMap<string, ChildRow>;
  readonly enrolmentOf: ReadonlyMap<string, EnrolmentRow>;
  readonly custodyOf: ReadonlyMap<string, DemoData['custody']>;
  readonly guardianIds: ReadonlySet<string>;
  /** Each child's current team (the steps add to it). */
  readonly membersOf: Map<string, Member[]>;
  /** anna.lindqvist's assignment and the children on whose teams she is today. */
  readonly anna: AssignmentRow;
  readonly annaKids: ReadonlySet<string>;
  readonly seed: PlanSeed;
}
