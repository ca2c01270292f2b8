/**
 * One demo plan, step by step: its start and level history, the services taking part, needs and
 * goals, actions, the child's voice, the guardians' views, now and then a disagreement, and the
 * plan row itself. The steps draw from the plans' PRNG in a fixed order; keep it.
 */
import { WHEEL_INDICATORS } from '../../../core/wheel.js';
import { addDays, ageOn, daysBetween, demoUuid, type Rng } from '../random.js';
import type { DemoData } from '../seed.js';
import {
  chronologyEntry,
  groupOf,
  stamp,
  type ActionStatus,
  type Group,
  type Member,
  type PlanContext,
  type Row,
} from './model.js';
import {
  ACTIONS_BY_UNIT,
  BACKGROUND,
  CHILD_ACTIONS,
  CREATE_REASON,
  DISAGREEMENTS,
  FIRST_AT_TWO,
  GOALS,
  GUARDIAN_ACTIONS,
  GUARDIAN_VIEWS,
  LOWERED_TO_ONE,
  NEEDS,
  VOICE,
} from './texts.js';

type Fresh = <T extends string | { text: string }>(list: readonly T[]) => T;

/** One plan being built: whose it is, who drew it up and when. */
interface PlanDraft {
  readonly ctx: PlanContext;
  readonly childId: string;
  readonly level: 1 | 2 | 3;
  readonly key: string;
  readonly planId: string;
  /** The next id for a row of this plan. */
  readonly id: (what: string) => string;
  /** Texts are picked without repeating within one plan while there are unused ones. */
  readonly fresh: Fresh;
  readonly members: Member[];
  readonly coordinator: Member | undefined;
  readonly author: Member;
  readonly age: number;
  readonly group: Group;
  readonly createdOn: string;
  readonly createdAt: string;
  /** A level-1 plan that started at level 2. */
  readonly lowered: boolean;
  readonly custodial: DemoData['custody'];
  /** Days from the plan's start to today (at least 1). */
  readonly days: number;
}

interface Service {
  id: string;
  member: Member;
}

function freshPicker(rng: Rng): Fresh {
  const used = new Set<string>();
  return <T extends string | { text: string }>(list: readonly T[]): T => {
    const key = (x: T) => (typeof x === 'string' ? x : x.text);
    const unused = list.filter((x) => !used.has(key(x)));
    const chosen = rng.pick(unused.length > 0 ? unused : list);
    used.add(key(chosen));
    return chosen;
  };
}

/** Who drew the plan up and when: after the decision that explains the level, after the author joined, before today. */
function startPlan(ctx: PlanContext, childId: string, level: 1 | 2 | 3, decidedOn: string | undefined): PlanDraft {
  const { today, yesterday, rng } = ctx;
  const child = ctx.children.get(childId)!;
  const members = ctx.membersOf.get(childId)!;
  const age = ageOn(child.birth_date, today);
  const key = `plan:${childId}`;
  let n = 0;
  const id = (what: string) => demoUuid(`${key}:${what}:${n++}`);
  const fresh = freshPicker(rng);
  const coordinator = members.find((m) => m.team.team_role === 'coordinator');
  const lead = members.find((m) => m.team.team_role === 'best_interest_lead');
  const author = coordinator ?? lead ?? members[0]!;
  const earliest = [decidedOn ?? addDays(today, -200), author.team.valid_from, addDays(today, -240)]
    .sort()
    .reverse()[0]!;
  const createdOn =
    earliest >= yesterday
      ? yesterday
      : addDays(earliest, rng.int(1, Math.max(1, Math.min(30, daysBetween(earliest, yesterday)))));
  const createdAt = stamp(rng, createdOn);
  const lowered = level === 1 && rng.chance(0.5) && daysBetween(createdOn, yesterday) > 20;
  return {
    ctx,
    childId,
    level,
    key,
    planId: demoUuid(key),
    id,
    fresh,
    members,
    coordinator,
    author,
    age,
    group: groupOf(age),
    createdOn,
    createdAt,
    lowered,
    custodial: (ctx.custodyOf.get(childId) ?? []).filter((c) => c.has_custody),
    days: Math.max(1, daysBetween(createdOn, today)),
  };
}

