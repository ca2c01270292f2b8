import type { Queryable } from '../../../db/client.js';

/**
 * The follow-up data's generation (migration 0016): bumped by trigger in the transaction of every
 * write to a table the cube is built from, so each app server knows from one tiny query whether its
 * cached cube is still current.
 */
export async function readGeneration(q: Queryable): Promise<bigint> {
  const r = await q.query<{ generation: string }>('SELECT generation::text AS generation FROM followup_generation');
  return BigInt(r.rows[0]?.generation ?? '0');
}

/** The generation and the first instrument (what a query without `instrument` reads), in one round trip. */
export async function readGenerationAndFirstInstrument(
  q: Queryable,
): Promise<{ generation: bigint; firstInstrument: string | null }> {
  const r = await q.query<{ generation: string; first_instrument: string | null }>(
    `SELECT g.generation::text AS generation,
            (SELECT id FROM survey_instrument ORDER BY created_at, id LIMIT 1) AS first_instrument
       FROM followup_generation g`,
  );
  const row = r.rows[0];
  return { generation: BigInt(row?.generation ?? '0'), firstInstrument: row?.first_instrument ?? null };
}
