import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/app-config.js';
import { auditOfRequest } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { testNowPlusDays, testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

interface Call {
  cookie: string;
  payload?: unknown;
  ifMatch?: string;
}

describe.each(testDbKinds())('concerns, chronology and to-do (%s)', (kind) => {
  let t: TestApp;
  let anna: string;
  let annaPersonId: string;
  let kids: string[];
  let today: string;

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, c: Call) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: c.cookie, ...(c.ifMatch ? { 'if-match': c.ifMatch } : {}) },
      ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
    });
  const concernsUrl = (childId: string) => `/api/children/${childId}/concerns`;
  const auditOf = (requestId: string) => auditOfRequest(t.tdb.db, requestId);
  const counts = async () =>
    (
      await t.tdb.db.query<{ concerns: number; chronology: number; audit: number; levels: number }>(
        `SELECT (SELECT count(*) FROM concern)::int AS concerns, (SELECT count(*) FROM chronology_entry)::int AS chronology,
              (SELECT count(*) FROM audit_event)::int AS audit, (SELECT sum(support_level + version) FROM child)::int AS levels`,
      )
    ).rows[0]!;
  const level = async (childId: string) =>
    (
      await t.tdb.db.query<{ support_level: number; version: number }>(
        'SELECT support_level, version FROM child WHERE id = $1',
        [childId],
      )
    ).rows[0]!;
  const create = async (childId: string, payload: Record<string, unknown> = {}, cookie = anna) => {
    const res = await req('POST', concernsUrl(childId), {
      cookie,
      payload: { observation: 'Har varit ledsen och tyst på rasterna de senaste veckorna.', ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; decisionDue: string; childId: string };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    anna = await t.login('anna.lindqvist');
    const p = await personByUsername(t.tdb.db, 'anna.lindqvist');
    annaPersonId = p.id;
    today = testToday();
    // Three pupils at Furuboskolan with anna in the team (and their principal as best-interest lead).
    const s = scenario(t.tdb.db, today);
    kids = [];
    for (let i = 0; i < 3; i++) {
      const child = await s.child({ team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }] });
      kids.push(child.id);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a concern, reads it with an ETag, and refuses stale (412, with their version) and unconditional (428) changes', async () => {
    const child = kids[0]!;
    const created = await req('POST', concernsUrl(child), {
      cookie: anna,
      payload: {
        observation: '  Kommer ofta för sent och verkar trött.  ',
        observedSince: addDays(today, -30),
        earlierConcerns: '',
        indicators: ['included', 'safe', 'safe'],
        questions: {
          gettingInTheWay: 'Oklart, kanske sömnen.',
          whatICanDo: 'Prata med eleven i dag.',
          additionalHelp: '',
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"v1"');
    const c = created.json();
    expect(created.headers.location).toBe(`/api/children/${child}/concerns/${c.id}`);
    expect(c).toMatchObject({
      childId: child,
      status: 'open',
      observation: 'Kommer ofta för sent och verkar trött.',
      observedSince: addDays(today, -30),
      earlierConcerns: null,
      indicators: ['safe', 'included'],
      questions: {
        gettingInTheWay: 'Oklart, kanske sömnen.',
        informationNeeded: null,
        whatICanDo: 'Prata med eleven i dag.',
        whatMyAgencyCanDo: null,
        additionalHelp: null,
      },
      questionsAnswered: 2,
      decisionDue: addDays(today, 14),
      overdue: false,
      decision: null,
      createdBy: { personId: annaPersonId, name: 'Anna Lindqvist', title: 'Lärare', unitName: 'Furuboskolan' },
      owningUnit: { name: 'Furuboskolan' },
      secrecyDomain: 'school',
      version: 1,
    });
    const audit = await auditOf(created.headers['x-request-id'] as string);
    expect(audit).toEqual([
      { action: 'concern.create', outcome: 'permitted', child_id: child, resource_id: c.id, details: {} },
    ]);
    // The chronology got its entry in the same transaction.
    const chron = await req('GET', `/api/children/${child}/chronology`, { cookie: anna });
    expect(chron.json().entries.find((e: { concernId: string | null }) => e.concernId === c.id)).toMatchObject({
      kind: 'concern_raised',
      eventDate: today,
      significance: 'medium',
      text: c.observation,
    });

    const got = await req('GET', `${concernsUrl(child)}/${c.id}`, { cookie: anna });
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"v1"');
    expect(got.json()).toEqual(c);
    const list = await req('GET', concernsUrl(child), { cookie: anna });
    expect(list.json().concerns.map((x: { id: string }) => x.id)).toContain(c.id);

    const first = await req('PATCH', `${concernsUrl(child)}/${c.id}`, {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { indicators: ['healthy'], questions: { informationNeeded: 'Nej, behöver prata med vårdnadshavarna.' } },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"v2"');
    expect(first.json()).toMatchObject({
      indicators: ['healthy'],
      questionsAnswered: 3,
      version: 2,
      questions: { gettingInTheWay: 'Oklart, kanske sömnen.' },
    });

    // Someone who started from v1 loses: 412 with the current concern, and nothing changes.
    const before = await counts();
    const stale = await req('PATCH', `${concernsUrl(child)}/${c.id}`, {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { observation: 'Min gamla text' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({
      error: 'precondition_failed',
      details: {
        currentVersion: 2,
        current: { id: c.id, version: 2, indicators: ['healthy'], observation: c.observation },
      },
    });
    // Their version is child data leaving the server: audited as a read.
    expect(await auditOf(stale.headers['x-request-id'] as string)).toEqual([
      {
        action: 'concern.read',
        outcome: 'permitted',
        child_id: child,
        resource_id: c.id,
        details: { reason: 'version_conflict' },
      },
    ]);

    const missing = await req('PATCH', `${concernsUrl(child)}/${c.id}`, {
      cookie: anna,
      payload: { observation: 'Utan If-Match' },
    });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error).toBe('precondition_required');
    const garbled = await req('PATCH', `${concernsUrl(child)}/${c.id}`, {
      cookie: anna,
      ifMatch: 'v2',
      payload: { observation: 'Fel format' },
    });
    expect(garbled.statusCode).toBe(400);
    const noDecisionIfMatch = await req('POST', `${concernsUrl(child)}/${c.id}/decision`, {
      cookie: anna,
      payload: { decision: 'own_service', reason: 'x' },
    });
    expect(noDecisionIfMatch.statusCode).toBe(428);
    const staleDecision = await req('POST', `${concernsUrl(child)}/${c.id}/decision`, {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { decision: 'own_service', reason: 'x' },
    });
    expect(staleDecision.statusCode).toBe(412);
    expect(staleDecision.json().details.current.status).toBe('open');
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.audit - before.audit).toBe(2); // the two 412 answers, audited as reads
    expect((await req('GET', `${concernsUrl(child)}/${c.id}`, { cookie: anna })).json()).toMatchObject({
      version: 2,
      observation: c.observation,
    });
  });

  it('describes the routes in the OpenAPI document, with their schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const concerns = doc.paths['/api/children/{childId}/concerns'];
    expect(concerns.get.responses['200']).toBeDefined();
    expect(concerns.post.requestBody).toBeDefined();
    const one = doc.paths['/api/children/{childId}/concerns/{concernId}'];
    expect(Object.keys(one.patch.responses)).toEqual(expect.arrayContaining(['200', '404', '409', '412', '428']));
    expect(one.patch.description).toMatch(/If-Match/);
    expect(doc.paths['/api/children/{childId}/concerns/{concernId}/decision'].post.responses['412']).toBeDefined();
    expect(doc.paths['/api/children/{childId}/chronology'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/todo'].get.responses['200']).toBeDefined();
    for (const id of [
      'Concern',
      'ConcernList',
      'ConcernCreateRequest',
      'ConcernPatchRequest',
      'ConcernDecisionRequest',
      'ConcernDecisionResult',
      'ChronologyEntry',
      'Chronology',
      'TodoList',
      'TodoItem',
    ]) {
      expect(doc.components.schemas[id], id).toBeDefined();
    }
  });

  it('takes the default deadline from CONCERN_DECISION_DAYS', async () => {
    expect(loadConfig({}).concernDecisionDays).toBe(14);
    expect(loadConfig({ CONCERN_DECISION_DAYS: '10' }).concernDecisionDays).toBe(10);
    expect(() => loadConfig({ CONCERN_DECISION_DAYS: 'fjorton' })).toThrow(/CONCERN_DECISION_DAYS/);
    const saved = t.ctx.config.concernDecisionDays;
    t.ctx.config.concernDecisionDays = 7;
    try {
      expect((await create(kids[1]!)).decisionDue).toBe(addDays(today, 7));
    } finally {
      t.ctx.config.concernDecisionDays = saved;
    }
    expect((await create(kids[1]!, { decisionDue: addDays(today, 3) })).decisionDue).toBe(addDays(today, 3));
    expect((await create(kids[1]!, { decisionDue: today })).decisionDue).toBe(today);
  });

  it('a decision raises the support level (never lowers it) and writes chronology and audit in the same transaction', async () => {
    const child = kids[2]!;
    await t.tdb.db.query('UPDATE child SET support_level = 1 WHERE id = $1', [child]);
    const start = await level(child);

    const decide = (id: string, version: number, decision: string, reason: string) =>
      req('POST', `${concernsUrl(child)}/${id}/decision`, {
        cookie: anna,
        ifMatch: `"v${version}"`,
        payload: { decision, reason },
      });

    const a = await create(child);
    const res = await decide(
      a.id,
      a.version,
      'own_service',
      'Vi ger extra stöd i klassen och följer upp om fyra veckor.',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"v2"');
    const body = res.json();
    expect(body.supportLevel).toEqual({ before: 1, after: 2 });
    expect(body.concern).toMatchObject({
      status: 'decided',
      overdue: false,
      version: 2,
      decision: {
        code: 'own_service',
        reason: 'Vi ger extra stöd i klassen och följer upp om fyra veckor.',
        decidedBy: { personId: annaPersonId, name: 'Anna Lindqvist' },
      },
    });
    expect(await level(child)).toEqual({ support_level: 2, version: start.version + 1 });
    const requestId = res.headers['x-request-id'] as string;
    expect(await auditOf(requestId)).toEqual([
      {
        action: 'concern.decide',
        outcome: 'permitted',
        child_id: child,
        resource_id: a.id,
        details: { decision: 'own_service', supportLevelBefore: 1, supportLevelAfter: 2 },
      },
    ]);
    // The chronology entry and the audit row were written by the same transaction (same xmin).
    const tx = await t.tdb.db.query<{ same: boolean }>(
      `SELECT (SELECT xmin::text FROM chronology_entry WHERE concern_id = $1 AND kind = 'concern_decided') = (SELECT xmin::text FROM audit_event WHERE request_id = $2) AND
              (SELECT xmin::text FROM concern WHERE id = $1) = (SELECT xmin::text FROM audit_event WHERE request_id = $2) AS same`,
      [a.id, requestId],
    );
    expect(tx.rows[0]!.same).toBe(true);
    const entries = (await req('GET', `/api/children/${child}/chronology`, { cookie: anna })).json().entries as {
      concernId: string;
      kind: string;
    }[];
    expect(entries.find((e) => e.concernId === a.id && e.kind === 'concern_decided')).toMatchObject({
      eventDate: today,
      significance: 'medium',
      decision: 'own_service',
      supportLevel: { before: 1, after: 2 },
      source: { unitName: 'Furuboskolan', unitKind: 'compulsory_school', secrecyDomain: 'school' },
      enteredBy: { name: 'Anna Lindqvist' },
    });

    // No further action leaves the level alone; collaboration raises it to 3; a later level-2 decision does not lower it.
    const b = await create(child);
    expect(
      (await decide(b.id, 1, 'no_further_action', 'Samtal visade att det var en tillfällig händelse.')).json()
        .supportLevel,
    ).toEqual({ before: 2, after: 2 });
    const c = await create(child);
    expect(
      (await decide(c.id, 1, 'collaboration', 'Behöver socialtjänst och elevhälsa tillsammans.')).json().supportLevel,
    ).toEqual({ before: 2, after: 3 });
    const d = await create(child);
    const lower = await decide(d.id, 1, 'own_service', 'Skolan ger stöd i sin del.');
    expect(lower.json().supportLevel).toEqual({ before: 3, after: 3 });
    expect((await level(child)).support_level).toBe(3);
    const overview = await req('GET', `/api/children/${child}`, { cookie: anna });
    expect(overview.json().supportLevel).toBe(3);

    // A concern is decided once: 409, nothing written.
    const before = await counts();
    const again = await decide(d.id, 2, 'collaboration', 'Ett nytt beslut');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('conflict');
    const patchDecided = await req('PATCH', `${concernsUrl(child)}/${d.id}`, {
      cookie: anna,
      ifMatch: '"v2"',
      payload: { observation: 'Ändrad i efterhand' },
    });
    expect(patchDecided.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('a decision that fails half-way leaves nothing behind: no decision, no level change, no chronology, no audit row', async () => {
    const child = kids[1]!;
    await t.tdb.db.query('UPDATE child SET support_level = 1 WHERE id = $1', [child]);
    const a = await create(child);
    // Make the chronology insert — the last business write before the audit row — fail.
    await t.tdb.db.ownerTransaction(async (tx) => {
      await tx.query(
        `CREATE FUNCTION test_fail_chronology() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`,
      );
      await tx.query(
        `CREATE TRIGGER test_fail_chronology BEFORE INSERT ON chronology_entry FOR EACH ROW WHEN (NEW.text = 'FAIL-HERE') EXECUTE FUNCTION test_fail_chronology()`,
      );
    });
    try {
      const before = await counts();
      const levelBefore = await level(child);
      const res = await req('POST', `${concernsUrl(child)}/${a.id}/decision`, {
        cookie: anna,
        ifMatch: '"v1"',
        payload: { decision: 'collaboration', reason: 'FAIL-HERE' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ error: 'internal', message: 'Something went wrong' });
      expect(await counts()).toEqual(before);
      expect(await level(child)).toEqual(levelBefore);
      expect(await auditOf(res.headers['x-request-id'] as string)).toEqual([]);
      expect((await req('GET', `${concernsUrl(child)}/${a.id}`, { cookie: anna })).json()).toMatchObject({
        status: 'open',
        version: 1,
        decision: null,
      });
    } finally {
      await t.tdb.db.ownerTransaction(async (tx) => {
        await tx.query('DROP TRIGGER test_fail_chronology ON chronology_entry');
        await tx.query('DROP FUNCTION test_fail_chronology()');
      });
    }
  });

  it('someone not on the team gets 404 for every route, each denial audited with the child id, and nothing written', async () => {
    const child = kids[0]!;
    const c = await create(child);
    const johan = await t.login('johan.falk');
    const before = await counts();
    const calls: [string, 'GET' | 'POST' | 'PATCH', string, unknown?, string?][] = [
      ['concern.list', 'GET', concernsUrl(child)],
      ['concern.create', 'POST', concernsUrl(child), { observation: 'Försöker skapa' }],
      ['concern.read', 'GET', `${concernsUrl(child)}/${c.id}`],
      ['concern.update', 'PATCH', `${concernsUrl(child)}/${c.id}`, { observation: 'Försöker ändra' }, '"v1"'],
      [
        'concern.decide',
        'POST',
        `${concernsUrl(child)}/${c.id}/decision`,
        { decision: 'collaboration', reason: 'Försöker besluta' },
        '"v1"',
      ],
      ['chronology.read', 'GET', `/api/children/${child}/chronology`],
      [
        'chronology.create',
        'POST',
        `/api/children/${child}/chronology`,
        { eventDate: today, significance: 'high', text: 'Försöker skriva' },
      ],
    ];
    for (const [action, method, url, payload, ifMatch] of calls) {
      const res = await req(method, url, { cookie: johan, payload, ...(ifMatch ? { ifMatch } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found', message: 'Not found or no access' });
      expect(res.body).not.toContain('Försök');
      expect(res.body).not.toContain('observation');
      const audit = await auditOf(res.headers['x-request-id'] as string);
      expect(
        audit.map((a) => [a.action, a.outcome, a.child_id]),
        `${method} ${url}`,
      ).toEqual([[action, 'denied', child]]);
    }
    const after = await counts();
    expect({ ...after, audit: after.audit - calls.length }).toEqual(before);
    expect((await req('GET', `${concernsUrl(child)}/${c.id}`, { cookie: anna })).json()).toMatchObject({
      version: 1,
      status: 'open',
    });
  });

  it('a concern of another child, or none at all, is not found (and audited so)', async () => {
    const c = await create(kids[0]!);
    for (const [method, url, payload, ifMatch] of [
      ['GET', `${concernsUrl(kids[1]!)}/${c.id}`],
      ['PATCH', `${concernsUrl(kids[1]!)}/${c.id}`, { observation: 'x' }, '"v1"'],
      ['POST', `${concernsUrl(kids[1]!)}/${randomUUID()}/decision`, { decision: 'own_service', reason: 'x' }, '"v1"'],
    ] as const) {
      const res = await req(method, url, { cookie: anna, payload, ...(ifMatch ? { ifMatch } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      const audit = await auditOf(res.headers['x-request-id'] as string);
      expect(audit.map((a) => [a.outcome, a.child_id])).toEqual([['not_found', kids[1]]]);
    }
  });

  it('bad input → a clear 400 naming the field, and nothing written', async () => {
    const child = kids[0]!;
    const c = await create(child);
    const before = await counts();
    const bad: [string, 'POST' | 'PATCH', string, unknown, string, string?][] = [
      [
        'unknown indicator',
        'POST',
        concernsUrl(child),
        { observation: 'x', indicators: ['safe', 'happy'] },
        'indicators.1',
      ],
      ['empty description', 'POST', concernsUrl(child), { observation: '   ' }, 'observation'],
      ['no description', 'POST', concernsUrl(child), { indicators: ['safe'] }, 'observation'],
      [
        'deadline in the past',
        'POST',
        concernsUrl(child),
        { observation: 'x', decisionDue: addDays(today, -1) },
        'decisionDue',
      ],
      ['not a date', 'POST', concernsUrl(child), { observation: 'x', decisionDue: '2026-02-30' }, 'decisionDue'],
      [
        'since when in the future',
        'POST',
        concernsUrl(child),
        { observation: 'x', observedSince: addDays(today, 2) },
        'observedSince',
      ],
      ['unknown field', 'POST', concernsUrl(child), { observation: 'x', severity: 'high' }, '(root)'],
      ['unknown question', 'POST', concernsUrl(child), { observation: 'x', questions: { sixth: 'x' } }, 'questions'],
      ['empty change', 'PATCH', `${concernsUrl(child)}/${c.id}`, {}, '(root)', '"v1"'],
      [
        'patch: empty description',
        'PATCH',
        `${concernsUrl(child)}/${c.id}`,
        { observation: '' },
        'observation',
        '"v1"',
      ],
      [
        'patch: deadline in the past',
        'PATCH',
        `${concernsUrl(child)}/${c.id}`,
        { decisionDue: addDays(today, -3) },
        'decisionDue',
        '"v1"',
      ],
      [
        'decision: unknown code',
        'POST',
        `${concernsUrl(child)}/${c.id}/decision`,
        { decision: 'level_4', reason: 'x' },
        'decision',
        '"v1"',
      ],
      [
        'decision: no reason',
        'POST',
        `${concernsUrl(child)}/${c.id}/decision`,
        { decision: 'own_service', reason: ' ' },
        'reason',
        '"v1"',
      ],
      [
        'chronology: future date',
        'POST',
        `/api/children/${child}/chronology`,
        { eventDate: addDays(today, 1), significance: 'low', text: 'x' },
        'eventDate',
      ],
      [
        'chronology: no text',
        'POST',
        `/api/children/${child}/chronology`,
        { eventDate: today, significance: 'low', text: '' },
        'text',
      ],
      [
        'chronology: unknown significance',
        'POST',
        `/api/children/${child}/chronology`,
        { eventDate: today, significance: 'critical', text: 'x' },
        'significance',
      ],
    ];
    for (const [label, method, url, payload, field, ifMatch] of bad) {
      const res = await req(method, url, { cookie: anna, payload, ...(ifMatch ? { ifMatch } : {}) });
      expect(res.statusCode, label).toBe(400);
      const b = res.json();
      expect(b.error, label).toBe('validation_failed');
      const fields = b.issues ? b.issues.map((i: { path: string }) => i.path) : [b.details.field];
      expect(fields, label).toContain(field);
      expect(b.message, label).toBeTruthy();
    }
    expect(await counts()).toEqual(before);
    // An overdue concern can still be edited without moving its (past) deadline.
    await t.tdb.db.query('UPDATE concern SET decision_due = $2 WHERE id = $1', [c.id, addDays(today, -5)]);
    const edit = await req('PATCH', `${concernsUrl(child)}/${c.id}`, {
      cookie: anna,
      ifMatch: '"v1"',
      payload: { decisionDue: addDays(today, -5), earlierConcerns: 'Samma sak hösten innan.' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ overdue: true, earlierConcerns: 'Samma sak hösten innan.' });
  });

  it('the chronology takes notes from the team and refuses to be changed', async () => {
    const child = kids[0]!;
    const res = await req('POST', `/api/children/${child}/chronology`, {
      cookie: anna,
      payload: { eventDate: addDays(today, -2), significance: 'high', text: 'Eleven berättade om bråk hemma.' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      kind: 'note',
      eventDate: addDays(today, -2),
      significance: 'high',
      concernId: null,
      enteredBy: { personId: annaPersonId },
      source: { unitName: 'Furuboskolan' },
    });
    expect(await auditOf(res.headers['x-request-id'] as string)).toEqual([
      { action: 'chronology.create', outcome: 'permitted', child_id: child, resource_id: e.id, details: {} },
    ]);
    const list = await req('GET', `/api/children/${child}/chronology`, { cookie: anna });
    const entries = list.json().entries as { eventDate: string; id: string }[];
    expect(entries.map((x) => x.id)).toContain(e.id);
    expect([...entries.map((x) => x.eventDate)].sort().reverse()).toEqual(entries.map((x) => x.eventDate));
    expect((await auditOf(list.headers['x-request-id'] as string)).map((a) => a.action)).toEqual(['chronology.read']);

    // Append-only for the application role, and even for the owner.
    await expect(t.tdb.db.query("UPDATE chronology_entry SET text = 'ändrad' WHERE id = $1", [e.id])).rejects.toThrow();
    await expect(t.tdb.db.query('DELETE FROM chronology_entry WHERE id = $1', [e.id])).rejects.toThrow();
    await expect(t.tdb.db.query('TRUNCATE chronology_entry')).rejects.toThrow();
    await expect(t.tdb.db.query('DELETE FROM concern WHERE child_id = $1', [child])).rejects.toThrow();
    await expect(
      t.tdb.db.ownerTransaction((tx) => tx.query('DELETE FROM chronology_entry WHERE id = $1', [e.id])),
    ).rejects.toThrow(/append-only/);
  });

  it('to-do: my overdue and upcoming decisions, overdue first, each child audited; coordinators see their children’s', async () => {
    const [k0, k1] = [kids[0]!, kids[1]!];
    const soon = await create(k0, { decisionDue: addDays(today, 2) });
    const later = await create(k1, { decisionDue: addDays(today, 10) });
    const farOff = await create(k1, { decisionDue: addDays(today, 30) });

    let res = await req('GET', '/api/todo', { cookie: anna });
    expect(res.statusCode).toBe(200);
    let body = res.json();
    expect(body.today).toBe(today);
    const mine = (ids: string[]) =>
      (body.items as { resourceId: string; overdue: boolean; daysOverdue: number }[]).filter((i) =>
        ids.includes(i.resourceId),
      );
    expect(mine([soon.id, later.id, farOff.id])).toEqual([
      {
        kind: 'concern_decision',
        childId: k0,
        childName: expect.any(String),
        dueDate: addDays(today, 2),
        overdue: false,
        daysOverdue: 0,
        resourceType: 'concern',
        resourceId: soon.id,
        why: ['author'],
      },
    ]);
    const audited = await auditOf(res.headers['x-request-id'] as string);
    expect(new Set(audited.map((a) => a.child_id))).toEqual(
      new Set((body.items as { childId: string }[]).map((i) => i.childId)),
    );
    expect(audited.every((a) => a.action === 'todo.list' && a.outcome === 'permitted')).toBe(true);
    expect(audited.length).toBe(new Set(audited.map((a) => a.child_id)).size);

    // Twelve days on: both are overdue (the longest overdue first); the one due in 30 days is still 18 days away.
    t.setNow(testNowPlusDays(12));
    try {
      const later12 = addDays(today, 12);
      const cookie = await t.login('anna.lindqvist');
      res = await req('GET', '/api/todo', { cookie });
      body = res.json();
      expect(body.today).toBe(later12);
      expect(mine([soon.id, later.id, farOff.id]).map((i) => [i.resourceId, i.overdue, i.daysOverdue])).toEqual([
        [soon.id, true, 10],
        [later.id, true, 2],
      ]);
      const items = body.items as { overdue: boolean; dueDate: string }[];
      const firstUpcoming = items.findIndex((i) => !i.overdue);
      if (firstUpcoming >= 0) expect(items.slice(firstUpcoming).every((i) => !i.overdue)).toBe(true);
      const overdueDates = items.filter((i) => i.overdue).map((i) => i.dueDate);
      expect(overdueDates).toEqual([...overdueDates].sort());
      // The concern page says so too.
      expect((await req('GET', `${concernsUrl(k0)}/${soon.id}`, { cookie })).json()).toMatchObject({ overdue: true });

      // Decided: gone from the list.
      const d = await req('POST', `${concernsUrl(k0)}/${soon.id}/decision`, {
        cookie,
        ifMatch: '"v1"',
        payload: { decision: 'no_further_action', reason: 'Löst i samtal.' },
      });
      expect(d.statusCode).toBe(200);
      body = (await req('GET', '/api/todo', { cookie })).json();
      expect(mine([soon.id])).toEqual([]);
    } finally {
      t.setNow(null);
    }

    // Someone without children: an empty list, audited once without a child.
    const johan = await t.login('johan.falk');
    res = await req('GET', '/api/todo', { cookie: johan });
    expect(res.json().items).toEqual([]);
    expect(
      (await auditOf(res.headers['x-request-id'] as string)).map((a) => [a.action, a.child_id, a.details]),
    ).toEqual([['todo.list', null, { count: 0 }]]);

    // A coordinator sees a concern someone else raised on a child they coordinate (in that assignment
    // only): the school counsellor coordinates, anna (the same secrecy domain) raises the concern.
    const coordinated = await scenario(t.tdb.db, today).child({
      team: [{ user: 'malin.ahlgren', role: 'coordinator' }, 'anna.lindqvist'],
    });
    const pair = {
      child_id: coordinated.id,
      coordinator: 'malin.ahlgren',
      coordinator_assignment: coordinated.team[0]!.assignmentId,
      member: 'anna.lindqvist',
      member_assignment: coordinated.team[1]!.assignmentId,
    };
    const memberCookie = await t.login(pair.member, pair.member_assignment);
    const raised = await create(pair.child_id, { decisionDue: addDays(today, 1) }, memberCookie);
    const coordinatorCookie = await t.login(pair.coordinator, pair.coordinator_assignment);
    body = (await req('GET', '/api/todo', { cookie: coordinatorCookie })).json();
    expect(mine([raised.id])).toMatchObject([{ childId: pair.child_id, why: ['coordinator'], overdue: false }]);

    // Gone from the list the moment the child is no longer visible to them.
    await t.tdb.db.query(
      `UPDATE team_membership SET valid_to = $3::date - 1, valid_from = LEAST(valid_from, $3::date - 1) WHERE child_id = $1 AND assignment_id = $2`,
      [pair.child_id, pair.coordinator_assignment, today],
    );
    body = (await req('GET', '/api/todo', { cookie: coordinatorCookie })).json();
    expect(mine([raised.id])).toEqual([]);
  });
});
