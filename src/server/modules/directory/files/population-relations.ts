import { sql } from '../../../db/sql.js';
import { overlaps } from './fields.js';
import type { CustodyRecord, ListingRecord, PopulationFile } from './population-format.js';
import { planUpsert, type Planned, type RunContext, runBatched, settle } from './plan.js';

/**
 * Custody and BVC listings. Both refer to a child (and custody to a guardian) by personnummer: the
 * file's own, or one Barnkompass already has; anything else is `unknown_person`. A custody without
 * a start date runs from the child's birth, as does a listing. A listing's unit is a child health
 * centre from the people file (its unit id there), its nurse a person of the people file with an
 * assignment at that unit.
 */

/** The local ids of the people of this kind with these personnummer. */
export async function idsByPersonnummer(
  ctx: RunContext,
  table: 'child' | 'guardian',
  pnrs: string[],
): Promise<Map<string, { id: string; birthDate: string | null }>> {
  const st = sql(
    `SELECT id, personnummer, ${table === 'child' ? 'birth_date::text' : 'NULL'} AS birth_date
       FROM ${table} WHERE personnummer = ANY(:pnrs::text[])`,
    { pnrs },
  );
  const r = await ctx.tx.query<{ id: string; personnummer: string; birth_date: string | null }>(st.text, st.values);
  return new Map(r.rows.map((x) => [x.personnummer, { id: x.id, birthDate: x.birth_date }]));
}

interface People {
  /** Local id and birth date by personnummer. */
  children: Map<string, { id: string; birthDate: string | null }>;
  guardians: Map<string, { id: string; birthDate: string | null }>;
}

async function people(
  ctx: RunContext,
  file: PopulationFile,
  childIds: Map<string, string>,
  guardianIds: Map<string, string>,
  refs: { child: string; guardian?: string }[],
): Promise<People> {
  const birth = new Map(file.children.map(([k, c]) => [k, c.birthDate]));
  const children = new Map([...childIds].map(([k, id]) => [k, { id, birthDate: birth.get(k) ?? null }]));
  const guardians = new Map<string, { id: string; birthDate: string | null }>(
    [...guardianIds].map(([k, id]) => [k, { id, birthDate: null }]),
  );
  const named = file.named;
  // Someone the file names but rejected is unknown here: nothing of a rejected record is used.
  const askChildren = refs.map((r) => r.child).filter((p) => !children.has(p) && !named.children.has(p));
  const askGuardians = refs
    .map((r) => r.guardian)
    .filter((p): p is string => p !== undefined && !guardians.has(p) && !named.guardians.has(p));
  for (const [k, v] of await idsByPersonnummer(ctx, 'child', [...new Set(askChildren)])) children.set(k, v);
  for (const [k, v] of await idsByPersonnummer(ctx, 'guardian', [...new Set(askGuardians)])) guardians.set(k, v);
  return { children, guardians };
}

interface CustodyRow {
  childId: string;
  guardianId: string;
  relation: string;
  hasCustody: boolean;
  livesWithChild: boolean;
  validFrom: string;
  validTo: string | null;
}

