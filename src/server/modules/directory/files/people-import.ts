import { sql } from '../../../db/sql.js';
import { secrecyDomainOf } from '../unit-kinds.js';
import { overlaps } from './fields.js';
import { writePersons } from './people-persons.js';
import type { OrgRecord, PeopleFile, UnitRecord } from './people-format.js';
import { endLinks, notNamed, planUpsert, type RunContext, runBatched, settle } from './plan.js';

/**
 * The people file into Barnkompass: organisations (found by their link, else by name and kind),
 * units (by link, else by organisation, name and kind), staff (people-persons.ts) and assignments.
 * A file speaks for the organisations it names: their units and assignments that the file no longer
 * has are ended the day before the run, and a person none of whose imported assignments is left open
 * has their link ended (and their login disabled once no assignment of theirs is current).
 */
export async function importPeople(ctx: RunContext, file: PeopleFile, oidcIssuer: string | undefined): Promise<void> {
  ctx.tally.touch('organisations', 'units', 'persons', 'assignments');
  for (const r of file.rejected) ctx.tally.reject(r.entity, r.id, r.reason);
  ctx.progress('organisations');
  const orgIds = await writeOrganisations(ctx, file.organisations);
  ctx.progress('units');
  const unitIds = await writeUnits(ctx, file, orgIds);
  ctx.progress('persons');
  const personIds = await writePersons(ctx, file.persons, oidcIssuer);
  ctx.progress('assignments');
  await writeAssignments(ctx, file, unitIds, personIds);
  ctx.progress('ending what the file no longer has');
  await endMissing(ctx, file, [...orgIds.values()]);
  await ctx.links.flush(ctx.tx);
}

async function writeOrganisations(ctx: RunContext, records: [string, OrgRecord][]): Promise<Map<string, string>> {
  // The same organisation in another source (the huvudman in SS 12000): by organisation number, the
  // municipality by its code, else by name and kind.
  const st = sql(
    `SELECT o.id, lower(o.name) AS name, o.kind, o.organisation_number, o.municipality_code FROM organisation o
      WHERE (lower(o.name) = ANY(:names::text[]) OR o.organisation_number = ANY(:numbers::text[])
             OR (o.kind = 'municipality' AND o.municipality_code = ANY(:munis::text[])))
        AND NOT EXISTS (SELECT 1 FROM directory_link l WHERE l.local_id = o.id AND l.source = 'people' AND l.feed = :feed)`,
    {
      names: records.map(([, o]) => o.name.toLowerCase()),
      numbers: records.map(([k]) => organisationNumber(k)),
      munis: records.flatMap(([, o]) => (o.municipalityCode ? [o.municipalityCode] : [])),
      feed: ctx.links.feed,
    },
  );
  type Existing = {
    id: string;
    name: string;
    kind: string;
    organisation_number: string | null;
    municipality_code: string | null;
  };
  const existing = (await ctx.tx.query<Existing>(st.text, st.values)).rows;
  const plan = planUpsert(
    ctx,
    'organisations',
    records,
    (o) => ({ name: o.name, kind: o.kind, municipalityCode: o.municipalityCode }),
    (k, o) =>
      claim(
        existing,
        (e) =>
          e.organisation_number === organisationNumber(k) ||
          (o.kind === 'municipality' && e.kind === 'municipality' && e.municipality_code === o.municipalityCode) ||
          (e.name === o.name.toLowerCase() && e.kind === o.kind),
      ),
  );
  const cols = {
    id: (p: (typeof plan.creates)[number]) => p.localId,
    name: (p: (typeof plan.creates)[number]) => p.rec.name,
    kind: (p: (typeof plan.creates)[number]) => p.rec.kind,
    muni: (p: (typeof plan.creates)[number]) => p.rec.municipalityCode,
    number: (p: (typeof plan.creates)[number]) => organisationNumber(p.key),
  };
  await runBatched(
    ctx.tx,
    `INSERT INTO organisation (id, name, kind, municipality_code, organisation_number)
     SELECT * FROM unnest(:id::uuid[], :name::text[], :kind::text[], :muni::text[], :number::text[])`,
    plan.creates,
    cols,
  );
  await runBatched(
    ctx.tx,
    `UPDATE organisation o SET name = v.name, kind = v.kind, municipality_code = v.muni,
            organisation_number = COALESCE(v.number, o.organisation_number)
       FROM unnest(:id::uuid[], :name::text[], :kind::text[], :muni::text[], :number::text[]) AS v(id, name, kind, muni, number)
      WHERE o.id = v.id`,
    plan.updates,
    cols,
  );
  settle(ctx, 'organisations', plan);
  return plan.ids;
}

