/**
 * The authorization matrix's call recipes for the child routes of consent and disclosure,
 * and the record-level matrix: relations (consent, withdrawal, expiry, disclosure, break-glass) ×
 * data classes (a record of the reader's own secrecy domain, one of another), checked against
 * RECORD_ACCESS in the truth table. Rows are written straight into the tables, not through the code
 * under test.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Db } from '../../src/server/db/client.js';
import { testDay, testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';
import type { TestApp } from '../helpers/app.js';
import type { ChildRef } from '../helpers/fixtures.js';
import { RECORD_ACCESS, type DataClass, type PrivacyRelation } from './authz-truth-table.js';

interface PrivacyIds {
  readConsent: string;
  withdrawConsent: string;
  guardians: string[];
  unitId: string;
  socialUnitId: string;
}

const privacyOf = new Map<string, PrivacyIds>();
const ids = (c: ChildRef): PrivacyIds => privacyOf.get(c.id)!;
const NOD = '6c1f0a10-0010-4000-8000-000000000008';
const noPrivacyData = (b: any) =>
  b.error === 'not_found' && !/purpose|justification|consents|recipients/.test(JSON.stringify(b));
const url = (c: ChildRef, rest: string) => `/api/children/${c.id}${rest}`;

export const PRIVACY_CALLS = {
  'GET /api/children/:childId/privacy': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: url(c, '/privacy') }),
    allowed: (b: any, c: ChildRef) =>
      b.childId === c.id && b.consents.some((x: { id: string }) => x.id === ids(c).readConsent),
    deniedStatus: 404,
    denied: noPrivacyData,
  },
  'POST /api/children/:childId/consents': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: url(c, '/consents'),
      payload: {
        purpose: 'Matrisens samtycke',
        recipientUnitIds: [ids(c).unitId],
        sourceDomains: ['school'],
        dataCategories: ['concern'],
        method: 'digital',
        validTo: testDay(30),
        parties:
          ids(c).guardians.length > 0
            ? ids(c).guardians.map((g) => ({ kind: 'guardian', guardianId: g, position: 'consents' }))
            : [{ kind: 'child', position: 'consents', maturityJudgement: 'Matrisens bedömning', childDecides: true }],
      },
    }),
    allowed: (b: any, c: ChildRef) => b.childId === c.id && b.purpose === 'Matrisens samtycke' && b.given === true,
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPrivacyData,
  },
  'GET /api/children/:childId/consents/:consentId': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: url(c, `/consents/${ids(c).readConsent}`) }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).readConsent && b.childId === c.id,
    deniedStatus: 404,
    denied: noPrivacyData,
  },
  'POST /api/children/:childId/consents/:consentId/withdraw': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: url(c, `/consents/${ids(c).withdrawConsent}/withdraw`),
      headers: { 'if-match': '"v1"' },
      payload: { byParty: 'child' },
    }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).withdrawConsent && b.status === 'withdrawn',
    deniedStatus: 404,
    denied: noPrivacyData,
  },
  'POST /api/children/:childId/disclosures': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: url(c, '/disclosures'),
      payload: {
        legalBasisId: NOD,
        justification: 'Matrisens utlämnande i en nödsituation för barnet.',
        recipientUnitId: ids(c).socialUnitId,
        dataCategories: ['concern'],
        validTo: testToday(),
      },
    }),
    allowed: (b: any, c: ChildRef) =>
      b.childId === c.id && b.legalBasis.id === NOD && b.recipient.id === ids(c).socialUnitId,
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPrivacyData,
  },
};

/** Two consents per child (one to read, one to withdraw), and what the create recipe needs. */
export async function seedPrivacyRecipes(
  db: Db,
  children: ChildRef[],
  author: { personId: string; assignmentId: string },
): Promise<void> {
  const today = testToday();
  const social = (
    await db.query<{ id: string }>("SELECT id FROM unit WHERE secrecy_domain = 'social_services' ORDER BY id LIMIT 1")
  ).rows[0]!.id;
  const school = (
    await db.query<{ id: string }>("SELECT id FROM unit WHERE secrecy_domain = 'school' ORDER BY id LIMIT 1")
  ).rows[0]!.id;
  for (const c of children) {
    if (privacyOf.has(c.id)) continue;
    const guardians = (
      await db.query<{ guardian_id: string }>(
        'SELECT guardian_id FROM custody WHERE child_id = $1 AND has_custody AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)',
        [c.id, today],
      )
    ).rows.map((r) => r.guardian_id);
    const entry: PrivacyIds = {
      readConsent: randomUUID(),
      withdrawConsent: randomUUID(),
      guardians,
      unitId: school,
      socialUnitId: social,
    };
    privacyOf.set(c.id, entry);
    if (!(await db.query('SELECT 1 FROM child WHERE id = $1', [c.id])).rows.length) continue;
    for (const id of [entry.readConsent, entry.withdrawConsent]) {
      await db.query(
        `INSERT INTO consent (id, child_id, purpose, recipient_unit_ids, source_domains, data_categories, method, valid_from, valid_to, given,
                              recorded_by_person_id, recorded_by_assignment_id, recorded_at, updated_at, updated_by_person_id)
         VALUES ($1, $2, 'Matrisens befintliga samtycke', ARRAY[$3::uuid], ARRAY['school'], ARRAY['concern'], 'signed_paper', $4::date, $4::date + 30, true, $5, $6, now(), now(), $5)`,
        [id, c.id, school, today, author.personId, author.assignmentId],
      );
    }
  }
}