export async function writeGuardianships(
  ctx: RunContext,
  file: PopulationFile,
  childIds: Map<string, string>,
  guardianIds: Map<string, string>,
): Promise<void> {
  const records = file.guardianships;
  const known = await people(
    ctx,
    file,
    childIds,
    guardianIds,
    records.map(([, r]) => r),
  );
  const rows: [string, CustodyRow][] = [];
  for (const [key, r] of records) {
    const child = known.children.get(r.child);
    const guardian = known.guardians.get(r.guardian);
    if (!child || !guardian) {
      ctx.tally.reject('guardianships', file.where.get(`guardianships/${key}`) ?? 'guardianships', 'unknown_person');
      continue;
    }
    rows.push([key, custodyRow(r, child.id, guardian.id, child.birthDate)]);
  }
  const st = sql(
    `SELECT c.child_id, c.guardian_id FROM custody c
       JOIN unnest(:c::uuid[], :g::uuid[]) AS v(child_id, guardian_id) USING (child_id, guardian_id)`,
    { c: rows.map(([, r]) => r.childId), g: rows.map(([, r]) => r.guardianId) },
  );
  const r = await ctx.tx.query<{ child_id: string; guardian_id: string }>(st.text, st.values);
  const existing = new Set(r.rows.map((x) => `${x.child_id}/${x.guardian_id}`));
  // Custody has no id of its own: the link's local id is the child's, the guardian is in its key.
  const plan = planUpsert(
    ctx,
    'guardianships',
    rows,
    (c) => c,
    (_k, c) => (existing.has(`${c.childId}/${c.guardianId}`) ? c.childId : undefined),
  );
  for (const p of plan.creates) {
    p.localId = p.rec.childId;
    plan.ids.set(p.key, p.rec.childId);
  }
  type P = Planned<CustodyRow>;
  await runBatched(
    ctx.tx,
    `INSERT INTO custody (child_id, guardian_id, relation, has_custody, lives_with_child, valid_from, valid_to)
     SELECT * FROM unnest(:child::uuid[], :guardian::uuid[], :relation::text[], :has::boolean[], :lives::boolean[],
                          :valid_from::date[], :valid_to::date[])
     ON CONFLICT (child_id, guardian_id) DO UPDATE SET relation = EXCLUDED.relation,
        has_custody = EXCLUDED.has_custody, lives_with_child = EXCLUDED.lives_with_child,
        valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to`,
    [...plan.creates, ...plan.updates],
    {
      child: (p: P) => p.rec.childId,
      guardian: (p: P) => p.rec.guardianId,
      relation: (p: P) => p.rec.relation,
      has: (p: P) => p.rec.hasCustody,
      lives: (p: P) => p.rec.livesWithChild,
      valid_from: (p: P) => p.rec.validFrom,
      valid_to: (p: P) => p.rec.validTo,
    },
  );
  settle(ctx, 'guardianships', plan);
}

function custodyRow(r: CustodyRecord, childId: string, guardianId: string, birthDate: string | null): CustodyRow {
  return {
    childId,
    guardianId,
    relation: r.relation,
    hasCustody: r.hasCustody,
    livesWithChild: r.livesWithChild,
    validFrom: r.validFrom ?? birthDate ?? '1900-01-01',
    validTo: r.validTo,
  };
}

interface ListingRow {
  childId: string;
  unitId: string;
  nurseAssignmentId: string | null;
  validFrom: string;
  validTo: string | null;
}

/** The child health centres and nurses the listings name, from the people file's links. */
async function centres(ctx: RunContext, records: [string, ListingRecord][]) {
  const st = sql(
    `SELECT l.entity, l.external_id, l.local_id, u.kind FROM directory_link l LEFT JOIN unit u ON u.id = l.local_id
      WHERE l.source = 'people' AND l.ended_on IS NULL
        AND ((l.entity = 'units' AND l.external_id = ANY(:units::text[]))
          OR (l.entity = 'persons' AND l.external_id = ANY(:nurses::text[])))`,
    {
      units: [...new Set(records.map(([, l]) => l.unitId))],
      nurses: [...new Set(records.map(([, l]) => l.nurseId).filter((n): n is string => n !== null))],
    },
  );
  const r = await ctx.tx.query<{ entity: string; external_id: string; local_id: string; kind: string | null }>(
    st.text,
    st.values,
  );
  const units = new Map(r.rows.filter((x) => x.entity === 'units').map((x) => [x.external_id, x]));
  const persons = new Map(r.rows.filter((x) => x.entity === 'persons').map((x) => [x.external_id, x.local_id]));
  const a = sql(
    `SELECT id, person_id, unit_id, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM assignment
      WHERE person_id = ANY(:persons::uuid[]) ORDER BY (role = 'child_health_nurse') DESC, valid_from DESC`,
    { persons: [...persons.values()] },
  );
  type Nurse = { id: string; person_id: string; unit_id: string; validFrom: string; validTo: string | null };
  const assignments = (await ctx.tx.query<Nurse>(a.text, a.values)).rows;
  return { units, persons, assignments };
}

