/**
 * Demo data for consent, secrecy domains, disclosures and break-glass.
 *
 * The demo's teams mix services from several secrecy domains (school, elevhälsa, social services,
 * BUP, BVC, police). Since records are now shown across domains only with a basis, every child
 * whose team spans more than one domain gets a consent given by its custodial guardians (the
 * Kronoberg model works with consent) — except three children that show the rules at work, chosen
 * among sara.nilsson's children (social services) that anna.lindqvist is not on the team of:
 *  1. no consent at all: sara sees only social services' records, the school sees only its own;
 *     sara has written a note the school cannot see;
 *  2. a consent the mother withdrew five days ago (history kept; nothing shared any more);
 *  3. a consent that expired ten days ago, and a disclosure under the anmälningsskyldighet basis
 *     from the school to social services (concerns only), with a justification.
 * And one of anna.lindqvist's children with two custodial guardians (not one a colleague
 * coordinates) has not been asked yet: no consent, so that a newcomer can record one.
 * Plus: one ended break-glass by jonas.lindgren (socialjour) three days ago on a child he is not on
 * the team of, with its alerts and no review yet (it waits in the coordinator's "Att göra"), and a
 * note the child told the school counsellor marked secret from the guardians.
 *
 * Deterministic (ids from stable keys); written inside seedDemo's owner transaction, after the
 * teams, concerns and plans exist (it reads them).
 */
import type { Queryable } from '../db/client.js';
import { addDays, ageOn, demoUuid } from './random.js';
import type { DemoData } from './seed.js';

const ALL_CATEGORIES = ['concern', 'chronology', 'wheel', 'plan'];

interface TeamFacts {
  child_id: string;
  units: string[];
  domains: string[];
  birth_date: string;
}

export async function seedPrivacy(
  tx: Queryable,
  data: DemoData,
): Promise<{ consents: number; specialChildren: string[] }> {
  const today = data.today;
  const { teams, special, notAskedYet } = await privacyChildren(tx, today);
  const [noConsent, , expired] = special;
  const consents = await seedConsents(tx, today, teams, special, notAskedYet);
  const sara = (
    await tx.query<{ id: string; organisation_id: string; unit_id: string }>(
      'SELECT id, organisation_id, unit_id FROM assignment WHERE person_id = $1 ORDER BY id LIMIT 1',
      [person('sara.nilsson')],
    )
  ).rows[0];
  await seedSocialServicesNote(tx, today, noConsent, sara);
  await seedDisclosure(tx, today, expired, sara);
  await seedBreakGlass(tx, today);
  await seedSecretNote(tx, today);
  return { consents, specialChildren: special };
}

const at = (day: string, hour = 10) => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
const person = (u: string) => demoUuid(`person:${u}`);

type Sara = { id: string; organisation_id: string; unit_id: string };

/** Teams across secrecy domains, the three children that show the rules, and one not asked yet. */
async function privacyChildren(
  tx: Queryable,
  today: string,
): Promise<{ teams: TeamFacts[]; special: string[]; notAskedYet: string | undefined }> {
  const teams = (
    await tx.query<TeamFacts>(
      `SELECT t.child_id, array_agg(DISTINCT u.id::text) AS units, array_agg(DISTINCT u.secrecy_domain) AS domains, c.birth_date::text AS birth_date
         FROM team_membership t JOIN assignment a ON a.id = t.assignment_id JOIN unit u ON u.id = a.unit_id JOIN child c ON c.id = t.child_id
        WHERE t.valid_from <= $1::date AND (t.valid_to IS NULL OR t.valid_to >= $1::date)
        GROUP BY t.child_id, c.birth_date HAVING count(DISTINCT u.secrecy_domain) > 1 ORDER BY t.child_id`,
      [today],
    )
  ).rows;

  // The three children that show the rules: on sara's team, not on anna's, with a school member and
  // a custodial guardian (a consent needs one; a child in care without one would leave a rule unshown).
  const special = (
    await tx.query<{ child_id: string }>(
      `SELECT DISTINCT t.child_id FROM team_membership t
        WHERE t.person_id = $1 AND t.valid_from <= $3::date AND (t.valid_to IS NULL OR t.valid_to >= $3::date)
          AND NOT EXISTS (SELECT 1 FROM team_membership x WHERE x.child_id = t.child_id AND x.person_id = $2)
          AND EXISTS (SELECT 1 FROM team_membership s JOIN assignment a ON a.id = s.assignment_id JOIN unit u ON u.id = a.unit_id
                       WHERE s.child_id = t.child_id AND u.secrecy_domain = 'school' AND s.valid_from <= $3::date AND (s.valid_to IS NULL OR s.valid_to >= $3::date))
          AND EXISTS (SELECT 1 FROM custody cu WHERE cu.child_id = t.child_id AND cu.has_custody)
        ORDER BY t.child_id LIMIT 3`,
      [person('sara.nilsson'), person('anna.lindqvist'), today],
    )
  ).rows.map((r) => r.child_id);
  const notAskedYet = (
    await tx.query<{ child_id: string }>(
      `SELECT DISTINCT t.child_id FROM team_membership t
        WHERE t.person_id = $1 AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date)
          AND (SELECT count(*) FROM custody cu WHERE cu.child_id = t.child_id AND cu.has_custody) = 2
          AND NOT EXISTS (SELECT 1 FROM team_membership x WHERE x.child_id = t.child_id AND x.team_role = 'coordinator' AND x.person_id <> $1
                            AND x.valid_from <= $2::date AND (x.valid_to IS NULL OR x.valid_to >= $2::date))
        ORDER BY t.child_id LIMIT 1`,
      [person('anna.lindqvist'), today],
    )
  ).rows[0]?.child_id;

  return { teams, special, notAskedYet };
}

