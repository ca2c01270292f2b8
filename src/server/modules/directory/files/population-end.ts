import { sql } from '../../../db/sql.js';
import type { PopulationFile } from './population-format.js';
import { endLinks, notNamed, type RunContext, runBatched } from './plan.js';

/**
 * Ending what a population file no longer has. A file speaks for the municipalities its children are
 * registered in (another municipality's file does not end this one's children): a custody or listing
 * of such a child that the file no longer has ends the day before the run (custody's end ends the
 * guardian's standing: consent rules read it at request time), a child the file no longer has keeps
 * its row but its link is ended, and a guardian left without any custody from the register likewise.
 * Nothing is deleted.
 */
export async function endPopulation(ctx: RunContext, file: PopulationFile): Promise<void> {
  const municipalities = [...new Set(file.children.map(([, c]) => c.municipalityCode))];
  const inScope = await childrenInScope(ctx, municipalities);

  const children = notNamed(ctx.links, 'children', file.named.children).filter((c) => inScope(c.key));
  endLinks(ctx, 'children', children);

  const custody = notNamed(ctx.links, 'guardianships', file.named.guardianships).filter((c) =>
    inScope(c.key.split('/')[0]!),
  );
  await runBatched(
    ctx.tx,
    `UPDATE custody c SET valid_to = :end::date
       FROM unnest(:child::text[], :guardian::text[]) AS v(child_pnr, guardian_pnr), child ch, guardian g
      WHERE ch.personnummer = v.child_pnr AND g.personnummer = v.guardian_pnr
        AND c.child_id = ch.id AND c.guardian_id = g.id AND (c.valid_to IS NULL OR c.valid_to > :end::date)`,
    custody,
    { child: (c) => c.key.split('/')[0], guardian: (c) => c.key.split('/')[1] },
    { end: ctx.endDay },
  );
  endLinks(ctx, 'guardianships', custody);

  const listings = notNamed(ctx.links, 'listings', file.named.listings).filter((l) => inScope(l.key.split('/')[0]!));
  await runBatched(
    ctx.tx,
    `UPDATE health_listing SET valid_to = GREATEST(:end::date, valid_from - 1)
      WHERE id = ANY(:id::uuid[]) AND (valid_to IS NULL OR valid_to > :end::date)`,
    listings,
    { id: (l) => l.localId },
    { end: ctx.endDay },
  );
  endLinks(ctx, 'listings', listings);

  // A guardian with no custody left open from the register.
  const standing = new Set<string>();
  for (const [key] of ctx.links.open('guardianships')) standing.add(key.split('/')[1]!);
  const guardians = notNamed(ctx.links, 'guardians', file.named.guardians).filter((g) => !standing.has(g.key));
  endLinks(ctx, 'guardians', guardians);
}

/** Whether a child (by personnummer) is registered in one of the file's municipalities. */
async function childrenInScope(ctx: RunContext, municipalities: string[]): Promise<(pnr: string) => boolean> {
  const candidates = new Set<string>();
  for (const entity of ['children', 'guardianships', 'listings'])
    for (const [key] of ctx.links.open(entity)) candidates.add(key.split('/')[0]!);
  if (candidates.size === 0 || municipalities.length === 0) return () => false;
  const st = sql(
    'SELECT personnummer FROM child WHERE personnummer = ANY(:pnrs::text[]) AND municipality_code = ANY(:m::text[])',
    {
      pnrs: [...candidates],
      m: municipalities,
    },
  );
  const r = await ctx.tx.query<{ personnummer: string }>(st.text, st.values);
  const set = new Set(r.rows.map((x) => x.personnummer));
  return (pnr) => set.has(pnr);
}
