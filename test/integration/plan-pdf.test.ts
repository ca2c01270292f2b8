import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { inspectPdf } from '../../src/server/pdf/inspect.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { testToday } from '../helpers/clock.js';
import { scenario, type Scenario, type ScenarioChild } from '../helpers/scenario.js';

/** The text a reader extracts, with line breaks and ligatures (ﬁ → fi) evened out. */
const plain = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ');

describe.each(testDbKinds())("the child's plan as a tagged PDF (%s)", (kind) => {
  let t: TestApp;
  let anna: string;
  let child: string;
  let childName: string;
  const annaA = demoAssignmentId('anna.lindqvist', 0);
  const ACTION = `Läxhjälp i matematik två gånger i veckan (${randomUUID().slice(0, 8)})`;
  const VOICE = 'Jag vill ha lugn och ro när jag gör läxorna, och få säga till själv när det blir för mycket.';
  const pdfUrl = (id: string, q = '') => `/api/children/${id}/plan/pdf${q}`;
  let s: Scenario;
  let pupil: ScenarioChild;
  const post = async (url: string, payload: object, ifMatch?: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: anna, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      payload,
    });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  /** A new pupil of anna's with an active level-2 plan that anna coordinates, and one action in it. */
  const pupilWithPlan = async () => {
    const c = await s.child({ team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }] });
    await post(`/api/children/${c.id}/plan/handovers`, { role: 'coordinator', toAssignmentId: annaA });
    await post(`/api/children/${c.id}/plan`, { level: 2, reason: 'Nätverket behöver samordna stödet.' });
    const action = await post(`/api/children/${c.id}/plan/actions`, {
      what: 'Stödsamtal hos kuratorn',
      responsible: { kind: 'professional', assignmentId: annaA },
      dueDate: testToday(),
    });
    const view = await t.app.inject({ method: 'GET', url: `/api/children/${c.id}/plan`, headers: { cookie: anna } });
    return { child: c, actionId: action.id as string, planVersion: view.json().plan.version as number };
  };
  const auditOf = async (requestId: string) =>
    (
      await t.tdb.db.query<{
        action: string;
        outcome: string;
        child_id: string | null;
        resource_type: string;
        details: Record<string, unknown> | null;
      }>(
        'SELECT action, outcome, child_id, resource_type, details FROM audit_event WHERE request_id = $1 ORDER BY seq',
        [requestId],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestApp(kind);
    anna = await t.login('anna.lindqvist');
    // A pupil of anna's with a plan of our own and an earlier wheel history (two assessments).
    s = scenario(t.tdb.db, testToday());
    pupil = await s.child({ team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }] });
    await s.wheelAssessment(pupil, { perspective: 'child', daysAgo: 120, rating: 2 });
    await s.wheelAssessment(pupil, { perspective: 'professional', daysAgo: 30, rating: 4 });
    child = pupil.id;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/children/${child}/plan`,
      headers: { cookie: anna },
      payload: { level: 2, reason: 'Skolan och hemmet vill ha en gemensam plan.' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = await t.app.inject({
      method: 'POST',
      url: `/api/children/${child}/plan/actions`,
      headers: { cookie: anna },
      payload: { what: ACTION, responsible: { kind: 'professional', assignmentId: annaA }, dueDate: testToday() },
    });
    expect(action.statusCode, action.body).toBe(201);
    const voice = await t.app.inject({
      method: 'POST',
      url: `/api/children/${child}/plan/voice`,
      headers: { cookie: anna },
      payload: { text: VOICE, recordedOn: testToday(), writtenByChild: true },
    });
    expect(voice.statusCode, voice.body).toBe(201);
    const row = (
      await t.tdb.db.query<{ name: string }>(
        "SELECT given_name || ' ' || family_name AS name FROM child WHERE id = $1",
        [child],
      )
    ).rows[0]!;
    childName = row.name;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a tagged Swedish A4 PDF of the whole plan, as an attachment without names, never cached, audited as a plan read', async () => {
    const res = await t.app.inject({ method: 'GET', url: pdfUrl(child), headers: { cookie: anna } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="barnets-plan.pdf"');
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/MarkInfo\s*<<[^>]*\/Marked true/);

    const info = inspectPdf(pdf);
    expect(info).toMatchObject({
      title: 'Barnets plan',
      lang: 'sv',
      tagged: true,
      hasStructTree: true,
      hasOutline: true,
    });
    expect(info.structTypes).toEqual(expect.arrayContaining(['H1', 'H2', 'Table', 'Caption', 'TH', 'TD']));
    const text = plain(info.text);
    expect(text).toContain(`Barnets plan – ${childName}`);
    expect(text).toContain(ACTION.split(' (')[0]);
    expect(text).toContain(ACTION.split(' (')[1]!.replace(')', ''));
    expect(text).toContain('Det här tycker jag');
    expect(text).toContain('Jag vill ha lugn och ro');
    expect(text).toContain('Vårdnadshavarnas syn');
    expect(text).toContain('Välbefinnandehjulet');
    expect(text).toContain('Nivå 2');
    expect(text).toContain('Skolan och hemmet vill ha en gemensam plan.');
    // The child's age, never the personnummer.
    const pnr = (
      await t.tdb.db.query<{ personnummer: string }>('SELECT personnummer FROM child WHERE id = $1', [child])
    ).rows[0]!.personnummer;
    expect(text).not.toContain(pnr);
    expect(text).not.toContain(`${pnr.slice(0, 8)}-${pnr.slice(8)}`);
    expect(text).toMatch(/, \d+ år/);

    const audit = await auditOf(res.headers['x-request-id'] as string);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'plan.read',
      outcome: 'permitted',
      child_id: child,
      resource_type: 'plan',
      details: { format: 'pdf', lang: 'sv' },
    });
  });

  it('prints the wellbeing wheel as a figure with a text alternative and the same numbers in a table', async () => {
    // anna's pupil, whose plan is active and who has wheel assessments.
    const withWheel = { child_id: pupil.id };
    const res = await t.app.inject({ method: 'GET', url: pdfUrl(withWheel.child_id), headers: { cookie: anna } });
    expect(res.statusCode).toBe(200);
    const info = inspectPdf(res.rawPayload);
    expect(info.structTypes).toContain('Figure');
    expect(info.altTexts).toEqual(expect.arrayContaining([expect.stringContaining('Välbefinnandehjulet')]));
    const text = plain(info.text);
    expect(text).toContain('Senaste skattning per perspektiv');
    for (const name of [
      'Trygg',
      'Må bra',
      'Utvecklas',
      'Omvårdad',
      'Aktiv',
      'Respekterad',
      'Ansvarstagande',
      'Delaktig',
    ])
      expect(text).toContain(name);

    // The paper plan is the family's copy: assessments kept secret from the guardians stay out.
    const open = (
      await t.tdb.db.query<{ id: string }>(
        'SELECT id FROM wheel_assessment WHERE child_id = $1 AND NOT secret_from_guardians',
        [withWheel.child_id],
      )
    ).rows.map((r) => r.id);
    await t.tdb.db.query('UPDATE wheel_assessment SET secret_from_guardians = true WHERE id = ANY($1::uuid[])', [open]);
    try {
      const secret = await t.app.inject({ method: 'GET', url: pdfUrl(withWheel.child_id), headers: { cookie: anna } });
      expect(secret.statusCode).toBe(200);
      const info2 = inspectPdf(secret.rawPayload);
      expect(info2.structTypes).not.toContain('Figure');
      expect(plain(info2.text)).toContain('Ingen kartläggning med välbefinnandehjulet är gjord ännu.');
    } finally {
      await t.tdb.db.query('UPDATE wheel_assessment SET secret_from_guardians = false WHERE id = ANY($1::uuid[])', [
        open,
      ]);
    }
  });

  it('prints the network meetings with their decisions and the reviews with a coded outcome per action', async () => {
    // A plan with a network meeting, a decision at it and a review with a coded outcome.
    const { child: c, actionId, planVersion } = await pupilWithPlan();
    const purpose = 'Uppföljning av planen med familjen och skolan';
    const decision = 'Skolan ordnar rastaktivitet tre dagar i veckan och följer upp efter lovet.';
    const meeting = await post(`/api/children/${c.id}/plan/meetings`, {
      date: testToday(),
      startTime: '13:00',
      endTime: '14:00',
      place: 'Skolans konferensrum',
      purpose,
      agenda: ['Hur har det gått?'],
      invitees: [{ kind: 'professional', assignmentId: annaA }],
    });
    await post(`/api/children/${c.id}/plan/meetings/${meeting.id}/decisions`, { text: decision }, '"v1"');
    await post(
      `/api/children/${c.id}/plan/reviews`,
      { reviewedOn: testToday(), outcomes: [{ actionId, outcome: 'done' }], nextReviewDate: null },
      `"v${planVersion}"`,
    );
    const row = {
      child_id: c.id,
      username: 'anna.lindqvist',
      assignment_id: annaA,
      purpose,
      decision,
      outcome: 'done',
    };
    const res = await t.app.inject({
      method: 'GET',
      url: pdfUrl(row.child_id),
      headers: { cookie: await t.login(row.username, row.assignment_id) },
    });
    expect(res.statusCode).toBe(200);
    const text = plain(inspectPdf(res.rawPayload).text);
    const outcomes: Record<string, string> = {
      done: 'Klar',
      continue: 'Fortsätter',
      change: 'Ändras',
      bring_in_service: 'Ta in en annan verksamhet',
    };
    expect(text).toContain('Nätverksmöten');
    expect(text).toContain(plain(row.purpose).slice(0, 40));
    expect(text).toContain(plain(row.decision).slice(0, 40));
    expect(text).toContain('Uppföljningar');
    expect(text).toContain(outcomes[row.outcome]!);
  });

  it('prints a closed plan with the reason it was closed', async () => {
    // A plan closed because its goals were met, and no newer plan.
    const { child: c, planVersion } = await pupilWithPlan();
    await post(`/api/children/${c.id}/plan/close`, { reason: 'goals_met' }, `"v${planVersion}"`);
    const row = { child_id: c.id, username: 'anna.lindqvist', assignment_id: annaA, reason_code: 'goals_met' };
    const res = await t.app.inject({
      method: 'GET',
      url: pdfUrl(row.child_id),
      headers: { cookie: await t.login(row.username, row.assignment_id) },
    });
    expect(res.statusCode).toBe(200);
    const text = plain(inspectPdf(res.rawPayload).text);
    const reasons: Record<string, string> = {
      goals_met: 'Målen är uppnådda',
      family_declined: 'Familjen tackade nej',
      moved: 'Familjen har flyttat',
      handed_over_to_sip: 'Överlämnad till SIP',
      handed_over_to_social_services: 'Överlämnad till socialtjänsten',
      other: 'Annat skäl',
    };
    expect(text).toContain('Skäl till avslut');
    expect(text).toContain(reasons[row.reason_code]!);
    expect(text).toMatch(/Avslutad \d+ \p{L}+ \d{4}/u);
  });

  it('prints in English with ?lang=en', async () => {
    const res = await t.app.inject({ method: 'GET', url: pdfUrl(child, '?lang=en'), headers: { cookie: anna } });
    expect(res.statusCode).toBe(200);
    const info = inspectPdf(res.rawPayload);
    expect(info).toMatchObject({ lang: 'en', title: "The child's plan", tagged: true });
    expect(plain(info.text)).toContain(`The child's plan – ${childName}`);
    expect(plain(info.text)).toContain('Actions');
    const bad = await t.app.inject({ method: 'GET', url: pdfUrl(child, '?lang=de'), headers: { cookie: anna } });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 404 — indistinguishable, audited, no data — for a child off the team, a child that does not exist, and a child without a plan', async () => {
    // A pupil in anna's municipality whose team she has never been on.
    const off = await s.child({
      team: [{ user: 'helena.strand', role: 'best_interest_lead' }],
      enrolledAt: '0780:school:2',
    });
    const denied = await t.app.inject({ method: 'GET', url: pdfUrl(off.id), headers: { cookie: anna } });
    expect(denied.statusCode).toBe(404);
    expect(denied.headers['content-type']).toMatch(/application\/json/);
    expect(denied.json()).toMatchObject({ error: 'not_found' });
    expect(denied.body).not.toContain('%PDF');
    expect(await auditOf(denied.headers['x-request-id'] as string)).toMatchObject([
      { action: 'plan.read', outcome: 'denied', child_id: off.id },
    ]);

    const missing = await t.app.inject({ method: 'GET', url: pdfUrl(randomUUID()), headers: { cookie: anna } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('not_found');
    expect(Object.keys(missing.json()).sort()).toEqual(Object.keys(denied.json()).sort());

    // A child on someone's team that has never had a plan.
    const planless = await s.child({ team: ['anna.lindqvist'] });
    const never = { child_id: planless.id, username: 'anna.lindqvist', assignment_id: annaA };
    const none = await t.app.inject({
      method: 'GET',
      url: pdfUrl(never.child_id),
      headers: { cookie: await t.login(never.username, never.assignment_id) },
    });
    expect(none.statusCode).toBe(404);
    expect(await auditOf(none.headers['x-request-id'] as string)).toMatchObject([
      { action: 'plan.read', outcome: 'not_found', child_id: never.child_id },
    ]);
  });

  it('a plan of a secrecy domain the reader may not see is no plan on paper either (404, like on screen)', async () => {
    const before = (
      await t.tdb.db.query<{ secrecy_domain: string | null }>(
        "SELECT secrecy_domain FROM plan WHERE child_id = $1 AND status = 'active'",
        [child],
      )
    ).rows[0]!;
    await t.tdb.db.query("UPDATE plan SET secrecy_domain = 'police' WHERE child_id = $1 AND status = 'active'", [
      child,
    ]);
    try {
      const onScreen = await t.app.inject({
        method: 'GET',
        url: `/api/children/${child}/plan`,
        headers: { cookie: anna },
      });
      expect(onScreen.statusCode).toBe(200);
      expect(onScreen.json().plan).toBeNull();
      const res = await t.app.inject({ method: 'GET', url: pdfUrl(child), headers: { cookie: anna } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(ACTION.split(' (')[0]);
    } finally {
      await t.tdb.db.query("UPDATE plan SET secrecy_domain = $2 WHERE child_id = $1 AND status = 'active'", [
        child,
        before.secrecy_domain,
      ]);
    }
  });

  it('needs a login', async () => {
    const anon = await t.app.inject({ method: 'GET', url: pdfUrl(child) });
    expect(anon.statusCode).toBe(401);
  });
});