async function recorderOf(
  tx: Queryable,
  today: string,
  childId: string,
): Promise<{ person_id: string; assignment_id: string }> {
  const r = await tx.query<{ person_id: string; assignment_id: string }>(
    `SELECT person_id, assignment_id FROM team_membership WHERE child_id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)
        ORDER BY CASE team_role WHEN 'coordinator' THEN 0 WHEN 'best_interest_lead' THEN 1 ELSE 2 END, id LIMIT 1`,
    [childId, today],
  );
  return r.rows[0]!;
}
async function custodialOf(tx: Queryable, childId: string): Promise<string[]> {
  return (
    await tx.query<{ guardian_id: string }>(
      'SELECT guardian_id FROM custody WHERE child_id = $1 AND has_custody ORDER BY guardian_id',
      [childId],
    )
  ).rows.map((r) => r.guardian_id);
}

async function insertConsent(
  tx: Queryable,
  today: string,
  t: TeamFacts,
  key: string,
  c: { validFrom: string; validTo: string; recordedOn: string; withdrawnOn?: string; purpose: string },
): Promise<boolean> {
  const guardians = await custodialOf(tx, t.child_id);
  if (guardians.length === 0) return false;
  const rec = await recorderOf(tx, today, t.child_id);
  const id = demoUuid(`consent:${key}`);
  await tx.query(
    `INSERT INTO consent (id, child_id, purpose, recipient_unit_ids, source_domains, data_categories, method, method_note, valid_from, valid_to, given,
                            recorded_by_person_id, recorded_by_assignment_id, recorded_at, updated_at, updated_by_person_id,
                            withdrawn_at, withdrawn_by_person_id, withdrawn_by_assignment_id, withdrawn_by_party, withdrawn_by_guardian_id, withdrawal_note, version)
       VALUES ($1, $2, $3, $4::uuid[], $5::text[], $6::text[], 'signed_paper', 'Samtyckesblanketten finns i elevakten.', $7::date, $8::date, true,
               $9, $10, $11::timestamptz, COALESCE($12::timestamptz, $11::timestamptz), $9,
               $12::timestamptz, CASE WHEN $12::timestamptz IS NULL THEN NULL ELSE $9::uuid END, CASE WHEN $12::timestamptz IS NULL THEN NULL ELSE $10::uuid END,
               CASE WHEN $12::timestamptz IS NULL THEN NULL ELSE 'guardian' END, CASE WHEN $12::timestamptz IS NULL THEN NULL ELSE $13::uuid END,
               CASE WHEN $12::timestamptz IS NULL THEN NULL ELSE 'Vårdnadshavaren ringde och tog tillbaka samtycket.' END, CASE WHEN $12::timestamptz IS NULL THEN 1 ELSE 2 END)`,
    [
      id,
      t.child_id,
      c.purpose,
      t.units,
      t.domains,
      ALL_CATEGORIES,
      c.validFrom,
      c.validTo,
      rec.person_id,
      rec.assignment_id,
      at(c.recordedOn),
      c.withdrawnOn ? at(c.withdrawnOn, 14) : null,
      guardians[0],
    ],
  );
  for (const g of guardians) {
    await tx.query(
      `INSERT INTO consent_party (id, consent_id, party_kind, guardian_id, position) VALUES ($1, $2, 'guardian', $3, 'consents')`,
      [demoUuid(`consent-party:${key}:${g}`), id, g],
    );
  }
  if (ageOn(t.birth_date, today) >= 13) {
    await tx.query(
      `INSERT INTO consent_party (id, consent_id, party_kind, position, maturity_judgement, child_decides) VALUES ($1, $2, 'child', 'consents', $3, false)`,
      [
        demoUuid(`consent-party:${key}:child`),
        id,
        'Barnet förstod vad samtycket gäller och ville att skolan och socialtjänsten pratar med varandra. Vårdnadshavarna beslutar.',
      ],
    );
  }
  return true;
}

