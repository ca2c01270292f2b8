/**
 * Meet, follow up, close: network meetings with notes and decisions, reviews with a coded outcome
 * per action, an upcoming meeting on the next review date, and a few closed plans with reasons.
 * A separate PRNG stream ('plan-meetings'), so the plans themselves stay as they were; the steps
 * draw from it in a fixed order; keep it.
 */
import { Rng, addDays, ageOn, daysBetween, demoUuid } from '../random.js';
import type { DemoData } from '../seed.js';
import {
  BRING_IN,
  CLOSE_WORDS,
  CLOSINGS,
  type Closing,
  FIRST_AGENDA,
  FIRST_NOTES,
  FIRST_PURPOSE,
  FOLLOW_AGENDA,
  FOLLOW_NOTES,
  FOLLOW_PURPOSE,
  PLAIN_DECISIONS,
  REVIEW_SUMMARIES,
} from './meeting-texts.js';
import { chronologyEntry, stamp, type Member, type PlanContext, type Row } from './model.js';

/** One plan's meetings being built. */
interface PlanMeetings {
  readonly ctx: PlanContext;
  /** The meetings' PRNG stream. */
  readonly rng: Rng;
  readonly plan: Row;
  readonly planId: string;
  readonly childId: string;
  readonly level: number;
  readonly createdOn: string;
  readonly key: string;
  /** The next id for a row of this plan's meetings. */
  readonly id: (what: string) => string;
  readonly members: Member[];
  /** Who calls and chairs the meetings: the coordinator, else the plan's author. */
  readonly chair: Member;
  readonly age: number;
  readonly custodial: DemoData['custody'];
  readonly actions: Row[];
  /** Days from the plan's start to yesterday. */
  readonly days: number;
}

interface MeetingSpec {
  date: string;
  status: 'held' | 'planned';
  first: boolean;
  start: string;
}

interface Meeting {
  meetingId: string;
  at: string;
  held: boolean;
}

type Attendance = 'attending' | 'absent' | 'excused';

/** A few plans at levels 1–2 were closed (never anna's, never one with an open offer). */
function chooseClosings(ctx: PlanContext, rng: Rng): Map<string, Closing> {
  const { seed, annaKids, yesterday } = ctx;
  const withHandover = new Set(seed.role_handover.map((h) => h.child_id as string));
  const closable = seed.plan
    .filter(
      (p) =>
        (p.level as number) < 3 &&
        !annaKids.has(p.child_id as string) &&
        !withHandover.has(p.child_id as string) &&
        daysBetween((p.created_at as string).slice(0, 10), yesterday) >= 45,
    )
    .map((p) => p.id as string)
    .sort();
  return new Map(
    rng
      .shuffle(closable)
      .slice(0, CLOSINGS.length)
      .map((id, i) => [id, CLOSINGS[i]!]),
  );
}

function startMeetings(ctx: PlanContext, rng: Rng, plan: Row): PlanMeetings | null {
  const planId = plan.id as string;
  const childId = plan.child_id as string;
  const createdOn = (plan.created_at as string).slice(0, 10);
  const key = `meetings:${planId}`;
  let n = 0;
  const members = ctx.membersOf.get(childId) ?? [];
  const chair =
    members.find((m) => m.team.team_role === 'coordinator') ??
    members.find((m) => m.assignment.id === plan.created_by_assignment_id) ??
    members[0];
  if (!chair) return null;
  const child = ctx.children.get(childId)!;
  return {
    ctx,
    rng,
    plan,
    planId,
    childId,
    level: plan.level as number,
    createdOn,
    key,
    id: (what: string) => demoUuid(`${key}:${what}:${n++}`),
    members,
    chair,
    age: ageOn(child.birth_date, ctx.today),
    custodial: (ctx.custodyOf.get(childId) ?? []).filter((x) => x.has_custody),
    actions: ctx.seed.plan_action.filter((a) => a.plan_id === planId),
    days: daysBetween(createdOn, ctx.yesterday),
  };
}

