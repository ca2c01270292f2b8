/** Operational series per municipality and period as published: imported and own values, small counts suppressed. */
import type { Db, Queryable } from '../../../db/client.js';
import * as analystRepo from '../analyst-repo.js';
import {
  OPERATIONAL_SERIES,
  acceptsImport,
  combineImportedAndOwn,
  suppressOperational,
  type OperationalAggregate,
  type OperationalSeries,
} from '../series.js';

async function seriesValues(
  q: Queryable,
  s: OperationalSeries,
  municipalities: readonly string[] | null,
): Promise<OperationalAggregate[]> {
  const imported = acceptsImport(s)
    ? (await analystRepo.loadOperationalValues(q, s.key, municipalities)).map((r) => ({ ...r, persons: null }))
    : [];
  if (s.source.kind === 'import') return imported;
  const own = await s.source.query(q, municipalities);
  return s.source.importBefore ? combineImportedAndOwn(imported, own) : own;
}

export async function operationalSeries(db: Db, municipalities: readonly string[] | null) {
  return db.transaction(async (tx) => {
    const last = await analystRepo.lastOperationalImports(tx);
    const series = [];
    for (const s of OPERATIONAL_SERIES) {
      const values = suppressOperational(s, await seriesValues(tx, s, municipalities));
      series.push({
        key: s.key,
        labelSv: s.labelSv,
        labelEn: s.labelEn,
        measure: s.measure,
        period: s.period,
        wheel: s.wheel,
        goalStage: s.goalStage,
        polarity: s.polarity,
        source: s.source.kind,
        importable: acceptsImport(s),
        sourceNoteSv: s.source.kind === 'sql' ? s.source.describeSv : null,
        sourceNoteEn: s.source.kind === 'sql' ? s.source.describeEn : null,
        lastImportAt: last.get(s.key) ?? null,
        values,
      });
    }
    return { series };
  });
}