/** Consents for every team across secrecy domains, except the three that show the rules. */
async function seedConsents(
  tx: Queryable,
  today: string,
  teams: TeamFacts[],
  special: string[],
  notAskedYet: string | undefined,
): Promise<number> {
  const [, withdrawn, expired] = special;
  let consents = 0;
  const purpose =
    'Att de verksamheter som finns runt barnet ska kunna samarbeta i barnets plan och se varandras anteckningar om barnet.';
  for (const t of teams) {
    if (special.includes(t.child_id) || t.child_id === notAskedYet) continue;
    if (
      await insertConsent(tx, today, t, t.child_id, {
        validFrom: addDays(today, -60),
        validTo: addDays(today, 305),
        recordedOn: addDays(today, -60),
        purpose,
      })
    )
      consents += 1;
  }
  const facts = (id: string | undefined) => teams.find((t) => t.child_id === id);
  const wFacts = facts(withdrawn);
  if (
    wFacts &&
    (await insertConsent(tx, today, wFacts, `${withdrawn}:withdrawn`, {
      validFrom: addDays(today, -90),
      validTo: addDays(today, 275),
      recordedOn: addDays(today, -90),
      withdrawnOn: addDays(today, -5),
      purpose,
    }))
  )
    consents += 1;
  const eFacts = facts(expired);
  if (
    eFacts &&
    (await insertConsent(tx, today, eFacts, `${expired}:expired`, {
      validFrom: addDays(today, -400),
      validTo: addDays(today, -10),
      recordedOn: addDays(today, -400),
      purpose,
    }))
  )
    consents += 1;

  return consents;
}

/** A note by social services on the child without consent (the school does not see it). */
async function seedSocialServicesNote(
  tx: Queryable,
  today: string,
  noConsent: string | undefined,
  sara: Sara | undefined,
): Promise<void> {
  if (noConsent && sara) {
    await tx.query(
      `INSERT INTO chronology_entry (id, child_id, kind, event_date, significance, text, source_organisation_id, source_unit_id, secrecy_domain, entered_by_person_id, entered_by_assignment_id, created_at)
       VALUES ($1, $2, 'note', $3::date, 'medium', $4, $5, $6, 'social_services', $7, $8, $9::timestamptz)`,
      [
        demoUuid(`chronology:privacy:${noConsent}`),
        noConsent,
        addDays(today, -4),
        'Familjen har tackat ja till föräldrastöd via socialtjänsten. Uppföljande samtal bokat.',
        sara.organisation_id,
        sara.unit_id,
        person('sara.nilsson'),
        sara.id,
        at(addDays(today, -4)),
      ],
    );
  }
}

/** A disclosure under a legal basis on the child whose consent expired: the school's concerns to social services. */
async function seedDisclosure(
  tx: Queryable,
  today: string,
  expired: string | undefined,
  sara: Sara | undefined,
): Promise<void> {
  if (expired && sara) {
    const school = (
      await tx.query<{ person_id: string; assignment_id: string; unit_id: string }>(
        `SELECT t.person_id, t.assignment_id, a.unit_id FROM team_membership t JOIN assignment a ON a.id = t.assignment_id JOIN unit u ON u.id = a.unit_id
          WHERE t.child_id = $1 AND u.secrecy_domain = 'school' AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date) ORDER BY t.id LIMIT 1`,
        [expired, today],
      )
    ).rows[0];
    if (school) {
      await tx.query(
        `INSERT INTO disclosure (id, child_id, legal_basis_id, justification, from_domain, from_unit_id, recipient_unit_id, recipient_domain, data_categories, valid_from, valid_to,
                                 disclosed_by_person_id, disclosed_by_assignment_id, created_at)
         VALUES ($1, $2, '6c1f0a10-0010-4000-8000-000000000002', $3, 'school', $4, $5, 'social_services', ARRAY['concern'], $6::date, $7::date, $8, $9, $10::timestamptz)`,
        [
          demoUuid(`disclosure:${expired}`),
          expired,
          'Skolan har gjort en orosanmälan. Socialtjänsten behöver skolans iakttagelser för sin förhandsbedömning; samtycket har gått ut och vårdnadshavarna nås inte.',
          school.unit_id,
          sara.unit_id,
          addDays(today, -2),
          addDays(today, 60),
          school.person_id,
          school.assignment_id,
          at(addDays(today, -2)),
        ],
      );
    }
  }
}

