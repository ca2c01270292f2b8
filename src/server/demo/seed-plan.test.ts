import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { loadPlan } from '../modules/plan/repo.js';
import { addDays } from './random.js';
import { buildDemoData, demoAssignmentId, seedDemo } from './seed.js';
import { buildPlanData, PLANS_PER_LEVEL } from './seed-plan.js';
import { demoTestDays } from './test-days.js';

const FIXED_DAY = '2026-11-22';

describe.each(demoTestDays(FIXED_DAY))('demo plans, built on %s', (TODAY) => {
  const data = buildDemoData(TODAY);
  const seed = buildPlanData(data);
  const team = [...data.team_membership, ...seed.team_membership];
  const activeOn = (t: (typeof team)[number], day: string) =>
    t.valid_from <= day && (t.valid_to === null || t.valid_to >= day);
  const onTeam = (childId: string, assignmentId: string, day = TODAY) =>
    team.some((t) => t.child_id === childId && t.assignment_id === assignmentId && activeOn(t, day));
  const planOf = new Map(seed.plan.map((p) => [p.id as string, p]));
  const childOf = (planId: unknown) => planOf.get(planId as string)!.child_id as string;
  const levelOf = (childId: string) => {
    const rows = team.filter((t) => t.child_id === childId && activeOn(t, TODAY));
    return rows.some((t) => t.team_role === 'coordinator')
      ? 3
      : rows.some((t) => t.team_role === 'contact_person' || t.team_role === 'member')
        ? 2
        : 1;
  };

  it('is deterministic', () => {
    expect(buildPlanData(buildDemoData(TODAY))).toEqual(seed);
  });

  it('gives every coordinated child a level-3 plan and a dozen children each a level-2 and a level-1 plan, at the level their team implies', () => {
    const coordinated = new Set(
      data.team_membership.filter((t) => t.team_role === 'coordinator' && activeOn(t, TODAY)).map((t) => t.child_id),
    );
    const byLevel = (l: number) => seed.plan.filter((p) => p.level === l);
    expect(new Set(byLevel(3).map((p) => p.child_id))).toEqual(coordinated);
    expect(byLevel(2)).toHaveLength(PLANS_PER_LEVEL);
    expect(byLevel(1).length).toBeGreaterThanOrEqual(10);
    expect(new Set(seed.plan.map((p) => p.child_id)).size).toBe(seed.plan.length);
    for (const p of seed.plan) expect(p.level, p.child_id as string).toBe(levelOf(p.child_id as string));
    // Team rows added: a barnets bästa-ansvarig for level 1, a second service's contact person at level 3 — never a coordinator.
    expect(
      seed.team_membership.every((t) => t.team_role === 'best_interest_lead' || t.team_role === 'contact_person'),
    ).toBe(true);
    expect(new Set(team.filter((t) => t.valid_to === null).map((t) => t.child_id)).size).toBeLessThanOrEqual(80);
  });

  it('level-3 plans are full: 2–4 services, needs on 2–4 indicators, goals, 5–15 actions each with a responsible person and a due date, voices and views', () => {
    const today = TODAY;
    let overdue = 0;
    for (const p of seed.plan.filter((x) => x.level === 3)) {
      const id = p.id;
      const services = seed.plan_service.filter((s) => s.plan_id === id);
      // Two or more — unless nobody in the demo county works in a second service near the child.
      const units = new Set(
        team
          .filter((t) => t.child_id === p.child_id && activeOn(t, TODAY))
          .map((t) => data.assignment.find((a) => a.id === t.assignment_id)!.unit_id),
      );
      expect(services.length).toBeGreaterThanOrEqual(Math.min(2, units.size));
      expect(services.length).toBeLessThanOrEqual(4);
      const needs = seed.plan_need.filter((n) => n.plan_id === id);
      expect(new Set(needs.map((n) => n.indicator)).size).toBeGreaterThanOrEqual(2);
      expect(needs.length).toBeLessThanOrEqual(4);
      const actions = seed.plan_action.filter((a) => a.plan_id === id);
      expect(actions.length).toBeGreaterThanOrEqual(5);
      expect(actions.length).toBeLessThanOrEqual(15);
      for (const a of actions) {
        expect(a.responsible_kind).not.toBeNull();
        expect(a.due_date).not.toBeNull();
      }
      overdue += actions.filter(
        (a) => (a.status === 'planned' || a.status === 'in_progress') && (a.due_date as string) < today,
      ).length;
      expect(seed.plan_voice.some((v) => v.plan_id === id)).toBe(true);
      const custodial = data.custody
        .filter((c) => c.child_id === p.child_id && c.has_custody)
        .map((c) => c.guardian_id)
        .sort();
      expect(
        seed.plan_guardian_view
          .filter((v) => v.plan_id === id)
          .map((v) => v.guardian_id)
          .sort(),
      ).toEqual(custodial);
      expect(seed.plan_goal.some((g) => g.plan_id === id)).toBe(true);
    }
    expect(overdue).toBeGreaterThan(0);
    expect(new Set(seed.plan_action.map((a) => a.status))).toEqual(
      new Set(['planned', 'in_progress', 'done', 'cancelled']),
    );
    expect(seed.plan_disagreement.length).toBeGreaterThan(0);
    expect(seed.plan.some((p) => p.is_sip)).toBe(true);
    expect(seed.plan_voice.some((v) => v.written_by_child)).toBe(true);
  });

  it('is consistent: authors, contact persons and responsible professionals are on the team; histories end at the plan level; dates are not in the future', () => {
    for (const p of seed.plan) {
      const childId = p.child_id as string;
      expect(
        onTeam(childId, p.created_by_assignment_id as string, (p.created_at as string).slice(0, 10)),
        `author of ${p.id}`,
      ).toBe(true);
      if (p.level === 3)
        expect(
          team.some(
            (t) =>
              t.child_id === childId && t.team_role === 'coordinator' && t.assignment_id === p.created_by_assignment_id,
          ),
        ).toBe(true);
      const history = seed.plan_level_change
        .filter((h) => h.plan_id === p.id)
        .sort((a, b) => String(a.changed_at).localeCompare(String(b.changed_at)));
      expect(history[0]!.level_before).toBeNull();
      expect(history.at(-1)!.level_after).toBe(p.level);
      const statusChanges = seed.plan_status_change.filter((x) => x.plan_id === p.id).length;
      expect(history.length + statusChanges).toBe(p.version);
      for (const h of history) expect((h.reason as string).length).toBeGreaterThan(10);
      expect((p.created_at as string).slice(0, 10) < TODAY).toBe(true);
      if (p.status === 'active') expect((p.next_review_date as string) > TODAY).toBe(true);
      else expect(p.next_review_date).toBeNull();
      const kinds = seed.chronology_entry.filter((e) => e.child_id === childId).map((e) => e.kind);
      expect(kinds.filter((k) => k === 'plan_created')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'plan_level_changed')).toHaveLength(history.length - 1);
    }
    expect(seed.plan_level_change.some((h) => h.level_before === 2 && h.level_after === 1)).toBe(true);
    for (const s of seed.plan_service)
      expect(onTeam(childOf(s.plan_id), s.contact_assignment_id as string), 'contact').toBe(true);
    for (const a of seed.plan_action) {
      if (a.responsible_kind === 'professional')
        expect(onTeam(childOf(a.plan_id), a.responsible_assignment_id as string), 'responsible').toBe(true);
      if (a.responsible_kind === 'guardian')
        expect(
          data.custody.some((c) => c.child_id === childOf(a.plan_id) && c.guardian_id === a.responsible_guardian_id),
        ).toBe(true);
    }
    for (const v of [...seed.plan_voice, ...seed.plan_guardian_view]) {
      expect((v.recorded_on as string) < TODAY).toBe(true);
      expect(onTeam(childOf(v.plan_id), v.recorded_by_assignment_id as string, v.recorded_on as string)).toBe(true);
    }
    const texts = [
      ...seed.plan_need.map((n) => n.description),
      ...seed.plan_voice.map((v) => v.text),
      ...seed.plan_action.map((a) => a.what),
    ] as string[];
    expect(texts.every((t) => /[a-zåäö]/i.test(t))).toBe(true);
  });

  it('offers waiting for an answer: one to anna.lindqvist (on the team), one to someone not yet on the team; anna has overdue and upcoming actions', () => {
    const anna = demoAssignmentId('anna.lindqvist');
    const toAnna = seed.role_handover.filter((h) => h.to_assignment_id === anna);
    expect(toAnna).toHaveLength(1);
    expect(onTeam(toAnna[0]!.child_id as string, anna)).toBe(true);
    expect(seed.role_handover.some((h) => !onTeam(h.child_id as string, h.to_assignment_id as string))).toBe(true);
    for (const h of seed.role_handover) {
      expect(h.status).toBe('pending');
      const holder = team.find((t) => t.id === h.from_membership_id)!;
      expect(holder.team_role).toBe(h.team_role);
      expect(activeOn(holder, TODAY)).toBe(true);
      expect((h.respond_by as string) >= TODAY).toBe(true);
    }
    expect(new Set(seed.role_handover.map((h) => `${h.child_id}:${h.team_role}`)).size).toBe(seed.role_handover.length);
    const annas = seed.plan_action.filter(
      (a) => a.responsible_assignment_id === anna && (a.status === 'planned' || a.status === 'in_progress'),
    );
    expect(annas.some((a) => (a.due_date as string) < TODAY)).toBe(true);
    expect(annas.some((a) => (a.due_date as string) >= TODAY && (a.due_date as string) <= addDays(TODAY, 3))).toBe(
      true,
    );
  });

  it('meetings with notes, attendance and decisions; reviews with an outcome per action; a few closed plans with reasons', () => {
    const held = seed.plan_meeting.filter((m) => m.status === 'held');
    expect(held.length).toBeGreaterThanOrEqual(2 * PLANS_PER_LEVEL);
    for (const m of held) {
      expect((m.meeting_date as string) < TODAY, `held ${m.id}`).toBe(true);
      expect((m.notes as string).length).toBeGreaterThan(40);
      expect(seed.plan_meeting_decision.some((d) => d.meeting_id === m.id)).toBe(true);
    }
    // Every professional invited was on the team that day; guardians are the child's.
    const meetingOf = new Map(seed.plan_meeting.map((m) => [m.id as string, m]));
    for (const i of seed.plan_meeting_invitee) {
      const m = meetingOf.get(i.meeting_id as string)!;
      if (i.kind === 'professional')
        expect(
          onTeam(m.child_id as string, i.assignment_id as string, m.meeting_date as string),
          'invitee on the team',
        ).toBe(true);
      if (i.kind === 'guardian')
        expect(data.custody.some((c) => c.child_id === m.child_id && c.guardian_id === i.guardian_id)).toBe(true);
      if (m.status === 'planned') expect(i.attendance).toBe('invited');
    }
    const decisions = new Set(seed.plan_meeting_decision.map((d) => d.effect));
    expect(decisions).toEqual(new Set(['none', 'action_created', 'action_changed']));
    expect(seed.plan_review.length).toBeGreaterThanOrEqual(PLANS_PER_LEVEL);
    expect(new Set(seed.plan_review_outcome.map((o) => o.outcome))).toEqual(
      new Set(['done', 'continue', 'change', 'bring_in_service']),
    );
    for (const o of seed.plan_review_outcome) {
      if (o.outcome === 'change') expect(o.due_after ?? o.what_after).not.toBeNull();
      if (o.outcome === 'bring_in_service') expect((o.comment as string).length).toBeGreaterThan(10);
    }
    const closed = seed.plan.filter((p) => p.status === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(3);
    expect(
      closed.every((p) => seed.plan_status_change.some((x) => x.plan_id === p.id && x.status_after === 'closed')),
    ).toBe(true);
    expect(new Set(seed.plan_status_change.map((x) => x.reason_code)).size).toBeGreaterThanOrEqual(3);
    // anna sees upcoming meetings she is invited to in her to-do (within 14 days).
    const anna = demoAssignmentId('anna.lindqvist');
    const annaInvites = seed.plan_meeting_invitee.filter(
      (i) => i.assignment_id === anna && meetingOf.get(i.meeting_id as string)!.status === 'planned',
    );
    expect(
      annaInvites.some((i) => (meetingOf.get(i.meeting_id as string)!.meeting_date as string) <= addDays(TODAY, 14)),
    ).toBe(true);
  });

  if (TODAY === FIXED_DAY)
    describe('written to the database', () => {
      let db: Db;
      beforeAll(async () => {
        db = await openDb({});
        await migrate(db);
        await seedDemo(db, { today: TODAY });
      }, 120_000);
      afterAll(async () => {
        await db?.close();
      });

      it('every plan reads back through the plan repository, with all its items', async () => {
        const plans = (await db.query<{ child_id: string; id: string }>('SELECT child_id, id FROM plan')).rows;
        expect(plans).toHaveLength(seed.plan.length);
        let actions = 0;
        for (const p of plans) {
          const plan = (await loadPlan(db, p.child_id, p.id, TODAY))?.plan;
          expect(plan?.id).toBe(p.id);
          actions += plan!.actions.length;
          expect(plan!.levelHistory.length).toBeGreaterThanOrEqual(1);
        }
        expect(actions).toBe(seed.plan_action.length);
        const levels = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM plan p JOIN child c ON c.id = p.child_id WHERE p.level <> c.support_level',
        );
        expect(levels.rows[0]!.n).toBe(0);
        expect(
          (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM role_handover WHERE status = 'pending'"))
            .rows[0]!.n,
        ).toBe(seed.role_handover.length);
      });
    });
});
