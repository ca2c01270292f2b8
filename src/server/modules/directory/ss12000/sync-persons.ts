import { parseIdentityNumber } from '../../../../core/personnummer.js';
import type { Queryable } from '../../../db/client.js';
import { Planned } from '../planned.js';
import type { Column } from '../store.js';
import type { Ss12000Person, Ss12000SecurityMarking } from './schema.js';
import type { Ss12000Snapshot } from './snapshot.js';
import type { SyncContext } from './sync-context.js';

/**
 * Persons: a person with enrolments is a child; a person named as a pupil's responsible is a
 * guardian; a person with a duty is staff (one person may be several: a teacher is also a parent).
 * A child needs a valid personnummer (or samordningsnummer); one that is not valid, or that
 * another record in the same run also has, is rejected and nothing of it is written.
 * Skyddad folkbokföring and sekretessmarkering set protected identity and drop any address.
 */

const MARKINGS: Record<Ss12000SecurityMarking, string> = {
  Ingen: 'none',
  Sekretessmarkering: 'confidentiality_marking',
  'Skyddad folkbokföring': 'protected_registration',
};

interface ChildRow {
  id: string;
  personnummer: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  gender: string;
  municipality_code: string;
  protected_identity: boolean;
  identity_marking: string;
}

interface GuardianRow {
  id: string;
  personnummer: string | null;
  given_name: string;
  family_name: string;
  identity_marking: string;
}

interface StaffRow {
  id: string;
  personnummer: string | null;
  given_name: string;
  family_name: string;
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

const col = <R>(name: keyof R & string, type: string): Column<R> => ({ name, type, value: (r: R) => r[name] });

// Birth date and gender stay as they are on an update: the personnummer is the key, and a gender
// set by hand (the population import keeps it too) is not overwritten from the number.
const CHILD_UPDATE: Column<ChildRow>[] = [
  col('personnummer', 'text'),
  col('given_name', 'text'),
  col('family_name', 'text'),
  col('protected_identity', 'boolean'),
  col('identity_marking', 'text'),
];
const CHILD_INSERT = [
  ...CHILD_UPDATE,
  col<ChildRow>('birth_date', 'date'),
  col<ChildRow>('gender', 'text'),
  col<ChildRow>('municipality_code', 'text'),
];
const GUARDIAN_COLUMNS: Column<GuardianRow>[] = [
  col('personnummer', 'text'),
  col('given_name', 'text'),
  col('family_name', 'text'),
  col('identity_marking', 'text'),
];
const STAFF_COLUMNS: Column<StaffRow>[] = [
  col('personnummer', 'text'),
  col('given_name', 'text'),
  col('family_name', 'text'),
  col('oidc_issuer', 'text'),
  col('oidc_subject', 'text'),
];
const NO_ADDRESS_IF_PROTECTED = `address_line = CASE WHEN v.identity_marking <> 'none' THEN NULL ELSE t.address_line END,
  postal_code = CASE WHEN v.identity_marking <> 'none' THEN NULL ELSE t.postal_code END,
  city = CASE WHEN v.identity_marking <> 'none' THEN NULL ELSE t.city END`;

export interface Roles {
  pupils: Ss12000Person[];
  guardians: Ss12000Person[];
  staff: Ss12000Person[];
}

/** Which of the run's persons are children, guardians and staff. */
export function rolesOf(c: SyncContext, snap: Ss12000Snapshot): Roles {
  const onDuty = new Set(snap.duties.map((d) => d.person.id));
  const pupils = snap.persons.filter((p) => (p.enrolments?.length ?? 0) > 0 || c.links.get('child', p.id));
  const named = new Set(pupils.flatMap((p) => (p.responsibles ?? []).map((r) => r.person.id)));
  return {
    pupils,
    guardians: snap.persons.filter((p) => named.has(p.id) || c.links.get('guardian', p.id)),
    staff: snap.persons.filter((p) => onDuty.has(p.id) || c.links.get('staff', p.id)),
  };
}

function identity(
  p: Ss12000Person,
): { ok: true; pnr: string; birthDate: string; gender: 'female' | 'male' } | { ok: false; reason: string } {
  const value = p.civicNo?.value?.replace(/\D/g, '');
  if (!value) return { ok: false, reason: 'missing_personnummer' };
  try {
    const parsed = parseIdentityNumber(value.length === 12 ? value : p.civicNo!.value, new Date(Date.UTC(2000, 0, 1)));
    return { ok: true, pnr: parsed.normalized, birthDate: parsed.birthDate, gender: parsed.legalGender };
  } catch {
    return { ok: false, reason: 'invalid_personnummer' };
  }
}

/** Ids of existing rows in `table` with these personnummer (to link instead of duplicating). */
async function byPersonnummer(
  q: Queryable,
  table: 'child' | 'guardian' | 'person',
  pnrs: string[],
): Promise<Map<string, string>> {
  if (pnrs.length === 0) return new Map();
  const r = await q.query<{ id: string; personnummer: string }>(
    `SELECT id, personnummer FROM ${table} WHERE personnummer = ANY($1::text[])`,
    [pnrs],
  );
  return new Map(r.rows.map((x) => [x.personnummer, x.id]));
}

/** Keeps the first record of each personnummer; later ones are rejected as duplicates. */
function firstOfEach<T extends { pnr: string; p: Ss12000Person }>(c: SyncContext, entity: string, list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    if (seen.has(x.pnr)) {
      c.tally.reject(entity, x.p.id, 'duplicate');
      return false;
    }
    seen.add(x.pnr);
    return true;
  });
}