interface UnitRow {
  organisationId: string;
  name: string;
  kind: UnitRecord['kind'];
  municipalityCode: string | null;
  validTo: string | null;
}

async function writeUnits(
  ctx: RunContext,
  file: PeopleFile,
  orgIds: Map<string, string>,
): Promise<Map<string, string>> {
  const orgMunicipality = new Map(file.organisations.map(([k, o]) => [k, o.municipalityCode]));
  const rows: [string, UnitRow][] = [];
  for (const [key, u] of file.units) {
    const organisationId = orgIds.get(u.orgNumber) ?? openLink(ctx, 'organisations', u.orgNumber);
    if (!organisationId) {
      ctx.tally.reject('units', key, 'unknown_organisation');
      continue;
    }
    const municipalityCode = u.municipalityCode ?? orgMunicipality.get(u.orgNumber) ?? null;
    rows.push([key, { organisationId, name: u.name, kind: u.kind, municipalityCode, validTo: u.validTo }]);
  }
  const st = sql(
    `SELECT u.id, u.organisation_id, lower(u.name) AS name, u.kind FROM unit u WHERE u.organisation_id = ANY(:orgs::uuid[])
        AND NOT EXISTS (SELECT 1 FROM directory_link l WHERE l.local_id = u.id AND l.source = 'people' AND l.feed = :feed)`,
    { orgs: [...new Set(rows.map(([, u]) => u.organisationId))], feed: ctx.links.feed },
  );
  const existing = (
    await ctx.tx.query<{ id: string; organisation_id: string; name: string; kind: string }>(st.text, st.values)
  ).rows;
  const plan = planUpsert(
    ctx,
    'units',
    rows,
    (u) => u,
    (_k, u) =>
      claim(
        existing,
        (e) => e.organisation_id === u.organisationId && e.name === u.name.toLowerCase() && e.kind === u.kind,
      ),
  );
  type P = (typeof plan.creates)[number];
  const cols = {
    id: (p: P) => p.localId,
    org: (p: P) => p.rec.organisationId,
    name: (p: P) => p.rec.name,
    kind: (p: P) => p.rec.kind,
    domain: (p: P) => secrecyDomainOf(p.rec.kind),
    muni: (p: P) => p.rec.municipalityCode,
    valid_to: (p: P) => p.rec.validTo,
  };
  const source = `unnest(:id::uuid[], :org::uuid[], :name::text[], :kind::text[], :domain::text[], :muni::text[],
                         :valid_to::date[])`;
  await runBatched(
    ctx.tx,
    `INSERT INTO unit (id, organisation_id, name, kind, secrecy_domain, municipality_code, valid_to) SELECT * FROM ${source}`,
    plan.creates,
    cols,
  );
  await runBatched(
    ctx.tx,
    `UPDATE unit u SET organisation_id = v.org, name = v.name, kind = v.kind, secrecy_domain = v.domain,
            municipality_code = v.muni, valid_to = v.valid_to
       FROM ${source} AS v(id, org, name, kind, domain, muni, valid_to) WHERE u.id = v.id`,
    plan.updates,
    cols,
  );
  settle(ctx, 'units', plan);
  return plan.ids;
}

