/**
 * After the plans are drawn up: anna.lindqvist's own actions on her children's plans, and a few
 * offers of a role waiting for an answer (to anna, to someone not yet on the team, and barnets
 * bästa-ansvarig at a transition).
 */
import { proposeBestInterestLead } from '../../../core/best-interest-lead.js';
import { NEVER_ON_TEAMS } from '../data.js';
import { addDays, demoUuid } from '../random.js';
import type { AssignmentRow } from '../seed.js';
import { stamp, type Member, type PlanContext, type Row } from './model.js';

/** anna.lindqvist is responsible for some actions on her children's plans: one overdue, one due soon. */
export function giveAnnaActions(ctx: PlanContext): void {
  const { seed, anna, annaKids, today } = ctx;
  const annaPlans = seed.plan.filter((p) => annaKids.has(p.child_id as string)).map((p) => p.id as string);
  const annaActions = seed.plan_action.filter(
    (a) => annaPlans.includes(a.plan_id as string) && a.responsible_kind === 'professional',
  );
  const annaUnit = ctx.units.get(anna.unit_id)!;
  [-4, 2].forEach((offset, i) => {
    const a = annaActions[i];
    if (!a) return;
    const plan = seed.plan.find((p) => p.id === a.plan_id)!;
    const annaService = seed.plan_service.find((s) => s.plan_id === plan.id && s.unit_id === annaUnit.id);
    Object.assign(a, {
      what:
        i === 0 ? 'Veckovis kontakt med vårdnadshavarna om närvaron' : 'Anpassad studieplan med mentorn varje vecka',
      responsible_person_id: anna.person_id,
      responsible_assignment_id: anna.id,
      service_id: annaService?.id ?? null,
      due_date: addDays(today, offset),
      status: i === 0 ? 'in_progress' : 'planned',
    });
  });
}

interface Offer {
  childId: string;
  role: 'coordinator' | 'best_interest_lead';
  from: Member | null;
  by: Member;
  to: AssignmentRow;
  daysAgo: number;
}

function offer(ctx: PlanContext, planByChild: ReadonlyMap<string, Row>, o: Offer): void {
  const on = addDays(ctx.today, -o.daysAgo);
  ctx.seed.role_handover.push({
    id: demoUuid(`handover:${o.childId}:${o.role}`),
    child_id: o.childId,
    plan_id: (planByChild.get(o.childId)?.id as string) ?? null,
    team_role: o.role,
    from_membership_id: o.from?.team.id ?? null,
    from_person_id: o.from?.team.person_id ?? null,
    from_assignment_id: o.from?.assignment.id ?? null,
    to_person_id: o.to.person_id,
    to_assignment_id: o.to.id,
    status: 'pending',
    respond_by: addDays(on, 7),
    offered_at: stamp(ctx.rng, on),
    offered_by_person_id: o.by.team.person_id,
    offered_by_assignment_id: o.by.assignment.id,
  });
}

/** 1. To anna: the coordinator of one of her children offers her the role (she is on the team). */
function offerToAnna(ctx: PlanContext, planByChild: ReadonlyMap<string, Row>): void {
  const { anna } = ctx;
  const annaOffer = [...ctx.annaKids]
    .sort()
    .map((id) => ctx.membersOf.get(id) ?? [])
    .find(
      (ms) =>
        ms.some((m) => m.team.team_role === 'coordinator' && m.assignment.id !== anna.id) &&
        planByChild.has(ms[0]!.team.child_id),
    );
  if (!annaOffer) return;
  const from = annaOffer.find((m) => m.team.team_role === 'coordinator')!;
  offer(ctx, planByChild, { childId: from.team.child_id, role: 'coordinator', from, by: from, to: anna, daysAgo: 2 });
}

const CAN_COORDINATE = new Set([
  'social_worker',
  'school_counsellor',
  'school_nurse',
  'special_educator',
  'preschool_teacher',
  'teacher',
  'child_psychiatry_clinician',
]);

/**
 * 2. To someone not yet on the team: a colleague in a service taking part — jonas.lindgren at
 *    Socialtjänsten Växjö when one of its plans allows, otherwise a colleague of the coordinator.
 */