export async function syncChildren(c: SyncContext, pupils: Ss12000Person[]): Promise<void> {
  const valid: { p: Ss12000Person; pnr: string; birthDate: string; gender: string }[] = [];
  for (const p of pupils) {
    const id = identity(p);
    if (id.ok) valid.push({ p, ...id });
    else c.tally.reject('persons', p.id, id.reason);
  }
  const unique = firstOfEach(c, 'persons', valid);
  const existing = await byPersonnummer(
    c.tx,
    'child',
    unique.map((x) => x.pnr),
  );
  const planned = new Planned<ChildRow>(c.links, c.tally, 'child', 'persons', c.newId);
  for (const { p, pnr, birthDate, gender } of unique) {
    const marking = MARKINGS[p.securityMarking ?? 'Ingen'];
    const row = {
      personnummer: pnr,
      given_name: p.givenName ?? '',
      family_name: p.familyName ?? '',
      birth_date: birthDate,
      gender,
      protected_identity: marking !== 'none',
      identity_marking: marking,
    };
    const municipality = municipalityOf(c, p);
    if (!c.links.get('child', p.id) && !existing.has(pnr) && !municipality) {
      c.tally.reject('persons', p.id, 'unknown_municipality');
      continue;
    }
    const id = planned.plan(
      p.id,
      row,
      (id) => ({ id, ...row, municipality_code: municipality ?? '' }),
      existing.get(pnr),
    );
    c.children.set(p.id, id);
  }
  await planned.write(
    c.tx,
    'child',
    CHILD_INSERT,
    `version = t.version + 1, updated_at = '${c.now.toISOString()}', ${NO_ADDRESS_IF_PROTECTED}`,
    CHILD_UPDATE,
  );
}

/** The municipality of the pupil's first enrolment's school (the child's own comes from the population register). */
function municipalityOf(c: SyncContext, p: Ss12000Person): string | null {
  for (const e of p.enrolments ?? []) {
    const unit = c.links.get('unit', e.enroledAt.id);
    const code = unit ? c.units.get(unit.localId)?.municipalityCode : null;
    if (code) return code;
  }
  return null;
}

