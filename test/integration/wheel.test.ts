import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { WHEEL_INDICATORS } from '../../src/core/wheel.js';
import { auditOfRequestConsentsChecked } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { testToday } from '../helpers/clock.js';
import { scenario, type ScenarioChild } from '../helpers/scenario.js';

type Ratings = Partial<Record<(typeof WHEEL_INDICATORS)[number], number | null>>;

function body(perspective: object, ratings: Ratings = {}, extra: object = {}) {
  return {
    assessedOn: testToday(),
    perspective,
    indicators: WHEEL_INDICATORS.map((indicator, i) => ({
      indicator,
      whatWorks: `Fungerar ${i}`,
      whatIsHard: `Svårt ${i}`,
      rating: indicator in ratings ? ratings[indicator]! : (i % 5) + 1,
    })),
    ...extra,
  };
}

describe.each(testDbKinds())('wellbeing wheel: Map (kartlägga) (%s)', (kind) => {
  let t: TestApp;
  let anna: string;
  let johan: string;
  let annaPersonId: string;
  let annaAssignmentId: string;
  let childId: string;
  let guardianIds: string[];
  let foreignGuardianId: string;
  let other: ScenarioChild;

  const audit = (requestId: string) => auditOfRequestConsentsChecked(t.tdb.db, requestId);
  const counts = async () =>
    (
      await t.tdb.db.query<{ a: number; i: number; e: number }>(
        'SELECT (SELECT count(*) FROM wheel_assessment)::int AS a, (SELECT count(*) FROM wheel_assessment_indicator)::int AS i, (SELECT count(*) FROM audit_event)::int AS e',
      )
    ).rows[0]!;
  const rid = (res: { headers: Record<string, unknown> }) => res.headers['x-request-id'] as string;
  const url = (child = childId) => `/api/children/${child}/wheel-assessments`;

  beforeAll(async () => {
    t = await createTestApp(kind);
    anna = await t.login('anna.lindqvist');
    johan = await t.login('johan.falk');
    const p = await personByUsername(t.tdb.db, 'anna.lindqvist');
    annaPersonId = p.id;
    annaAssignmentId = p.assignments[0]!.id;
    // A child of anna's with two guardians, so that two guardian perspectives can be told apart, and
    // a wheel history (an earlier assessment from the child's own perspective) to compare with.
    const s = scenario(t.tdb.db, testToday());
    const child = await s.child({ team: ['anna.lindqvist'], guardians: 2 });
    await s.wheelAssessment(child, { perspective: 'child', daysAgo: 90 });
    childId = child.id;
    guardianIds = child.guardians.map((g) => g.id).sort();
    // Another child of anna's, with an assessment and guardians of its own.
    other = await s.child({ team: ['anna.lindqvist'], guardians: 1 });
    await s.wheelAssessment(other);
    foreignGuardianId = other.guardians[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records assessments from two perspectives; the comparison returns both series over time, per indicator, with no total', async () => {
    const before = await counts();
    const child = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { cookie: anna },
      payload: body({ kind: 'child' }, { safe: 2, active: null }),
    });
    expect(child.statusCode, child.body).toBe(201);
    const c = child.json();
    expect(child.headers.etag).toBe('"v1"');
    expect(child.headers.location).toBe(`${url()}/${c.id}`);
    expect(c).toMatchObject({
      childId,
      perspective: { kind: 'child', key: 'child' },
      version: 1,
      myWorldTriangle: null,
      resilienceMatrix: null,
    });
    expect(c.indicators.map((i: { indicator: string }) => i.indicator)).toEqual([...WHEEL_INDICATORS]);
    expect(c.indicators[0]).toEqual({ indicator: 'safe', whatWorks: 'Fungerar 0', whatIsHard: 'Svårt 0', rating: 2 });
    expect(c.indicators[4].rating).toBeNull();
    // The record belongs to the author's unit and secrecy domain.
    expect(c.recordedBy).toMatchObject({ personId: annaPersonId, assignmentId: annaAssignmentId });
    expect(c.owningUnit.name).toBe('Furuboskolan');
    expect(c.secrecyDomain).toBe('school');
    expect(await audit(rid(child))).toEqual([
      { action: 'wheel_assessment.create', outcome: 'permitted', child_id: childId, resource_id: c.id, details: {} },
    ]);

    const guardian = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { cookie: anna },
      payload: body({ kind: 'guardian', guardianId: guardianIds[0] }, { safe: 4 }),
    });
    expect(guardian.statusCode, guardian.body).toBe(201);
    const g = guardian.json();
    expect(g.perspective).toMatchObject({
      kind: 'guardian',
      key: `guardian:${guardianIds[0]}`,
      guardianId: guardianIds[0],
    });
    expect(g.perspective.name.length).toBeGreaterThan(0);

    // Professional: by default the author herself, in the assignment she acts in.
    const prof = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { cookie: anna },
      payload: body({ kind: 'professional' }),
    });
    expect(prof.statusCode, prof.body).toBe(201);
    expect(prof.json().perspective).toMatchObject({
      kind: 'professional',
      key: `professional:${annaPersonId}`,
      personId: annaPersonId,
      assignmentId: annaAssignmentId,
      unitName: 'Furuboskolan',
      role: 'teacher',
    });
    const after = await counts();
    expect(after.a - before.a).toBe(3);
    expect(after.i - before.i).toBe(24);

    const cmp = await t.app.inject({
      method: 'GET',
      url: `/api/children/${childId}/wheel-comparison`,
      headers: { cookie: anna },
    });
    expect(cmp.statusCode, cmp.body).toBe(200);
    const comparison = cmp.json();
    expect(comparison.indicators).toEqual([...WHEEL_INDICATORS]);
    const childSeries = comparison.perspectives.find((s: { key: string }) => s.key === 'child');
    const guardianSeries = comparison.perspectives.find((s: { key: string }) => s.key === `guardian:${guardianIds[0]}`);
    expect(childSeries.points.at(-1)).toMatchObject({ assessmentId: c.id, ratings: { safe: 2, active: null } });
    expect(guardianSeries.points.at(-1)).toMatchObject({ assessmentId: g.id, ratings: { safe: 4 } });
    // Per indicator, oldest first; "not assessed" stays null.
    const active = childSeries.byIndicator.find((b: { indicator: string }) => b.indicator === 'active');
    expect(active.values.at(-1)).toEqual({ assessmentId: c.id, assessedOn: c.assessedOn, rating: null });
    const dates = childSeries.points.map((p: { assessedOn: string }) => p.assessedOn);
    expect([...dates].sort()).toEqual(dates);
    // The demo history gives earlier points, so there is an earliest-vs-latest change per indicator.
    expect(childSeries.points.length).toBeGreaterThanOrEqual(2);
    expect(childSeries.change.to.assessmentId).toBe(c.id);
    expect(childSeries.change.indicators.find((x: { indicator: string }) => x.indicator === 'active')).toMatchObject({
      to: null,
      delta: null,
      direction: 'not_comparable',
    });
    // Child first, then guardians, then professionals; never a total.
    const kinds = comparison.perspectives.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(
      [...kinds].sort(
        (a: string, b: string) =>
          ['child', 'guardian', 'professional'].indexOf(a) - ['child', 'guardian', 'professional'].indexOf(b),
      ),
    );
    expect(cmp.body).not.toMatch(/"(total|sum|score|average|mean)"/i);
    expect(await audit(rid(cmp))).toEqual([
      { action: 'wheel_comparison.read', outcome: 'permitted', child_id: childId, resource_id: null, details: {} },
    ]);

    const list = await t.app.inject({ method: 'GET', url: url(), headers: { cookie: anna } });
    expect(list.statusCode).toBe(200);
    const mine = list.json().assessments.find((a: { id: string }) => a.id === c.id);
    expect(mine).toMatchObject({ ratings: { safe: 2, active: null }, hasMyWorldTriangle: false, version: 1 });
    expect(await audit(rid(list))).toEqual([
      { action: 'wheel_assessment.list', outcome: 'permitted', child_id: childId, resource_id: null, details: {} },
    ]);
  });

  it('bad input gets a 400 naming the field, and nothing is written', async () => {
    const before = await counts();
    const expectField = async (payload: unknown, field: string | RegExp) => {
      const res = await t.app.inject({
        method: 'POST',
        url: url(),
        headers: { cookie: anna },
        payload: payload as object,
      });
      expect(res.statusCode, res.body).toBe(400);
      const b = res.json();
      expect(b.error).toBe('validation_failed');
      const fields: string[] = [
        ...(b.issues ?? []).map((i: { path: string }) => i.path),
        ...(b.details?.field ? [b.details.field] : []),
      ];
      expect(
        fields.some((f) => (typeof field === 'string' ? f === field : field.test(f))),
        `${JSON.stringify(b)} names ${field}`,
      ).toBe(true);
      expect(b.message).toContain(
        typeof field === 'string' ? field : field.source.replace(/^\^/, '').replace(/\$$/, ''),
      );
      return b;
    };
    const six = await expectField(body({ kind: 'child' }, { safe: 6 }), 'indicators.0.rating');
    expect(six.message).toMatch(/1.*5|null/);
    await expectField(body({ kind: 'child' }, { healthy: 0 }), 'indicators.1.rating');
    await expectField(body({ kind: 'child' }, { achieving: 2.5 }), 'indicators.2.rating');
    const unknown = body({ kind: 'child' });
    unknown.indicators[3]!.indicator = 'happy' as never;
    await expectField(unknown, 'indicators.3.indicator');
    const missing = body({ kind: 'child' });
    missing.indicators.pop();
    await expectField(missing, /^indicators$/);
    const twice = body({ kind: 'child' });
    twice.indicators[7]!.indicator = 'safe';
    await expectField(twice, /^indicators/);
    await expectField(body({ kind: 'guardian', guardianId: foreignGuardianId }), 'perspective.guardianId');
    await expectField(body({ kind: 'guardian', guardianId: randomUUID() }), 'perspective.guardianId');
    await expectField(body({ kind: 'guardian' }), 'perspective.guardianId');
    await expectField(body({ kind: 'professional', assignmentId: randomUUID() }), 'perspective.assignmentId');
    await expectField({ ...body({ kind: 'child' }), assessedOn: '2999-01-01' }, 'assessedOn');
    await expectField({ ...body({ kind: 'child' }), assessedOn: '2026-02-30' }, 'assessedOn');
    await expectField({ ...body({ kind: 'child' }), assessedOn: '1900-01-01' }, 'assessedOn');
    await expectField(
      body({ kind: 'child' }, {}, { myWorldTriangle: { myWiderWorld: { weather: { strengths: 'sol' } } } }),
      /^myWorldTriangle/,
    );
    await expectField(body({ kind: 'child' }, {}, { resilienceMatrix: { luck: 'x' } }), /^resilienceMatrix/);
    expect(await counts()).toEqual(before);
  });

  it('stores the optional My World Triangle and Resilience Matrix', async () => {
    const myWorldTriangle = {
      howIGrowAndDevelop: { beingHealthy: { strengths: 'Sover bra', challenges: 'Ont i magen' } },
      myWiderWorld: { school: { strengths: 'Trivs i klassen' } },
    };
    const resilienceMatrix = {
      resilience: 'Envis',
      vulnerability: 'Orolig',
      protectiveEnvironment: 'Mormor',
      adversity: 'Flytt',
      analysis: 'Stabilt nätverk',
    };
    const res = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { cookie: anna },
      payload: body(
        { kind: 'professional', assignmentId: annaAssignmentId },
        {},
        { myWorldTriangle, resilienceMatrix },
      ),
    });
    expect(res.statusCode, res.body).toBe(201);
    const got = await t.app.inject({ method: 'GET', url: `${url()}/${res.json().id}`, headers: { cookie: anna } });
    expect(got.json()).toMatchObject({ myWorldTriangle, resilienceMatrix });
    const list = await t.app.inject({ method: 'GET', url: url(), headers: { cookie: anna } });
    expect(list.json().assessments.find((a: { id: string }) => a.id === res.json().id)).toMatchObject({
      hasMyWorldTriangle: true,
      hasResilienceMatrix: true,
    });
  });

  it('is versioned: GET gives an ETag, PATCH needs If-Match (428 without, 412 with the current version when stale)', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { cookie: anna },
      payload: body({ kind: 'child' }, { safe: 2 }),
    });
    const id = created.json().id as string;
    const get = await t.app.inject({ method: 'GET', url: `${url()}/${id}`, headers: { cookie: anna } });
    expect(get.statusCode).toBe(200);
    expect(get.headers.etag).toBe('"v1"');
    expect(await audit(rid(get))).toEqual([
      { action: 'wheel_assessment.read', outcome: 'permitted', child_id: childId, resource_id: id, details: {} },
    ]);

    const before = await counts();
    const missing = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${id}`,
      headers: { cookie: anna },
      payload: { indicators: [{ indicator: 'safe', rating: 3 }] },
    });
    expect(missing.statusCode).toBe(428);
    expect(await counts()).toEqual(before);

    const ok = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${id}`,
      headers: { cookie: anna, 'if-match': '"v1"' },
      payload: { indicators: [{ indicator: 'safe', rating: 3, whatIsHard: 'Nytt' }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    const v2 = ok.json();
    expect(v2.version).toBe(2);
    // Only what was sent changed.
    expect(v2.indicators[0]).toEqual({ indicator: 'safe', whatWorks: 'Fungerar 0', whatIsHard: 'Nytt', rating: 3 });
    expect(v2.indicators.slice(1)).toEqual(created.json().indicators.slice(1));
    expect(await audit(rid(ok))).toEqual([
      { action: 'wheel_assessment.update', outcome: 'permitted', child_id: childId, resource_id: id, details: {} },
    ]);

    const mid = await counts();
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${id}`,
      headers: { cookie: anna, 'if-match': '"v1"' },
      payload: { indicators: [{ indicator: 'safe', rating: 5 }] },
    });
    expect(stale.statusCode).toBe(412);
    const s = stale.json();
    expect(s.error).toBe('precondition_failed');
    expect(s.details.currentVersion).toBe(2);
    expect(s.details.current).toMatchObject({ id, version: 2 });
    expect(s.details.current.indicators[0].rating).toBe(3);
    // Nothing written; the 412 answer (the current version) is audited as a read.
    const after = await counts();
    expect({ a: after.a, i: after.i }).toEqual({ a: mid.a, i: mid.i });
    expect(await audit(rid(stale))).toEqual([
      {
        action: 'wheel_assessment.read',
        outcome: 'permitted',
        child_id: childId,
        resource_id: id,
        details: { reason: 'version_conflict' },
      },
    ]);

    // A bad value in a PATCH: 400 naming the field, version unchanged.
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${id}`,
      headers: { cookie: anna, 'if-match': '"v2"' },
      payload: { indicators: [{ indicator: 'safe', rating: 6 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('indicators.0.rating');
    const guardianSwap = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${id}`,
      headers: { cookie: anna, 'if-match': '"v2"' },
      payload: { perspective: { kind: 'guardian', guardianId: foreignGuardianId } },
    });
    expect(guardianSwap.statusCode).toBe(400);
    expect(guardianSwap.json().details.field).toBe('perspective.guardianId');
    expect((await t.app.inject({ method: 'GET', url: `${url()}/${id}`, headers: { cookie: anna } })).headers.etag).toBe(
      '"v2"',
    );

    // Changing the perspective and removing the tools works with the right version.
    const swap = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${id}`,
      headers: { cookie: anna, 'if-match': '"v2"' },
      payload: { perspective: { kind: 'guardian', guardianId: guardianIds.at(-1) }, myWorldTriangle: null },
    });
    expect(swap.statusCode, swap.body).toBe(200);
    expect(swap.json().perspective).toMatchObject({ kind: 'guardian', guardianId: guardianIds.at(-1) });
    expect(swap.json().version).toBe(3);
  });

  it('another child’s assessment under this child is not found, and audited as such', async () => {
    const foreign = (
      await t.tdb.db.query<{ id: string }>('SELECT id FROM wheel_assessment WHERE child_id = $1 LIMIT 1', [other.id])
    ).rows[0]!.id;
    const get = await t.app.inject({ method: 'GET', url: `${url()}/${foreign}`, headers: { cookie: anna } });
    expect(get.statusCode).toBe(404);
    expect(await audit(rid(get))).toEqual([
      { action: 'wheel_assessment.read', outcome: 'not_found', child_id: childId, resource_id: foreign, details: {} },
    ]);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${foreign}`,
      headers: { cookie: anna, 'if-match': '"v1"' },
      payload: { assessedOn: testToday() },
    });
    expect(patch.statusCode).toBe(404);
    expect(await audit(rid(patch))).toEqual([
      { action: 'wheel_assessment.update', outcome: 'not_found', child_id: childId, resource_id: foreign, details: {} },
    ]);
  });

  it('someone not on the team gets 404 for every wheel route, each denial audited, nothing written', async () => {
    const existing = (
      await t.tdb.db.query<{ id: string }>('SELECT id FROM wheel_assessment WHERE child_id = $1 LIMIT 1', [childId])
    ).rows[0]!.id;
    const before = await counts();
    const calls = [
      { method: 'GET' as const, url: url(), action: 'wheel_assessment.list' },
      { method: 'POST' as const, url: url(), payload: body({ kind: 'child' }), action: 'wheel_assessment.create' },
      { method: 'GET' as const, url: `${url()}/${existing}`, action: 'wheel_assessment.read' },
      {
        method: 'PATCH' as const,
        url: `${url()}/${existing}`,
        payload: { assessedOn: testToday() },
        headers: { 'if-match': '"v1"' },
        action: 'wheel_assessment.update',
      },
      { method: 'GET' as const, url: `/api/children/${childId}/wheel-comparison`, action: 'wheel_comparison.read' },
    ];
    for (const c of calls) {
      const res = await t.app.inject({
        method: c.method,
        url: c.url,
        headers: { cookie: johan, ...(c.headers ?? {}) },
        payload: c.payload,
      });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(res.body).not.toMatch(/Fungerar|whatWorks|perspective/);
      const rows = await audit(rid(res));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: c.action, outcome: 'denied', child_id: childId });
    }
    const after = await counts();
    expect({ a: after.a, i: after.i, e: after.e }).toEqual({ a: before.a, i: before.i, e: before.e + calls.length });
    // A child that does not exist answers the same.
    const ghost = await t.app.inject({ method: 'GET', url: url(randomUUID()), headers: { cookie: anna } });
    expect(ghost.statusCode).toBe(404);
    expect(await audit(rid(ghost))).toMatchObject([{ outcome: 'not_found', child_id: null }]);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    const p = doc.paths['/api/children/{childId}/wheel-assessments/{assessmentId}'];
    expect(p.patch.responses['412']).toBeDefined();
    expect(p.patch.responses['428']).toBeDefined();
    expect(doc.paths['/api/children/{childId}/wheel-comparison'].get.description).toMatch(/interpolated/);
    expect(doc.components.schemas.WheelAssessment).toBeDefined();
    expect(doc.components.schemas.MyWorldTriangle).toBeDefined();
  });
});
