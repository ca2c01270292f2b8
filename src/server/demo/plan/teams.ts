/**
 * The team rows the demo plans need: a barnets bästa-ansvarig for some untouched children (so that
 * a dozen level-1 children exist) and, where a coordinated child's whole team sits in one unit, a
 * contact person from a second service.
 */
import { MUNICIPALITIES } from '../data.js';
import { addDays, ageOn, demoUuid } from '../random.js';
import type { AssignmentRow, TeamRow, UnitRow } from '../seed.js';
import { levelOf, type PlanContext } from './model.js';

/** How many plans at levels 1 and 2 (level 3: every coordinated child). */
export const PLANS_PER_LEVEL = 12;
/** The demo never grows the number of teamed children beyond this (the seed's own bound is 80). */
const MAX_TEAMED = 80;

/** Who would be a child's barnets bästa-ansvarig: the school's principal, the BVC nurse or the KAA. */
function levelOneLeadFor(ctx: PlanContext, childId: string): AssignmentRow | null {
  const { data, units, today } = ctx;
  const c = ctx.children.get(childId)!;
  const e = ctx.enrolmentOf.get(childId);
  const kind = e ? units.get(e.unit_id)?.kind : null;
  const age = ageOn(c.birth_date, today);
  if (age >= 18) return null;
  if (e && (kind === 'compulsory_school' || kind === 'upper_secondary_school'))
    return data.assignment.find((a) => a.role === 'principal' && a.unit_id === e.unit_id) ?? null;
  if (age <= 5)
    return (
      data.assignment.find(
        (a) => a.role === 'child_health_nurse' && units.get(a.unit_id)?.municipality_code === c.municipality_code,
      ) ?? null
    );
  if (!e && age >= 16)
    return (
      data.assignment.find(
        (a) => a.role === 'youth_follow_up_officer' && units.get(a.unit_id)?.municipality_code === c.municipality_code,
      ) ?? null
    );
  return null;
}

/** More level-1 children: a barnets bästa-ansvarig for untouched children. */
export function addLevelOneLeads(ctx: PlanContext): void {
  const { data, today, rng, membersOf, units, seed } = ctx;
  const everTeamed = new Set(data.team_membership.map((t) => t.child_id));
  const levelOne = [...membersOf.entries()].filter(([, ms]) => levelOf(ms) === 1).map(([id]) => id);
  const room = Math.max(0, Math.min(PLANS_PER_LEVEL - levelOne.length, MAX_TEAMED - membersOf.size));
  // (Not children born within the last year: the lead's start must not predate the child.)
  const yearAgo = addDays(today, -365);
  const candidates = rng
    .shuffle(
      data.child
        .filter((c) => !everTeamed.has(c.id) && c.birth_date <= yearAgo)
        .map((c) => c.id)
        .sort(),
    )
    .filter((id) => levelOneLeadFor(ctx, id) !== null);
  for (const childId of candidates.slice(0, room)) {
    const lead = levelOneLeadFor(ctx, childId)!;
    const from = addDays(today, -rng.int(60, 330));
    // A pupil's principal leads from the enrolment on, through the directory (already written).
    const e = ctx.enrolmentOf.get(childId);
    const formed = lead.role === 'principal' && e !== undefined;
    const row: TeamRow = {
      id: demoUuid(`team:plan-lead:${childId}`),
      child_id: childId,
      person_id: lead.person_id,
      assignment_id: lead.id,
      team_role: 'best_interest_lead',
      valid_from: formed ? (e.valid_from > lead.valid_from ? e.valid_from : lead.valid_from) : from,
      valid_to: null,
      origin: formed ? 'directory' : 'manual',
    };
    seed.team_membership.push(row);
    membersOf.set(childId, [{ team: row, assignment: lead, unit: units.get(lead.unit_id)! }]);
  }
}

/** The first professional of a second service who could join a child's team (a unit and person not on it yet). */
function secondServiceFor(ctx: PlanContext, childId: string): AssignmentRow | undefined {
  const { data, units, unitByKey } = ctx;
  const ms = ctx.membersOf.get(childId)!;
  const c = ctx.children.get(childId)!;
  const e = ctx.enrolmentOf.get(childId);
  const schoolMuni = (e && units.get(e.unit_id)?.municipality_code) || c.municipality_code;
  const def = MUNICIPALITIES.find((m) => m.code === c.municipality_code);
  const keys = [
    `${c.municipality_code}:soc`,
    `${schoolMuni}:eh-psy`,
    `${schoolMuni}:eh-med`,
    `bup:${def?.bup ?? 'vaxjo'}`,
    `${c.municipality_code}:fritid`,
  ];
  // The local police (SSPF) only for teenagers, and only when nothing else serves the child.
  if (ageOn(c.birth_date, ctx.today) >= 13) keys.push(`police:${def?.policeArea ?? 'vaxjo'}`);
  return keys
    .map((k) => unitByKey.get(k))
    .filter((u): u is UnitRow => u !== undefined && !ms.some((m) => m.unit.id === u.id))
    .flatMap((u) =>
      data.assignment.filter((a) => a.unit_id === u.id && !ms.some((m) => m.team.person_id === a.person_id)),
    )[0];
}

/** Coordinated support means more than one service: a contact person from a second one where the team has one unit. */
export function addSecondServices(ctx: PlanContext): void {
  const { today, rng, membersOf, units, seed } = ctx;
  for (const [childId, ms] of [...membersOf.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (levelOf(ms) !== 3 || new Set(ms.map((m) => m.unit.id)).size >= 2 || ms.length >= 5) continue;
    const second = secondServiceFor(ctx, childId);
    if (!second) continue;
    const row: TeamRow = {
      id: demoUuid(`team:plan-service:${childId}`),
      child_id: childId,
      person_id: second.person_id,
      assignment_id: second.id,
      team_role: 'contact_person',
      valid_from: addDays(today, -rng.int(30, 200)),
      valid_to: null,
    };
    seed.team_membership.push(row);
    ms.push({ team: row, assignment: second, unit: units.get(second.unit_id)! });
  }
}