export async function syncGuardians(c: SyncContext, guardians: Ss12000Person[]): Promise<void> {
  const withNumber: { p: Ss12000Person; pnr: string }[] = [];
  const without: Ss12000Person[] = [];
  for (const p of guardians) {
    if (!p.civicNo?.value) {
      without.push(p);
      continue;
    }
    const id = identity(p);
    if (id.ok) withNumber.push({ p, pnr: id.pnr });
    else c.tally.reject('persons', p.id, id.reason);
  }
  const unique = firstOfEach(c, 'persons', withNumber);
  const existing = await byPersonnummer(
    c.tx,
    'guardian',
    unique.map((x) => x.pnr),
  );
  const planned = new Planned<GuardianRow>(c.links, c.tally, 'guardian', 'persons', c.newId);
  for (const { p, pnr } of [...unique, ...without.map((p) => ({ p, pnr: null }))]) {
    const row = {
      personnummer: pnr,
      given_name: p.givenName ?? '',
      family_name: p.familyName ?? '',
      identity_marking: MARKINGS[p.securityMarking ?? 'Ingen'],
    };
    c.guardians.set(
      p.id,
      planned.plan(p.id, row, (id) => ({ id, ...row }), pnr ? existing.get(pnr) : undefined),
    );
  }
  await planned.write(c.tx, 'guardian', GUARDIAN_COLUMNS, NO_ADDRESS_IF_PROTECTED);
}

export async function syncStaff(c: SyncContext, staff: Ss12000Person[]): Promise<void> {
  const rows: { p: Ss12000Person; pnr: string | null; subject: string | null }[] = [];
  for (const p of staff) {
    const id = p.civicNo?.value ? identity(p) : null;
    if (id && !id.ok) {
      c.tally.reject('persons', p.id, id.reason);
      continue;
    }
    rows.push({ p, pnr: id?.pnr ?? null, subject: p.eduPersonPrincipalNames?.[0]?.trim().toLowerCase() || null });
  }
  const existing = await byPersonnummer(
    c.tx,
    'person',
    rows.flatMap((x) => (x.pnr ? [x.pnr] : [])),
  );
  const logins = await existingLogins(
    c,
    rows.flatMap((x) => (x.subject ? [x.subject] : [])),
  );
  const planned = new Planned<StaffRow>(c.links, c.tally, 'staff', 'persons', c.newId);
  const seenPnr = new Set<string>();
  const seenLogin = new Set<string>();
  for (const { p, pnr, subject } of rows) {
    const loginHolder = subject ? logins.get(subject) : undefined;
    // The same person from another source (the HR export): by personnummer, else by their login.
    const own = c.links.get('staff', p.id)?.localId ?? (pnr ? existing.get(pnr) : undefined) ?? loginHolder;
    if ((pnr && seenPnr.has(pnr)) || (subject && (seenLogin.has(subject) || (loginHolder && loginHolder !== own)))) {
      c.tally.reject('persons', p.id, 'duplicate');
      continue;
    }
    if (pnr) seenPnr.add(pnr);
    if (subject) seenLogin.add(subject);
    const row = {
      personnummer: pnr,
      given_name: p.givenName ?? '',
      family_name: p.familyName ?? '',
      oidc_issuer: subject ? (c.oidcIssuer ?? null) : null,
      oidc_subject: subject,
    };
    c.staff.set(
      p.id,
      planned.plan(p.id, row, (id) => ({ id, ...row }), own),
    );
  }
  await planned.write(c.tx, 'person', STAFF_COLUMNS);
}

/** Who already logs in with these subjects at this issuer. */
async function existingLogins(c: SyncContext, subjects: string[]): Promise<Map<string, string>> {
  if (subjects.length === 0) return new Map();
  const r = await c.tx.query<{ id: string; oidc_subject: string }>(
    `SELECT id, oidc_subject FROM person WHERE oidc_issuer IS NOT DISTINCT FROM $1 AND oidc_subject = ANY($2::text[])`,
    [c.oidcIssuer ?? null, subjects],
  );
  return new Map(r.rows.map((x) => [x.oidc_subject, x.id]));
}