function offerToOutsider(ctx: PlanContext, planByChild: ReadonlyMap<string, Row>): void {
  const { data, seed, membersOf } = ctx;
  const jonas = data.assignment.find((a) => a.username === 'jonas.lindgren' && a.role === 'social_worker');
  const outsiders = [
    ...(jonas ? [jonas] : []),
    ...data.assignment
      .filter(
        (a) =>
          a !== jonas &&
          CAN_COORDINATE.has(a.role) &&
          !NEVER_ON_TEAMS.has(a.username) &&
          a.username !== 'anna.lindqvist',
      )
      .sort((a, b) => a.id.localeCompare(b.id)),
  ];
  for (const to of outsiders) {
    const target = seed.plan
      .filter((p) => p.level === 3 && !seed.role_handover.some((h) => h.child_id === p.child_id))
      .map((p) => membersOf.get(p.child_id as string)!)
      .find((ms) => {
        const c = ms.find((m) => m.team.team_role === 'coordinator');
        const childId = ms[0]!.team.child_id;
        return (
          c &&
          c.assignment.unit_id === to.unit_id &&
          !ms.some((m) => m.team.person_id === to.person_id) &&
          seed.plan_service.some((s) => s.plan_id === planByChild.get(childId)!.id && s.unit_id === to.unit_id)
        );
      });
    if (!target) continue;
    const from = target.find((m) => m.team.team_role === 'coordinator')!;
    offer(ctx, planByChild, { childId: from.team.child_id, role: 'coordinator', from, by: from, to, daysAgo: 1 });
    return;
  }
}

/** Who should take over as a child's barnets bästa-ansvarig at the coming transition, if anyone. */
function nextLeadFor(ctx: PlanContext, childId: string, lead: Member): AssignmentRow | undefined {
  const { data, units, unitByKey, today } = ctx;
  const c = ctx.children.get(childId)!;
  const enrolments = data.enrolment
    .filter((e) => e.child_id === childId)
    .map((e) => ({ unitKind: units.get(e.unit_id)!.kind as string, validFrom: e.valid_from, validTo: null }));
  const p = proposeBestInterestLead({
    birthDate: c.birth_date,
    today,
    enrolments,
    currentRole: lead.assignment.role,
  });
  const nextRole = p.transition?.role ?? (p.currentMatches === false ? p.role : null);
  if (!nextRole || nextRole === lead.assignment.role) return undefined;
  const municipal = (a: AssignmentRow) => units.get(a.unit_id)?.municipality_code === c.municipality_code;
  const school = data.enrolment.find(
    (e) =>
      e.child_id === childId && ['compulsory_school', 'upper_secondary_school'].includes(units.get(e.unit_id)!.kind),
  );
  const fSchool = unitByKey.get(`${c.municipality_code}:school:0`);
  return nextRole === 'principal'
    ? data.assignment.find((a) => a.role === 'principal' && a.unit_id === (school?.unit_id ?? fSchool?.id))
    : data.assignment.find((a) => a.role === nextRole && municipal(a));
}

/** 3. Barnets bästa-ansvarig at a transition (e.g. BVC → rektor before förskoleklass), when one is coming. */
function offerAtTransition(ctx: PlanContext, planByChild: ReadonlyMap<string, Row>): void {
  for (const [childId, ms] of [...ctx.membersOf.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const lead = ms.find((m) => m.team.team_role === 'best_interest_lead');
    if (!lead || ctx.seed.role_handover.some((h) => h.child_id === childId)) continue;
    const to = nextLeadFor(ctx, childId, lead);
    if (!to || ms.some((m) => m.assignment.id === to.id)) continue;
    offer(ctx, planByChild, { childId, role: 'best_interest_lead', from: lead, by: lead, to, daysAgo: 3 });
    return;
  }
}

/** Offers of a role waiting for an answer. */
export function addRoleOffers(ctx: PlanContext): void {
  const planByChild = new Map(ctx.seed.plan.map((p) => [p.child_id as string, p]));
  offerToAnna(ctx, planByChild);
  offerToOutsider(ctx, planByChild);
  offerAtTransition(ctx, planByChild);
}