/** A level change (and the chronology entry the API would have written). */
function addLevelChange(d: PlanDraft, on: string, at: string, reason: string, before: number | null, after: number) {
  const { seed } = d.ctx;
  const kind = before === null ? 'plan_created' : 'plan_level_changed';
  seed.plan_level_change.push({
    id: d.id('level'),
    plan_id: d.planId,
    child_id: d.childId,
    level_before: before,
    level_after: after,
    reason,
    changed_by_person_id: d.author.team.person_id,
    changed_by_assignment_id: d.author.assignment.id,
    changed_at: at,
  });
  // (The created entry's "before" is the level the child had: 1 for a plan that started at 2 and was lowered.)
  const chronBefore = before ?? (d.lowered ? 1 : d.level);
  d.ctx.seed.chronology_entry.push(
    chronologyEntry(d.author, {
      id: demoUuid(`${d.key}:chronology:${kind}:${on}`),
      child_id: d.childId,
      kind,
      event_date: on,
      significance: after === 3 ? 'high' : after === 2 ? 'medium' : 'low',
      text: reason,
      details: JSON.stringify({ supportLevelBefore: chronBefore, supportLevelAfter: after }),
      created_at: at,
    }),
  );
}

/** The level history: created (at 2 when later lowered), maybe lowered to 1. Returns the plan's version. */
function addLevelHistory(d: PlanDraft): number {
  const { rng, yesterday } = d.ctx;
  const firstLevel = d.lowered ? 2 : d.level;
  const createReason = d.lowered ? FIRST_AT_TWO : rng.pick(CREATE_REASON[d.level]);
  addLevelChange(d, d.createdOn, d.createdAt, createReason, null, firstLevel);
  if (!d.lowered) return 1;
  const on = addDays(d.createdOn, rng.int(10, daysBetween(d.createdOn, yesterday)));
  const at = stamp(rng, on);
  addLevelChange(d, on, at, LOWERED_TO_ONE, 2, 1);
  return 2;
}

/** Services taking part: one per unit on the team, contact persons from the team. */
function addServices(d: PlanDraft): Service[] {
  const { rng, seed } = d.ctx;
  const { coordinator, level } = d;
  const byUnit = new Map<string, Member>();
  for (const m of rng.shuffle(d.members)) {
    const prev = byUnit.get(m.unit.id);
    if (!prev || m.team.team_role === 'contact_person' || m === coordinator) byUnit.set(m.unit.id, m);
  }
  const wanted = level === 3 ? rng.int(2, 4) : level === 2 ? rng.int(1, 2) : 1;
  const serviceMembers = [...byUnit.values()]
    .sort((a, b) => (a === coordinator ? -1 : b === coordinator ? 1 : a.unit.name.localeCompare(b.unit.name, 'sv')))
    .slice(0, wanted);
  return serviceMembers.map((m) => {
    const sid = d.id('service');
    const since = m.team.valid_from > d.createdOn ? m.team.valid_from : d.createdOn;
    seed.plan_service.push({
      id: sid,
      plan_id: d.planId,
      unit_id: m.unit.id,
      organisation_id: m.assignment.organisation_id,
      contact_person_id: m.team.person_id,
      contact_assignment_id: m.assignment.id,
      contribution: rng.pick(ACTIONS_BY_UNIT[m.unit.kind] ?? ['Deltar i nätverksmötena']),
      ended_on: null,
      created_at: stamp(rng, since),
      created_by_person_id: d.author.team.person_id,
    });
    return { id: sid, member: m };
  });
}