export function clearPrivacyRecipes(): void {
  privacyOf.clear();
}

/**
 * Record level: a child with anna (school) and sara (social services) on its team, one concern,
 * one chronology note and one wheel assessment written in each domain; the reader is sara (on the
 * team) or jonas (not on the team, break-glass). Consents by guardians with and without custody are
 * recorded through the API (custody rows seeded here), and the custody then ended in the table. Each relation is set up in turn, then the reader's
 * lists are compared with RECORD_ACCESS.
 */
export async function checkRecordMatrix(t: TestApp, excludeChildIds: string[]): Promise<void> {
  const db = t.tdb.db;
  const today = testToday();
  // Instants the gate compares with its own clock (the test app's, not the database's).
  const appNow = () => t.now().toISOString();
  const person = async (u: string) =>
    (await db.query<{ id: string }>('SELECT id FROM person WHERE username = $1', [u])).rows[0]!.id;
  const assignment = async (pid: string, roles: string[]) =>
    (
      await db.query<{ id: string; unit_id: string; organisation_id: string; secrecy_domain: string }>(
        'SELECT a.id, a.unit_id, a.organisation_id, u.secrecy_domain FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.person_id = $1 AND a.role = ANY($2::text[]) ORDER BY a.id LIMIT 1',
        [pid, roles],
      )
    ).rows[0]!;
  const [annaId, saraId, jonasId] = [
    await person('anna.lindqvist'),
    await person('sara.nilsson'),
    await person('jonas.lindgren'),
  ];
  const annaA = await assignment(annaId, ['teacher']);
  const saraA = await assignment(saraId, ['social_worker']);
  const jonasA = await assignment(jonasId, ['social_worker', 'social_services_manager']);
  expect(annaA.secrecy_domain).toBe('school');
  expect(saraA.secrecy_domain).toBe('social_services');
  // A child of its own (not one of the matrix's), in Växjö, with nobody on a team and no consent yet.
  const child = (await scenario(db, today).child({ team: [] })).id;
  expect(excludeChildIds).not.toContain(child);
  for (const [pid, a] of [
    [annaId, annaA],
    [saraId, saraA],
  ] as const) {
    await db.query(
      `INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) VALUES ($1, $2, $3, $4, 'member', $5::date - 10)`,
      [randomUUID(), child, pid, a.id, today],
    );
  }
  await db.query('UPDATE consent SET valid_from = $2::date - 20, valid_to = $2::date - 10 WHERE child_id = $1', [
    child,
    today,
  ]);
  const records: Record<'school' | 'social_services', { concern: string; chronology: string; wheel: string }> = {
    school: { concern: randomUUID(), chronology: randomUUID(), wheel: randomUUID() },
    social_services: { concern: randomUUID(), chronology: randomUUID(), wheel: randomUUID() },
  };
  for (const [domain, pid, a] of [
    ['school', annaId, annaA],
    ['social_services', saraId, saraA],
  ] as const) {
    const r = records[domain];
    await db.query(
      `INSERT INTO concern (id, child_id, observation, indicators, decision_due, created_by_person_id, created_by_assignment_id, owning_unit_id, secrecy_domain, created_at, updated_at, updated_by_person_id)
       VALUES ($1, $2, 'Matrisens oro', '{safe}', $3::date + 5, $4, $5, $6, $7, now(), now(), $4)`,
      [r.concern, child, today, pid, a.id, a.unit_id, domain],
    );
    await db.query(
      `INSERT INTO chronology_entry (id, child_id, kind, event_date, significance, text, source_organisation_id, source_unit_id, secrecy_domain, entered_by_person_id, entered_by_assignment_id, created_at)
       VALUES ($1, $2, 'note', $3::date, 'low', 'Matrisens anteckning', $4, $5, $6, $7, $8, now())`,
      [r.chronology, child, today, a.organisation_id, a.unit_id, domain, pid, a.id],
    );
    await db.query(
      `INSERT INTO wheel_assessment (id, child_id, assessed_on, perspective, author_person_id, author_assignment_id, owning_organisation_id, owning_unit_id, secrecy_domain)
       VALUES ($1, $2, $3::date, 'child', $4, $5, $6, $7, $8)`,
      [r.wheel, child, today, pid, a.id, a.organisation_id, a.unit_id, domain],
    );
    await db.query(
      `INSERT INTO wheel_assessment_indicator (assessment_id, indicator, rating) SELECT $1, unnest($2::text[]), 3`,
      [r.wheel, ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included']],
    );
  }

  const seen = async (cookie: string): Promise<Set<string> | null> => {
    const c = await t.app.inject({ method: 'GET', url: `/api/children/${child}/concerns`, headers: { cookie } });
    if (c.statusCode === 404) return null;
    expect(c.statusCode).toBe(200);
    const h = await t.app.inject({ method: 'GET', url: `/api/children/${child}/chronology`, headers: { cookie } });
    const w = await t.app.inject({
      method: 'GET',
      url: `/api/children/${child}/wheel-assessments`,
      headers: { cookie },
    });
    return new Set([
      ...(c.json().concerns as { id: string }[]).map((x) => x.id),
      ...(h.json().entries as { id: string }[]).map((x) => x.id),
      ...(w.json().assessments as { id: string }[]).map((x) => x.id),
    ]);
  };
  const check = async (relation: PrivacyRelation, cookie: string) => {
    const ids = await seen(cookie);
    for (const cls of ['own_domain_record', 'other_domain_record'] as DataClass[]) {
      const r = cls === 'own_domain_record' ? records.social_services : records.school;
      for (const [kind, id] of Object.entries(r)) {
        const visible = ids !== null && ids.has(id);
        expect(visible, `${relation} × ${cls} (${kind})`).toBe(RECORD_ACCESS[relation][cls] === 'visible');
      }
    }
  };

  const sara = await t.login('sara.nilsson', saraA.id);
  await check('other_domain_no_consent', sara);
  const consent = randomUUID();
  await db.query(
    `INSERT INTO consent (id, child_id, purpose, recipient_unit_ids, source_domains, data_categories, method, valid_from, valid_to, given, recorded_by_person_id, recorded_by_assignment_id, recorded_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, 'Matrisen', ARRAY[$3::uuid], ARRAY['school'], ARRAY['concern', 'chronology', 'wheel'], 'digital', $4::date, $4::date + 10, true, $5, $6, now(), now(), $5)`,
    [consent, child, saraA.unit_id, today, annaId, annaA.id],
  );
  const childDecides = (consentId: string) =>
    db.query(
      `INSERT INTO consent_party (id, consent_id, party_kind, position, maturity_judgement, child_decides) VALUES ($1, $2, 'child', 'consents', 'Matrisens mognadsbedömning', true)`,
      [randomUUID(), consentId],
    );
  await childDecides(consent);
  await check('other_domain_with_consent', sara);
  await db.query(
    `UPDATE consent SET withdrawn_at = $4::timestamptz - interval '1 minute', withdrawn_by_person_id = $2, withdrawn_by_assignment_id = $3, withdrawn_by_party = 'child', version = 2 WHERE id = $1`,
    [consent, annaId, annaA.id, appNow()],
  );
  await check('consent_withdrawn', sara);
  const expiredConsent = randomUUID();
  await db.query(
    `INSERT INTO consent (id, child_id, purpose, recipient_unit_ids, source_domains, data_categories, method, valid_from, valid_to, given, recorded_by_person_id, recorded_by_assignment_id, recorded_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, 'Matrisen', ARRAY[$3::uuid], ARRAY['school'], ARRAY['concern', 'chronology', 'wheel'], 'digital', $4::date - 30, $4::date - 1, true, $5, $6, now(), now(), $5)`,
    [expiredConsent, child, saraA.unit_id, today, annaId, annaA.id],
  );
  await childDecides(expiredConsent);
  await check('consent_expired', sara);

  // Guardians: the child's demo guardians lose custody (they stay as guardians without custody), and
  // one new guardian gets custody; anna records consents through the API as the guardians gave them.
  await db.query('UPDATE custody SET has_custody = false WHERE child_id = $1', [child]);
  const noCustody = randomUUID();
  const withCustody = randomUUID();
  for (const [g, name] of [
    [noCustody, 'Utan'],
    [withCustody, 'Med'],
  ] as const) {
    await db.query(
      `INSERT INTO guardian (id, given_name, family_name, is_test_data) VALUES ($1, $2, 'Matrisvårdnadshavare', true)`,
      [g, name],
    );
  }
  await db.query(
    `INSERT INTO custody (child_id, guardian_id, relation, has_custody, valid_from) VALUES ($1, $2, 'parent', false, $3::date - 100)`,
    [child, noCustody, today],
  );
  await db.query(
    `INSERT INTO custody (child_id, guardian_id, relation, has_custody, valid_from) VALUES ($1, $2, 'parent', true, $3::date - 100)`,
    [child, withCustody, today],
  );
  const anna = await t.login('anna.lindqvist', annaA.id);
  const record = (guardianId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/children/${child}/consents`,
      headers: { cookie: anna },
      payload: {
        purpose: 'Matrisens samtycke från vårdnadshavare',
        recipientUnitIds: [saraA.unit_id],
        sourceDomains: ['school'],
        dataCategories: ['concern', 'chronology', 'wheel'],
        method: 'signed_paper',
        validTo: today,
        parties: [{ kind: 'guardian', guardianId, position: 'consents' }],
      },
    });
  const refused = await record(noCustody);
  expect(refused.statusCode, refused.body).toBe(400);
  expect(refused.json().message).toMatch(/custody/);
  expect(refused.json().details.guardianId).toBe(noCustody);
  await check('guardian_without_custody_consent', sara);
  const given = await record(withCustody);
  expect(given.statusCode, given.body).toBe(201);
  expect(given.json()).toMatchObject({ given: true, status: 'active' });
  await check('guardian_with_custody_consent', sara);
  await db.query('UPDATE custody SET valid_to = $3::date - 1 WHERE child_id = $1 AND guardian_id = $2', [
    child,
    withCustody,
    today,
  ]);
  await check('guardian_custody_ended', sara);

  await db.query(
    `INSERT INTO disclosure (id, child_id, legal_basis_id, justification, from_domain, from_unit_id, recipient_unit_id, recipient_domain, data_categories, valid_from, valid_to, disclosed_by_person_id, disclosed_by_assignment_id, created_at)
     VALUES ($1, $2, $3, 'Matrisens utlämnande', 'school', $4, $5, 'social_services', ARRAY['concern', 'chronology', 'wheel'], $6::date, $6::date + 1, $7, $8, $9::timestamptz - interval '1 minute')`,
    [randomUUID(), child, NOD, annaA.unit_id, saraA.unit_id, today, annaId, annaA.id, appNow()],
  );
  await check('disclosure_active', sara);

  const jonas = await t.login('jonas.lindgren', jonasA.id);
  const bg = randomUUID();
  await db.query(
    `INSERT INTO break_glass (id, child_id, person_id, assignment_id, role, unit_id, organisation_id, reason, authenticated_at, started_at, expires_at)
     VALUES ($1, $2, $3, $4, 'social_worker', $5, $6, 'Matrisens nödåtkomst', $7::timestamptz, $7::timestamptz - interval '1 minute', $7::timestamptz + interval '30 minutes')`,
    [bg, child, jonasId, jonasA.id, jonasA.unit_id, jonasA.organisation_id, appNow()],
  );
  await check('break_glass_active', jonas);
  await db.query(
    `UPDATE break_glass SET started_at = $2::timestamptz - interval '2 hours', expires_at = $2::timestamptz - interval '1 hour' WHERE id = $1`,
    [bg, appNow()],
  );
  await check('break_glass_expired', jonas);
}