/** The invitees: the chair, a few others on the team, the child (from 6) and the custodial guardians. */
function addInvitees(p: PlanMeetings, m: MeetingSpec, meetingId: string): void {
  const { rng, chair, ctx } = p;
  const onTeam = p.members.filter((x) => x.team.valid_from <= m.date && x !== chair);
  const others = rng.shuffle(onTeam).slice(0, p.level === 3 ? 3 : 1);
  // anna is invited to the upcoming meetings of her children's plans (her to-do shows them).
  const annaMember =
    m.status === 'planned' && ctx.annaKids.has(p.childId)
      ? p.members.find((x) => x.assignment.id === ctx.anna.id)
      : undefined;
  if (annaMember && annaMember !== chair && !others.includes(annaMember)) others.push(annaMember);
  const held = m.status === 'held';
  const att = (weights: readonly (readonly [Attendance, number])[]) => (held ? rng.weighted(weights) : 'invited');
  const invitees: Row[] = [chair, ...others].map((x) => ({
    kind: 'professional',
    person_id: x.team.person_id,
    assignment_id: x.assignment.id,
    guardian_id: null,
    attendance:
      x === chair
        ? held
          ? 'attending'
          : 'invited'
        : att([
            ['attending', 0.88],
            ['excused', 0.12],
          ] as const),
  }));
  if (p.age >= 6)
    invitees.push({
      kind: 'child',
      person_id: null,
      assignment_id: null,
      guardian_id: null,
      attendance: att([
        ['attending', 0.8],
        ['excused', 0.2],
      ] as const),
    });
  for (const g of p.custodial)
    invitees.push({
      kind: 'guardian',
      person_id: null,
      assignment_id: null,
      guardian_id: g.guardian_id,
      attendance: att([
        ['attending', 0.75],
        ['excused', 0.15],
        ['absent', 0.1],
      ] as const),
    });
  invitees.forEach((x, i) =>
    ctx.seed.plan_meeting_invitee.push({ id: p.id('invitee'), meeting_id: meetingId, ...x, position: i }),
  );
}

/** A meeting with its invitees; a held one has notes. */
function addMeeting(p: PlanMeetings, m: MeetingSpec): Meeting {
  const { rng, chair } = p;
  const meetingId = p.id('meeting');
  addInvitees(p, m, meetingId);
  const held = m.status === 'held';
  const at = stamp(rng, m.date);
  const digital = !held && rng.chance(0.25);
  p.ctx.seed.plan_meeting.push({
    id: meetingId,
    plan_id: p.planId,
    child_id: p.childId,
    meeting_date: m.date,
    start_time: m.start,
    end_time: `${String(Number(m.start.slice(0, 2)) + 1).padStart(2, '0')}:${m.start.slice(3)}`,
    place: digital
      ? null
      : rng.pick([`${chair.unit.name}, mötesrummet`, `${chair.unit.name}, konferensrummet`, 'Familjens hem']),
    digital,
    purpose: rng.pick(
      m.first
        ? FIRST_PURPOSE
        : held
          ? FOLLOW_PURPOSE
          : ['Uppföljning av barnets plan', 'Nätverksmöte inför nästa uppföljning'],
    ),
    agenda: (m.first ? FIRST_AGENDA : FOLLOW_AGENDA).join(','),
    notes: held ? rng.pick(m.first ? FIRST_NOTES : FOLLOW_NOTES) : null,
    status: m.status,
    cancelled_reason: null,
    version: 1,
    created_at: at,
    created_by_person_id: chair.team.person_id,
    created_by_assignment_id: chair.assignment.id,
    updated_at: at,
    updated_by_person_id: chair.team.person_id,
  });
  return { meetingId, at, held };
}

interface Decision {
  text: string;
  effect: 'none' | 'action_created' | 'action_changed';
  action: Row | null;
  change: Row | null;
}