/** Needs on 2–4 indicators (level 3), 1–3 (level 2), 1 (level 1); a goal for most needs. Returns the goals' ids. */
function addNeedsAndGoals(d: PlanDraft): string[] {
  const { rng, seed, today } = d.ctx;
  const { level } = d;
  const indicators = rng
    .shuffle([...WHEEL_INDICATORS])
    .slice(0, level === 3 ? rng.int(2, 4) : level === 2 ? rng.int(1, 3) : 1);
  const lastIndicator = indicators.reduce((a, b) =>
    WHEEL_INDICATORS.indexOf(a) > WHEEL_INDICATORS.indexOf(b) ? a : b,
  );
  const goals: string[] = [];
  for (const ind of WHEEL_INDICATORS.filter((i) => indicators.includes(i))) {
    const needId = d.id('need');
    seed.plan_need.push({
      id: needId,
      plan_id: d.planId,
      indicator: ind,
      description: d.fresh(NEEDS[ind][d.group]),
      created_at: d.createdAt,
      created_by_person_id: d.author.team.person_id,
    });
    // (Every plan gets at least one goal: the last need gets one if none before it did.)
    const wanted = level === 1 || rng.chance(0.85);
    if (!wanted && !(goals.length === 0 && ind === lastIndicator)) continue;
    const goalId = d.id('goal');
    goals.push(goalId);
    seed.plan_goal.push({
      id: goalId,
      plan_id: d.planId,
      description: d.fresh(GOALS[ind]),
      need_id: needId,
      indicators: ind,
      target_date: addDays(today, rng.int(30, 180)),
      created_at: d.createdAt,
      created_by_person_id: d.author.team.person_id,
    });
  }
  return goals;
}

/** One action: mostly by a service's contact person; some by a guardian or the child. */
function drawAction(d: PlanDraft, services: Service[], goals: string[]): Row {
  const { rng, today } = d.ctx;
  const { custodial, group, age } = d;
  const s = rng.pick(services);
  const who = rng.float();
  const byGuardian = who < 0.12 && custodial.length > 0;
  const byChild = !byGuardian && who < 0.2 && age >= 6;
  const what = byGuardian
    ? d.fresh(GUARDIAN_ACTIONS)
    : byChild
      ? d.fresh(CHILD_ACTIONS[group])
      : d.fresh(ACTIONS_BY_UNIT[s.member.unit.kind] ?? ['Delta i nätverksmötena']);
  const due = addDays(d.createdOn, rng.int(7, d.days + 90));
  const status: ActionStatus =
    due < today
      ? rng.weighted([
          ['done', 0.7],
          ['in_progress', 0.12],
          ['planned', 0.06],
          ['cancelled', 0.12],
        ] as const)
      : rng.weighted([
          ['planned', 0.55],
          ['in_progress', 0.35],
          ['done', 0.1],
        ] as const);
  const responsible = byGuardian
    ? { kind: 'guardian', person: null, assignment: null, guardian: rng.pick(custodial).guardian_id }
    : byChild
      ? { kind: 'child', person: null, assignment: null, guardian: null }
      : { kind: 'professional', person: s.member.team.person_id, assignment: s.member.assignment.id, guardian: null };
  // At levels 1–2 an action now and then waits for its owner or date; at level 3 never.
  const incomplete = d.level < 3 && rng.chance(0.15);
  return {
    id: d.id('action'),
    plan_id: d.planId,
    what,
    goal_id: goals.length > 0 && rng.chance(0.8) ? rng.pick(goals) : null,
    service_id: byGuardian || byChild ? null : s.id,
    responsible_kind: incomplete ? null : responsible.kind,
    responsible_person_id: incomplete ? null : responsible.person,
    responsible_assignment_id: incomplete ? null : responsible.assignment,
    responsible_guardian_id: incomplete ? null : responsible.guardian,
    due_date: due,
    status,
    created_at: d.createdAt,
    created_by_person_id: d.author.team.person_id,
  };
}

function addActions(d: PlanDraft, services: Service[], goals: string[]): void {
  const { rng, seed } = d.ctx;
  const count = d.level === 3 ? rng.int(5, 15) : d.level === 2 ? rng.int(2, 5) : rng.int(1, 3);
  for (let i = 0; i < count; i++) seed.plan_action.push(drawAction(d, services, goals));
}

/** The child's voice ("Det här tycker jag"). */
function addVoices(d: PlanDraft): void {
  const { rng, seed, yesterday } = d.ctx;
  const voices = d.level === 3 ? rng.int(1, 2) : 1;
  for (let i = 0; i < voices; i++) {
    const v = d.fresh(VOICE[d.group]);
    const day = addDays(d.createdOn, i === 0 ? 0 : rng.int(1, d.days));
    const on = day > yesterday ? yesterday : day;
    const pool = d.members.filter((m) => m.team.valid_from <= on);
    const recorder = pool.length > 0 ? rng.pick(pool) : d.author;
    seed.plan_voice.push({
      id: d.id('voice'),
      plan_id: d.planId,
      text: v.text,
      recorded_on: on,
      written_by_child: v.byChild && d.age >= 10,
      recorded_by_person_id: recorder.team.person_id,
      recorded_by_assignment_id: recorder.assignment.id,
      created_at: stamp(rng, on),
    });
  }
}