/** A break-glass by jonas.lindgren (socialjour) three days ago, ended, waiting for its review. */
async function seedBreakGlass(tx: Queryable, today: string): Promise<void> {
  const jonas = (
    await tx.query<{ id: string; organisation_id: string; unit_id: string; role: string }>(
      `SELECT id, organisation_id, unit_id, role FROM assignment WHERE person_id = $1 AND role IN ('social_worker', 'social_services_manager') ORDER BY id LIMIT 1`,
      [person('jonas.lindgren')],
    )
  ).rows[0];
  const target = (
    await tx.query<{ child_id: string }>(
      `SELECT t.child_id FROM team_membership t JOIN child c ON c.id = t.child_id
        WHERE t.team_role = 'coordinator' AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date) AND NOT c.protected_identity
          AND c.municipality_code = '0780'
          AND NOT EXISTS (SELECT 1 FROM team_membership x WHERE x.child_id = t.child_id AND x.person_id = $1)
        ORDER BY t.child_id LIMIT 1`,
      [person('jonas.lindgren'), today],
    )
  ).rows[0]?.child_id;
  if (jonas && target) {
    const bg = demoUuid(`break-glass:${target}`);
    const started = `${addDays(today, -3)}T21:40:00Z`;
    await tx.query(
      `INSERT INTO break_glass (id, child_id, person_id, assignment_id, role, unit_id, organisation_id, reason, authenticated_at, started_at, expires_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $9::timestamptz, $9::timestamptz + interval '1 hour', $9::timestamptz + interval '25 minutes')`,
      [
        bg,
        target,
        person('jonas.lindgren'),
        jonas.id,
        jonas.role,
        jonas.unit_id,
        jonas.organisation_id,
        'Socialjouren: polisen ringde om barnet sent på kvällen; behövde veta vilka som arbetar med barnet.',
        started,
      ],
    );
    const coordinators = (
      await tx.query<{ person_id: string; assignment_id: string }>(
        `SELECT DISTINCT person_id, assignment_id FROM team_membership WHERE child_id = $1 AND team_role = 'coordinator' AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)`,
        [target, today],
      )
    ).rows;
    for (const c of coordinators) {
      await tx.query(
        `INSERT INTO privacy_alert (id, kind, child_id, break_glass_id, recipient_kind, recipient_person_id, recipient_assignment_id, created_at) VALUES ($1, 'break_glass', $2, $3, 'coordinator', $4, $5, $6::timestamptz)`,
        [demoUuid(`alert:${bg}:${c.assignment_id}`), target, bg, c.person_id, c.assignment_id, started],
      );
    }
    await tx.query(
      `INSERT INTO privacy_alert (id, kind, child_id, break_glass_id, recipient_kind, organisation_id, created_at) VALUES ($1, 'break_glass', $2, $3, 'log_reviewers', $4, $5::timestamptz)`,
      [demoUuid(`alert:${bg}:reviewers`), target, bg, jonas.organisation_id, started],
    );
  }
}

/** What a child told the school counsellor: secret from the guardians. */
async function seedSecretNote(tx: Queryable, today: string): Promise<void> {
  const malin = (
    await tx.query<{ id: string; organisation_id: string; unit_id: string; child_id: string; secrecy_domain: string }>(
      `SELECT a.id, a.organisation_id, a.unit_id, t.child_id, u.secrecy_domain FROM assignment a JOIN team_membership t ON t.assignment_id = a.id JOIN unit u ON u.id = a.unit_id JOIN child c ON c.id = t.child_id
      WHERE a.person_id = $1 AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date) AND c.birth_date <= $2::date - interval '12 years'
      ORDER BY t.child_id LIMIT 1`,
      [person('malin.ahlgren'), today],
    )
  ).rows[0];
  if (malin) {
    await tx.query(
      `INSERT INTO chronology_entry (id, child_id, kind, event_date, significance, text, source_organisation_id, source_unit_id, secrecy_domain, entered_by_person_id, entered_by_assignment_id, created_at, secret_from_guardians)
       VALUES ($1, $2, 'note', $3::date, 'high', $4, $5, $6, $7, $8, $9, $10::timestamptz, true)`,
      [
        demoUuid(`chronology:secret:${malin.child_id}`),
        malin.child_id,
        addDays(today, -6),
        'Berättade i enskilt samtal med kuratorn om bråk hemma och bad att det inte skulle föras vidare till föräldrarna.',
        malin.organisation_id,
        malin.unit_id,
        malin.secrecy_domain,
        person('malin.ahlgren'),
        malin.id,
        at(addDays(today, -6)),
      ],
    );
  }
}
