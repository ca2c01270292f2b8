import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

interface Call {
  cookie: string;
  payload?: unknown;
  ifMatch?: string;
}

describe.each(testDbKinds())('meetings, reviews and closing the plan (%s)', (kind) => {
  let t: TestApp;
  let today: string;
  let anna: string;
  const annaA = demoAssignmentId('anna.lindqvist', 0);
  let kids: string[];

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, c: Call) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: c.cookie, ...(c.ifMatch ? { 'if-match': c.ifMatch } : {}) },
      ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
    });
  const plan = (childId: string, rest = '') => `/api/children/${childId}/plan${rest}`;
  const rid = (res: { headers: Record<string, unknown> }) => res.headers['x-request-id'] as string;
  const auditOf = async (requestId: string) =>
    (
      await t.tdb.db.query<{
        action: string;
        outcome: string;
        child_id: string | null;
        details: Record<string, unknown>;
      }>('SELECT action, outcome, child_id, details FROM audit_event WHERE request_id = $1 ORDER BY seq', [requestId])
    ).rows;
  /** Row counts that a refused write must leave as they were. */
  const counts = async () =>
    (
      await t.tdb.db.query<
        Record<
          | 'meetings'
          | 'meeting_versions'
          | 'invitees'
          | 'decisions'
          | 'actions'
          | 'action_versions'
          | 'reviews'
          | 'outcomes'
          | 'plan_versions'
          | 'status_changes'
          | 'chronology',
          number
        >
      >(
        `SELECT (SELECT count(*) FROM plan_meeting)::int AS meetings, (SELECT coalesce(sum(version), 0) FROM plan_meeting)::int AS meeting_versions,
                (SELECT count(*) FROM plan_meeting_invitee)::int AS invitees, (SELECT count(*) FROM plan_meeting_decision)::int AS decisions,
                (SELECT count(*) FROM plan_action)::int AS actions, (SELECT coalesce(sum(version), 0) FROM plan_action)::int AS action_versions,
                (SELECT count(*) FROM plan_review)::int AS reviews, (SELECT count(*) FROM plan_review_outcome)::int AS outcomes,
                (SELECT sum(version) FROM plan)::int AS plan_versions, (SELECT count(*) FROM plan_status_change)::int AS status_changes,
                (SELECT count(*) FROM chronology_entry)::int AS chronology`,
      )
    ).rows[0]!;
  /** A fresh level-2 plan for the child, with anna as coordinator and one action (no earlier plan active). */
  const freshPlan = async (childId: string) => {
    await t.tdb.db.query("UPDATE plan SET status = 'closed' WHERE child_id = $1 AND status = 'active'", [childId]);
    await t.tdb.db.query(
      "UPDATE role_handover SET status = 'withdrawn', responded_at = now() WHERE child_id = $1 AND status = 'pending'",
      [childId],
    );
    await t.tdb.db.query(
      "UPDATE team_membership SET team_role = 'member' WHERE child_id = $1 AND team_role = 'coordinator'",
      [childId],
    );
    const coord = await req('POST', plan(childId, '/handovers'), {
      cookie: anna,
      payload: { role: 'coordinator', toAssignmentId: annaA },
    });
    expect(coord.statusCode, coord.body).toBe(201);
    const created = await req('POST', plan(childId), {
      cookie: anna,
      payload: { level: 2, reason: 'Nätverket behöver samordna stödet.', nextReviewDate: addDays(today, 10) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = await req('POST', plan(childId, '/actions'), {
      cookie: anna,
      payload: {
        what: 'Stödsamtal hos kuratorn',
        responsible: { kind: 'professional', assignmentId: annaA },
        dueDate: addDays(today, 20),
      },
    });
    expect(action.statusCode, action.body).toBe(201);
    const view = (await req('GET', plan(childId), { cookie: anna })).json();
    return {
      planId: view.plan.id as string,
      version: view.plan.version as number,
      actionId: action.json().id as string,
      view,
    };
  };
  const meetingBody = (extra: Record<string, unknown> = {}) => ({
    date: today,
    startTime: '13:00',
    endTime: '14:00',
    place: 'Skolans konferensrum',
    purpose: 'Uppföljning av planen med familjen',
    agenda: ['Hur har det gått?', 'Barnets röst', 'Nästa steg'],
    invitees: [{ kind: 'professional', assignmentId: annaA }, { kind: 'child' }],
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    today = testToday();
    anna = await t.login('anna.lindqvist');
    // Five pupils at Furuboskolan with anna and their principal (best-interest lead) on the team, two guardians each.
    const s = scenario(t.tdb.db, today);
    kids = [];
    for (let i = 0; i < 5; i++) {
      const child = await s.child({
        team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }],
        guardians: 2,
      });
      kids.push(child.id);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('plans a meeting with an invitation list by reference (201, ETag, audited); bad input is a 400 naming the field, nothing written', async () => {
    const child = kids[0]!;
    const { planId } = await freshPlan(child);
    const guardian = (
      await t.tdb.db.query<{ guardian_id: string }>('SELECT guardian_id FROM custody WHERE child_id = $1 LIMIT 1', [
        child,
      ])
    ).rows[0]?.guardian_id;
    const body = meetingBody(
      guardian
        ? {
            invitees: [
              { kind: 'professional', assignmentId: annaA, attendance: 'attending' },
              { kind: 'child' },
              { kind: 'guardian', guardianId: guardian },
            ],
          }
        : {},
    );
    const res = await req('POST', plan(child, '/meetings'), { cookie: anna, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"v1"');
    const m = res.json();
    expect(m).toMatchObject({
      planId,
      childId: child,
      date: today,
      startTime: '13:00',
      endTime: '14:00',
      digital: false,
      status: 'planned',
      agenda: body.agenda,
      version: 1,
    });
    expect(m.invitees[0]).toMatchObject({ kind: 'professional', assignmentId: annaA, name: 'Anna Lindqvist' });
    expect(m.invitees[1]).toEqual({ kind: 'child', attendance: 'invited' });
    if (guardian)
      expect(m.invitees[2]).toMatchObject({ kind: 'guardian', guardianId: guardian, attendance: 'invited' });
    expect(await auditOf(rid(res))).toEqual([
      expect.objectContaining({ action: 'plan_meeting.create', outcome: 'permitted', child_id: child }),
    ]);
    // Listed, and readable with its ETag.
    const list = await req('GET', plan(child, '/meetings'), { cookie: anna });
    expect(list.json()).toMatchObject({ planId, planStatus: 'active' });
    expect(list.json().meetings.map((x: { id: string }) => x.id)).toContain(m.id);
    const one = await req('GET', plan(child, `/meetings/${m.id}`), { cookie: anna });
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"v1"');

    const before = await counts();
    // A professional who is not on this child's team cannot be invited by reference.
    const stranger = (
      await t.tdb.db.query<{ assignment_id: string }>(
        "SELECT a.id AS assignment_id FROM assignment a WHERE a.role = 'teacher' AND NOT EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = $1 AND t.assignment_id = a.id) ORDER BY a.id LIMIT 1",
        [child],
      )
    ).rows[0];
    const bad: [Record<string, unknown>, string][] = [
      [meetingBody({ place: null }), 'place'],
      [meetingBody({ place: '  ', digital: false }), 'place'],
      [meetingBody({ endTime: '12:00' }), 'endTime'],
      [meetingBody({ startTime: '25:00' }), 'startTime'],
      [meetingBody({ purpose: '' }), 'purpose'],
      [meetingBody({ invitees: [{ kind: 'child' }, { kind: 'child' }] }), 'invitees.1'],
      [
        meetingBody({ invitees: [{ kind: 'guardian', guardianId: '00000000-0000-4000-8000-000000000000' }] }),
        'invitees.0.guardianId',
      ],
      [
        meetingBody({ invitees: [{ kind: 'professional', assignmentId: '00000000-0000-4000-8000-000000000000' }] }),
        'invitees.0.assignmentId',
      ],
      [meetingBody({ date: '2026-13-01' }), 'date'],
    ];
    if (stranger)
      bad.push([
        meetingBody({ invitees: [{ kind: 'professional', assignmentId: stranger.assignment_id }] }),
        'invitees.0.assignmentId',
      ]);
    for (const [payload, field] of bad) {
      const r = await req('POST', plan(child, '/meetings'), { cookie: anna, payload });
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      const b = r.json();
      expect(b.details?.field ?? b.issues?.[0]?.path, r.body).toBe(field);
      expect(b.message.length).toBeGreaterThan(10);
    }
    // Digital needs no place.
    const digital = await req('POST', plan(child, '/meetings'), {
      cookie: anna,
      payload: meetingBody({ place: null, digital: true }),
    });
    expect(digital.statusCode, digital.body).toBe(201);
    const after = await counts();
    expect(after.meetings).toBe(before.meetings + 1);
  });

  it('changes a meeting with If-Match (428 / 412 with theirs): attendance, notes, held (not before its day, with a chronology entry), cancelled is final', async () => {
    const child = kids[1]!;
    await freshPlan(child);
    const m = (await req('POST', plan(child, '/meetings'), { cookie: anna, payload: meetingBody() })).json();
    const url = plan(child, `/meetings/${m.id}`);
    const missing = await req('PATCH', url, { cookie: anna, payload: { notes: 'x' } });
    expect(missing.statusCode).toBe(428);
    const ok = await req('PATCH', url, {
      cookie: anna,
      ifMatch: '"v1"',
      payload: {
        notes: 'Barnet berättade att rasterna är bättre nu.',
        invitees: [
          { kind: 'professional', assignmentId: annaA, attendance: 'attending' },
          { kind: 'child', attendance: 'excused' },
        ],
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    expect(ok.json().invitees.map((i: { attendance: string }) => i.attendance)).toEqual(['attending', 'excused']);
    // Someone else started from v1: 412 with the current meeting, audited as a read.
    const stale = await req('PATCH', url, { cookie: anna, ifMatch: '"v1"', payload: { purpose: 'Annat syfte' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().details).toMatchObject({
      currentVersion: 2,
      current: { id: m.id, notes: 'Barnet berättade att rasterna är bättre nu.' },
    });
    expect((await auditOf(rid(stale))).map((a) => [a.action, a.outcome, a.details])).toEqual([
      ['plan_meeting.read', 'permitted', { reason: 'version_conflict' }],
    ]);

    // Held: not before its day.
    const future = (
      await req('POST', plan(child, '/meetings'), { cookie: anna, payload: meetingBody({ date: addDays(today, 5) }) })
    ).json();
    const early = await req('PATCH', plan(child, `/meetings/${future.id}`), {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { status: 'held' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().details.field).toBe('status');
    const chronologyBefore = (await counts()).chronology;
    const held = await req('PATCH', url, { cookie: anna, ifMatch: '"v2"', payload: { status: 'held' } });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().status).toBe('held');
    expect((await counts()).chronology).toBe(chronologyBefore + 1);
    // The newest entry of the child's chronology (the demo has held meetings of its own).
    const entry = (
      await t.tdb.db.query<{ kind: string; text: string }>(
        'SELECT kind, text FROM chronology_entry WHERE child_id = $1 ORDER BY created_at DESC, id LIMIT 1',
        [child],
      )
    ).rows;
    expect(entry).toEqual([{ kind: 'plan_meeting_held', text: m.purpose }]);
    expect((await auditOf(rid(held)))[0]!.details).toMatchObject({ statusBefore: 'planned', statusAfter: 'held' });
    // A held meeting's notes can still be corrected; its status does not go back.
    expect(
      (await req('PATCH', url, { cookie: anna, ifMatch: '"v3"', payload: { notes: 'Rättade anteckningar' } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await req('PATCH', url, { cookie: anna, ifMatch: '"v4"', payload: { status: 'cancelled' } })).statusCode,
    ).toBe(409);
    // Cancelled is final.
    const cancelled = await req('PATCH', plan(child, `/meetings/${future.id}`), {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { status: 'cancelled', cancelledReason: 'Familjen är sjuk' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const again = await req('PATCH', plan(child, `/meetings/${future.id}`), {
      cookie: anna,
      ifMatch: '"v2"',
      payload: { notes: 'x' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().details.reason).toBe('meeting_cancelled');
  });

  it('a decision creates or changes an action in the same transaction; level-3 rules and stale versions leave nothing written', async () => {
    const child = kids[2]!;
    const { actionId } = await freshPlan(child);
    const m = (await req('POST', plan(child, '/meetings'), { cookie: anna, payload: meetingBody() })).json();
    const url = plan(child, `/meetings/${m.id}/decisions`);
    expect((await req('POST', url, { cookie: anna, payload: { text: 'x' } })).statusCode).toBe(428);
    const created = await req('POST', url, {
      cookie: anna,
      ifMatch: '"v1"',
      payload: {
        text: 'Skolan ordnar rastaktivitet tre dagar i veckan.',
        action: {
          kind: 'create',
          what: 'Rastaktivitet med rastvärd',
          responsible: { kind: 'professional', assignmentId: annaA },
          dueDate: addDays(today, 30),
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"v2"');
    const r = created.json();
    expect(r.decision).toMatchObject({
      effect: 'action_created',
      actionId: r.action.id,
      actionWhat: 'Rastaktivitet med rastvärd',
      decidedBy: { name: 'Anna Lindqvist' },
    });
    expect(r.action).toMatchObject({
      what: 'Rastaktivitet med rastvärd',
      status: 'planned',
      dueDate: addDays(today, 30),
    });
    const planNow = (await req('GET', plan(child), { cookie: anna })).json().plan;
    expect(planNow.actions.map((a: { id: string }) => a.id)).toContain(r.action.id);
    expect((await auditOf(rid(created))).map((a) => [a.action, a.details])).toEqual([
      ['plan_meeting.decide', { effect: 'action_created' }],
    ]);

    // A decision changes the action as the meeting saw it: if someone changed it since, 409 and nothing is recorded.
    const seen = (planNow.actions as { id: string; version: number }[]).find((x) => x.id === actionId)!.version;
    const beforeStale = await counts();
    const stale = await req('POST', url, {
      cookie: anna,
      ifMatch: '"v2"',
      payload: {
        text: 'På gammal version',
        action: { kind: 'change', actionId, actionVersion: seen + 1, status: 'done' },
      },
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().details).toMatchObject({ reason: 'action_changed', actionId, currentVersion: seen });
    expect(await counts()).toEqual(beforeStale);
    const changed = await req('POST', url, {
      cookie: anna,
      ifMatch: '"v2"',
      payload: {
        text: 'Stödsamtalen pågår; ny tid.',
        action: { kind: 'change', actionId, actionVersion: seen, status: 'in_progress', dueDate: addDays(today, 40) },
      },
    });
    expect(changed.statusCode, changed.body).toBe(201);
    expect(changed.json().action).toMatchObject({
      id: actionId,
      status: 'in_progress',
      dueDate: addDays(today, 40),
      version: 2,
    });
    expect(changed.json().decision).toMatchObject({
      effect: 'action_changed',
      actionChange: { status: 'in_progress', dueDate: addDays(today, 40) },
    });

    const before = await counts();
    const refused: [Call, number, string?][] = [
      [{ cookie: anna, ifMatch: '"v1"', payload: { text: 'För sent' } }, 412],
      [{ cookie: anna, ifMatch: '"v3"', payload: { text: '' } }, 400, 'text'],
      [
        {
          cookie: anna,
          ifMatch: '"v3"',
          payload: { text: 'Ändra', action: { kind: 'change', actionId, actionVersion: 2 } },
        },
        400,
      ],
      [
        {
          cookie: anna,
          ifMatch: '"v3"',
          payload: { text: 'Utan version', action: { kind: 'change', actionId, status: 'done' } },
        },
        400,
      ],
      [
        {
          cookie: anna,
          ifMatch: '"v3"',
          payload: {
            text: 'Okänd',
            action: {
              kind: 'change',
              actionId: '00000000-0000-4000-8000-000000000000',
              actionVersion: 1,
              status: 'done',
            },
          },
        },
        400,
        'action.actionId',
      ],
      [
        {
          cookie: anna,
          ifMatch: '"v3"',
          payload: { text: 'Förr', action: { kind: 'create', what: 'Något', dueDate: addDays(today, -3) } },
        },
        400,
        'action.dueDate',
      ],
    ];
    for (const [call, status, field] of refused) {
      const res = await req('POST', url, call);
      expect(res.statusCode, res.body).toBe(status);
      if (field) expect(res.json().details?.field ?? res.json().issues?.[0]?.path).toBe(field);
    }
    expect({ ...(await counts()) }).toEqual(before);

    // Level 3: a new action from a decision needs a responsible person and a due date.
    const v = (await req('GET', plan(child), { cookie: anna })).json().plan.version;
    const level = await req('POST', plan(child, '/level'), {
      cookie: anna,
      ifMatch: `"v${v}"`,
      payload: { level: 3, reason: 'Fler verksamheter behövs.' },
    });
    expect(level.statusCode, level.body).toBe(200);
    const before3 = await counts();
    const noOwner = await req('POST', url, {
      cookie: anna,
      ifMatch: '"v3"',
      payload: { text: 'Utan ägare', action: { kind: 'create', what: 'Hembesök', dueDate: addDays(today, 9) } },
    });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().message).toContain('Hembesök');
    expect(await counts()).toEqual(before3);
  });

  it('a decision, a meeting, a review or any change on a closed plan is a 409 with a clear message, and nothing is written', async () => {
    const child = kids[3]!;
    const { version, actionId } = await freshPlan(child);
    const m = (await req('POST', plan(child, '/meetings'), { cookie: anna, payload: meetingBody() })).json();
    // "other" needs its text.
    const noText = await req('POST', plan(child, '/close'), {
      cookie: anna,
      ifMatch: `"v${version}"`,
      payload: { reason: 'other' },
    });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().details.field).toBe('reasonText');
    expect(
      (await req('POST', plan(child, '/close'), { cookie: anna, payload: { reason: 'goals_met' } })).statusCode,
    ).toBe(428);
    expect(
      (
        await req('POST', plan(child, '/close'), {
          cookie: anna,
          ifMatch: `"v${version + 5}"`,
          payload: { reason: 'goals_met' },
        })
      ).statusCode,
    ).toBe(412);
    const closed = await req('POST', plan(child, '/close'), {
      cookie: anna,
      ifMatch: `"v${version}"`,
      payload: { reason: 'goals_met' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().plan).toMatchObject({ status: 'closed', version: version + 1 });
    expect(closed.json().plan.statusHistory).toEqual([
      expect.objectContaining({
        statusAfter: 'closed',
        reasonCode: 'goals_met',
        reasonText: null,
        changedBy: expect.objectContaining({ name: 'Anna Lindqvist' }),
      }),
    ]);
    expect((await auditOf(rid(closed))).map((a) => [a.action, a.details])).toEqual([
      ['plan.close', { reason: 'goals_met' }],
    ]);
    const chron = (
      await t.tdb.db.query<{ text: string }>(
        "SELECT text FROM chronology_entry WHERE child_id = $1 AND kind = 'plan_closed'",
        [child],
      )
    ).rows;
    expect(chron).toEqual([{ text: 'Målen är uppnådda.' }]);

    // Still readable, with its meetings.
    const read = await req('GET', plan(child), { cookie: anna });
    expect(read.statusCode).toBe(200);
    expect(read.json().plan.status).toBe('closed');
    expect((await req('GET', plan(child, '/meetings'), { cookie: anna })).json()).toMatchObject({
      planStatus: 'closed',
    });

    const before = await counts();
    const writes: [string, string, Call][] = [
      [
        'POST',
        `/meetings/${m.id}/decisions`,
        { cookie: anna, ifMatch: '"v1"', payload: { text: 'Beslut', action: { kind: 'create', what: 'Ny åtgärd' } } },
      ],
      ['PATCH', `/meetings/${m.id}`, { cookie: anna, ifMatch: '"v1"', payload: { notes: 'x' } }],
      ['POST', '/meetings', { cookie: anna, payload: meetingBody() }],
      [
        'POST',
        '/reviews',
        {
          cookie: anna,
          ifMatch: `"v${version + 1}"`,
          payload: { reviewedOn: today, outcomes: [{ actionId, outcome: 'done' }], nextReviewDate: null },
        },
      ],
      ['PATCH', '', { cookie: anna, ifMatch: `"v${version + 1}"`, payload: { background: 'x' } }],
      ['POST', '/needs', { cookie: anna, payload: { indicator: 'safe', description: 'x' } }],
      ['PATCH', `/actions/${actionId}`, { cookie: anna, ifMatch: '"v1"', payload: { status: 'done' } }],
      ['POST', '/close', { cookie: anna, ifMatch: `"v${version + 1}"`, payload: { reason: 'moved' } }],
    ];
    for (const [method, path, call] of writes) {
      const res = await req(method as 'POST', plan(child, path), call);
      expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(409);
      expect(res.json().message, `${method} ${path}`).toMatch(/closed/);
    }
    expect(await counts()).toEqual(before);
    const decision = await req('POST', plan(child, `/meetings/${m.id}/decisions`), writes[0]![2]);
    expect(decision.json().message).toMatch(/plan is closed/);
  });

  it('reopens a closed plan with a reason (history, chronology); refused while another plan is active', async () => {
    const child = kids[4]!;
    const first = await freshPlan(child);
    const closed = await req('POST', plan(child, '/close'), {
      cookie: anna,
      ifMatch: `"v${first.version}"`,
      payload: { reason: 'other', reasonText: 'Familjen vill pausa stödet under sommaren.' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().plan.statusHistory[0]).toMatchObject({
      reasonCode: 'other',
      reasonText: 'Familjen vill pausa stödet under sommaren.',
    });
    expect(
      (
        await req('POST', plan(child, '/reopen'), {
          cookie: anna,
          ifMatch: `"v${first.version + 1}"`,
          payload: { reason: '' },
        })
      ).statusCode,
    ).toBe(400);
    const reopened = await req('POST', plan(child, '/reopen'), {
      cookie: anna,
      ifMatch: `"v${first.version + 1}"`,
      payload: { reason: 'Familjen vill ha stödet igen.' },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().plan).toMatchObject({ id: first.planId, status: 'active', version: first.version + 2 });
    expect(reopened.json().plan.statusHistory.map((s: { statusAfter: string }) => s.statusAfter)).toEqual([
      'closed',
      'active',
    ]);
    expect(
      (await t.tdb.db.query("SELECT 1 FROM chronology_entry WHERE child_id = $1 AND kind = 'plan_reopened'", [child]))
        .rows.length,
    ).toBe(1);
    // Close it again, draw up a new plan, then try to reopen the old one: 409, nothing written.
    expect(
      (
        await req('POST', plan(child, '/close'), {
          cookie: anna,
          ifMatch: `"v${first.version + 2}"`,
          payload: { reason: 'moved' },
        })
      ).statusCode,
    ).toBe(200);
    const second = await req('POST', plan(child), {
      cookie: anna,
      payload: { level: 2, reason: 'En ny plan efter flytten tillbaka.' },
    });
    expect(second.statusCode, second.body).toBe(201);
    const before = await counts();
    const refused = await req('POST', plan(child, '/reopen'), {
      cookie: anna,
      ifMatch: `"v${first.version + 3}"`,
      payload: { reason: 'Försök' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'conflict', details: { reason: 'active_plan_exists' } });
    expect(refused.json().message).toMatch(/another active plan/);
    expect(await counts()).toEqual(before);
  });

  it('records a review: every open action gets a coded outcome, the next review date is set, all in one transaction', async () => {
    const child = kids[0]!;
    const { version, actionId } = await freshPlan(child);
    const second = (
      await req('POST', plan(child, '/actions'), {
        cookie: anna,
        payload: { what: 'Extra stöd i matematik', responsible: { kind: 'child' }, dueDate: addDays(today, 15) },
      })
    ).json().id as string;
    const third = (
      await req('POST', plan(child, '/actions'), {
        cookie: anna,
        payload: { what: 'Föräldraträffar', dueDate: addDays(today, 25) },
      })
    ).json().id as string;
    const fourth = (
      await req('POST', plan(child, '/actions'), {
        cookie: anna,
        payload: { what: 'Fritidsaktivitet', dueDate: addDays(today, 25) },
      })
    ).json().id as string;
    const meeting = (await req('POST', plan(child, '/meetings'), { cookie: anna, payload: meetingBody() })).json();
    const good = {
      reviewedOn: today,
      meetingId: meeting.id,
      summary: 'Det går bättre i skolan.',
      outcomes: [
        { actionId, outcome: 'done', comment: 'Eleven säger att samtalen hjälpt.' },
        {
          actionId: second,
          outcome: 'change',
          newWhat: 'Extra stöd i matematik och svenska',
          newDueDate: addDays(today, 60),
        },
        { actionId: third, outcome: 'continue' },
        { actionId: fourth, outcome: 'bring_in_service', comment: 'Fritidsgården behöver kopplas in.' },
      ],
      nextReviewDate: addDays(today, 45),
    };
    const url = plan(child, '/reviews');
    expect((await req('POST', url, { cookie: anna, payload: good })).statusCode).toBe(428);
    const before = await counts();
    const v = `"v${version}"`;
    const bad: [unknown, number, string | RegExp][] = [
      [{ ...good, outcomes: good.outcomes.slice(1) }, 400, 'outcomes'],
      [
        {
          ...good,
          outcomes: [...good.outcomes.slice(0, 1), { actionId: second, outcome: 'change' }, ...good.outcomes.slice(2)],
        },
        400,
        'outcomes.1.newDueDate',
      ],
      [
        { ...good, outcomes: [...good.outcomes.slice(0, 3), { actionId: fourth, outcome: 'bring_in_service' }] },
        400,
        'outcomes.3.comment',
      ],
      [{ ...good, outcomes: [...good.outcomes, { actionId, outcome: 'continue' }] }, 400, 'outcomes.4.actionId'],
      [
        { ...good, outcomes: [{ ...good.outcomes[0], outcome: 'finished' }, ...good.outcomes.slice(1)] },
        400,
        'outcomes.0.outcome',
      ],
      [{ ...good, reviewedOn: addDays(today, 1) }, 400, 'reviewedOn'],
      [{ ...good, nextReviewDate: today }, 400, 'nextReviewDate'],
      [{ ...good, meetingId: '00000000-0000-4000-8000-000000000000' }, 400, 'meetingId'],
      [
        {
          ...good,
          outcomes: [
            ...good.outcomes.slice(0, 1),
            { ...good.outcomes[1], newDueDate: addDays(today, -1) },
            ...good.outcomes.slice(2),
          ],
        },
        400,
        'outcomes.1.newDueDate',
      ],
    ];
    for (const [payload, status, field] of bad) {
      const res = await req('POST', url, { cookie: anna, ifMatch: v, payload });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().details?.field ?? res.json().issues?.[0]?.path, res.body).toBe(field);
    }
    const missing = await req('POST', url, {
      cookie: anna,
      ifMatch: v,
      payload: { ...good, outcomes: good.outcomes.slice(1) },
    });
    expect(missing.json().message).toContain('Stödsamtal hos kuratorn');
    const stale = await req('POST', url, { cookie: anna, ifMatch: `"v${version - 1}"`, payload: good });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().details).toMatchObject({
      currentVersion: version,
      current: { id: expect.any(String), version },
    });
    expect(await counts()).toEqual(before);

    const ok = await req('POST', url, { cookie: anna, ifMatch: v, payload: good });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers.etag).toBe(`"v${version + 1}"`);
    const { review, plan: after } = ok.json();
    expect(review).toMatchObject({
      reviewedOn: today,
      meetingId: meeting.id,
      summary: 'Det går bättre i skolan.',
      previousReviewDate: addDays(today, 10),
      nextReviewDate: addDays(today, 45),
    });
    expect(review.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual([
      'done',
      'change',
      'continue',
      'bring_in_service',
    ]);
    expect(review.outcomes[1]).toMatchObject({
      whatBefore: 'Extra stöd i matematik',
      whatAfter: 'Extra stöd i matematik och svenska',
      dueBefore: addDays(today, 15),
      dueAfter: addDays(today, 60),
    });
    expect(after.nextReviewDate).toBe(addDays(today, 45));
    const byId = new Map(after.actions.map((a: { id: string }) => [a.id, a]));
    expect(byId.get(actionId)).toMatchObject({ status: 'done' });
    expect(byId.get(second)).toMatchObject({
      what: 'Extra stöd i matematik och svenska',
      dueDate: addDays(today, 60),
      status: 'planned',
    });
    expect(byId.get(third)).toMatchObject({ status: 'planned', version: 1 });
    expect((await auditOf(rid(ok))).map((a) => [a.action, a.details])).toEqual([
      ['plan_review.create', { done: 1, change: 1, continue: 1, bring_in_service: 1 }],
    ]);
    const list = await req('GET', url, { cookie: anna });
    expect(list.json().reviews[0].id).toBe(review.id);
    expect((await counts()).outcomes).toBe(before.outcomes + 4);
  });

  it('an accepted handover is written into the chronology in the same transaction', async () => {
    const child = kids[1]!;
    const johanA = demoAssignmentId('johan.falk', 0);
    // johan joins the team as a member so that he may receive the coordinator role.
    const johanP = (
      await t.tdb.db.query<{ person_id: string }>('SELECT person_id FROM assignment WHERE id = $1', [johanA])
    ).rows[0]!.person_id;
    await t.tdb.db.query(
      "INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) VALUES (gen_random_uuid(), $1, $2, $3, 'member', current_date - 3)",
      [child, johanP, johanA],
    );
    const offer = await req('POST', plan(child, '/handovers'), {
      cookie: anna,
      payload: { role: 'coordinator', toAssignmentId: johanA },
    });
    expect(offer.statusCode, offer.body).toBe(201);
    const before = (await counts()).chronology;
    const johan = await t.login('johan.falk');
    const accepted = await req('POST', `/api/handovers/${offer.json().id}/accept`, { cookie: johan });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await counts()).chronology).toBe(before + 1);
    const entry = (
      await t.tdb.db.query<{ text: string; entered_by_assignment_id: string }>(
        "SELECT text, entered_by_assignment_id FROM chronology_entry WHERE child_id = $1 AND kind = 'role_handover_accepted' ORDER BY created_at DESC LIMIT 1",
        [child],
      )
    ).rows[0]!;
    expect(entry.text).toMatch(/^Samordnaransvaret har tagits över av .+ efter Anna Lindqvist\.$/);
    expect(entry.entered_by_assignment_id).toBe(johanA);
    const chron = await req('GET', `/api/children/${child}/chronology`, { cookie: anna });
    expect(chron.json().entries.some((e: { kind: string }) => e.kind === 'role_handover_accepted')).toBe(true);
  });

  it('to-do: reviews due on plans I coordinate, and meetings I am invited to in the coming 14 days', async () => {
    const child = kids[2]!;
    await t.tdb.db.query("UPDATE plan SET status = 'closed' WHERE child_id = $1 AND status = 'active'", [child]);
    const { version } = await freshPlan(child);
    const v = (
      await req('PATCH', plan(child), {
        cookie: anna,
        ifMatch: `"v${version}"`,
        payload: { nextReviewDate: addDays(today, 3) },
      })
    ).json();
    expect(v.plan.nextReviewDate).toBe(addDays(today, 3));
    const soon = (
      await req('POST', plan(child, '/meetings'), { cookie: anna, payload: meetingBody({ date: addDays(today, 6) }) })
    ).json();
    const later = (
      await req('POST', plan(child, '/meetings'), { cookie: anna, payload: meetingBody({ date: addDays(today, 20) }) })
    ).json();
    const notInvited = (
      await req('POST', plan(child, '/meetings'), {
        cookie: anna,
        payload: meetingBody({ date: addDays(today, 2), invitees: [{ kind: 'child' }] }),
      })
    ).json();
    const todo = await req('GET', '/api/todo', { cookie: anna });
    expect(todo.statusCode).toBe(200);
    const items = todo.json().items as {
      kind: string;
      childId: string;
      resourceId: string;
      dueDate: string;
      why: string[];
      detail?: string;
    }[];
    expect(items.find((i) => i.kind === 'plan_review' && i.childId === child)).toMatchObject({
      dueDate: addDays(today, 3),
      why: ['coordinator'],
    });
    const meetings = items.filter((i) => i.kind === 'meeting').map((i) => i.resourceId);
    expect(meetings).toContain(soon.id);
    expect(meetings).not.toContain(later.id);
    expect(meetings).not.toContain(notInvited.id);
    expect(items.find((i) => i.resourceId === soon.id)).toMatchObject({
      why: ['invited'],
      detail: `13:00 ${soon.purpose}`,
    });
  });

  it('a plan of a secrecy domain I may not see is no plan for me: its meetings and reviews are not shown nor written', async () => {
    const child = kids[3]!;
    await t.tdb.db.query("UPDATE plan SET status = 'closed' WHERE child_id = $1 AND status = 'active'", [child]);
    const { version } = await freshPlan(child);
    const m = (await req('POST', plan(child, '/meetings'), { cookie: anna, payload: meetingBody() })).json();
    // The plan belongs to social services (26 kap. OSL) and nothing lets anna's school see it: any
    // consent the demo county recorded for this child ended a month ago.
    await t.tdb.db.query(
      'UPDATE consent SET valid_from = current_date - 30, valid_to = current_date - 30 WHERE child_id = $1',
      [child],
    );
    await t.tdb.db.query(
      "UPDATE plan SET secrecy_domain = 'social_services' WHERE child_id = $1 AND status = 'active'",
      [child],
    );
    expect((await req('GET', plan(child), { cookie: anna })).json().plan).toBeNull();
    expect((await req('GET', plan(child, '/meetings'), { cookie: anna })).json()).toEqual({
      planId: null,
      planStatus: null,
      meetings: [],
    });
    expect((await req('GET', plan(child, '/reviews'), { cookie: anna })).json()).toEqual({ planId: null, reviews: [] });
    const one = await req('GET', plan(child, `/meetings/${m.id}`), { cookie: anna });
    expect(one.statusCode).toBe(404);
    expect(one.body).not.toContain(m.purpose);
    const before = await counts();
    for (const [method, path, call] of [
      ['POST', '/meetings', { cookie: anna, payload: meetingBody() }],
      ['PATCH', `/meetings/${m.id}`, { cookie: anna, ifMatch: '"v1"', payload: { notes: 'x' } }],
      ['POST', `/meetings/${m.id}/decisions`, { cookie: anna, ifMatch: '"v1"', payload: { text: 'x' } }],
      [
        'POST',
        '/reviews',
        { cookie: anna, ifMatch: `"v${version}"`, payload: { reviewedOn: today, outcomes: [], nextReviewDate: null } },
      ],
      ['POST', '/close', { cookie: anna, ifMatch: `"v${version}"`, payload: { reason: 'goals_met' } }],
    ] as [string, string, Call][]) {
      const res = await req(method as 'POST', plan(child, path), call);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
      expect(res.body).not.toContain(m.purpose);
    }
    expect(await counts()).toEqual(before);
    await t.tdb.db.query("UPDATE plan SET secrecy_domain = 'school' WHERE child_id = $1 AND status = 'active'", [
      child,
    ]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/children/{childId}/plan/meetings/{meetingId}'].patch.responses)).toEqual(
      expect.arrayContaining(['200', '404', '409', '412', '428']),
    );
    expect(doc.paths['/api/children/{childId}/plan/reviews'].post).toBeDefined();
    expect(doc.paths['/api/children/{childId}/plan/close'].post).toBeDefined();
  });
});
