/** Imported aggregated tables, published only through the `stats publish` suppression. */
import { AppError } from '../../../../core/errors.js';
import { publishTable } from '../../../../core/statistics/publish.js';
import type { Db } from '../../../db/client.js';
import * as analystRepo from '../analyst-repo.js';

export async function listAggregates(db: Db) {
  return { tables: await db.transaction((tx) => analystRepo.listAggregateTables(tx)) };
}

/** The table as the `stats publish` contract publishes it, with one "suppressed" label. */
export async function publishedAggregate(db: Db, id: string) {
  const loaded = await db.transaction((tx) => analystRepo.loadAggregateTable(tx, id));
  if (!loaded) throw new AppError('not_found', 'No such table.');
  const out = publishTable({
    rows: loaded.rows,
    positive: loaded.meta.positive.length > 0 ? loaded.meta.positive : undefined,
    rules: loaded.meta.rules,
  });
  const options = [...new Set(loaded.rows.map((r) => r.option))];
  return {
    table: loaded.meta,
    options,
    groups: out.groups.map((g) => ({
      group: g.group,
      n: g.n,
      x: g.x,
      share: g.share,
      ciLow: g.ci_low,
      ciHigh: g.ci_high,
      status: g.status,
      options: Object.fromEntries(
        Object.entries(g.options).map(([k, o]) => [
          k,
          {
            count: o.status === 'ok' ? o.count : null,
            status: o.status === 'ok' ? ('ok' as const) : ('suppressed' as const),
          },
        ]),
      ),
    })),
    disclosureRisks: out.disclosure_risks.length,
  };
}
