import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHEEL_INDICATORS } from '../../src/core/wheel.js';
import type { AssignedActor } from '../../src/server/access/actor.js';
import { readChildData } from '../../src/server/access/child-data.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { loadPlanPrintData } from '../../src/server/modules/plan/print/data.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

/**
 * Items secret from guardians: concerns and wheel assessments carry the flag through the
 * API (create, read, list, edit); the concern's chronology entries inherit it; nothing produced for
 * the family (the log extract, the paper plan) shows them.
 */
describe.each(testDbKinds())('items secret from guardians (%s)', (kind) => {
  let t: TestApp;
  let anna: string;
  const annaA = demoAssignmentId('anna.lindqvist', 0);
  let child: string;
  const SECRET = `Berättade i förtroende för kuratorn ${Date.now()}`;

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, ifMatch?: string) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: anna, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      ...(payload ? { payload } : {}),
    });
  const wheelBody = (extra: object = {}) => ({
    assessedOn: testToday(),
    perspective: { kind: 'professional' },
    indicators: WHEEL_INDICATORS.map((indicator, i) => ({
      indicator,
      whatWorks: `Fungerar ${i}`,
      whatIsHard: i === 0 ? SECRET : `Svårt ${i}`,
      rating: (i % 5) + 1,
    })),
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    anna = await t.login('anna.lindqvist');
    // A pupil of anna's with an earlier (open) wheel assessment of hers and no plan yet.
    const s = scenario(t.tdb.db, testToday());
    const c = await s.child({ team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }] });
    await s.wheelAssessment(c, { perspective: 'professional' });
    child = c.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a concern carries the flag: created, read, listed and changed; its chronology entries are kept from the guardians too', async () => {
    const plain = await req('POST', `/api/children/${child}/concerns`, { observation: 'Ofta trött på morgonen.' });
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().secretFromGuardians).toBe(false);

    const secret = await req('POST', `/api/children/${child}/concerns`, {
      observation: SECRET,
      secretFromGuardians: true,
    });
    expect(secret.statusCode, secret.body).toBe(201);
    const id = secret.json().id as string;
    expect(secret.json().secretFromGuardians).toBe(true);
    expect((await req('GET', `/api/children/${child}/concerns/${id}`)).json().secretFromGuardians).toBe(true);
    const list = (await req('GET', `/api/children/${child}/concerns`)).json().concerns as {
      id: string;
      secretFromGuardians: boolean;
    }[];
    expect(list.find((c) => c.id === id)!.secretFromGuardians).toBe(true);
    expect(list.find((c) => c.id === plain.json().id)!.secretFromGuardians).toBe(false);

    // The entry "concern raised" repeats the observation: it is secret like the concern.
    const raised = await t.tdb.db.query<{ secret_from_guardians: boolean }>(
      "SELECT secret_from_guardians FROM chronology_entry WHERE concern_id = $1 AND kind = 'concern_raised'",
      [id],
    );
    expect(raised.rows).toEqual([{ secret_from_guardians: true }]);
    const chronology = (await req('GET', `/api/children/${child}/chronology`)).json().entries as {
      text: string;
      secretFromGuardians: boolean;
    }[];
    expect(chronology.filter((e) => e.text === SECRET).every((e) => e.secretFromGuardians)).toBe(true);

    // Not a boolean: 400 naming the field, nothing written.
    const before = await t.tdb.db.query('SELECT count(*)::int AS n FROM concern');
    const bad = await req('POST', `/api/children/${child}/concerns`, { observation: 'x', secretFromGuardians: 'ja' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('secretFromGuardians');
    expect((await t.tdb.db.query('SELECT count(*)::int AS n FROM concern')).rows).toEqual(before.rows);

    // Changed while undecided (versioned), and the decision's chronology entry inherits the flag.
    const off = await req('PATCH', `/api/children/${child}/concerns/${id}`, { secretFromGuardians: false }, '"v1"');
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ secretFromGuardians: false, version: 2 });
    const on = await req('PATCH', `/api/children/${child}/concerns/${id}`, { secretFromGuardians: true }, '"v2"');
    expect(on.json()).toMatchObject({ secretFromGuardians: true, version: 3 });
    const decided = await req(
      'POST',
      `/api/children/${child}/concerns/${id}/decision`,
      { decision: 'no_further_action', reason: 'Kuratorn följer upp i samtal.' },
      '"v3"',
    );
    expect(decided.statusCode, decided.body).toBe(200);
    const decidedEntry = await t.tdb.db.query<{ secret_from_guardians: boolean }>(
      "SELECT secret_from_guardians FROM chronology_entry WHERE concern_id = $1 AND kind = 'concern_decided'",
      [id],
    );
    expect(decidedEntry.rows).toEqual([{ secret_from_guardians: true }]);
  });

  it('a wheel assessment carries the flag: created, read, listed and changed', async () => {
    const created = await req(
      'POST',
      `/api/children/${child}/wheel-assessments`,
      wheelBody({ secretFromGuardians: true }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().secretFromGuardians).toBe(true);
    const read = await req('GET', `/api/children/${child}/wheel-assessments/${id}`);
    expect(read.json()).toMatchObject({ secretFromGuardians: true, version: 1 });
    const list = (await req('GET', `/api/children/${child}/wheel-assessments`)).json().assessments as {
      id: string;
      secretFromGuardians: boolean;
    }[];
    expect(list.find((a) => a.id === id)!.secretFromGuardians).toBe(true);
    expect(list.filter((a) => a.id !== id).every((a) => typeof a.secretFromGuardians === 'boolean')).toBe(true);

    const plain = await req('POST', `/api/children/${child}/wheel-assessments`, wheelBody());
    expect(plain.json().secretFromGuardians).toBe(false);

    // A change of something else keeps the flag; the flag itself changes with If-Match.
    const other = await req(
      'PATCH',
      `/api/children/${child}/wheel-assessments/${id}`,
      { indicators: [{ indicator: 'safe', rating: 2 }] },
      '"v1"',
    );
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ secretFromGuardians: true, version: 2 });
    const off = await req(
      'PATCH',
      `/api/children/${child}/wheel-assessments/${id}`,
      { secretFromGuardians: false },
      '"v2"',
    );
    expect(off.json()).toMatchObject({ secretFromGuardians: false, version: 3 });
    const on = await req(
      'PATCH',
      `/api/children/${child}/wheel-assessments/${id}`,
      { secretFromGuardians: true },
      '"v3"',
    );
    expect(on.json()).toMatchObject({ secretFromGuardians: true, version: 4 });
  });

  it('nothing produced for the family shows them: the log extract lists their reads as "other", the paper plan leaves the assessment out', async () => {
    const concern = (
      await req('POST', `/api/children/${child}/concerns`, {
        observation: `${SECRET} (extrakt)`,
        secretFromGuardians: true,
      })
    ).json();
    const wheel = (
      await req('POST', `/api/children/${child}/wheel-assessments`, wheelBody({ secretFromGuardians: true }))
    ).json();
    expect((await req('GET', `/api/children/${child}/concerns/${concern.id}`)).statusCode).toBe(200);
    expect((await req('GET', `/api/children/${child}/wheel-assessments/${wheel.id}`)).statusCode).toBe(200);
    await t.ctx.audit.flush();

    const extract = await req('GET', `/api/children/${child}/access-log`);
    expect(extract.statusCode, extract.body).toBe(200);
    expect(extract.body).not.toContain(SECRET);
    expect(extract.body).not.toContain(concern.id);
    expect(extract.body).not.toContain(wheel.id);
    const entries = extract.json().entries as { what: string }[];
    const count = async (type: string, id: string) =>
      Number(
        (
          await t.tdb.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM audit_event WHERE child_id = $1 AND resource_type = $2 AND resource_id = $3 AND outcome = 'permitted'",
            [child, type, id],
          )
        ).rows[0]!.n,
      );
    const secretEvents = (await count('concern', concern.id)) + (await count('wheel_assessment', wheel.id));
    expect(secretEvents).toBeGreaterThanOrEqual(4);
    // Every event about a secret item is "other"; the open items' events keep their category.
    const otherTypes = await t.tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event e WHERE e.child_id = $1 AND e.outcome = 'permitted' AND e.resource_type IN ('concern', 'wheel_assessment')
          AND NOT EXISTS (SELECT 1 FROM concern c WHERE c.id::text = e.resource_id AND c.secret_from_guardians)
          AND NOT EXISTS (SELECT 1 FROM wheel_assessment w WHERE w.id::text = e.resource_id AND w.secret_from_guardians)`,
      [child],
    );
    expect(entries.filter((e) => e.what === 'concern' || e.what === 'wheel').length).toBe(otherTypes.rows[0]!.n);
    expect(entries.filter((e) => e.what === 'other').length).toBeGreaterThanOrEqual(secretEvents);

    // The paper plan (the family's copy): a plan for the child, then the print data without the secret assessment.
    const hasPlan = await t.tdb.db.query("SELECT 1 FROM plan WHERE child_id = $1 AND status = 'active'", [child]);
    if (hasPlan.rows.length === 0)
      expect((await req('POST', `/api/children/${child}/plan`, { level: 1, reason: 'Utskriftstest' })).statusCode).toBe(
        201,
      );
    const a = (
      await t.tdb.db.query<{
        role: AssignedActor['role'];
        organisation_id: string;
        unit_id: string;
        secrecy_domain: AssignedActor['secrecyDomain'];
        person_id: string;
      }>(
        'SELECT a.role, a.organisation_id, a.unit_id, u.secrecy_domain, a.person_id FROM assignment a LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1',
        [annaA],
      )
    ).rows[0]!;
    const actor: AssignedActor = {
      personId: a.person_id,
      sessionTokenHash: 'test',
      assignmentId: annaA,
      role: a.role,
      organisationId: a.organisation_id,
      unitId: a.unit_id,
      secrecyDomain: a.secrecy_domain,
    };
    const data = await readChildData(
      {
        ctx: t.ctx,
        actor,
        childId: child,
        requestId: 'guardian-secret-print',
        action: 'plan.read',
        resourceType: 'plan',
        resourceId: null,
        details: { format: 'pdf' },
      },
      (q, today, c) => loadPlanPrintData(q, child, today, c),
    );
    const printed = data.wheel.map((w) => w.id);
    expect(printed).not.toContain(wheel.id);
    const open = (
      await t.tdb.db.query<{ id: string }>(
        'SELECT id FROM wheel_assessment WHERE child_id = $1 AND NOT secret_from_guardians',
        [child],
      )
    ).rows.map((r) => r.id);
    expect(open.length).toBeGreaterThan(0);
    expect(printed.every((id) => open.includes(id))).toBe(true);
  });
});