/** The first row that fits and is not matched to another record yet: two records never share one row. */
function claim<E extends { id: string; claimed?: boolean }>(rows: E[], fits: (row: E) => boolean): string | undefined {
  const row = rows.find((r) => !r.claimed && fits(r));
  if (row) row.claimed = true;
  return row?.id;
}

/** The local id behind an open link of this source (a record of an earlier file). */
export function openLink(ctx: RunContext, entity: string, key: string): string | undefined {
  const link = ctx.links.get(entity, key);
  return link && link.endedOn === null ? link.localId : undefined;
}

interface AssignmentRow {
  personId: string;
  organisationId: string;
  unitId: string;
  role: string;
  title: string | null;
  validFrom: string;
  validTo: string | null;
}

async function resolveAssignments(
  ctx: RunContext,
  file: PeopleFile,
  unitIds: Map<string, string>,
  personIds: Map<string, string>,
): Promise<[string, AssignmentRow][]> {
  const rows: [string, AssignmentRow][] = [];
  for (const [key, a] of file.assignments) {
    const personId = personIds.get(a.personId) ?? openLink(ctx, 'persons', a.personId);
    const unitId = unitIds.get(a.unitId) ?? openLink(ctx, 'units', a.unitId);
    if (!personId) ctx.tally.reject('assignments', key, 'unknown_person');
    else if (!unitId) ctx.tally.reject('assignments', key, 'unknown_unit');
    else rows.push([key, { ...a, personId, unitId, organisationId: '' }]);
  }
  // The organisation of an assignment is its unit's.
  const st = sql('SELECT id, organisation_id FROM unit WHERE id = ANY(:ids::uuid[])', {
    ids: [...new Set(rows.map(([, r]) => r.unitId))],
  });
  const orgOf = new Map(
    (await ctx.tx.query<{ id: string; organisation_id: string }>(st.text, st.values)).rows.map((r) => [
      r.id,
      r.organisation_id,
    ]),
  );
  for (const [, r] of rows) r.organisationId = orgOf.get(r.unitId) ?? '';
  return rows;
}

async function writeAssignments(
  ctx: RunContext,
  file: PeopleFile,
  unitIds: Map<string, string>,
  personIds: Map<string, string>,
): Promise<void> {
  const rows = await resolveAssignments(ctx, file, unitIds, personIds);
  const st = sql(
    `SELECT a.id, a.person_id, a.unit_id, a.role, a.valid_from::text, a.valid_to::text FROM assignment a
      WHERE a.person_id = ANY(:persons::uuid[])
        AND NOT EXISTS (SELECT 1 FROM directory_link l WHERE l.local_id = a.id AND l.source = 'people' AND l.feed = :feed)`,
    { persons: [...new Set(rows.map(([, r]) => r.personId))], feed: ctx.links.feed },
  );
  type Existing = {
    id: string;
    person_id: string;
    unit_id: string;
    role: string;
    valid_from: string;
    valid_to: string | null;
  };
  const existing = (await ctx.tx.query<Existing>(st.text, st.values)).rows;
  const plan = planUpsert(
    ctx,
    'assignments',
    rows,
    (a) => a,
    (_k, a) =>
      claim(
        existing,
        (x) =>
          x.person_id === a.personId &&
          x.unit_id === a.unitId &&
          x.role === a.role &&
          overlaps({ validFrom: x.valid_from, validTo: x.valid_to }, a),
      ),
  );
  type P = (typeof plan.creates)[number];
  const cols = {
    id: (p: P) => p.localId,
    person: (p: P) => p.rec.personId,
    org: (p: P) => p.rec.organisationId,
    unit: (p: P) => p.rec.unitId,
    role: (p: P) => p.rec.role,
    title: (p: P) => p.rec.title,
    valid_from: (p: P) => p.rec.validFrom,
    valid_to: (p: P) => p.rec.validTo,
  };
  const source = `unnest(:id::uuid[], :person::uuid[], :org::uuid[], :unit::uuid[], :role::text[], :title::text[],
                         :valid_from::date[], :valid_to::date[])`;
  await runBatched(
    ctx.tx,
    `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, title, valid_from, valid_to)
     SELECT * FROM ${source}`,
    plan.creates,
    cols,
  );
  await runBatched(
    ctx.tx,
    `UPDATE assignment a SET person_id = v.person, organisation_id = v.org, unit_id = v.unit, role = v.role,
            title = v.title, valid_from = v.valid_from, valid_to = v.valid_to
       FROM ${source} AS v(id, person, org, unit, role, title, valid_from, valid_to) WHERE a.id = v.id`,
    plan.updates,
    cols,
  );
  settle(ctx, 'assignments', plan);
}