/** Each custodial guardian's view. */
function addGuardianViews(d: PlanDraft): void {
  const { rng, seed } = d.ctx;
  for (const c of d.custodial) {
    if (!d.ctx.guardianIds.has(c.guardian_id)) continue;
    const pool = d.members.filter((m) => m.team.valid_from <= d.createdOn);
    const recorder = pool.length > 0 ? rng.pick(pool) : d.author;
    seed.plan_guardian_view.push({
      id: d.id('guardian-view'),
      plan_id: d.planId,
      guardian_id: c.guardian_id,
      text: d.fresh(GUARDIAN_VIEWS),
      recorded_on: d.createdOn,
      written_by_guardian: rng.chance(0.3),
      recorded_by_person_id: recorder.team.person_id,
      recorded_by_assignment_id: recorder.assignment.id,
      created_at: d.createdAt,
    });
  }
}

/** Now and then a disagreement (levels 2–3). */
function addDisagreement(d: PlanDraft): void {
  const { rng, seed } = d.ctx;
  const { author, custodial, members, createdOn } = d;
  if (d.level < 2 || !rng.chance(0.3)) return;
  const others = members.filter((m) => m !== author && m.team.valid_from <= createdOn);
  const said = rng.pick(
    DISAGREEMENTS.filter(
      (x) =>
        (x.party !== 'guardian' || custodial.length > 0) &&
        (x.party !== 'child' || d.age >= 6) &&
        (x.party !== 'professional' || others.length > 0),
    ),
  );
  const prof = said.party === 'professional' ? rng.pick(others) : null;
  seed.plan_disagreement.push({
    id: d.id('disagreement'),
    plan_id: d.planId,
    party_kind: said.party,
    party_guardian_id: said.party === 'guardian' ? rng.pick(custodial).guardian_id : null,
    party_person_id: prof?.team.person_id ?? null,
    party_assignment_id: prof?.assignment.id ?? null,
    about: said.about,
    text: said.text,
    recorded_on: createdOn,
    recorded_by_person_id: author.team.person_id,
    recorded_by_assignment_id: author.assignment.id,
    created_at: d.createdAt,
  });
}

/** The plan row. A few level-3 plans also serve as the SIP (their minimum content is all there). */
function addPlanRow(d: PlanDraft, services: Service[], version: number, sipCapablePlans: string[]): void {
  const { rng, seed, today } = d.ctx;
  const { author } = d;
  const sipCapable =
    d.level === 3 &&
    services.some((s) => s.member.unit.kind === 'social_services') &&
    services.some((s) => s.member.unit.secrecy_domain === 'health_care');
  const isSip = sipCapable && rng.chance(0.8);
  if (sipCapable) sipCapablePlans.push(d.planId);
  seed.plan.push({
    id: d.planId,
    child_id: d.childId,
    status: 'active',
    level: d.level,
    background: rng.pick(BACKGROUND[d.group]),
    next_review_date: addDays(today, rng.int(7, 75)),
    is_sip: isSip,
    created_by_person_id: author.team.person_id,
    created_by_assignment_id: author.assignment.id,
    owning_unit_id: author.unit.id,
    secrecy_domain: author.unit.secrecy_domain,
    version,
    created_at: d.createdAt,
    updated_at: d.createdAt,
    updated_by_person_id: author.team.person_id,
  });
}

/** Builds one child's plan with all its items (adding it to `sipCapablePlans` when it could serve as the SIP). */
export function buildOnePlan(
  ctx: PlanContext,
  childId: string,
  level: 1 | 2 | 3,
  decidedOn: string | undefined,
  sipCapablePlans: string[],
): void {
  const d = startPlan(ctx, childId, level, decidedOn);
  const version = addLevelHistory(d);
  const services = addServices(d);
  const goals = addNeedsAndGoals(d);
  addActions(d, services, goals);
  addVoices(d);
  addGuardianViews(d);
  addDisagreement(d);
  addPlanRow(d, services, version, sipCapablePlans);
}