function decide(p: PlanMeetings, meeting: Meeting, d: Decision): void {
  p.ctx.seed.plan_meeting_decision.push({
    id: p.id('decision'),
    meeting_id: meeting.meetingId,
    plan_id: p.planId,
    text: d.text,
    effect: d.effect,
    action_id: d.action ? d.action.id : null,
    action_change: d.change ? JSON.stringify(d.change) : null,
    decided_at: meeting.at,
    decided_by_person_id: p.chair.team.person_id,
    decided_by_assignment_id: p.chair.assignment.id,
  });
}

/** The chronology entry for a held meeting (the meeting just added), and the versions its record took. */
function recordHeld(p: PlanMeetings, date: string, meeting: Meeting, versions: number): void {
  const { seed } = p.ctx;
  const row = seed.plan_meeting.find((x) => x.id === meeting.meetingId)!;
  seed.chronology_entry.push(
    chronologyEntry(p.chair, {
      id: demoUuid(`${p.key}:chronology:held:${date}`),
      child_id: p.childId,
      kind: 'plan_meeting_held',
      event_date: date,
      significance: 'medium',
      text: row.purpose as string,
      details: '{}',
      created_at: meeting.at,
    }),
  );
  row.version = (row.version as number) + versions;
}

/** 1. The meeting where the plan was drawn up, with its decisions. */
function addFirstMeeting(p: PlanMeetings): void {
  const { rng } = p;
  const start = rng.pick(['08:30', '10:00', '13:00', '14:30']);
  const first = addMeeting(p, { date: p.createdOn, status: 'held', first: true, start });
  const fresh = p.actions.filter((a) => a.status !== 'cancelled').slice(0, p.level === 3 ? 2 : 1);
  for (const a of fresh)
    decide(p, first, {
      text: `Vi beslutade: ${(a.what as string).toLowerCase()}.`,
      effect: 'action_created',
      action: a,
      change: null,
    });
  decide(p, first, { text: rng.pick(PLAIN_DECISIONS), effect: 'none', action: null, change: null });
  // Notes written, attendance recorded, held; one version per decision.
  recordHeld(p, p.createdOn, first, fresh.length + 3);
}

/** The review at a follow-up meeting: a summary and a coded outcome per action. */
function addReview(p: PlanMeetings, follow: Meeting, date: string): void {
  const { rng, chair, ctx } = p;
  const reviewId = p.id('review');
  const reviewed = p.actions.filter((a) => a.status !== 'cancelled' && (a.created_at as string).slice(0, 10) <= date);
  ctx.seed.plan_review.push({
    id: reviewId,
    plan_id: p.planId,
    child_id: p.childId,
    reviewed_on: date,
    meeting_id: follow.meetingId,
    summary: rng.pick(REVIEW_SUMMARIES),
    previous_review_date: date,
    next_review_date: p.plan.next_review_date,
    created_at: follow.at,
    created_by_person_id: chair.team.person_id,
    created_by_assignment_id: chair.assignment.id,
  });
  reviewed.forEach((a, i) => {
    const due = a.due_date as string | null;
    let outcome: 'done' | 'continue' | 'change' | 'bring_in_service' = a.status === 'done' ? 'done' : 'continue';
    if (outcome === 'continue' && due && rng.chance(0.3)) outcome = 'change';
    else if (outcome === 'continue' && rng.chance(0.12)) outcome = 'bring_in_service';
    const dueBefore = outcome === 'change' && due ? addDays(due, -rng.int(14, 35)) : null;
    ctx.seed.plan_review_outcome.push({
      id: p.id('outcome'),
      review_id: reviewId,
      action_id: a.id,
      outcome,
      comment:
        outcome === 'bring_in_service'
          ? rng.pick(BRING_IN)
          : outcome === 'done' && rng.chance(0.4)
            ? 'Barnet och vårdnadshavarna tycker att det har hjälpt.'
            : null,
      what_before: null,
      what_after: null,
      due_before: dueBefore,
      due_after: dueBefore ? due : null,
      position: i,
    });
  });
}