/** Ends the units and assignments of the file's organisations that it no longer names, then persons left with none. */
async function endMissing(ctx: RunContext, file: PeopleFile, orgIds: string[]): Promise<void> {
  const inScope = async (table: 'unit' | 'assignment', list: { key: string; localId: string }[]) => {
    if (list.length === 0) return list;
    const st = sql(`SELECT id FROM ${table} WHERE id = ANY(:ids::uuid[]) AND organisation_id = ANY(:orgs::uuid[])`, {
      ids: list.map((x) => x.localId),
      orgs: orgIds,
    });
    const ids = new Set((await ctx.tx.query<{ id: string }>(st.text, st.values)).rows.map((r) => r.id));
    return list.filter((x) => ids.has(x.localId));
  };
  const units = await inScope('unit', notNamed(ctx.links, 'units', file.named.units));
  await runBatched(
    ctx.tx,
    `UPDATE unit SET valid_to = :end::date WHERE id = ANY(:id::uuid[]) AND (valid_to IS NULL OR valid_to > :end::date)`,
    units,
    { id: (x) => x.localId },
    { end: ctx.endDay },
  );
  endLinks(ctx, 'units', units);
  const assignments = await inScope('assignment', notNamed(ctx.links, 'assignments', file.named.assignments));
  // An assignment that had not begun cannot end before it begins: it ends on its first day.
  await runBatched(
    ctx.tx,
    `UPDATE assignment SET valid_to = GREATEST(:end::date, valid_from)
      WHERE id = ANY(:id::uuid[]) AND (valid_to IS NULL OR valid_to > :end::date)`,
    assignments,
    { id: (x) => x.localId },
    { end: ctx.endDay },
  );
  endLinks(ctx, 'assignments', assignments);
  await endPersonsWithoutAssignments(ctx, file);
}

async function endPersonsWithoutAssignments(ctx: RunContext, file: PeopleFile): Promise<void> {
  const candidates = notNamed(ctx.links, 'persons', file.named.persons);
  if (candidates.length === 0) return;
  const open = new Set<string>();
  for (const [, link] of ctx.links.open('assignments')) open.add(link.localId);
  const st = sql('SELECT person_id FROM assignment WHERE id = ANY(:ids::uuid[])', { ids: [...open] });
  const busy = new Set((await ctx.tx.query<{ person_id: string }>(st.text, st.values)).rows.map((r) => r.person_id));
  const ended = candidates.filter((c) => !busy.has(c.localId));
  await runBatched(
    ctx.tx,
    `UPDATE person p SET enabled = false WHERE p.id = ANY(:id::uuid[]) AND p.enabled
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.person_id = p.id
                         AND (a.valid_to IS NULL OR a.valid_to >= :today::date))`,
    ended,
    { id: (x) => x.localId },
    { today: ctx.today },
  );
  endLinks(ctx, 'persons', ended);
}

/** An organisation number as stored: its ten digits (212000-0689 → 2120000689), or null. */
function organisationNumber(code: string): string | null {
  const digits = code.replace(/\D/g, '');
  return digits.length === 10 ? digits : null;
}
