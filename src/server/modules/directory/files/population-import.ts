import { endPopulation } from './population-end.js';
import type { ChildRecord, GuardianRecord, PopulationFile } from './population-format.js';
import { idsByPersonnummer, writeGuardianships, writeListings } from './population-relations.js';
import { planUpsert, type Planned, type RunContext, runBatched, settle } from './plan.js';

/**
 * The population file into Barnkompass: children and guardians (found by their link, else by
 * personnummer), custody (population-relations.ts) and BVC listings. A protected person's address is
 * never stored (the file may not carry one; what was stored before is cleared). What the file no
 * longer has is ended (population-end.ts).
 */
export async function importPopulation(ctx: RunContext, file: PopulationFile): Promise<void> {
  ctx.tally.touch('children', 'guardians', 'guardianships', 'listings');
  for (const r of file.rejected) ctx.tally.reject(r.entity, r.id, r.reason);
  ctx.progress('children');
  const children = await writeChildren(ctx, file.children);
  ctx.progress('guardians');
  const guardians = await writeGuardians(ctx, file.guardians);
  ctx.progress('custody');
  await writeGuardianships(ctx, file, children, guardians);
  ctx.progress('listings');
  await writeListings(ctx, file, children);
  ctx.progress('ending what the file no longer has');
  await endPopulation(ctx, file);
  await ctx.links.flush(ctx.tx);
}

function addressOf(p: GuardianRecord) {
  // Belt and braces: the reader rejects a protected person with an address, and none is ever written.
  const hidden = p.marking !== 'none';
  return {
    addressLine: hidden ? null : p.addressLine,
    postalCode: hidden ? null : p.postalCode,
    city: hidden ? null : p.city,
  };
}

async function writeChildren(ctx: RunContext, records: [string, ChildRecord][]): Promise<Map<string, string>> {
  const existing = await idsByPersonnummer(
    ctx,
    'child',
    records.map(([k]) => k),
  );
  const rows = records.map(([k, c]) => [k, { ...c, ...addressOf(c) }] as [string, ChildRecord]);
  const plan = planUpsert(
    ctx,
    'children',
    rows,
    (c) => c,
    (k) => existing.get(k)?.id,
  );
  type P = Planned<ChildRecord>;
  const cols = {
    id: (p: P) => p.localId,
    pnr: (p: P) => p.rec.personnummer,
    given: (p: P) => p.rec.givenName,
    family: (p: P) => p.rec.familyName,
    birth: (p: P) => p.rec.birthDate,
    gender: (p: P) => p.rec.gender,
    muni: (p: P) => p.rec.municipalityCode,
    line: (p: P) => p.rec.addressLine,
    postal: (p: P) => p.rec.postalCode,
    city: (p: P) => p.rec.city,
    marking: (p: P) => p.rec.marking,
  };
  const source = `unnest(:id::uuid[], :pnr::text[], :given::text[], :family::text[], :birth::date[], :gender::text[],
                         :muni::text[], :line::text[], :postal::text[], :city::text[], :marking::text[])
                  AS v(id, pnr, given, family, birth, gender, muni, line, postal, city, marking)`;
  await runBatched(
    ctx.tx,
    `INSERT INTO child (id, personnummer, given_name, family_name, birth_date, gender, municipality_code,
                        address_line, postal_code, city, protected_identity, identity_marking)
     SELECT id, pnr, given, family, birth, gender, muni, line, postal, city, marking <> 'none', marking FROM ${source}`,
    plan.creates,
    cols,
  );
  // Birth date and gender stay as they are: the personnummer is the key, and a gender set by hand is kept.
  const { birth: _birth, gender: _gender, ...changed } = cols;
  await runBatched(
    ctx.tx,
    `UPDATE child c SET given_name = v.given, family_name = v.family, municipality_code = v.muni,
            address_line = v.line, postal_code = v.postal, city = v.city,
            protected_identity = v.marking <> 'none', identity_marking = v.marking,
            version = c.version + 1, updated_at = :now::timestamptz
       FROM unnest(:id::uuid[], :pnr::text[], :given::text[], :family::text[], :muni::text[], :line::text[],
                   :postal::text[], :city::text[], :marking::text[])
            AS v(id, pnr, given, family, muni, line, postal, city, marking)
      WHERE c.id = v.id AND c.personnummer = v.pnr`,
    plan.updates,
    changed,
    { now: ctx.now.toISOString() },
  );
  settle(ctx, 'children', plan);
  return plan.ids;
}

async function writeGuardians(ctx: RunContext, records: [string, GuardianRecord][]): Promise<Map<string, string>> {
  const existing = await idsByPersonnummer(
    ctx,
    'guardian',
    records.map(([k]) => k),
  );
  const rows = records.map(([k, g]) => [k, { ...g, ...addressOf(g) }] as [string, GuardianRecord]);
  const plan = planUpsert(
    ctx,
    'guardians',
    rows,
    (g) => g,
    (k) => existing.get(k)?.id,
  );
  type P = Planned<GuardianRecord>;
  const cols = {
    id: (p: P) => p.localId,
    pnr: (p: P) => p.rec.personnummer,
    given: (p: P) => p.rec.givenName,
    family: (p: P) => p.rec.familyName,
    line: (p: P) => p.rec.addressLine,
    postal: (p: P) => p.rec.postalCode,
    city: (p: P) => p.rec.city,
    marking: (p: P) => p.rec.marking,
  };
  const source = `unnest(:id::uuid[], :pnr::text[], :given::text[], :family::text[], :line::text[], :postal::text[],
                         :city::text[], :marking::text[]) AS v(id, pnr, given, family, line, postal, city, marking)`;
  await runBatched(
    ctx.tx,
    `INSERT INTO guardian (id, personnummer, given_name, family_name, address_line, postal_code, city, identity_marking)
     SELECT * FROM ${source}`,
    plan.creates,
    cols,
  );
  await runBatched(
    ctx.tx,
    `UPDATE guardian g SET given_name = v.given, family_name = v.family, address_line = v.line,
            postal_code = v.postal, city = v.city, identity_marking = v.marking
       FROM ${source} WHERE g.id = v.id AND v.pnr = g.personnummer`,
    plan.updates,
    cols,
  );
  settle(ctx, 'guardians', plan);
  return plan.ids;
}
