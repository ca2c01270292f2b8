/**
 * Values of an operational series (orosanmälningar, placements, …) per municipality and period
 * from a small CSV: every row checked first, then written with the audit event in one
 * transaction, or nothing. Series computed from Barnkompass's own data take imports only where
 * the registry says so (admin/series.ts).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../core/errors.js';
import { auditedTransaction } from '../../../access/audit-door.js';
import type { Db } from '../../../db/client.js';
import { acceptsImport, type OperationalSeries, seriesByKey } from '../series.js';
import * as analystRepo from '../analyst-repo.js';
import { followupEvent, type RequestedBy } from '../events.js';
import { loadMunicipalityCodes } from '../repo.js';
import { INT, parseSmallCsv, problemList, type RowProblem, rowsRefused, sha256 } from './small-csv.js';

type OperationalRow = { municipalityCode: string; period: string; value: number; denominator: number | null };

export async function importOperational(db: Db, by: RequestedBy, body: { seriesKey: string; csv: string }) {
  const series = seriesByKey(body.seriesKey);
  if (!series)
    throw new AppError('bad_request', `There is no operational series "${body.seriesKey}".`, {
      reason: 'unknown_series',
    });
  if (!acceptsImport(series))
    throw new AppError('bad_request', 'This series is computed from Barnkompass’s own data and cannot be imported.', {
      reason: 'computed_series',
    });
  const hash = sha256(body.csv);
  const earlier = await db.transaction((tx) => analystRepo.findOperationalImport(tx, series.key, hash));
  if (earlier) return { status: 'already_imported' as const, importId: earlier.id, rows: earlier.rows };
  const municipalities = new Set(await db.transaction((tx) => loadMunicipalityCodes(tx)));
  const out = checkRows(body.csv, series, municipalities);
  const id = randomUUID();
  const done = await auditedTransaction(
    db,
    async (tx) => {
      const fresh = await analystRepo.insertOperationalImport(
        tx,
        { id, seriesKey: series.key, sha256: hash, importedBy: by.actor.personId },
        out,
      );
      if (!fresh) return { result: false, events: [] };
      return {
        result: true,
        events: [
          followupEvent(by, 'followup.import', 'followup_import', id, {
            kind: 'operational',
            series: series.key,
            status: 'imported',
            rows: out.length,
          }),
        ],
      };
    },
    { now: by.clock },
  );
  if (!done) {
    const other = await db.transaction((tx) => analystRepo.findOperationalImport(tx, series.key, hash));
    return { status: 'already_imported' as const, importId: other!.id, rows: other!.rows };
  }
  return { status: 'imported' as const, importId: id, rows: out.length };
}

/** Every row checked; any problem refuses the whole file (400 with the problems by line). */
function checkRows(csv: string, series: OperationalSeries, municipalities: ReadonlySet<string>): OperationalRow[] {
  const { rows } = parseSmallCsv(
    csv,
    {
      municipality: ['kommun', 'kommunkod', 'municipality'],
      period: ['period', 'manad', 'månad', 'ar', 'år'],
      value: ['varde', 'värde', 'antal', 'value', 'taljare', 'täljare'],
      denominator: ['namnare', 'nämnare', 'denominator'],
    },
    series.measure === 'share'
      ? ['municipality', 'period', 'value', 'denominator']
      : ['municipality', 'period', 'value'],
  );
  const problems: RowProblem[] = [];
  const out: OperationalRow[] = [];
  const seen = new Set<string>();
  const periodRe = series.period === 'month' ? /^[0-9]{4}-(0[1-9]|1[0-2])$/ : /^[0-9]{4}$/;
  for (const r of rows) {
    const p = problemList();
    const m = r.get('municipality') ?? '';
    if (!municipalities.has(m)) p.add('unknown_municipality', 'unknown municipality code');
    const period = r.get('period') ?? '';
    if (!periodRe.test(period))
      p.add(
        series.period === 'month' ? 'period_month' : 'period_year',
        series.period === 'month' ? 'period must be a month, YYYY-MM' : 'period must be a year, YYYY',
      );
    const v = r.get('value') ?? '';
    if (!INT.test(v)) p.add('value_invalid', 'value must be a whole number ≥ 0');
    let denominator: number | null = null;
    if (series.measure === 'share') {
      const d = r.get('denominator') ?? '';
      if (!INT.test(d)) p.add('denominator_invalid', 'denominator must be a whole number ≥ 0');
      else if (INT.test(v) && Number(d) < Number(v))
        p.add('denominator_small', 'denominator must be at least the value');
      else denominator = Number(d);
    }
    if (p.codes.length === 0 && seen.has(`${m}|${period}`))
      p.add('duplicate', 'the same municipality and period appear earlier in the file');
    seen.add(`${m}|${period}`);
    if (p.codes.length > 0) problems.push({ line: r.line, problems: p.problems, codes: p.codes });
    else out.push({ municipalityCode: m, period, value: Number(v), denominator });
  }
  if (problems.length > 0) throw rowsRefused(problems, rows.length);
  return out;
}
