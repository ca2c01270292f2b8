import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishToday } from '../../src/server/clock.js';
import { demoAssignmentId, demoPersonId } from '../../src/server/demo/seed.js';
import { inspectPdf } from '../../src/server/pdf/inspect.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { childrenOffTeamSameOrg, childrenOnTeam, personByUsername } from '../helpers/fixtures.js';

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
    const kids = (await childrenOnTeam(t.tdb.db, annaA)).map((c) => c.id);
    // A child of anna's with a fresh active plan of our own (any earlier one closed in the table).
    child = kids[1]!;
    await t.tdb.db.query("UPDATE plan SET status = 'closed' WHERE child_id = $1 AND status = 'active'", [child]);
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
      payload: { what: ACTION, responsible: { kind: 'professional', assignmentId: annaA }, dueDate: swedishToday() },
    });
    expect(action.statusCode, action.body).toBe(201);
    const voice = await t.app.inject({
      method: 'POST',
      url: `/api/children/${child}/plan/voice`,
      headers: { cookie: anna },
      payload: { text: VOICE, recordedOn: swedishToday(), writtenByChild: true },
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
    // The demo child with the most wheel assessments on anna's team.
    const withWheel = (
      await t.tdb.db.query<{ child_id: string }>(
        `SELECT w.child_id FROM wheel_assessment w JOIN plan p ON p.child_id = w.child_id AND p.status = 'active'
          JOIN team_membership tm ON tm.child_id = w.child_id AND tm.assignment_id = $1 AND tm.valid_to IS NULL
          GROUP BY w.child_id ORDER BY count(*) DESC, w.child_id LIMIT 1`,
        [annaA],
      )
    ).rows[0];
    expect(withWheel, 'a demo child of anna with a plan and wheel assessments').toBeDefined();
    const res = await t.app.inject({ method: 'GET', url: pdfUrl(withWheel!.child_id), headers: { cookie: anna } });
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
        [withWheel!.child_id],
      )
    ).rows.map((r) => r.id);
    await t.tdb.db.query('UPDATE wheel_assessment SET secret_from_guardians = true WHERE id = ANY($1::uuid[])', [open]);
    try {
      const secret = await t.app.inject({ method: 'GET', url: pdfUrl(withWheel!.child_id), headers: { cookie: anna } });
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
    const row = (
      await t.tdb.db.query<{
        child_id: string;
        username: string;
        assignment_id: string;
        purpose: string;
        decision: string;
        what: string;
        outcome: string;
      }>(
        `SELECT p.child_id, pe.username, tm.assignment_id, m.purpose, d.text AS decision, o_a.what, o.outcome
           FROM plan p
           JOIN plan_meeting m ON m.plan_id = p.id
           JOIN plan_meeting_decision d ON d.meeting_id = m.id
           JOIN plan_review r ON r.plan_id = p.id
           JOIN plan_review_outcome o ON o.review_id = r.id
           JOIN plan_action o_a ON o_a.id = o.action_id
           JOIN team_membership tm ON tm.child_id = p.child_id AND tm.valid_to IS NULL AND tm.team_role = 'coordinator'
           JOIN person pe ON pe.id = tm.person_id
          WHERE p.status = 'active'
          ORDER BY p.child_id, m.meeting_date, d.decided_at LIMIT 1`,
      )
    ).rows[0];
    expect(row, 'a demo plan with a meeting, a decision and a review').toBeDefined();
    const res = await t.app.inject({
      method: 'GET',
      url: pdfUrl(row!.child_id),
      headers: { cookie: await t.login(row!.username, row!.assignment_id) },
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
    expect(text).toContain(plain(row!.purpose).slice(0, 40));
    expect(text).toContain(plain(row!.decision).slice(0, 40));
    expect(text).toContain('Uppföljningar');
    expect(text).toContain(outcomes[row!.outcome]!);
  });

  it('prints a closed plan with the reason it was closed', async () => {
    const row = (
      await t.tdb.db.query<{ child_id: string; username: string; assignment_id: string; reason_code: string }>(
        `SELECT p.child_id, pe.username, tm.assignment_id, sc.reason_code
           FROM plan p
           JOIN plan_status_change sc ON sc.plan_id = p.id AND sc.status_after = 'closed'
           JOIN team_membership tm ON tm.child_id = p.child_id AND tm.valid_to IS NULL
           JOIN person pe ON pe.id = tm.person_id
          WHERE p.status = 'closed' AND NOT EXISTS (SELECT 1 FROM plan a WHERE a.child_id = p.child_id AND a.status = 'active')
            AND NOT EXISTS (SELECT 1 FROM plan later WHERE later.child_id = p.child_id AND later.created_at > p.created_at)
          ORDER BY p.child_id, pe.username LIMIT 1`,
      )
    ).rows[0];
    expect(row, 'a demo child whose plan is closed').toBeDefined();
    const res = await t.app.inject({
      method: 'GET',
      url: pdfUrl(row!.child_id),
      headers: { cookie: await t.login(row!.username, row!.assignment_id) },
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
    expect(text).toContain(reasons[row!.reason_code]!);
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
    const annaP = await personByUsername(t.tdb.db, 'anna.lindqvist');
    const off = (
      await childrenOffTeamSameOrg(t.tdb.db, demoPersonId('anna.lindqvist'), annaP.assignments[0]!.organisationId)
    )[0]!;
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
    const never = (
      await t.tdb.db.query<{ child_id: string; username: string; assignment_id: string }>(
        `SELECT t.child_id, p.username, t.assignment_id FROM team_membership t JOIN person p ON p.id = t.person_id
          WHERE t.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM plan WHERE plan.child_id = t.child_id) ORDER BY t.child_id, p.username LIMIT 1`,
      )
    ).rows[0]!;
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
