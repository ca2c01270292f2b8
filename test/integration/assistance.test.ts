import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { auditOfRequest } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testToday } from '../helpers/clock.js';
import { testDbKinds } from '../helpers/db.js';
import { demoUnitId, scenario, type Scenario, type ScenarioChild } from '../helpers/scenario.js';

const SOC = demoUnitId('0780:soc');
/** 10 kap. 2 § OSL allows school → social services; 26 kap. 9 § OSL does not. */
const OSL_10_2 = '6c1f0a10-0010-4000-8000-000000000003';
const OSL_26_9 = '6c1f0a10-0010-4000-8000-000000000005';
const MESSAGE = 'Familjen behöver stöd i vardagen; vi ber om en kontaktperson från socialtjänsten.';

/**
 * Bringing in another service: the coordinator asks social services (with the family's consent, or
 * on a legal basis), the unit's manager accepts naming the social worker who joins the team — or
 * declines with a reason. Everything audited and in the child's chronology.
 */
describe.each(testDbKinds())('requests for assistance (%s)', (kind) => {
  let t: TestApp;
  let s: Scenario;
  let anna: string;
  let per: string;
  let jonasLead: string;
  let jonasWorker: string;
  let sara: string;
  const today = testToday();
  const sarasAssignment = demoAssignmentId('sara.nilsson');

  const inject = (method: 'GET' | 'POST', url: string, cookie: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const send = (cookie: string, child: ScenarioChild, basis: unknown, toUnitId = SOC) =>
    inject('POST', `/api/children/${child.id}/assistance-requests`, cookie, { toUnitId, basis, message: MESSAGE });
  const audit = (res: { headers: Record<string, unknown> }) =>
    auditOfRequest(t.tdb.db, res.headers['x-request-id'] as string);
  const rows = async () =>
    (
      await t.tdb.db.query<{ requests: number; team: number; chronology: number }>(
        `SELECT (SELECT count(*) FROM assistance_request)::int AS requests, (SELECT count(*) FROM team_membership)::int AS team,
                (SELECT count(*) FROM chronology_entry)::int AS chronology`,
      )
    ).rows[0]!;
  /** A child coordinated by anna, with per as barnets bästa-ansvarig and a consent that names social services. */
  const child = async (o: { consentCoversSoc?: boolean } = {}) => {
    const c = await s.child({
      team: [
        { user: 'anna.lindqvist', role: 'coordinator' },
        { user: 'per.sandberg', role: 'best_interest_lead' },
      ],
      consent: 'given',
    });
    if (o.consentCoversSoc !== false)
      await t.tdb.db.ownerTransaction((tx) =>
        tx.query('UPDATE consent SET recipient_unit_ids = recipient_unit_ids || $2::uuid WHERE id = $1', [
          c.consentId,
          SOC,
        ]),
      );
    return c;
  };
  const chronologyKinds = async (childId: string) =>
    (await inject('GET', `/api/children/${childId}/chronology`, anna))
      .json()
      .entries.map((e: { kind: string }) => e.kind);

  beforeAll(async () => {
    t = await createTestApp(kind);
    s = scenario(t.tdb.db, today);
    anna = await t.login('anna.lindqvist');
    per = await t.login('per.sandberg', demoAssignmentId('per.sandberg', 0));
    jonasWorker = await t.login('jonas.lindgren', demoAssignmentId('jonas.lindgren', 0));
    jonasLead = await t.login('jonas.lindgren', demoAssignmentId('jonas.lindgren', 1));
    sara = await t.login('sara.nilsson');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the coordinator asks social services with the family consent; the manager accepts and the social worker joins the team', async () => {
    const c = await child();
    const options = (await inject('GET', `/api/children/${c.id}/assistance-requests`, anna)).json();
    expect(options.maySend).toBe(true);
    expect(options.options.units.some((u: { id: string }) => u.id === SOC)).toBe(true);
    expect(options.options.consents.map((x: { id: string }) => x.id)).toEqual([c.consentId]);

    const sent = await send(anna, c, { kind: 'consent', consentId: c.consentId });
    expect(sent.statusCode, sent.body).toBe(201);
    const request = sent.json();
    expect(request).toMatchObject({
      status: 'pending',
      toUnit: { id: SOC },
      message: MESSAGE,
      basis: { kind: 'consent' },
    });
    expect(await audit(sent)).toEqual([
      {
        action: 'assistance.create',
        outcome: 'permitted',
        child_id: c.id,
        resource_id: request.id,
        details: { basisKind: 'consent', consentId: c.consentId, toUnitId: SOC },
      },
    ]);
    expect(await chronologyKinds(c.id)).toContain('assistance_requested');

    // The receiving lead's inbox: only what the request says. The social worker role of the same person sees nothing.
    const inbox = await inject('GET', '/api/assistance/inbox', jonasLead);
    const item = inbox.json().requests.find((r: { id: string }) => r.id === request.id);
    expect(item).toMatchObject({
      childId: c.id,
      childName: `${c.givenName} ${c.familyName}`,
      message: MESSAGE,
      sentBy: { name: 'Anna Lindqvist' },
    });
    expect(Object.keys(item).sort()).toEqual(
      [
        'candidates',
        'childId',
        'childName',
        'fromUnitName',
        'id',
        'message',
        'sentAt',
        'sentBy',
        'status',
        'toUnit',
      ].sort(),
    );
    expect(item.candidates.map((x: { assignmentId: string }) => x.assignmentId)).toContain(sarasAssignment);
    expect((await audit(inbox)).filter((e) => e.child_id === c.id)).toEqual([
      {
        action: 'assistance.list',
        outcome: 'permitted',
        child_id: c.id,
        resource_id: request.id,
        details: { view: 'inbox' },
      },
    ]);
    expect((await inject('GET', '/api/assistance/inbox', jonasWorker)).json().requests).toEqual([]);
    expect((await inject('GET', `/api/children/${c.id}`, jonasLead)).statusCode).toBe(404);

    // Someone who does not lead the unit: the same 404 as a request that does not exist, audited.
    const notLead = await inject('POST', `/api/assistance/${request.id}/accept`, sara, {
      assignmentId: sarasAssignment,
    });
    expect(notLead.statusCode).toBe(404);
    expect(await audit(notLead)).toEqual([
      { action: 'assistance.accept', outcome: 'denied', child_id: c.id, resource_id: request.id, details: {} },
    ]);

    expect((await inject('GET', `/api/children/${c.id}`, sara)).statusCode).toBe(404);
    const accepted = await inject('POST', `/api/assistance/${request.id}/accept`, jonasLead, {
      assignmentId: sarasAssignment,
      teamRole: 'contact_person',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', childId: c.id });
    const events = await audit(accepted);
    expect(events.map((e) => [e.action, e.outcome, e.child_id])).toEqual([
      ['assistance.accept', 'permitted', c.id],
      ['team_membership.create', 'permitted', c.id],
    ]);
    expect(events[0]!.details).toEqual({ role: 'contact_person', assignmentId: sarasAssignment });
    const team = await t.tdb.db.query(
      `SELECT team_role, valid_from::text AS valid_from, origin FROM team_membership WHERE child_id = $1 AND assignment_id = $2`,
      [c.id, sarasAssignment],
    );
    expect(team.rows).toEqual([{ team_role: 'contact_person', valid_from: today, origin: 'manual' }]);
    expect((await inject('GET', `/api/children/${c.id}`, sara)).statusCode).toBe(200);
    expect(await chronologyKinds(c.id)).toEqual(
      expect.arrayContaining(['assistance_requested', 'assistance_accepted']),
    );
    const list = (await inject('GET', `/api/children/${c.id}/assistance-requests`, anna)).json();
    expect(list.requests[0]).toMatchObject({
      status: 'accepted',
      joined: { name: 'Sara Nilsson' },
      joinedRole: 'contact_person',
    });

    const again = await inject('POST', `/api/assistance/${request.id}/accept`, jonasLead, {
      assignmentId: sarasAssignment,
    });
    expect(again.statusCode).toBe(409);
  });

  it('needs a consent naming the unit or a legal basis for the pair; refusals are 4xx with nothing written', async () => {
    const c = await child({ consentCoversSoc: false });
    const before = await rows();
    const noConsent = await send(anna, c, { kind: 'consent', consentId: c.consentId });
    expect(noConsent.statusCode).toBe(409);
    expect(noConsent.json().details).toMatchObject({ reason: 'consent_not_covering' });
    const wrongBasis = await send(anna, c, { kind: 'legal_basis', legalBasisId: OSL_26_9 });
    expect(wrongBasis.statusCode).toBe(409);
    expect(wrongBasis.json().details).toMatchObject({ reason: 'legal_basis_not_applicable' });
    const ownUnit = await send(anna, c, { kind: 'legal_basis', legalBasisId: OSL_10_2 }, demoUnitId('0780:school:0'));
    expect(ownUnit.statusCode).toBe(400);
    const empty = await inject('POST', `/api/children/${c.id}/assistance-requests`, anna, {
      toUnitId: SOC,
      basis: { kind: 'legal_basis', legalBasisId: OSL_10_2 },
      message: '   ',
    });
    expect(empty.statusCode).toBe(400);
    // The barnets bästa-ansvarig does not send while the child has a coordinator; nor does a member; off-team is 404.
    expect((await send(per, c, { kind: 'legal_basis', legalBasisId: OSL_10_2 })).statusCode).toBe(403);
    const johan = await t.login('johan.falk');
    expect((await send(johan, c, { kind: 'legal_basis', legalBasisId: OSL_10_2 })).statusCode).toBe(404);
    expect(await rows()).toEqual(before);

    const onBasis = await send(anna, c, { kind: 'legal_basis', legalBasisId: OSL_10_2 });
    expect(onBasis.statusCode, onBasis.body).toBe(201);
    expect(onBasis.json().basis).toMatchObject({ kind: 'legal_basis', legalBasisId: OSL_10_2 });
    const twice = await send(anna, c, { kind: 'legal_basis', legalBasisId: OSL_10_2 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details).toEqual({ reason: 'already_pending' });
  });

  it('without a coordinator the barnets bästa-ansvarig sends; the lead declines with a reason', async () => {
    const c = await s.child({ team: [{ user: 'per.sandberg', role: 'best_interest_lead' }, 'anna.lindqvist'] });
    expect((await send(anna, c, { kind: 'legal_basis', legalBasisId: OSL_10_2 })).statusCode).toBe(403);
    const sent = await send(per, c, { kind: 'legal_basis', legalBasisId: OSL_10_2 });
    expect(sent.statusCode, sent.body).toBe(201);
    const reason = 'Familjen har redan insatser hos oss; vi tar kontakt direkt med skolan.';
    const tooShort = await inject('POST', `/api/assistance/${sent.json().id}/decline`, jonasLead, { reason: 'Nej' });
    expect(tooShort.statusCode).toBe(400);
    const declined = await inject('POST', `/api/assistance/${sent.json().id}/decline`, jonasLead, { reason });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await audit(declined)).map((e) => [e.action, e.outcome])).toEqual([['assistance.decline', 'permitted']]);
    const list = (await inject('GET', `/api/children/${c.id}/assistance-requests`, per)).json();
    expect(list.requests[0]).toMatchObject({
      status: 'declined',
      declineReason: reason,
      answeredBy: { name: 'Jonas Lindgren' },
    });
    const entries = (await inject('GET', `/api/children/${c.id}/chronology`, per)).json().entries;
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'assistance_declined', text: reason }));
  });

  it('the coordinator withdraws a waiting request; a consent withdrawn before the answer blocks accepting', async () => {
    const c = await child();
    const first = (await send(anna, c, { kind: 'consent', consentId: c.consentId })).json();
    const withdrawn = await inject('POST', `/api/children/${c.id}/assistance-requests/${first.id}/withdraw`, anna);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(await chronologyKinds(c.id)).toContain('assistance_withdrawn');
    expect(
      (await inject('POST', `/api/assistance/${first.id}/accept`, jonasLead, { assignmentId: sarasAssignment }))
        .statusCode,
    ).toBe(409);

    const second = (await send(anna, c, { kind: 'consent', consentId: c.consentId })).json();
    await t.tdb.db.ownerTransaction((tx) =>
      tx.query(
        `UPDATE consent SET withdrawn_at = $2::timestamptz, withdrawn_by_person_id = recorded_by_person_id,
                withdrawn_by_assignment_id = recorded_by_assignment_id, withdrawn_by_party = 'guardian',
                withdrawn_by_guardian_id = $3 WHERE id = $1`,
        [c.consentId, new Date(t.now().getTime() - 60_000).toISOString(), c.guardians[0]!.id],
      ),
    );
    const blocked = await inject('POST', `/api/assistance/${second.id}/accept`, jonasLead, {
      assignmentId: sarasAssignment,
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().details).toEqual({ reason: 'basis_no_longer_holds' });

    // Who joins must work at the receiving unit.
    const other = await child();
    const third = (await send(anna, other, { kind: 'legal_basis', legalBasisId: OSL_10_2 })).json();
    const before = await rows();
    const notHere = await inject('POST', `/api/assistance/${third.id}/accept`, jonasLead, {
      assignmentId: demoAssignmentId('anna.lindqvist'),
    });
    expect(notHere.statusCode).toBe(400);
    expect(notHere.json().details).toEqual({ field: 'assignmentId' });
    expect(await rows()).toEqual(before);
  });
});
