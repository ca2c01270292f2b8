/**
 * Demo plans (Collaborate / samarbeta): "Barnets plan" for every child with coordinated support
 * (level 3) and about a dozen children at each of levels 2 and 1, so that a newcomer sees the
 * practice model at work. Level-3 plans are kept by the child's coordinator from the team data, have
 * 2–4 services taking part (contact persons from the team), needs on 2–4 wellbeing-wheel indicators,
 * goals, 5–15 actions with mixed status (some overdue), the child's own voice, each custodial
 * guardian's view, now and then a disagreement, and a level history. A few offers of a role wait
 * for an answer — one to anna.lindqvist, one to someone not yet on the team. Swedish texts written
 * for this demo.
 *
 * Level 1 has few teamed children in the demo county, so this step adds the barnets bästa-ansvarig
 * (and only that role) for some untouched children — the principal of their school, the BVC nurse
 * of their municipality or the KAA — until a dozen level-1 children exist. No coordinator is ever
 * invented: level-3 plans use the coordinators team_membership already has. Where a coordinated
 * child's whole team sits in one unit, a contact person from a second service (social services,
 * elevhälsan, BUP or the leisure centre serving the child) joins the team.
 *
 * Deterministic (seeded PRNG, ids from stable keys) and pure until `seedPlans` writes it inside
 * seedDemo's owner transaction. Every author, contact person and responsible professional is on
 * the child's team on the day concerned; every plan is drawn up after the concern decision that
 * explains the child's level.
 */
import type { Queryable } from '../db/client.js';
import { buildConcernData } from './seed-concerns.js';
import { Rng, addDays } from './random.js';
import type { DemoData, TeamRow } from './seed.js';
import { buildOnePlan } from './plan/build-plan.js';
import { addMeetingsReviewsAndClosing } from './plan/meetings.js';
import { emptyPlanSeed, levelOf, teamMembersByChild, type PlanContext, type PlanSeed } from './plan/model.js';
import { addRoleOffers, giveAnnaActions } from './plan/offers.js';
import { addLevelOneLeads, addSecondServices, PLANS_PER_LEVEL } from './plan/teams.js';
import { writePlanSeed } from './plan/write.js';

export { PLANS_PER_LEVEL } from './plan/teams.js';
export type { PlanSeed } from './plan/model.js';

/** The demo's data looked up by id, each child's current team, and nothing built yet. */
function planContext(data: DemoData): PlanContext {
  const today = data.today;
  const active = (t: TeamRow) => t.valid_from <= today && (t.valid_to === null || t.valid_to >= today);
  const custodyOf = new Map<string, DemoData['custody']>();
  for (const c of data.custody) custodyOf.set(c.child_id, [...(custodyOf.get(c.child_id) ?? []), c]);
  const anna = data.assignment.find((a) => a.username === 'anna.lindqvist')!;
  return {
    data,
    today,
    yesterday: addDays(today, -1),
    rng: new Rng('plans'),
    units: new Map(data.unit.map((u) => [u.id, u])),
    unitByKey: new Map(data.unit.map((u) => [u.key, u])),
    children: new Map(data.child.map((c) => [c.id, c])),
    enrolmentOf: new Map(data.enrolment.map((e) => [e.child_id, e])),
    custodyOf,
    guardianIds: new Set(data.guardian.map((g) => g.id)),
    membersOf: teamMembersByChild(data, active),
    anna,
    annaKids: new Set(
      data.team_membership.filter((t) => t.assignment_id === anna.id && active(t)).map((t) => t.child_id),
    ),
    seed: emptyPlanSeed(),
  };
}

/** Which children get a plan, at which level: every coordinated child, then a dozen each at levels 2 and 1. */
function choosePlans(ctx: PlanContext): [string, 1 | 2 | 3][] {
  const { membersOf, annaKids, rng } = ctx;
  const byLevel = (l: number) =>
    [...membersOf.entries()]
      .filter(([, ms]) => levelOf(ms) === l)
      .map(([id]) => id)
      .sort();
  // anna's children first (so she sees plans at work), then the rest in a seeded order.
  const pick = (ids: string[], n: number) =>
    [...ids.filter((id) => annaKids.has(id)), ...rng.shuffle(ids.filter((id) => !annaKids.has(id)))].slice(0, n);
  return [
    ...byLevel(3).map((id) => [id, 3] as [string, 3]),
    ...pick(byLevel(2), PLANS_PER_LEVEL).map((id) => [id, 2] as [string, 2]),
    ...pick(byLevel(1), PLANS_PER_LEVEL).map((id) => [id, 1] as [string, 1]),
  ];
}

/** The day of each child's concern decision that led to support (the plan comes after it). */
function decisionDays(data: DemoData): Map<string, string> {
  const decisions = new Map<string, string>();
  for (const c of buildConcernData(data).concern)
    if (c.decided_at && c.decision !== 'no_further_action') decisions.set(c.child_id, c.decided_at.slice(0, 10));
  return decisions;
}

/** Builds the demo plans and everything around them (pure, deterministic for the demo's data). */
export function buildPlanData(data: DemoData): PlanSeed {
  const ctx = planContext(data);
  addLevelOneLeads(ctx);
  addSecondServices(ctx);
  const decisions = decisionDays(data);
  const sipCapablePlans: string[] = [];
  for (const [childId, level] of choosePlans(ctx))
    buildOnePlan(ctx, childId, level, decisions.get(childId), sipCapablePlans);
  // At least one plan serves as the SIP whatever the draws (when any plan could).
  const { seed } = ctx;
  if (!seed.plan.some((p) => p.is_sip) && sipCapablePlans.length > 0)
    seed.plan.find((p) => p.id === sipCapablePlans[0])!.is_sip = true;
  giveAnnaActions(ctx);
  addRoleOffers(ctx);
  addMeetingsReviewsAndClosing(ctx);
  return seed;
}

/** Writes the demo plans (one multi-row INSERT per table). Returns how many plans and team rows it wrote. */
export async function seedPlans(tx: Queryable, data: DemoData): Promise<{ plans: number; teamRows: number }> {
  const s = buildPlanData(data);
  await writePlanSeed(tx, s);
  return { plans: s.plan.length, teamRows: s.team_membership.filter((t) => t.origin !== 'directory').length };
}
