import type { Column } from '../store.js';
import { endLinks, Planned } from '../planned.js';
import { contentHash } from '../store.js';
import { unitKindOf } from './mapping.js';
import type { Ss12000Organisation } from './schema.js';
import type { SyncContext } from './sync-context.js';

/**
 * Organisations: a Huvudman becomes an organisation (municipality, region or independent by its
 * organisation number); a Skolenhet or Förskoleenhet becomes a unit of its huvudman, and a school
 * gets its two elevhälsa units — the psychosocial part (counsellor, psychologist; school secrecy)
 * and the medical part (nurse, doctor; health-care secrecy, a domain of its own).
 * Other levels (Skola, Rektorsområde, Förvaltning …) are passed through to find the huvudman.
 */

interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  municipality_code: string | null;
  organisation_number: string | null;
}

export interface UnitRow {
  id: string;
  organisation_id: string;
  name: string;
  kind: string;
  secrecy_domain: string;
  municipality_code: string | null;
  school_unit_code: string | null;
  parent_unit_id: string | null;
  valid_to: string | null;
}

const ORG_COLUMNS: Column<OrganisationRow>[] = [
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'municipality_code', type: 'text', value: (r) => r.municipality_code },
  { name: 'organisation_number', type: 'text', value: (r) => r.organisation_number },
];

const UNIT_COLUMNS: Column<UnitRow>[] = [
  { name: 'organisation_id', type: 'uuid', value: (r) => r.organisation_id },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'secrecy_domain', type: 'text', value: (r) => r.secrecy_domain },
  { name: 'municipality_code', type: 'text', value: (r) => r.municipality_code },
  { name: 'school_unit_code', type: 'text', value: (r) => r.school_unit_code },
  { name: 'parent_unit_id', type: 'uuid', value: (r) => r.parent_unit_id },
  { name: 'valid_to', type: 'date', value: (r) => r.valid_to },
];

/** An organisation number as stored: its ten digits (212000-0689 → 2120000689), or null. */
function organisationNumber(code: string | undefined): string | null {
  const digits = code?.replace(/\D/g, '') ?? '';
  return digits.length === 10 ? digits : digits.length === 12 && digits.startsWith('16') ? digits.slice(2) : null;
}

/**
 * Organisations already here that a huvudman is (by organisation number, or the municipality by its
 * code), and not yet linked to SS 12000.
 */
async function existingOrganisations(
  c: SyncContext,
  huvudmän: Ss12000Organisation[],
): Promise<
  (row: { organisation_number: string | null; kind: string; municipality_code: string | null }) => string | undefined
> {
  const r = await c.tx.query<{
    id: string;
    organisation_number: string | null;
    kind: string;
    municipality_code: string | null;
  }>(
    `SELECT o.id, o.organisation_number, o.kind, o.municipality_code FROM organisation o
      WHERE (o.organisation_number = ANY($1::text[]) OR (o.kind = 'municipality' AND o.municipality_code = ANY($2::text[])))
        AND NOT EXISTS (SELECT 1 FROM directory_link l WHERE l.local_id = o.id AND l.source = 'ss12000' AND l.feed = $3)`,
    [
      huvudmän.flatMap((o) => organisationNumber(o.organisationCode) ?? []),
      huvudmän.flatMap((o) => o.municipalityCode ?? []),
      c.links.feed,
    ],
  );
  return (row) =>
    r.rows.find(
      (e) =>
        (row.organisation_number !== null && e.organisation_number === row.organisation_number) ||
        (row.kind === 'municipality' && e.kind === 'municipality' && e.municipality_code === row.municipality_code),
    )?.id;
}

/** Swedish organisation numbers: municipalities 212000-xxxx, regions 232100-xxxx. */
function organisationKind(code: string | undefined): 'municipality' | 'region' | 'independent' {
  if (code?.startsWith('212')) return 'municipality';
  if (code?.startsWith('232')) return 'region';
  return 'independent';
}

const STUDENT_HEALTH = [
  { place: 'student_health_psychosocial', suffix: 'elevhälsa', domain: 'school' },
  { place: 'student_health_medical', suffix: 'medicinsk elevhälsa', domain: 'medical_student_health' },
] as const;

