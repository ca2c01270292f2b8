import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  excludeProtectedSql,
  forGuardians,
  guardianVisibleSql,
  isForGuardians,
} from '../../src/server/access/record-access.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const SOL_2025 = '6c1f0a10-0010-4000-8000-000000000002';
const OSL_26_9 = '6c1f0a10-0010-4000-8000-000000000005';
const OSL_10_18A = '6c1f0a10-0010-4000-8000-000000000006';

/**
 * Records of child data are visible across secrecy domains only with a basis — consent, a
 * disclosure under a legal basis, or break-glass — evaluated on every request. The scenario is
 * built straight in the tables (not through the code under test): a child X with anna (school,
 * Furuboskolan), sara (social services) and linnea (specialpedagog, school) as coordinator on its
 * team, two custodial guardians and no consent; anna raises a concern and sara writes a note.
 */
describe.each(testDbKinds())('consent, secrecy domains, legal basis, break-glass (%s)', (kind) => {
  let t: TestApp;
  let today: string;
  let anna: string;
  let sara: string;
  let X: { id: string; personnummer: string };
  let saraUnit: string;
  let annaConcern: string;
  let saraNote: string;
  let guardians: string[];
  let coordinator: { username: string; assignmentId: string };
  let jonasAssignment: string;

  /** Back to the running test clock (setNow with a date stops it). */
  const liveClock = () => t.setNow(null);
  /** The app's clock `minutes` after `from`. */
  const minutesAfter = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);
  const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    t.tdb.db.query<T>(sql, params).then((r) => r.rows);
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, cookie: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload: payload as object });
  const auditOf = async (requestId: string) =>
    q<{ action: string; outcome: string; child_id: string | null; details: Record<string, unknown> }>(
      'SELECT action, outcome, child_id, details FROM audit_event WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
  const concernIds = async (cookie: string) => {
    const res = await get(`/api/children/${X.id}/concerns`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().concerns as { id: string }[]).map((c) => c.id);
  };
  const chronologyIds = async (cookie: string) =>
    ((await get(`/api/children/${X.id}/chronology`, cookie)).json().entries as { id: string }[]).map((e) => e.id);
  const consentBody = (over: Record<string, unknown> = {}) => ({
    purpose: 'Skolan och socialtjänsten ska kunna samarbeta kring stöd i skolan.',
    recipientUnitIds: [saraUnit],
    sourceDomains: ['school'],
    dataCategories: ['concern', 'chronology'],
    method: 'signed_paper',
    validTo: addDays(today, 180),
    parties: guardians.map((g) => ({ kind: 'guardian', guardianId: g, position: 'consents' })),
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    today = testToday();
    const saraP = await personByUsername(t.tdb.db, 'sara.nilsson');
    saraUnit = (
      await q<{ unit_id: string }>('SELECT unit_id FROM assignment WHERE id = $1', [saraP.assignments[0]!.id])
    )[0]!.unit_id;
    const jonas = await personByUsername(t.tdb.db, 'jonas.lindgren');
    jonasAssignment = jonas.assignments.find(
      (a) => a.role === 'social_worker' || a.role === 'social_services_manager',
    )!.id;
    // X: anna's pupil with two custodial guardians and a coordinator, with sara on the team too,
    // not on jonas's team, and no consent.
    const x = await scenario(t.tdb.db, today).child({
      team: ['anna.lindqvist', { user: 'linnea.hed', role: 'coordinator' }, 'sara.nilsson'],
      guardians: 2,
      custody: 'both',
      consent: 'none',
    });
    X = { id: x.id, personnummer: x.personnummer };
    guardians = x.guardians.map((g) => g.id).sort();
    coordinator = { username: 'linnea.hed', assignmentId: x.team[1]!.assignmentId };

    anna = await t.login('anna.lindqvist');
    sara = await t.login('sara.nilsson');
    const c = await post(`/api/children/${X.id}/concerns`, anna, {
      observation: 'Skolans iakttagelse: trött och hungrig på mornarna.',
      indicators: ['healthy'],
      decisionDue: addDays(today, 1),
    });
    expect(c.statusCode, c.body).toBe(201);
    annaConcern = c.json().id;
    const n = await post(`/api/children/${X.id}/chronology`, sara, {
      eventDate: today,
      significance: 'medium',
      text: 'Socialtjänstens anteckning: familjen har fått stöd.',
    });
    expect(n.statusCode, n.body).toBe(201);
    saraNote = n.json().id;
    expect(n.json().source.secrecyDomain).toBe('social_services');
  });
  afterAll(async () => {
    await t?.close();
  });

  it("hides another domain's records without a basis — lists, single reads, writes and the to-do — and each side keeps its own", async () => {
    expect(await concernIds(sara)).not.toContain(annaConcern);
    expect(await concernIds(anna)).toContain(annaConcern);
    expect(await chronologyIds(anna)).not.toContain(saraNote);
    const saraChron = await chronologyIds(sara);
    expect(saraChron).toContain(saraNote);
    // anna's concern_raised entry (school) is not in sara's chronology either.
    const entries = (await get(`/api/children/${X.id}/chronology`, sara)).json().entries as {
      concernId: string | null;
      source: { secrecyDomain: string | null };
    }[];
    expect(entries.some((e) => e.concernId === annaConcern)).toBe(false);
    expect(entries.every((e) => e.source.secrecyDomain === null || e.source.secrecyDomain === 'social_services')).toBe(
      true,
    );
    const one = await get(`/api/children/${X.id}/concerns/${annaConcern}`, sara);
    expect(one.statusCode).toBe(404);
    expect(one.body).not.toContain('hungrig');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/children/${X.id}/concerns/${annaConcern}`,
      headers: { cookie: sara, 'if-match': '"v1"' },
      payload: { observation: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    // sara writes in her own domain, whatever she sends.
    const own = await post(`/api/children/${X.id}/concerns`, sara, {
      observation: 'Socialtjänstens oro.',
      indicators: ['safe'],
    });
    expect(own.json().secrecyDomain).toBe('social_services');
    expect(await concernIds(anna)).not.toContain(own.json().id);
    // The coordinator (school side or not) never gets a to-do about a concern they may not see.
    const todo = (await get('/api/todo', await t.login(coordinator.username, coordinator.assignmentId))).json()
      .items as { resourceId: string }[];
    const coDomain = (
      await q<{ secrecy_domain: string }>(
        'SELECT u.secrecy_domain FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.id = $1',
        [coordinator.assignmentId],
      )
    )[0]!.secrecy_domain;
    expect(todo.some((i) => i.resourceId === annaConcern)).toBe(coDomain === 'school');
    expect(todo.some((i) => i.resourceId === own.json().id)).toBe(coDomain === 'social_services');
  });

  it('consent: both custodial guardians must take a position; a "no" records a consent that is not given; the child\'s maturity is a written judgement', async () => {
    const missing = await post(
      `/api/children/${X.id}/consents`,
      anna,
      consentBody({ parties: [{ kind: 'guardian', guardianId: guardians[0], position: 'consents' }] }),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.missingGuardians).toEqual([guardians[1]]);
    const noReason = await post(
      `/api/children/${X.id}/consents`,
      anna,
      consentBody({
        parties: [
          { kind: 'guardian', guardianId: guardians[0], position: 'consents' },
          { kind: 'guardian', guardianId: guardians[1], position: 'not_asked' },
        ],
      }),
    );
    expect(noReason.statusCode).toBe(400);
    const stranger = await post(
      `/api/children/${X.id}/consents`,
      anna,
      consentBody({ parties: [{ kind: 'guardian', guardianId: randomUUID(), position: 'consents' }] }),
    );
    expect(stranger.statusCode).toBe(400);
    const childNoJudgement = await post(
      `/api/children/${X.id}/consents`,
      anna,
      consentBody({ parties: [{ kind: 'child', position: 'consents', maturityJudgement: '', childDecides: true }] }),
    );
    expect(childNoJudgement.statusCode).toBe(400);
    const declined = await post(
      `/api/children/${X.id}/consents`,
      anna,
      consentBody({
        parties: [
          { kind: 'guardian', guardianId: guardians[0], position: 'consents' },
          { kind: 'guardian', guardianId: guardians[1], position: 'declines' },
        ],
      }),
    );
    expect(declined.statusCode, declined.body).toBe(201);
    expect(declined.json()).toMatchObject({ given: false, status: 'not_given' });
    expect(await concernIds(sara)).not.toContain(annaConcern);
    // Nothing half-written on a 400.
    expect(
      (
        await q<{ n: number }>('SELECT count(*)::int AS n FROM consent WHERE child_id = $1 AND valid_to >= $2::date', [
          X.id,
          today,
        ])
      )[0]!.n,
    ).toBe(1);
  });

  it('shows the records with a valid consent, hides them again on the next request after withdrawal', async () => {
    const created = await post(
      `/api/children/${X.id}/consents`,
      anna,
      consentBody({
        parties: [
          ...guardians.map((g) => ({ kind: 'guardian', guardianId: g, position: 'consents' })),
          {
            kind: 'child',
            position: 'consents',
            maturityJudgement: 'Barnet är 12 år och förstår vad det gäller; vårdnadshavarna bestämmer.',
            childDecides: false,
          },
        ],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"v1"');
    const consent = created.json();
    expect(consent).toMatchObject({ given: true, status: 'active' });
    expect(consent.parties).toHaveLength(3);
    const list = await get(`/api/children/${X.id}/concerns`, sara);
    expect((list.json().concerns as { id: string }[]).map((c) => c.id)).toContain(annaConcern);
    const audit = await auditOf(list.headers['x-request-id'] as string);
    expect(audit[0]!.details.consent_ids).toContain(consent.id);
    expect((await get(`/api/children/${X.id}/concerns/${annaConcern}`, sara)).statusCode).toBe(200);
    // The consent covers sara's unit only: the school still does not see social services' note.
    expect(await chronologyIds(anna)).not.toContain(saraNote);
    // The privacy page lists it.
    const view = (await get(`/api/children/${X.id}/privacy`, sara)).json();
    expect(view.consents.find((c: { id: string }) => c.id === consent.id).status).toBe('active');

    const url = `/api/children/${X.id}/consents/${consent.id}/withdraw`;
    expect((await post(url, anna, { byParty: 'guardian', guardianId: guardians[1] })).statusCode).toBe(428);
    expect(
      (await post(url, anna, { byParty: 'guardian', guardianId: guardians[1] }, { 'if-match': '"v7"' })).statusCode,
    ).toBe(412);
    expect((await post(url, anna, { byParty: 'guardian' }, { 'if-match': '"v1"' })).statusCode).toBe(400);
    const w = await post(
      url,
      anna,
      { byParty: 'guardian', guardianId: guardians[1], note: 'Pappa ringde.' },
      { 'if-match': '"v1"' },
    );
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(w.json().withdrawal.byParty).toBe('guardian');
    expect(await concernIds(sara)).not.toContain(annaConcern);
    expect((await post(url, anna, { byParty: 'child' }, { 'if-match': '"v2"' })).statusCode).toBe(409);
  });

  it('expiry takes effect on the next request (moved clock)', async () => {
    const created = await post(`/api/children/${X.id}/consents`, anna, consentBody({ validTo: addDays(today, 2) }));
    expect(created.statusCode, created.body).toBe(201);
    expect(await concernIds(sara)).toContain(annaConcern);
    t.setNow(new Date(t.now().getTime() + 4 * DAY));
    try {
      const later = await t.login('sara.nilsson');
      expect(await concernIds(later)).not.toContain(annaConcern);
      const view = (await get(`/api/children/${X.id}/privacy`, later)).json();
      expect(view.consents.find((c: { id: string }) => c.id === created.json().id).status).toBe('expired');
    } finally {
      liveClock();
    }
    // Back to today: visible again; expire it for the rest of the test.
    expect(await concernIds(sara)).toContain(annaConcern);
    await q('UPDATE consent SET valid_from = $2::date - 5, valid_to = $2::date - 1 WHERE id = $1', [
      created.json().id,
      today,
    ]);
    expect(await concernIds(sara)).not.toContain(annaConcern);
  });

  it('custody: a guardian without custody can neither give nor withdraw consent; a consent stops holding on the next request once no consenting guardian has custody', async () => {
    // A third guardian of X without custody (e.g. a parent who lost custody), seeded in the table.
    const outsider = randomUUID();
    await q(
      `INSERT INTO guardian (id, given_name, family_name, is_test_data) VALUES ($1, 'Vårdnadslös', 'Förälder', true)`,
      [outsider],
    );
    await q(
      `INSERT INTO custody (child_id, guardian_id, relation, has_custody, valid_from) VALUES ($1, $2, 'parent', false, $3::date - 400)`,
      [X.id, outsider, today],
    );
    const before = (await q<{ n: number }>('SELECT count(*)::int AS n FROM consent WHERE child_id = $1', [X.id]))[0]!.n;
    // (a) giving: refused with a message a person can act on, naming the guardian (an id), nothing written.
    const refused = await post(
      `/api/children/${X.id}/consents`,
      anna,
      consentBody({
        parties: [
          ...guardians.map((g) => ({ kind: 'guardian', guardianId: g, position: 'consents' })),
          { kind: 'guardian', guardianId: outsider, position: 'consents' },
        ],
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: 'validation_failed',
      details: { field: 'parties', guardianId: outsider },
    });
    expect(refused.json().message).toMatch(/custody/);
    const alone = await post(
      `/api/children/${X.id}/consents`,
      anna,
      consentBody({ parties: [{ kind: 'guardian', guardianId: outsider, position: 'consents' }] }),
    );
    expect(alone.statusCode).toBe(400);
    expect(alone.json().details.guardianId).toBe(outsider);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM consent WHERE child_id = $1', [X.id]))[0]!.n).toBe(
      before,
    );
    expect(await concernIds(sara)).not.toContain(annaConcern);

    // Both custodial guardians consent.
    const created = await post(`/api/children/${X.id}/consents`, anna, consentBody());
    expect(created.statusCode, created.body).toBe(201);
    const consent = created.json();
    expect(await concernIds(sara)).toContain(annaConcern);
    const withdrawUrl = `/api/children/${X.id}/consents/${consent.id}/withdraw`;
    // (c) withdrawing: a guardian without custody cannot withdraw for the child.
    const outsiderWithdraws = await post(
      withdrawUrl,
      anna,
      { byParty: 'guardian', guardianId: outsider },
      { 'if-match': '"v1"' },
    );
    expect(outsiderWithdraws.statusCode).toBe(400);
    expect(outsiderWithdraws.json()).toMatchObject({ error: 'validation_failed', details: { field: 'guardianId' } });
    expect(outsiderWithdraws.json().message).toMatch(/custody/);

    const [g0, g1] = guardians as [string, string];
    const saved = await q<{ guardian_id: string; has_custody: boolean; valid_to: string | null }>(
      'SELECT guardian_id, has_custody, valid_to::text AS valid_to FROM custody WHERE child_id = $1 AND guardian_id = ANY($2::uuid[])',
      [X.id, guardians],
    );
    try {
      // (b) One consenting guardian's custody ends (valid_to passed): the other consenting guardian still has custody — it holds.
      await q('UPDATE custody SET valid_to = $3::date - 1 WHERE child_id = $1 AND guardian_id = $2', [X.id, g1, today]);
      expect(await concernIds(sara)).toContain(annaConcern);
      expect((await get(`/api/children/${X.id}/consents/${consent.id}`, anna)).json().status).toBe('active');
      // ...and that former custodian can no longer withdraw for the child.
      expect(
        (await post(withdrawUrl, anna, { byParty: 'guardian', guardianId: g1 }, { 'if-match': '"v1"' })).statusCode,
      ).toBe(400);
      // The last consenting custodian loses custody (has_custody changed): no basis from the next request, nothing else touched.
      await q('UPDATE custody SET has_custody = false WHERE child_id = $1 AND guardian_id = $2', [X.id, g0]);
      const list = await get(`/api/children/${X.id}/concerns`, sara);
      expect((list.json().concerns as { id: string }[]).map((c) => c.id)).not.toContain(annaConcern);
      expect((await auditOf(list.headers['x-request-id'] as string))[0]!.details.consent_ids).toBeUndefined();
      expect((await get(`/api/children/${X.id}/concerns/${annaConcern}`, sara)).statusCode).toBe(404);
      // The consent's page says so instead of "in force".
      const shown = await get(`/api/children/${X.id}/consents/${consent.id}`, anna);
      expect(shown.json()).toMatchObject({ status: 'custody_ended', given: true, withdrawal: null });
    } finally {
      for (const r of saved)
        await q('UPDATE custody SET has_custody = $3, valid_to = $4::date WHERE child_id = $1 AND guardian_id = $2', [
          X.id,
          r.guardian_id,
          r.has_custody,
          r.valid_to,
        ]);
    }
    // Expire it for the rest of the test.
    await q('UPDATE consent SET valid_from = $2::date - 5, valid_to = $2::date - 1 WHERE id = $1', [consent.id, today]);
    expect(await concernIds(sara)).not.toContain(annaConcern);
  });

  it('disclosure under a legal basis: needs a catalogue entry that allows the domain pair and a justification; retiring blocks new ones, history stays readable', async () => {
    const body = {
      legalBasisId: SOL_2025,
      justification: 'Skolan har gjort en orosanmälan och socialtjänsten behöver skolans iakttagelser.',
      recipientUnitId: saraUnit,
      dataCategories: ['concern'],
      validTo: addDays(today, 30),
    };
    expect((await post(`/api/children/${X.id}/disclosures`, anna, { ...body, justification: 'kort' })).statusCode).toBe(
      400,
    );
    const wrongPair = await post(`/api/children/${X.id}/disclosures`, anna, { ...body, legalBasisId: OSL_26_9 });
    expect(wrongPair.statusCode).toBe(400);
    expect(wrongPair.json().details.reason).toBe('pair_not_allowed');
    // Only the owner domain discloses its own records: sara cannot disclose the school's.
    const notMine = await post(`/api/children/${X.id}/disclosures`, sara, { ...body, recipientUnitId: saraUnit });
    expect(notMine.statusCode).toBe(400);
    const d = await post(`/api/children/${X.id}/disclosures`, anna, body);
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json()).toMatchObject({
      fromDomain: 'school',
      active: true,
      legalBasis: { id: SOL_2025, retired: false },
    });
    const list = await get(`/api/children/${X.id}/concerns`, sara);
    expect((list.json().concerns as { id: string }[]).map((c) => c.id)).toContain(annaConcern);
    expect((await auditOf(list.headers['x-request-id'] as string))[0]!.details.disclosure_ids).toBe(d.json().id);
    // Only concerns were disclosed.
    const chron = (await get(`/api/children/${X.id}/chronology`, sara)).json().entries as {
      concernId: string | null;
    }[];
    expect(chron.some((e) => e.concernId === annaConcern)).toBe(false);

    // Retire the 10:18 a basis (system administrator only; versioned).
    const admin = await t.login('admin.kronoberg');
    expect(
      (await post(`/api/legal-bases/${OSL_10_18A}/retire`, anna, { reason: 'x' }, { 'if-match': '"v1"' })).statusCode,
    ).toBe(403);
    expect((await post(`/api/legal-bases/${OSL_10_18A}/retire`, admin, { reason: 'Ersatt' })).statusCode).toBe(428);
    const d2 = await post(`/api/children/${X.id}/disclosures`, anna, { ...body, legalBasisId: OSL_10_18A });
    expect(d2.statusCode, d2.body).toBe(201);
    const r = await post(
      `/api/legal-bases/${OSL_10_18A}/retire`,
      admin,
      { reason: 'Ersatt av en ny lydelse.' },
      { 'if-match': '"v1"' },
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ usable: false, retirementReason: 'Ersatt av en ny lydelse.' });
    const blocked = await post(`/api/children/${X.id}/disclosures`, anna, { ...body, legalBasisId: OSL_10_18A });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().details.reason).toBe('legal_basis_retired');
    const history = (await get(`/api/children/${X.id}/privacy`, anna)).json().disclosures as {
      id: string;
      legalBasis: { retired: boolean; statuteReference: string };
    }[];
    expect(history.find((x) => x.id === d2.json().id)!.legalBasis).toMatchObject({
      retired: true,
      statuteReference: '10 kap. 18 a § OSL',
    });
    const catalogue = (await get('/api/legal-bases', anna)).json().bases as { id: string; retiredAt: string | null }[];
    expect(catalogue.find((b) => b.id === OSL_10_18A)!.retiredAt).not.toBeNull();
    // A new edition of a code (admin).
    const ed = await post('/api/legal-bases', admin, {
      code: 'osl_10_18a',
      title: 'Samverkan (ny lydelse)',
      description: 'Ny lydelse.',
      statuteReference: '10 kap. 18 a § OSL',
      validFrom: today,
      allowedPairs: [{ from: 'school', to: 'police' }],
    });
    expect(ed.statusCode, ed.body).toBe(201);
    expect(ed.json().edition).toBe(2);
    expect(
      (
        await post('/api/legal-bases', anna, {
          code: 'x_y_z',
          title: 't',
          description: 'd',
          statuteReference: 's',
          validFrom: today,
          allowedPairs: [{ from: 'school', to: 'police' }],
        })
      ).statusCode,
    ).toBe(403);
    // Disclosures are append-only.
    await expect(q('UPDATE disclosure SET justification = $2 WHERE id = $1', [d.json().id, 'x'])).rejects.toThrow();
  });

  it('break-glass: role-limited, needs a fresh login, read-only, alerts the coordinator and log reviewers, audited with its id, expires on its own', async () => {
    const teacher = await t.login('johan.falk');
    const denied = await post('/api/break-glass', teacher, {
      personnummer: X.personnummer,
      reason: 'Behöver se barnets uppgifter nu.',
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().details.reason).toBe('role');
    expect((await auditOf(denied.headers['x-request-id'] as string))[0]).toMatchObject({
      action: 'break_glass.start',
      outcome: 'denied',
    });

    // A session older than the re-authentication window: 403 with a reason the UI acts on.
    const stale = await t.login('jonas.lindgren', jonasAssignment);
    t.setNow(minutesAfter(t.now(), 10));
    try {
      const r = await post('/api/break-glass', stale, {
        personnummer: X.personnummer,
        reason: 'Socialjouren behöver veta vem som arbetar med barnet.',
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().details).toMatchObject({ reason: 'reauth_required', withinMinutes: 5 });
    } finally {
      liveClock();
    }
    let jonas = await t.login('jonas.lindgren', jonasAssignment);
    expect((await get(`/api/children/${X.id}`, jonas)).statusCode).toBe(404);
    expect((await post('/api/break-glass', jonas, { personnummer: X.personnummer, reason: 'kort' })).statusCode).toBe(
      400,
    );
    const bg = await post('/api/break-glass', jonas, {
      personnummer: X.personnummer,
      reason: 'Socialjouren: polisen ringde om barnet, behöver se teamet.',
      minutes: 30,
    });
    expect(bg.statusCode, bg.body).toBe(201);
    const bgId = bg.json().id as string;
    expect(bg.json()).toMatchObject({ childId: X.id, active: true });
    expect(
      (await post('/api/break-glass', jonas, { personnummer: X.personnummer, reason: 'En gång till för samma barn.' }))
        .statusCode,
    ).toBe(409);
    const alerts = await q<{ recipient_kind: string; recipient_assignment_id: string | null }>(
      'SELECT recipient_kind, recipient_assignment_id FROM privacy_alert WHERE break_glass_id = $1 ORDER BY recipient_kind',
      [bgId],
    );
    expect(alerts.map((a) => a.recipient_kind)).toEqual(['coordinator', 'log_reviewers']);
    expect(alerts[0]!.recipient_assignment_id).toBe(coordinator.assignmentId);
    const startAudit = await auditOf(bg.headers['x-request-id'] as string);
    expect(startAudit[0]).toMatchObject({ action: 'break_glass.start', outcome: 'permitted', child_id: X.id });
    expect(startAudit[0]!.details.break_glass_id).toBe(bgId);

    // Reads through break-glass: everything, every domain, audited with the id.
    const ov = await get(`/api/children/${X.id}`, jonas);
    expect(ov.statusCode).toBe(200);
    expect((await auditOf(ov.headers['x-request-id'] as string))[0]!.details.break_glass_id).toBe(bgId);
    const cl = await get(`/api/children/${X.id}/concerns`, jonas);
    expect((cl.json().concerns as { id: string }[]).map((c) => c.id)).toContain(annaConcern);
    expect((await auditOf(cl.headers['x-request-id'] as string))[0]!.details.break_glass_id).toBe(bgId);
    // Read-only.
    const w = await post(`/api/children/${X.id}/chronology`, jonas, {
      eventDate: today,
      significance: 'low',
      text: 'x',
    });
    expect(w.statusCode).toBe(403);
    expect(w.json().details.reason).toBe('break_glass_read_only');
    // The coordinator's to-do has the review; the review must wait until it has ended, and never by jonas.
    let co = await t.login(coordinator.username, coordinator.assignmentId);
    const todo = (await get('/api/todo', co)).json().items as { kind: string; resourceId: string; why: string[] }[];
    expect(todo.find((i) => i.resourceId === bgId)).toMatchObject({ kind: 'break_glass_review', why: ['coordinator'] });
    expect(
      (await post(`/api/break-glass/${bgId}/review`, co, { outcome: 'justified', note: 'Rimligt.' })).statusCode,
    ).toBe(409);

    // Expiry on the next request (jonas's session is still valid 20 minutes on; the access is not).
    const started = t.now();
    t.setNow(minutesAfter(started, 20));
    expect((await get(`/api/children/${X.id}/concerns`, jonas)).statusCode).toBe(200);
    t.setNow(minutesAfter(started, 31));
    try {
      jonas = await t.login('jonas.lindgren', jonasAssignment);
      co = await t.login(coordinator.username, coordinator.assignmentId);
      expect((await get(`/api/children/${X.id}/concerns`, jonas)).statusCode).toBe(404);
      expect((await get(`/api/children/${X.id}`, jonas)).statusCode).toBe(404);
      expect(
        (await post(`/api/break-glass/${bgId}/review`, jonas, { outcome: 'justified', note: 'Själv.' })).statusCode,
      ).toBe(404);
      const rv = await post(`/api/break-glass/${bgId}/review`, co, {
        outcome: 'justified',
        note: 'Polisen ringde; åtkomsten var befogad.',
      });
      expect(rv.statusCode, rv.body).toBe(200);
      expect(rv.json().review.outcome).toBe('justified');
      expect(
        (await post(`/api/break-glass/${bgId}/review`, co, { outcome: 'justified', note: 'Igen.' })).statusCode,
      ).toBe(409);
      const after = (await get('/api/todo', co)).json().items as { resourceId: string }[];
      expect(after.some((i) => i.resourceId === bgId)).toBe(false);
      // The history shows it to the team.
      const view = (await get(`/api/children/${X.id}/privacy`, co)).json();
      expect(view.breakGlass.find((b: { id: string }) => b.id === bgId)).toMatchObject({
        active: false,
        review: { outcome: 'justified' },
      });
    } finally {
      liveClock();
    }
  });

  it('protected identity: details only for coordinator / barnets bästa-ansvarig, never found by search outside the team, flagged in the audit', async () => {
    // A child with protected identity, a plain team member (anna) and a barnets bästa-ansvarig (per),
    // that jonas.lindgren is not on the team of (he uses break-glass on it below).
    const c = await scenario(t.tdb.db, today).child({
      protectedIdentity: true,
      team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }],
    });
    const p = {
      id: c.id,
      personnummer: c.personnummer,
      member: 'anna.lindqvist',
      member_assignment: c.team[0]!.assignmentId,
      need: 'per.sandberg',
      need_assignment: c.team[1]!.assignmentId,
    };
    const member = await t.login(p.member, p.member_assignment);
    const ov = await get(`/api/children/${p.id}`, member);
    expect(ov.statusCode).toBe(200);
    const body = ov.json();
    expect(body.protectedIdentity).toBe(true);
    expect(body.address).toBeNull();
    expect(body.enrolments).toEqual([]);
    expect(
      body.guardians.every((g: { phone: string | null; email: string | null }) => g.phone === null && g.email === null),
    ).toBe(true);
    expect((await auditOf(ov.headers['x-request-id'] as string))[0]!.details.protected_identity).toBe(true);
    if (p.need) {
      const lead = await t.login(p.need, p.need_assignment!);
      const full = (await get(`/api/children/${p.id}`, lead)).json();
      expect(full.address).not.toBeNull();
    }
    // Lists carry the flag too.
    const list = await get('/api/children', member);
    const listAudit = await q<{ details: Record<string, unknown> }>(
      'SELECT details FROM audit_event WHERE request_id = $1 AND child_id = $2',
      [list.headers['x-request-id'], p.id],
    );
    expect(listAudit[0]!.details.protected_identity).toBe(true);

    // Break-glass opens the child for reading, but search never finds a protected child outside its team.
    const jonas = await t.login('jonas.lindgren', jonasAssignment);
    await q(
      'UPDATE break_glass SET ended_at = $2::timestamptz WHERE person_id = (SELECT person_id FROM assignment WHERE id = $1) AND ended_at IS NULL',
      [jonasAssignment, t.now().toISOString()],
    );
    const bg = await post('/api/break-glass', jonas, {
      personnummer: p.personnummer,
      reason: 'Akut: barnet har sökt skydd hos socialjouren.',
    });
    expect(bg.statusCode, bg.body).toBe(201);
    expect((await auditOf(bg.headers['x-request-id'] as string))[0]!.details.protected_identity).toBe(true);
    const s = await post('/api/children/search', jonas, { personnummer: p.personnummer });
    expect(s.json().match).toBeNull();
    const seen = await get(`/api/children/${p.id}`, jonas);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().address).toBeNull();
    expect((await auditOf(seen.headers['x-request-id'] as string))[0]!.details).toMatchObject({
      protected_identity: true,
      break_glass_id: bg.json().id,
    });
    await post(`/api/break-glass/${bg.json().id}/end`, jonas, {});
    expect((await get(`/api/children/${p.id}`, jonas)).statusCode).toBe(404);

    // Exports and statistics microdata leave protected children out (the predicate other modules use).
    const rows = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM child c WHERE ${excludeProtectedSql('c')} AND c.id = $1`,
      [p.id],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('guardian-secret items: flagged on write, excluded by the predicate anything for guardians uses', async () => {
    const r = await post(`/api/children/${X.id}/chronology`, anna, {
      eventDate: today,
      significance: 'high',
      text: 'Berättade för kuratorn om oro hemma; vill inte att föräldrarna får veta.',
      secretFromGuardians: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().secretFromGuardians).toBe(true);
    const entries = (await get(`/api/children/${X.id}/chronology`, anna)).json().entries as {
      id: string;
      secretFromGuardians: boolean;
    }[];
    expect(entries.find((e) => e.id === r.json().id)!.secretFromGuardians).toBe(true);
    expect(forGuardians(entries).some((e) => e.id === r.json().id)).toBe(false);
    expect(forGuardians(entries).length).toBe(entries.filter((e) => !e.secretFromGuardians).length);
    expect(isForGuardians({ secretFromGuardians: false })).toBe(true);
    const sqlRows = await q<{ id: string }>(
      `SELECT e.id FROM chronology_entry e WHERE e.child_id = $1 AND ${guardianVisibleSql('e')}`,
      [X.id],
    );
    expect(sqlRows.some((x) => x.id === r.json().id)).toBe(false);
    expect(sqlRows.length).toBeGreaterThan(0);
  });
});
