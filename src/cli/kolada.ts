import { parseArgs } from 'node:util';
import type { AppConfig } from '../server/app-config.js';
import { openMigratedDb } from '../server/start.js';
import { DEFAULT_KOLADA_BASE_URL, KoladaClient, KoladaError } from '../server/modules/followup/kolada/client.js';
import { DEFAULT_KPIS, KRONOBERG_CODES } from '../server/modules/followup/kolada/defaults.js';
import {
  importKolada,
  KoladaImportError,
  type KoladaImportSummary,
} from '../server/modules/followup/kolada/importer.js';
import { progressReporter } from './progress.js';

export const KOLADA_USAGE = `usage: barnkompass import kolada [--kpi N17625,N09890] [--years 2020-2023] [--municipalities 0760,0780]
                               [--base-url URL] [--full] [--timeout SECONDS]
  --kpi             KPI ids (default: ${DEFAULT_KPIS.length} child-related KPIs)
  --years           years or ranges, e.g. 2020-2023 or 2019,2021-2023 (default: every year)
  --municipalities  municipality codes (default: the eight Kronoberg municipalities)
  --base-url        Kolada API v3 base URL (default: KOLADA_BASE_URL or ${DEFAULT_KOLADA_BASE_URL})
  --full            fetch everything in scope and drop values Kolada no longer has (default:
                    incremental, from the start date of the last successful run)
  --timeout         seconds per request (default 30)
`;

class UsageError extends Error {}

/** "2020-2023", "2019,2021-2023", "2023" → sorted distinct years. */
export function parseYears(spec: string): number[] {
  const years = new Set<number>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/.exec(part);
    if (!m) throw new UsageError(`--years: not a year or range: "${part}"`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) throw new UsageError(`--years: range runs backwards: "${part}"`);
    if (to - from > 200 || from < 1900 || to > 2200) throw new UsageError(`--years: out of range: "${part}"`);
    for (let y = from; y <= to; y++) years.add(y);
  }
  if (years.size === 0) throw new UsageError('--years: no years given');
  return [...years].sort((a, b) => a - b);
}

function parseList(spec: string, what: string, re: RegExp): string[] {
  const list = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new UsageError(`--${what}: nothing given`);
  for (const x of list) if (!re.test(x)) throw new UsageError(`--${what}: not valid: "${x.slice(0, 40)}"`);
  return list;
}

function yearsText(years: number[] | null): string {
  if (!years) return 'all';
  const runs: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    runs.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

export function formatSummary(s: KoladaImportSummary): string {
  const lines = [
    `Kolada import done (run ${s.runId}, ${s.full ? 'full' : s.fromDate ? `changes since ${s.fromDate}` : 'first run: everything in scope'})`,
    `  API             ${s.baseUrl}`,
    `  KPIs            ${s.kpisImported} imported of ${s.kpisRequested} requested`,
    ...(s.unknownKpis.length > 0 ? [`  not in Kolada   ${s.unknownKpis.join(', ')} (skipped)`] : []),
    `  municipalities  ${s.municipalities.length} (${s.municipalities.join(', ')})`,
    `  years           ${yearsText(s.years)}`,
    `  requests        ${s.requests}`,
    `  values          ${s.rowsReceived} received: ${s.inserted} new, ${s.updated} changed, ${s.unchanged} unchanged, ${s.deleted} removed`,
    `  time            ${(s.durationMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n') + '\n';
}

/** `barnkompass import kolada …` — argv is the whole command line after `barnkompass`. */
export async function importKoladaCli(argv: string[], config: AppConfig, log: (m: string) => void): Promise<number> {
  let opts: {
    kpis?: string[];
    years?: number[];
    municipalities?: string[];
    baseUrl: string;
    full: boolean;
    timeoutMs: number;
  };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        kpi: { type: 'string' },
        years: { type: 'string' },
        municipalities: { type: 'string' },
        'base-url': { type: 'string' },
        full: { type: 'boolean' },
        timeout: { type: 'string' },
      },
    });
    if (positionals.length !== 2 || positionals[0] !== 'import' || positionals[1] !== 'kolada') {
      throw new UsageError(
        positionals[1] && positionals[1] !== 'kolada'
          ? `unknown import source: ${positionals[1]}`
          : `unexpected argument: ${positionals.slice(2).join(' ')}`,
      );
    }
    const timeout = values.timeout === undefined ? 30 : Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600)
      throw new UsageError('--timeout: seconds between 0 and 600');
    opts = {
      kpis: values.kpi === undefined ? undefined : parseList(values.kpi, 'kpi', /^[A-Za-z0-9_-]{1,32}$/),
      years: values.years === undefined ? undefined : parseYears(values.years),
      municipalities:
        values.municipalities === undefined
          ? undefined
          : parseList(values.municipalities, 'municipalities', /^[0-9]{4}$/),
      baseUrl: values['base-url'] ?? (process.env.KOLADA_BASE_URL || DEFAULT_KOLADA_BASE_URL),
      full: values.full === true,
      timeoutMs: Math.round(timeout * 1000),
    };
  } catch (err) {
    log(`${err instanceof Error ? err.message : String(err)}\n`);
    process.stderr.write(KOLADA_USAGE);
    return 2;
  }

  let client: KoladaClient;
  const abort = new AbortController();
  try {
    client = new KoladaClient({ baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs, signal: abort.signal });
  } catch (err) {
    log(`barnkompass: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }

  const db = await openMigratedDb(config, log);
  const onSigint = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  const p = progressReporter('kolada');
  try {
    log(
      `importing from ${client.baseUrl}: ${opts.kpis?.length ?? DEFAULT_KPIS.length} KPIs × ${opts.municipalities?.length ?? KRONOBERG_CODES.length} municipalities, years ${yearsText(opts.years ?? null)}${opts.full ? ', full' : ''}`,
    );
    const summary = await importKolada(db, {
      client,
      kpis: opts.kpis,
      years: opts.years,
      municipalities: opts.municipalities,
      full: opts.full,
      onProgress: (done, total, label) => p.update(done, total, label),
    });
    p.done();
    process.stdout.write(formatSummary(summary));
    return 0;
  } catch (err) {
    p.done();
    const cause = err instanceof KoladaImportError ? err.cause : err;
    const lines = [`barnkompass: Kolada import failed: ${err instanceof Error ? err.message : String(err)}`];
    if (cause instanceof KoladaError && cause.kind === 'unreachable') {
      lines.push(
        `  The Kolada API could not be reached from this machine. Check the network (or a proxy), or point --base-url at a reachable mirror.`,
      );
    } else if (cause instanceof KoladaError && cause.kind === 'timeout') {
      lines.push('  Kolada did not answer in time; try again later or raise --timeout.');
    }
    if (err instanceof KoladaImportError) {
      lines.push(
        err.kpisCommitted > 0
          ? `  ${err.kpisCommitted} KPI(s) were imported completely before the failure; the rest were not touched. Run ${err.runId} is recorded as failed.`
          : `  Nothing was imported. Run ${err.runId} is recorded as failed.`,
      );
    }
    log(lines.join('\n'));
    return 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await db.close();
  }
}