export async function syncOrganisations(c: SyncContext, organisations: Ss12000Organisation[]): Promise<void> {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const orgs = new Planned<OrganisationRow>(c.links, c.tally, 'organisation', 'organisations', c.newId);
  const units = new Planned<UnitRow>(c.links, c.tally, 'unit', 'organisations', c.newId);
  const health = new Planned<UnitRow>(c.links, c.tally, 'unit_student_health', 'student_health_units', c.newId);
  const huvudmän = organisations.filter((o) => (o.organisationType ?? '').trim().toLowerCase() === 'huvudman');
  const existing = await existingOrganisations(c, huvudmän);
  for (const o of huvudmän) {
    const row = {
      name: o.displayName ?? o.organisationCode ?? 'Huvudman',
      kind: organisationKind(o.organisationCode),
      municipality_code: o.municipalityCode ?? null,
      organisation_number: organisationNumber(o.organisationCode),
    };
    const same = c.links.get('organisation', o.id) ? undefined : existing(row);
    if (same) {
      // The same organisation from another source (the employer in the HR export): linked, not renamed.
      c.links.set('organisation', o.id, { localId: same, hash: contentHash(row), endedOn: null });
      continue;
    }
    orgs.plan(o.id, row, (id) => ({ id, ...row }));
  }
  for (const o of organisations) {
    const kind = unitKindOf(o.organisationType, o.schoolTypes);
    if (!kind.ok) {
      if (kind.reason !== 'not_a_school_unit') c.tally.reject('organisations', o.id, kind.reason);
      continue;
    }
    const organisationId = huvudmanOf(c, o, byId);
    if (!organisationId) {
      c.tally.reject('organisations', o.id, 'unknown_organisation');
      continue;
    }
    const row = {
      organisation_id: organisationId,
      name: o.displayName ?? o.schoolUnitCode ?? 'Enhet',
      kind: kind.value,
      secrecy_domain: 'school',
      municipality_code: o.municipalityCode ?? null,
      school_unit_code: o.schoolUnitCode ?? null,
      parent_unit_id: null,
      valid_to: o.endDate ?? null,
    };
    const unitId = units.plan(o.id, row, (id) => ({ id, ...row }));
    c.units.set(unitId, { kind: kind.value, organisationId, municipalityCode: row.municipality_code });
    if (kind.value === 'preschool') continue;
    for (const h of STUDENT_HEALTH) {
      const hr = {
        ...row,
        name: `${row.name} – ${h.suffix}`,
        kind: h.place,
        secrecy_domain: h.domain,
        school_unit_code: null,
        parent_unit_id: unitId,
      };
      health.plan(`${h.place}|${o.id}`, hr, (id) => ({ id, ...hr }));
    }
  }
  c.tally.touch('organisations');
  await orgs.write(c.tx, 'organisation', ORG_COLUMNS);
  await units.write(c.tx, 'unit', UNIT_COLUMNS);
  await health.write(c.tx, 'unit', UNIT_COLUMNS);
}

/** The huvudman organisation above a unit: up the parents in this run, or the unit's existing one. */
function huvudmanOf(
  c: SyncContext,
  o: Ss12000Organisation,
  byId: Map<string, Ss12000Organisation>,
): string | undefined {
  let parent = o.parentOrganisation?.id;
  for (let depth = 0; parent !== undefined && depth < 8; depth++) {
    const linked = c.links.get('organisation', parent);
    if (linked) return linked.localId;
    parent = byId.get(parent)?.parentOrganisation?.id;
  }
  const existing = c.links.get('unit', o.id);
  return existing ? c.units.get(existing.localId)?.organisationId : undefined;
}

/** Units removed at the source end yesterday, with their elevhälsa units. */
export async function endOrganisations(c: SyncContext, externalIds: readonly string[]): Promise<void> {
  const ended = endLinks(c.links, 'unit', externalIds, c.yesterday);
  const health = endLinks(
    c.links,
    'unit_student_health',
    externalIds.flatMap((id) => STUDENT_HEALTH.map((h) => `${h.place}|${id}`)),
    c.yesterday,
  );
  if (ended.length + health.length === 0) return;
  const r = await c.tx.query(
    `UPDATE unit SET valid_to = $2::date WHERE id = ANY($1::uuid[]) AND (valid_to IS NULL OR valid_to > $2::date)`,
    [[...ended, ...health], c.yesterday],
  );
  c.tally.count('organisations', 'ended', Math.min(ended.length, r.rowCount));
}

/** The elevhälsa unit of a school for a duty placed there. */
export function studentHealthUnit(c: SyncContext, schoolExternalId: string, place: string): string | undefined {
  return c.links.get('unit_student_health', `${place}|${schoolExternalId}`)?.localId;
}