/** 2. A follow-up meeting with a review, when the plan has run for a while. Returns the day of the last meeting. */
function addFollowUp(p: PlanMeetings): string {
  const { rng } = p;
  // Level 1: a light follow-up now and then, within the ordinary service.
  if (!((p.level >= 2 || rng.chance(0.6)) && p.days >= 21)) return p.createdOn;
  const date = addDays(p.createdOn, rng.int(14, Math.min(p.days, 120)));
  const start = rng.pick(['09:00', '13:30', '15:00']);
  const follow = addMeeting(p, { date, status: 'held', first: false, start });
  const moved = p.actions.find((a) => a.status === 'in_progress' || a.status === 'done');
  if (moved)
    decide(p, follow, {
      text: `Åtgärden ”${moved.what as string}” följs upp: ${moved.status === 'done' ? 'den är klar' : 'den pågår'}.`,
      effect: 'action_changed',
      action: moved,
      change: { status: moved.status },
    });
  decide(p, follow, { text: rng.pick(PLAIN_DECISIONS), effect: 'none', action: null, change: null });
  recordHeld(p, date, follow, (moved ? 1 : 0) + 4);
  addReview(p, follow, date);
  return date;
}

/** 3a. A closed plan: after the last meeting, with a reason. */
function closePlan(p: PlanMeetings, closed: Closing, last: string): void {
  const { rng, chair, ctx } = p;
  const { yesterday, seed } = ctx;
  const on = addDays(last, rng.int(1, Math.max(1, daysBetween(last, yesterday))));
  const at = stamp(rng, on > yesterday ? yesterday : on);
  const date = at.slice(0, 10);
  Object.assign(p.plan, {
    status: 'closed',
    version: (p.plan.version as number) + 1,
    updated_at: at,
    next_review_date: null,
  });
  seed.plan_status_change.push({
    id: p.id('status'),
    plan_id: p.planId,
    child_id: p.childId,
    status_after: 'closed',
    reason_code: closed.code,
    reason_text: closed.text,
    changed_by_person_id: chair.team.person_id,
    changed_by_assignment_id: chair.assignment.id,
    changed_at: at,
  });
  seed.chronology_entry.push(
    chronologyEntry(chair, {
      id: demoUuid(`${p.key}:chronology:closed`),
      child_id: p.childId,
      kind: 'plan_closed',
      event_date: date,
      significance: closed.code === 'goals_met' || closed.code === 'moved' ? 'medium' : 'high',
      text: closed.text ? `${CLOSE_WORDS[closed.code]}: ${closed.text}` : `${CLOSE_WORDS[closed.code]}.`,
      details: '{}',
      created_at: at,
    }),
  );
}

/** 3b. An open plan at level 2–3: a meeting on the next review date (anna's fall within her to-do's 14 days). */
function addUpcomingMeeting(p: PlanMeetings): void {
  const { rng, ctx } = p;
  const date = ctx.annaKids.has(p.childId) ? addDays(ctx.today, rng.int(2, 12)) : (p.plan.next_review_date as string);
  const start = rng.pick(['09:00', '10:30', '14:00']);
  addMeeting(p, { date, status: 'planned', first: false, start });
}

export function addMeetingsReviewsAndClosing(ctx: PlanContext): void {
  const rng = new Rng('plan-meetings');
  const closing = chooseClosings(ctx, rng);
  for (const plan of ctx.seed.plan) {
    const p = startMeetings(ctx, rng, plan);
    if (!p) continue;
    const closed = closing.get(p.planId);
    // Levels 2–3 always meet; level 1 now and then.
    if (p.level === 1 && !closed && !rng.chance(0.5)) continue;
    addFirstMeeting(p);
    const last = addFollowUp(p);
    if (closed) closePlan(p, closed, last);
    else if (p.level >= 2 && p.plan.next_review_date) addUpcomingMeeting(p);
  }
}