async function listingRows(ctx: RunContext, file: PopulationFile, childIds: Map<string, string>) {
  const records = file.listings;
  const known = await people(
    ctx,
    file,
    childIds,
    new Map(),
    records.map(([, l]) => l),
  );
  const { units, persons, assignments } = await centres(ctx, records);
  const rows: [string, ListingRow][] = [];
  for (const [key, l] of records) {
    const where = file.where.get(`listings/${key}`) ?? 'listings';
    const child = known.children.get(l.child);
    const unit = units.get(l.unitId);
    const person = l.nurseId === null ? null : persons.get(l.nurseId);
    const validFrom = l.validFrom ?? child?.birthDate ?? '1900-01-01';
    // The nurse's assignment at the centre during the listing (a child health nurse's first).
    const nurse = person
      ? assignments.find(
          (x) =>
            x.person_id === person && x.unit_id === unit?.local_id && overlaps(x, { validFrom, validTo: l.validTo }),
        )
      : null;
    if (!child) ctx.tally.reject('listings', where, 'unknown_person');
    else if (!unit) ctx.tally.reject('listings', where, 'unknown_unit');
    else if (unit.kind !== 'child_health_centre') ctx.tally.reject('listings', where, 'unsupported_unit_kind');
    else if (l.nurseId !== null && !nurse) ctx.tally.reject('listings', where, 'unknown_person');
    else {
      rows.push([
        key,
        {
          childId: child.id,
          unitId: unit.local_id,
          nurseAssignmentId: nurse?.id ?? null,
          validFrom,
          validTo: l.validTo,
        },
      ]);
    }
  }
  return rows;
}

export async function writeListings(
  ctx: RunContext,
  file: PopulationFile,
  childIds: Map<string, string>,
): Promise<void> {
  const rows = await listingRows(ctx, file, childIds);
  const st = sql(
    `SELECT h.id, h.child_id, h.unit_id, h.valid_from::text, h.valid_to::text FROM health_listing h
      WHERE h.child_id = ANY(:children::uuid[])
        AND NOT EXISTS (SELECT 1 FROM directory_link l WHERE l.local_id = h.id AND l.source = 'population' AND l.feed = :feed)`,
    { children: [...new Set(rows.map(([, r]) => r.childId))], feed: ctx.links.feed },
  );
  type Existing = { id: string; child_id: string; unit_id: string; valid_from: string; valid_to: string | null };
  const existing = (await ctx.tx.query<Existing>(st.text, st.values)).rows;
  const plan = planUpsert(
    ctx,
    'listings',
    rows,
    (l) => l,
    (_k, l) =>
      existing.find(
        (e) =>
          e.child_id === l.childId && e.unit_id === l.unitId && (e.valid_from === l.validFrom || e.valid_to === null),
      )?.id,
  );
  type P = Planned<ListingRow>;
  const cols = {
    id: (p: P) => p.localId,
    child: (p: P) => p.rec.childId,
    unit: (p: P) => p.rec.unitId,
    nurse: (p: P) => p.rec.nurseAssignmentId,
    valid_from: (p: P) => p.rec.validFrom,
    valid_to: (p: P) => p.rec.validTo,
  };
  const source = `unnest(:id::uuid[], :child::uuid[], :unit::uuid[], :nurse::uuid[], :valid_from::date[], :valid_to::date[])`;
  await runBatched(
    ctx.tx,
    `INSERT INTO health_listing (id, child_id, unit_id, nurse_assignment_id, valid_from, valid_to) SELECT * FROM ${source}`,
    plan.creates,
    cols,
  );
  await runBatched(
    ctx.tx,
    `UPDATE health_listing h SET child_id = v.child, unit_id = v.unit, nurse_assignment_id = v.nurse,
            valid_from = v.valid_from, valid_to = v.valid_to
       FROM ${source} AS v(id, child, unit, nurse, valid_from, valid_to) WHERE h.id = v.id`,
    plan.updates,
    cols,
  );
  settle(ctx, 'listings', plan);
}
