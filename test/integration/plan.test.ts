import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId, demoPersonId, demoUuid } from '../../src/server/demo/seed.js';
import { auditOfRequestConsentsChecked } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { testNowPlusDays, testToday } from '../helpers/clock.js';
import { scenario, type ScenarioChild } from '../helpers/scenario.js';

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

interface Call {
  cookie: string;
  payload?: unknown;
  ifMatch?: string;
}

describe.each(testDbKinds())("the child's plan and role handovers (%s)", (kind) => {
  let t: TestApp;
  let today: string;
  let anna: string;
  let johan: string;
  const annaA = demoAssignmentId('anna.lindqvist', 0);
  const annaP = demoPersonId('anna.lindqvist');
  let kids: string[];
  let never: ScenarioChild;

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, c: Call) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: c.cookie, ...(c.ifMatch ? { 'if-match': c.ifMatch } : {}) },
      ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
    });
  const plan = (childId: string, rest = '') => `/api/children/${childId}/plan${rest}`;
  const rid = (res: { headers: Record<string, unknown> }) => res.headers['x-request-id'] as string;
  const auditOf = (requestId: string) => auditOfRequestConsentsChecked(t.tdb.db, requestId);
  const counts = async () =>
    (
      await t.tdb.db.query<
        Record<
          | 'plans'
          | 'plan_versions'
          | 'history'
          | 'services'
          | 'needs'
          | 'goals'
          | 'actions'
          | 'action_versions'
          | 'voice'
          | 'views'
          | 'disagreements'
          | 'handovers'
          | 'team'
          | 'chronology'
          | 'audit'
          | 'levels',
          number
        >
      >(
        `SELECT (SELECT count(*) FROM plan)::int AS plans, (SELECT sum(version) FROM plan)::int AS plan_versions,
                (SELECT count(*) FROM plan_level_change)::int AS history, (SELECT count(*) FROM plan_service)::int AS services,
                (SELECT count(*) FROM plan_need)::int AS needs, (SELECT count(*) FROM plan_goal)::int AS goals,
                (SELECT count(*) FROM plan_action)::int AS actions, (SELECT coalesce(sum(version), 0) FROM plan_action)::int AS action_versions,
                (SELECT count(*) FROM plan_voice)::int AS voice, (SELECT count(*) FROM plan_guardian_view)::int AS views,
                (SELECT count(*) FROM plan_disagreement)::int AS disagreements, (SELECT count(*) FROM role_handover)::int AS handovers,
                (SELECT count(*) FROM team_membership)::int AS team, (SELECT count(*) FROM chronology_entry)::int AS chronology,
                (SELECT count(*) FROM audit_event)::int AS audit, (SELECT sum(support_level + version) FROM child)::int AS levels`,
      )
    ).rows[0]!;
  const teamRoles = async (childId: string, on = today) =>
    (
      await t.tdb.db.query<{ username: string; team_role: string }>(
        `SELECT p.username, t.team_role FROM team_membership t JOIN person p ON p.id = t.person_id
          WHERE t.child_id = $1 AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date) ORDER BY p.username, t.team_role`,
        [childId, on],
      )
    ).rows.map((r) => `${r.username}:${r.team_role}`);
  /** A clean slate for one child: no active plan, no open offers, no coordinator. Straight into the tables. */
  const resetChild = async (childId: string) => {
    await t.tdb.db.query("UPDATE plan SET status = 'closed' WHERE child_id = $1 AND status = 'active'", [childId]);
    await t.tdb.db.query(
      "UPDATE role_handover SET status = 'withdrawn', responded_at = now() WHERE child_id = $1 AND status = 'pending'",
      [childId],
    );
    // The coordinator stays on the team as a member.
    await t.tdb.db.query(
      "UPDATE team_membership SET team_role = 'member' WHERE child_id = $1 AND team_role = 'coordinator'",
      [childId],
    );
  };
  const createPlan = async (childId: string, payload: Record<string, unknown> = {}, cookie = anna) => {
    const res = await req('POST', plan(childId), {
      cookie,
      payload: { level: 2, reason: 'Elevhälsoteamet beslutade om en plan efter samtal med familjen.', ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { plan: { id: string; version: number; level: number }; [k: string]: unknown };
  };
  /** anna takes the vacant coordinator role herself (immediate). */
  const annaCoordinates = async (childId: string) => {
    const res = await req('POST', plan(childId, '/handovers'), {
      cookie: anna,
      payload: { role: 'coordinator', toAssignmentId: annaA },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('accepted');
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    today = testToday();
    anna = await t.login('anna.lindqvist');
    johan = await t.login('johan.falk');
    // Five pupils at Furuboskolan with anna in the team, their principal as best-interest lead, two
    // custodial guardians each and no plan yet; the last also has sara (social services) as contact.
    const s = scenario(t.tdb.db, today);
    kids = [];
    for (let i = 0; i < 5; i++) {
      const team = ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }] as const;
      const extra = i === 4 ? [{ user: 'sara.nilsson', role: 'contact_person' } as const] : [];
      kids.push((await s.child({ team: [...team, ...extra], guardians: 2 })).id);
    }
    // A child of someone else's who never had a plan (johan's colleague helena's pupil).
    never = await s.child({
      team: [{ user: 'helena.strand', role: 'best_interest_lead' }],
      enrolledAt: '0780:school:2',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('draws up a plan (201, ETag, history, support level, chronology, audit); a second active plan is a 409 that names the first', async () => {
    // A child who never had a plan: 200 with plan null (and no ETag), with the team around it.
    const lead = never.team[0]!;
    const empty = await req('GET', plan(never.id), { cookie: await t.login(lead.username, lead.assignmentId) });
    expect(empty.statusCode).toBe(200);
    expect(empty.headers.etag).toBeUndefined();
    expect(empty.json()).toMatchObject({ childId: never.id, plan: null });
    expect(empty.json().team.some((m: { assignmentId: string }) => m.assignmentId === lead.assignmentId)).toBe(true);

    // anna's child: its demo plan is closed (straight in the table) — a closed plan stays readable.
    const child = kids[0]!;
    await resetChild(child);
    await t.tdb.db.query('UPDATE child SET support_level = 1 WHERE id = $1', [child]);
    const closed = await req('GET', plan(child), { cookie: anna });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().plan === null || closed.json().plan.status === 'closed').toBe(true);
    expect(closed.json()).toMatchObject({ childId: child, supportLevel: 1 });
    expect(closed.json().bestInterestLeadProposal).toMatchObject({ stage: 'in_school', role: 'principal' });
    expect(closed.json().team.some((m: { assignmentId: string }) => m.assignmentId === annaA)).toBe(true);

    const res = await req('POST', plan(child), {
      cookie: anna,
      payload: {
        level: 2,
        reason: 'Elevhälsan och hemmet behöver en gemensam plan.',
        background: '  Frånvaron har ökat under hösten.  ',
        nextReviewDate: addDays(today, 30),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"v1"');
    const view = res.json();
    expect(view.plan).toMatchObject({
      childId: child,
      status: 'active',
      level: 2,
      background: 'Frånvaron har ökat under hösten.',
      nextReviewDate: addDays(today, 30),
      isSip: false,
      version: 1,
      services: [],
      actions: [],
      createdBy: { personId: annaP, name: 'Anna Lindqvist', title: 'Lärare', unitName: 'Furuboskolan' },
      levelHistory: [
        {
          levelBefore: null,
          levelAfter: 2,
          reason: 'Elevhälsan och hemmet behöver en gemensam plan.',
          changedBy: { name: 'Anna Lindqvist' },
        },
      ],
    });
    expect(view.supportLevel).toBe(2);
    expect(await auditOf(rid(res))).toEqual([
      {
        action: 'plan.create',
        outcome: 'permitted',
        child_id: child,
        resource_id: view.plan.id,
        details: { level: 2, supportLevelBefore: 1, supportLevelAfter: 2 },
      },
    ]);
    const chron = (await req('GET', `/api/children/${child}/chronology`, { cookie: anna })).json().entries as {
      kind: string;
      text: string;
      supportLevel: unknown;
    }[];
    expect(chron.find((e) => e.kind === 'plan_created')).toMatchObject({
      text: 'Elevhälsan och hemmet behöver en gemensam plan.',
      supportLevel: { before: 1, after: 2 },
    });

    const get = await req('GET', plan(child), { cookie: anna });
    expect(get.headers.etag).toBe('"v1"');
    expect(get.json().plan.id).toBe(view.plan.id);
    expect(await auditOf(rid(get))).toEqual([
      { action: 'plan.read', outcome: 'permitted', child_id: child, resource_id: null, details: {} },
    ]);

    const before = await counts();
    const second = await req('POST', plan(child), { cookie: anna, payload: { level: 1, reason: 'En plan till' } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: 'conflict', details: { planId: view.plan.id, currentVersion: 1 } });
    expect(second.json().message).toMatch(/already has an active plan/);
    // Telling the caller which plan exists is a read of child data: audited as one.
    expect(await auditOf(rid(second))).toEqual([
      {
        action: 'plan.read',
        outcome: 'permitted',
        child_id: child,
        resource_id: null,
        details: { reason: 'active_plan_exists' },
      },
    ]);
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });

    // The database itself refuses a second active plan too.
    await expect(
      t.tdb.db.query(
        `INSERT INTO plan (id, child_id, level, created_by_person_id, created_by_assignment_id, created_at, updated_at, updated_by_person_id)
         VALUES ($1, $2, 1, $3, $4, now(), now(), $3)`,
        [randomUUID(), child, annaP, annaA],
      ),
    ).rejects.toThrow();
  });

  it('level 3 needs a coordinator: creating or raising without one is a 400 and nothing is written', async () => {
    const child = kids[1]!;
    await resetChild(child);
    const before = await counts();
    const res = await req('POST', plan(child), {
      cookie: anna,
      payload: { level: 3, reason: 'Flera verksamheter behövs.' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation_failed', details: { field: 'level' } });
    expect(res.json().message).toMatch(/coordinator/);
    expect(await counts()).toEqual(before);

    const p = await createPlan(child, { level: 2 });
    const before2 = await counts();
    const raise = await req('POST', plan(child, '/level'), {
      cookie: anna,
      ifMatch: `"v${p.plan.version}"`,
      payload: { level: 3, reason: 'Samordnat stöd behövs.' },
    });
    expect(raise.statusCode).toBe(400);
    expect(raise.json().message).toMatch(/coordinator/);
    expect(await counts()).toEqual(before2);
  });

  it('at level 3 every action needs a responsible person and a due date: 400 naming the action, nothing written', async () => {
    const child = kids[2]!;
    await resetChild(child);
    await annaCoordinates(child);
    const p = await createPlan(child, { level: 3 });
    expect(p.plan.level).toBe(3);
    const before = await counts();
    const noOwner = await req('POST', plan(child, '/actions'), {
      cookie: anna,
      payload: { what: 'Boka ett möte med BUP', dueDate: addDays(today, 10) },
    });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json()).toMatchObject({ error: 'validation_failed', details: { field: 'responsible' } });
    expect(noOwner.json().message).toContain('"Boka ett möte med BUP"');
    expect(noOwner.json().message).toMatch(/no responsible person/);
    const noDue = await req('POST', plan(child, '/actions'), {
      cookie: anna,
      payload: { what: 'Ringa vårdnadshavarna', responsible: { kind: 'professional', assignmentId: annaA } },
    });
    expect(noDue.statusCode).toBe(400);
    expect(noDue.json().details.field).toBe('dueDate');
    expect(noDue.json().message).toContain('"Ringa vårdnadshavarna"');
    expect(await counts()).toEqual(before);

    // A complete one is fine; removing its due date afterwards is refused the same way.
    const ok = await req('POST', plan(child, '/actions'), {
      cookie: anna,
      payload: {
        what: 'Ringa vårdnadshavarna',
        responsible: { kind: 'professional', assignmentId: annaA },
        dueDate: addDays(today, 5),
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers.etag).toBe('"v1"');
    expect(ok.json()).toMatchObject({
      what: 'Ringa vårdnadshavarna',
      status: 'planned',
      overdue: false,
      responsible: { kind: 'professional', assignmentId: annaA, name: 'Anna Lindqvist' },
    });
    const clear = await req('PATCH', plan(child, `/actions/${ok.json().id}`), {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { dueDate: null },
    });
    expect(clear.statusCode).toBe(400);
    expect(clear.json().message).toContain('"Ringa vårdnadshavarna"');

    // Raising a plan whose actions lack them: 400 naming every one of them.
    const other = kids[3]!;
    await resetChild(other);
    await annaCoordinates(other);
    const q = await createPlan(other, { level: 2 });
    for (const what of ['Extra stöd i matematik', 'Samtal med kurator']) {
      expect((await req('POST', plan(other, '/actions'), { cookie: anna, payload: { what } })).statusCode).toBe(201);
    }
    const before2 = await counts();
    const raise = await req('POST', plan(other, '/level'), {
      cookie: anna,
      ifMatch: `"v${q.plan.version}"`,
      payload: { level: 3, reason: 'Fler verksamheter behövs.' },
    });
    expect(raise.statusCode).toBe(400);
    expect(raise.json().message).toContain('"Extra stöd i matematik"');
    expect(raise.json().message).toContain('"Samtal med kurator"');
    expect(raise.json().details.actions).toHaveLength(2);
    expect(await counts()).toEqual(before2);
  });

  it('is versioned: a stale If-Match is 412 with the current version (audited as a read), none is 428', async () => {
    const child = kids[0]!;
    const view = (await req('GET', plan(child), { cookie: anna })).json();
    const v = view.plan.version;
    const first = await req('PATCH', plan(child), {
      cookie: anna,
      ifMatch: `"v${v}"`,
      payload: { background: 'Ny bakgrund' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe(`"v${v + 1}"`);
    const before = await counts();
    const stale = await req('PATCH', plan(child), {
      cookie: anna,
      ifMatch: `"v${v}"`,
      payload: { background: 'Min gamla text' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({
      error: 'precondition_failed',
      details: { currentVersion: v + 1, current: { id: view.plan.id, background: 'Ny bakgrund', version: v + 1 } },
    });
    expect(await auditOf(rid(stale))).toEqual([
      {
        action: 'plan.read',
        outcome: 'permitted',
        child_id: child,
        resource_id: null,
        details: { reason: 'version_conflict' },
      },
    ]);
    const missing = await req('PATCH', plan(child), { cookie: anna, payload: { background: 'Utan If-Match' } });
    expect(missing.statusCode).toBe(428);
    const staleLevel = await req('POST', plan(child, '/level'), {
      cookie: anna,
      ifMatch: `"v${v}"`,
      payload: { level: 1, reason: 'x' },
    });
    expect(staleLevel.statusCode).toBe(412);
    expect(
      (await req('POST', plan(child, '/level'), { cookie: anna, payload: { level: 1, reason: 'x' } })).statusCode,
    ).toBe(428);

    // Items have their own versions.
    const need = await req('POST', plan(child, '/needs'), {
      cookie: anna,
      payload: { indicator: 'included', description: 'Behöver komma in i gruppen på rasterna.' },
    });
    expect(need.statusCode, need.body).toBe(201);
    const id = need.json().id;
    expect(
      (
        await req('PATCH', plan(child, `/needs/${id}`), {
          cookie: anna,
          ifMatch: '"v1"',
          payload: { description: 'Behöver en trygg vuxen på rasterna.' },
        })
      ).statusCode,
    ).toBe(200);
    const staleNeed = await req('PATCH', plan(child, `/needs/${id}`), {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { indicator: 'safe' },
    });
    expect(staleNeed.statusCode).toBe(412);
    expect(staleNeed.json().details).toMatchObject({
      currentVersion: 2,
      current: { id, indicator: 'included', description: 'Behöver en trygg vuxen på rasterna.' },
    });
    expect(await auditOf(rid(staleNeed))).toEqual([
      {
        action: 'plan.read',
        outcome: 'permitted',
        child_id: child,
        resource_id: id,
        details: { reason: 'version_conflict' },
      },
    ]);
    expect(
      (await req('PATCH', plan(child, `/needs/${id}`), { cookie: anna, payload: { indicator: 'safe' } })).statusCode,
    ).toBe(428);
    const after = await counts();
    // Two 412 answers and one 428-free write (the need) and its change: only those rows moved.
    expect(after.plan_versions).toBe(before.plan_versions);
    expect(after.needs).toBe(before.needs + 1);
  });

  it('a level change writes history, support level, chronology and audit in one transaction', async () => {
    const child = kids[3]!;
    const view = (await req('GET', plan(child), { cookie: anna })).json();
    const p = view.plan;
    expect(p.level).toBe(2);
    // Give both open actions an owner and a due date, then raise to 3 (anna coordinates this child).
    for (const a of p.actions) {
      const r = await req('PATCH', plan(child, `/actions/${a.id}`), {
        cookie: anna,
        ifMatch: `"v${a.version}"`,
        payload: { responsible: { kind: 'professional', assignmentId: annaA }, dueDate: addDays(today, 14) },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const res = await req('POST', plan(child, '/level'), {
      cookie: anna,
      ifMatch: `"v${p.version}"`,
      payload: { level: 3, reason: 'Socialtjänsten och BUP behöver vara med.' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe(`"v${p.version + 1}"`);
    expect(res.json().supportLevel).toEqual({ before: 2, after: 3 });
    expect(
      res
        .json()
        .plan.levelHistory.map((h: { levelBefore: number | null; levelAfter: number }) => [
          h.levelBefore,
          h.levelAfter,
        ]),
    ).toEqual([
      [null, 2],
      [2, 3],
    ]);
    const requestId = rid(res);
    expect(await auditOf(requestId)).toEqual([
      {
        action: 'plan.level_change',
        outcome: 'permitted',
        child_id: child,
        resource_id: p.id,
        details: { levelBefore: 2, levelAfter: 3, supportLevelBefore: 2, supportLevelAfter: 3 },
      },
    ]);
    const same = await t.tdb.db.query<{ same: boolean }>(
      `SELECT (SELECT xmin::text FROM audit_event WHERE request_id = $2) = ALL (ARRAY[
                (SELECT xmin::text FROM plan_level_change WHERE plan_id = $1 AND level_after = 3),
                (SELECT xmin::text FROM plan WHERE id = $1),
                (SELECT xmin::text FROM child WHERE id = $3),
                (SELECT xmin::text FROM chronology_entry WHERE child_id = $3 AND kind = 'plan_level_changed' ORDER BY created_at DESC LIMIT 1)]) AS same`,
      [p.id, requestId, child],
    );
    expect(same.rows[0]!.same).toBe(true);
    expect((await req('GET', `/api/children/${child}`, { cookie: anna })).json().supportLevel).toBe(3);
    // Down again, with a reason: the support level follows (plans may lower it).
    const down = await req('POST', plan(child, '/level'), {
      cookie: anna,
      ifMatch: `"v${p.version + 1}"`,
      payload: { level: 1, reason: 'Målen är nådda.' },
    });
    expect(down.json().supportLevel).toEqual({ before: 3, after: 1 });
    const same2 = await req('POST', plan(child, '/level'), {
      cookie: anna,
      ifMatch: `"v${p.version + 2}"`,
      payload: { level: 1, reason: 'Igen' },
    });
    expect(same2.statusCode).toBe(400);
    // The history is append-only, even for the owner.
    await expect(
      t.tdb.db.query("UPDATE plan_level_change SET reason = 'ändrad' WHERE plan_id = $1", [p.id]),
    ).rejects.toThrow();
    await expect(
      t.tdb.db.ownerTransaction((tx) => tx.query('DELETE FROM plan_level_change WHERE plan_id = $1', [p.id])),
    ).rejects.toThrow(/append-only/);
  });

  it('services, needs, goals, actions, the child’s voice, guardians’ views and disagreements', async () => {
    const child = kids[0]!;
    const view = (await req('GET', plan(child), { cookie: anna })).json();
    const p = view.plan;
    const annaMember = view.team.find((m: { assignmentId: string }) => m.assignmentId === annaA);
    const unitId = annaMember.unitId;
    const svc = await req('POST', plan(child, '/services'), {
      cookie: anna,
      payload: { unitId, contactAssignmentId: annaA, contribution: 'Anpassningar i klassrummet' },
    });
    expect(svc.statusCode, svc.body).toBe(201);
    expect(svc.json()).toMatchObject({
      unit: { id: unitId, name: 'Furuboskolan' },
      contact: { assignmentId: annaA, name: 'Anna Lindqvist' },
      contactOnTeam: true,
      version: 1,
    });
    const dup = await req('POST', plan(child, '/services'), {
      cookie: anna,
      payload: { unitId, contactAssignmentId: annaA },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().details.field).toBe('unitId');
    // The contact person must be on the team, in that unit.
    const johanA = demoAssignmentId('johan.falk', 0);
    const notTeam = await req('POST', plan(child, '/services'), {
      cookie: anna,
      payload: { unitId: demoUuidUnit('0780:school:1'), contactAssignmentId: johanA },
    });
    expect(notTeam.statusCode).toBe(400);
    expect(notTeam.json().details.field).toBe('contactAssignmentId');

    const need = (
      await req('POST', plan(child, '/needs'), {
        cookie: anna,
        payload: { indicator: 'achieving', description: 'Behöver stöd för att komma igen i skolarbetet.' },
      })
    ).json();
    const goal = await req('POST', plan(child, '/goals'), {
      cookie: anna,
      payload: {
        description: 'Klarar godkänt i matematik till sommaren.',
        needId: need.id,
        indicators: ['included', 'achieving'],
      },
    });
    expect(goal.statusCode, goal.body).toBe(201);
    expect(goal.json()).toMatchObject({ needId: need.id, indicators: ['achieving', 'included'] });
    const action = await req('POST', plan(child, '/actions'), {
      cookie: anna,
      payload: {
        what: 'Anpassad läxplanering varje måndag',
        goalId: goal.json().id,
        serviceId: svc.json().id,
        responsible: { kind: 'professional', assignmentId: annaA },
        dueDate: today,
        status: 'in_progress',
      },
    });
    expect(action.statusCode, action.body).toBe(201);
    const guardianIds = view.guardians
      .filter((g: { hasCustody: boolean }) => g.hasCustody)
      .map((g: { guardianId: string }) => g.guardianId);
    expect(guardianIds.length).toBeGreaterThanOrEqual(1);
    const byGuardian = await req('POST', plan(child, '/actions'), {
      cookie: anna,
      payload: { what: 'Följa med till första mötet', responsible: { kind: 'guardian', guardianId: guardianIds[0] } },
    });
    expect(byGuardian.json().responsible).toMatchObject({ kind: 'guardian', guardianId: guardianIds[0] });
    const badLinks = await req('POST', plan(child, '/actions'), {
      cookie: anna,
      payload: { what: 'x', goalId: randomUUID() },
    });
    expect(badLinks.json().details.field).toBe('goalId');
    const past = await req('POST', plan(child, '/actions'), {
      cookie: anna,
      payload: { what: 'x', dueDate: addDays(today, -1) },
    });
    expect(past.json().details.field).toBe('dueDate');

    const voice = await req('POST', plan(child, '/voice'), {
      cookie: anna,
      payload: { text: 'Jag vill ha någon att vara med på rasterna.', writtenByChild: true },
    });
    expect(voice.statusCode, voice.body).toBe(201);
    expect(voice.json()).toMatchObject({
      recordedOn: today,
      writtenByChild: true,
      recordedBy: { name: 'Anna Lindqvist' },
    });
    expect(
      (
        await req('POST', plan(child, '/voice'), {
          cookie: anna,
          payload: { text: 'x', recordedOn: addDays(today, 1) },
        })
      ).json().details.field,
    ).toBe('recordedOn');

    const gv = await req('POST', plan(child, '/guardian-views'), {
      cookie: anna,
      payload: { guardianId: guardianIds[0], text: 'Vi vill att skolan hör av sig oftare.' },
    });
    expect(gv.statusCode, gv.body).toBe(201);
    const gv2 = await req('POST', plan(child, '/guardian-views'), {
      cookie: anna,
      payload: { guardianId: guardianIds[0], text: 'En till' },
    });
    expect(gv2.statusCode).toBe(409);
    const foreign = await t.tdb.db.query<{ guardian_id: string }>(
      'SELECT guardian_id FROM custody WHERE child_id <> $1 AND has_custody LIMIT 1',
      [child],
    );
    const notHers = await req('POST', plan(child, '/guardian-views'), {
      cookie: anna,
      payload: { guardianId: foreign.rows[0]!.guardian_id, text: 'x' },
    });
    expect(notHers.json().details.field).toBe('guardianId');
    const patched = await req('PATCH', plan(child, `/guardian-views/${gv.json().id}`), {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { writtenByGuardian: true },
    });
    expect(patched.json()).toMatchObject({ writtenByGuardian: true, version: 2 });

    const dis = await req('POST', plan(child, '/disagreements'), {
      cookie: anna,
      payload: {
        party: { kind: 'guardian', guardianId: guardianIds[0] },
        about: 'Skolbyte',
        text: 'Vårdnadshavaren vill att eleven byter skola; skolan tycker att det är för tidigt.',
      },
    });
    expect(dis.statusCode, dis.body).toBe(201);
    expect(dis.json().party).toMatchObject({ kind: 'guardian', guardianId: guardianIds[0] });
    await expect(
      t.tdb.db.query("UPDATE plan_disagreement SET text = 'x' WHERE id = $1", [dis.json().id]),
    ).rejects.toThrow();

    const full = (await req('GET', plan(child), { cookie: anna })).json().plan;
    expect(full.services.map((s: { id: string }) => s.id)).toContain(svc.json().id);
    expect(full.goals.find((g: { id: string }) => g.id === goal.json().id)).toBeDefined();
    expect(full.voice.map((v: { text: string }) => v.text)).toContain('Jag vill ha någon att vara med på rasterna.');
    expect(full.guardianViews).toHaveLength(1);
    expect(full.disagreements).toHaveLength(1);
    expect(full.actions.find((a: { id: string }) => a.id === action.json().id)).toMatchObject({
      status: 'in_progress',
      overdue: false,
      serviceId: svc.json().id,
    });

    // The action is anna's to do, today; later it is overdue (in words, in the list).
    const todo = (await req('GET', '/api/todo', { cookie: anna })).json();
    expect(todo.items.find((i: { resourceId: string }) => i.resourceId === action.json().id)).toEqual({
      kind: 'action',
      childId: child,
      childName: expect.any(String),
      dueDate: today,
      overdue: false,
      daysOverdue: 0,
      resourceType: 'plan_action',
      resourceId: action.json().id,
      detail: 'Anpassad läxplanering varje måndag',
      why: ['responsible'],
    });
    t.setNow(testNowPlusDays(3));
    try {
      const later = (await req('GET', '/api/todo', { cookie: await t.login('anna.lindqvist') })).json();
      expect(later.items.find((i: { resourceId: string }) => i.resourceId === action.json().id)).toMatchObject({
        overdue: true,
        daysOverdue: 3,
      });
    } finally {
      t.setNow(null);
    }

    // Ending the service: it stays in the plan with its end date; new actions cannot use it.
    const ended = await req('PATCH', plan(child, `/services/${svc.json().id}`), {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { ended: true },
    });
    expect(ended.json()).toMatchObject({ endedOn: today, version: 2 });
    const onEnded = await req('POST', plan(child, '/actions'), {
      cookie: anna,
      payload: { what: 'x', serviceId: svc.json().id },
    });
    expect(onEnded.json().details.field).toBe('serviceId');
    expect(p.id).toBe(full.id);
  });

  it('handover: offer → the receiver sees it in the to-do (child unnamed) → accept moves the role in one transaction; the holder keeps it until then', async () => {
    const child = kids[4]!;
    await resetChild(child);
    await annaCoordinates(child);
    await createPlan(child, { level: 2 });
    // Socialtjänsten Växjö takes part, with sara.nilsson (on the team) as contact; jonas.lindgren works there, not on the team.
    const saraA = demoAssignmentId('sara.nilsson', 0);
    const jonasA = demoAssignmentId('jonas.lindgren', 0);
    await t.tdb.db.query(
      'UPDATE team_membership SET valid_to = $3::date - 1 WHERE child_id = $1 AND assignment_id = ANY($2::uuid[]) AND valid_to IS NULL',
      [child, [jonasA, demoAssignmentId('jonas.lindgren', 1)], today],
    );
    if (!(await teamRoles(child)).some((r) => r.startsWith('sara.nilsson:'))) {
      await t.tdb.db.query(
        "INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) VALUES ($1, $2, $3, $4, 'contact_person', $5::date - 10)",
        [randomUUID(), child, demoPersonId('sara.nilsson'), saraA, today],
      );
    }
    const soc = demoUuidUnit('0780:soc');
    expect(
      (
        await req('POST', plan(child, '/services'), {
          cookie: anna,
          payload: { unitId: soc, contactAssignmentId: saraA },
        })
      ).statusCode,
    ).toBe(201);

    const jonas = await t.login('jonas.lindgren', jonasA);
    expect((await req('GET', `/api/children/${child}`, { cookie: jonas })).statusCode).toBe(404);

    const offer = await req('POST', plan(child, '/handovers'), {
      cookie: anna,
      payload: { role: 'coordinator', toAssignmentId: jonasA },
    });
    expect(offer.statusCode, offer.body).toBe(201);
    const h = offer.json();
    expect(h).toMatchObject({
      role: 'coordinator',
      status: 'pending',
      from: { name: 'Anna Lindqvist' },
      to: { assignmentId: jonasA, name: 'Jonas Lindgren' },
      respondBy: addDays(today, 7),
    });
    expect(await auditOf(rid(offer))).toEqual([
      {
        action: 'handover.offer',
        outcome: 'permitted',
        child_id: child,
        resource_id: h.id,
        details: { role: 'coordinator' },
      },
    ]);
    // One open offer per role.
    expect(
      (
        await req('POST', plan(child, '/handovers'), {
          cookie: anna,
          payload: { role: 'coordinator', toAssignmentId: saraA },
        })
      ).statusCode,
    ).toBe(409);

    // The holder stays responsible until acceptance.
    expect(await teamRoles(child)).toContain('anna.lindqvist:coordinator');
    const pending = (await req('GET', plan(child), { cookie: anna })).json();
    expect(pending.coordinator).toMatchObject({ assignmentId: annaA });
    expect(pending.handovers.map((x: { id: string }) => x.id)).toEqual([h.id]);

    // The receiver: in the to-do and in the inbox, without the child's name; still no access to the child.
    const todo = await req('GET', '/api/todo', { cookie: jonas });
    const item = todo.json().items.find((i: { resourceId: string }) => i.resourceId === h.id);
    expect(item).toEqual({
      kind: 'handover',
      childId: child,
      childName: null,
      dueDate: addDays(today, 7),
      overdue: false,
      daysOverdue: 0,
      resourceType: 'handover',
      resourceId: h.id,
      why: ['receiver'],
    });
    expect((await auditOf(rid(todo))).find((a) => a.child_id === child)).toMatchObject({
      action: 'todo.list',
      outcome: 'permitted',
    });
    const inbox = await req('GET', '/api/handovers', { cookie: jonas });
    expect(inbox.json().incoming).toContainEqual(
      expect.objectContaining({
        id: h.id,
        childId: child,
        child: null,
        role: 'coordinator',
        from: expect.objectContaining({ name: 'Anna Lindqvist' }),
      }),
    );
    expect(inbox.body).not.toContain('personnummer');
    // Every child an offer is about is audited.
    const listed = await auditOf(rid(inbox));
    expect(listed.find((a) => a.child_id === child)).toEqual({
      action: 'handover.list',
      outcome: 'permitted',
      child_id: child,
      resource_id: null,
      details: { childVisible: false },
    });
    // Offers to jonas and offers by him (the demo may have either, depending on its day).
    const offers = [...inbox.json().incoming, ...inbox.json().outgoing] as { childId: string }[];
    expect(new Set(listed.map((a) => a.child_id))).toEqual(new Set(offers.map((x) => x.childId)));
    expect((await req('GET', plan(child), { cookie: jonas })).statusCode).toBe(404);
    const annaInbox = (await req('GET', '/api/handovers', { cookie: anna })).json();
    expect(annaInbox.outgoing.map((x: { id: string; child: unknown }) => [x.id, x.child !== null])).toEqual([
      [h.id, true],
    ]);

    // Someone else cannot answer it: 404, audited with the child.
    const notMine = await req('POST', `/api/handovers/${h.id}/accept`, { cookie: anna });
    expect(notMine.statusCode).toBe(404);
    expect(await auditOf(rid(notMine))).toEqual([
      { action: 'handover.accept', outcome: 'denied', child_id: child, resource_id: h.id, details: {} },
    ]);
    const ghost = await req('POST', `/api/handovers/${randomUUID()}/accept`, { cookie: jonas });
    expect(ghost.statusCode).toBe(404);
    expect((await auditOf(rid(ghost)))[0]).toMatchObject({ outcome: 'not_found', child_id: null });

    const accept = await req('POST', `/api/handovers/${h.id}/accept`, { cookie: jonas });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json()).toMatchObject({
      childId: child,
      canSeeChild: true,
      handover: { status: 'accepted', child: { name: expect.any(String) } },
    });
    const requestId = rid(accept);
    expect(await auditOf(requestId)).toEqual([
      {
        action: 'handover.accept',
        outcome: 'permitted',
        child_id: child,
        resource_id: h.id,
        details: { role: 'coordinator' },
      },
    ]);
    const roles = await teamRoles(child);
    expect(roles).toContain('jonas.lindgren:coordinator');
    expect(roles).not.toContain('anna.lindqvist:coordinator');
    expect(roles).toContain('anna.lindqvist:member');
    expect(roles.filter((r) => r.endsWith(':coordinator'))).toHaveLength(1);
    // anna took the role today and handed it on today: her row is kept as an empty period (ends the day before it began).
    const annaRow = await t.tdb.db.query<{ valid_from: string; valid_to: string }>(
      "SELECT valid_from::text, valid_to::text FROM team_membership WHERE child_id = $1 AND assignment_id = $2 AND team_role = 'coordinator' ORDER BY created_at DESC LIMIT 1",
      [child, annaA],
    );
    expect(annaRow.rows[0]).toEqual({ valid_from: today, valid_to: addDays(today, -1) });
    const tx = await t.tdb.db.query<{ same: boolean }>(
      `SELECT (SELECT xmin::text FROM audit_event WHERE request_id = $1) = ALL (ARRAY[
                (SELECT xmin::text FROM role_handover WHERE id = $2),
                (SELECT xmin::text FROM team_membership WHERE child_id = $3 AND assignment_id = $4 AND team_role = 'coordinator' AND valid_to IS NULL)]) AS same`,
      [requestId, h.id, child, jonasA],
    );
    expect(tx.rows[0]!.same).toBe(true);
    expect((await req('GET', `/api/children/${child}`, { cookie: jonas })).statusCode).toBe(200);
    expect((await req('GET', plan(child), { cookie: jonas })).json().coordinator).toMatchObject({
      assignmentId: jonasA,
    });
    expect((await req('POST', `/api/handovers/${h.id}/accept`, { cookie: jonas })).statusCode).toBe(409);
    expect(
      (await req('GET', '/api/todo', { cookie: jonas }))
        .json()
        .items.some((i: { resourceId: string }) => i.resourceId === h.id),
    ).toBe(false);

    // Decline leaves everything as it was.
    const back = await req('POST', plan(child, '/handovers'), {
      cookie: jonas,
      payload: { role: 'coordinator', toAssignmentId: annaA },
    });
    expect(back.statusCode, back.body).toBe(201);
    const before = await counts();
    const rolesBefore = await teamRoles(child);
    const decline = await req('POST', `/api/handovers/${back.json().id}/decline`, {
      cookie: anna,
      payload: { reason: 'Jag har inte tid i vår.' },
    });
    expect(decline.statusCode, decline.body).toBe(200);
    expect(decline.json().handover.status).toBe('declined');
    expect(await teamRoles(child)).toEqual(rolesBefore);
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.audit - before.audit).toBe(1);
    expect(await auditOf(rid(decline))).toEqual([
      {
        action: 'handover.decline',
        outcome: 'permitted',
        child_id: child,
        resource_id: back.json().id,
        details: { role: 'coordinator' },
      },
    ]);

    // Withdraw: by the offerer; then nothing is pending.
    const third = await req('POST', plan(child, '/handovers'), {
      cookie: jonas,
      payload: { role: 'coordinator', toAssignmentId: saraA },
    });
    expect(
      (await req('POST', plan(child, `/handovers/${third.json().id}/withdraw`), { cookie: anna })).statusCode,
    ).toBe(403);
    const withdrawn = await req('POST', plan(child, `/handovers/${third.json().id}/withdraw`), { cookie: jonas });
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('an offer to someone who cannot receive the role is a 400 naming why; only the holder may offer', async () => {
    const child = kids[4]!; // jonas.lindgren coordinates it now (previous test)
    const jonas = await t.login('jonas.lindgren', demoAssignmentId('jonas.lindgren', 0));
    const before = await counts();
    const offer = (cookie: string, payload: object) => req('POST', plan(child, '/handovers'), { cookie, payload });
    const cases: [string, string, object, RegExp][] = [
      [
        'not on the team, no service',
        jonas,
        { role: 'coordinator', toAssignmentId: demoAssignmentId('johan.falk', 0) },
        /team or a professional in a service/,
      ],
      [
        'an analyst',
        jonas,
        { role: 'coordinator', toAssignmentId: demoAssignmentId('lars.berg', 0) },
        /do not hold responsibility/,
      ],
      ['no such assignment', jonas, { role: 'coordinator', toAssignmentId: randomUUID() }, /no such assignment/],
      [
        'already the holder',
        jonas,
        { role: 'coordinator', toAssignmentId: demoAssignmentId('jonas.lindgren', 0) },
        /already holds/,
      ],
      [
        'answer date in the past',
        jonas,
        { role: 'coordinator', toAssignmentId: annaA, respondBy: addDays(today, -1) },
        /past/,
      ],
    ];
    for (const [label, cookie, payload, message] of cases) {
      const res = await offer(cookie, payload);
      expect(res.statusCode, label).toBe(400);
      expect(res.json().message, label).toMatch(message);
    }
    // anna is no longer the coordinator: she cannot hand it over.
    const notHolder = await offer(anna, { role: 'coordinator', toAssignmentId: demoAssignmentId('sara.nilsson', 0) });
    expect(notHolder.statusCode).toBe(403);

    // Barnets bästa-ansvarig of a pupil is the principal of the child's school; a BVC nurse or another school's principal cannot receive it.
    const lead = (await req('GET', plan(child), { cookie: jonas })).json().bestInterestLead;
    expect(lead).toMatchObject({ role: 'principal' });
    const leadUser = (
      await t.tdb.db.query<{ username: string }>('SELECT p.username FROM person p WHERE p.id = $1', [lead.personId])
    ).rows[0]!.username;
    const principal = await t.login(leadUser, lead.assignmentId);
    const nurse = await offer(principal, {
      role: 'best_interest_lead',
      toAssignmentId: demoAssignmentId('hanna.wall', 0),
    });
    expect(nurse.statusCode).toBe(400);
    expect(nurse.json().message).toMatch(/principal \(rektor\)/);
    const otherSchool = await offer(principal, {
      role: 'best_interest_lead',
      toAssignmentId: demoAssignmentId('helena.strand', 0),
    });
    expect(otherSchool.statusCode).toBe(400);
    expect(otherSchool.json().message).toMatch(/principal of the child's school/);
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
  });

  it('who may receive a role (GET …/handover-candidates): exactly those an offer accepts, the holder left out, audited as a plan read', async () => {
    const child = kids[4]!; // jonas.lindgren coordinates it (earlier tests)
    const jonasA = demoAssignmentId('jonas.lindgren', 0);
    const jonas = await t.login('jonas.lindgren', jonasA);
    const res = await req('GET', plan(child, '/handover-candidates'), { cookie: jonas });
    expect(res.statusCode, res.body).toBe(200);
    type Candidate = { assignmentId: string; name: string; role: string; onTeam: boolean };
    const c = res.json() as { coordinator: Candidate[]; best_interest_lead: Candidate[] };
    expect(await auditOf(rid(res))).toEqual([
      expect.objectContaining({
        action: 'plan.read',
        outcome: 'permitted',
        child_id: child,
        details: expect.objectContaining({ part: 'handover_candidates' }),
      }),
    ]);
    const coordinators = c.coordinator.map((x) => x.assignmentId);
    expect(coordinators).toContain(annaA); // on the team
    expect(coordinators).not.toContain(jonasA); // the holder
    expect(coordinators).not.toContain(demoAssignmentId('johan.falk', 0)); // neither on the team nor in a service
    expect(coordinators).not.toContain(demoAssignmentId('lars.berg', 0)); // an analyst
    // Every one listed is accepted by the offer's own rules (offered, then withdrawn again).
    for (const x of c.coordinator) {
      const offered = await req('POST', plan(child, '/handovers'), {
        cookie: jonas,
        payload: { role: 'coordinator', toAssignmentId: x.assignmentId },
      });
      expect(offered.statusCode, `${x.name}: ${offered.body}`).toBe(201);
      const back = await req('POST', plan(child, `/handovers/${offered.json().id}/withdraw`), { cookie: jonas });
      expect(back.statusCode, back.body).toBe(200);
    }
    // Barnets bästa-ansvarig of a pupil: principals of the child's own school only, never the holder.
    const lead = (await req('GET', plan(child), { cookie: jonas })).json().bestInterestLead;
    const leads = c.best_interest_lead.map((x) => x.assignmentId);
    expect(c.best_interest_lead.every((x) => x.role === 'principal')).toBe(true);
    expect(leads).not.toContain(lead.assignmentId);
    expect(leads).not.toContain(demoAssignmentId('hanna.wall', 0)); // a BVC nurse
    expect(leads).not.toContain(demoAssignmentId('helena.strand', 0)); // another school's principal
    // Someone not on the team: 404, like every plan route.
    const outsider = await req('GET', plan(child, '/handover-candidates'), {
      cookie: await t.login('johan.falk', demoAssignmentId('johan.falk', 0)),
    });
    expect(outsider.statusCode).toBe(404);
  });

  it('someone not on the team gets 404 for every plan route, each denial audited with the child id, and nothing written', async () => {
    const child = kids[0]!;
    const p = (await req('GET', plan(child), { cookie: anna })).json().plan;
    const item = (k: string) => p[k][0]?.id ?? randomUUID();
    const before = await counts();
    const calls: [string, 'GET' | 'POST' | 'PATCH', string, unknown?, string?][] = [
      ['plan.read', 'GET', plan(child)],
      ['plan.create', 'POST', plan(child), { level: 1, reason: 'x' }],
      ['plan.update', 'PATCH', plan(child), { background: 'x' }, '"v1"'],
      ['plan.level_change', 'POST', plan(child, '/level'), { level: 1, reason: 'x' }, '"v1"'],
      [
        'plan_service.create',
        'POST',
        plan(child, '/services'),
        { unitId: randomUUID(), contactAssignmentId: randomUUID() },
      ],
      ['plan_service.update', 'PATCH', plan(child, `/services/${item('services')}`), { contribution: 'x' }, '"v1"'],
      ['plan_need.create', 'POST', plan(child, '/needs'), { indicator: 'safe', description: 'x' }],
      ['plan_need.update', 'PATCH', plan(child, `/needs/${item('needs')}`), { description: 'x' }, '"v1"'],
      ['plan_goal.create', 'POST', plan(child, '/goals'), { description: 'x' }],
      ['plan_goal.update', 'PATCH', plan(child, `/goals/${item('goals')}`), { description: 'x' }, '"v1"'],
      ['plan_action.create', 'POST', plan(child, '/actions'), { what: 'x' }],
      ['plan_action.update', 'PATCH', plan(child, `/actions/${item('actions')}`), { what: 'x' }, '"v1"'],
      ['plan_voice.create', 'POST', plan(child, '/voice'), { text: 'x' }],
      ['plan_voice.update', 'PATCH', plan(child, `/voice/${item('voice')}`), { text: 'x' }, '"v1"'],
      ['plan_guardian_view.create', 'POST', plan(child, '/guardian-views'), { guardianId: randomUUID(), text: 'x' }],
      [
        'plan_guardian_view.update',
        'PATCH',
        plan(child, `/guardian-views/${item('guardianViews')}`),
        { text: 'x' },
        '"v1"',
      ],
      [
        'plan_disagreement.create',
        'POST',
        plan(child, '/disagreements'),
        { party: { kind: 'child' }, about: 'x', text: 'x' },
      ],
      [
        'handover.offer',
        'POST',
        plan(child, '/handovers'),
        { role: 'coordinator', toAssignmentId: demoAssignmentId('johan.falk', 0) },
      ],
      ['handover.withdraw', 'POST', plan(child, `/handovers/${randomUUID()}/withdraw`)],
    ];
    for (const [action, method, url, payload, ifMatch] of calls) {
      const res = await req(method, url, { cookie: johan, payload, ...(ifMatch ? { ifMatch } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found', message: 'Not found or no access' });
      expect(res.body).not.toMatch(/Anna|level|background|plan"/);
      expect(
        (await auditOf(rid(res))).map((a) => [a.action, a.outcome, a.child_id]),
        `${method} ${url}`,
      ).toEqual([[action, 'denied', child]]);
    }
    const after = await counts();
    expect({ ...after, audit: after.audit - calls.length }).toEqual(before);
  });

  it('an item of another child, or none, is not found (and audited so)', async () => {
    const [a, b] = [kids[0]!, kids[3]!];
    const need = (await req('GET', plan(a), { cookie: anna })).json().plan.needs[0];
    const res = await req('PATCH', plan(b, `/needs/${need.id}`), {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { description: 'x' },
    });
    expect(res.statusCode).toBe(404);
    expect(await auditOf(rid(res))).toEqual([
      { action: 'plan_need.update', outcome: 'not_found', child_id: b, resource_id: need.id, details: {} },
    ]);
    // No active plan, only a closed one: adding to it is refused as a conflict (the closed plan stays read-only).
    await resetChild(kids[1]!);
    const none = await req('POST', plan(kids[1]!, '/needs'), {
      cookie: anna,
      payload: { indicator: 'safe', description: 'x' },
    });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ error: 'conflict', details: { reason: 'plan_closed' } });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/children/{childId}/plan'].get.responses['200']).toBeDefined();
    expect(Object.keys(doc.paths['/api/children/{childId}/plan'].patch.responses)).toEqual(
      expect.arrayContaining(['200', '404', '412', '428']),
    );
    expect(doc.paths['/api/children/{childId}/plan/actions/{actionId}'].patch.description).toMatch(/If-Match/);
    expect(doc.paths['/api/handovers/{handoverId}/accept'].post).toBeDefined();
    for (const id of [
      'PlanView',
      'Plan',
      'PlanAction',
      'PlanCreateRequest',
      'PlanActionCreateRequest',
      'HandoverOfferRequest',
      'HandoverList',
      'BestInterestLeadProposal',
    ]) {
      expect(doc.components.schemas[id], id).toBeDefined();
    }
  });
});

/** Demo unit ids are derived from stable keys (see src/server/demo/seed.ts). */
function demoUuidUnit(key: string): string {
  return demoUuid(`unit:${key}`);
}
