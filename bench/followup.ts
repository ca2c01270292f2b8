/**
 * followup: the population follow-up cube on 1,000,000 synthetic respondents (20 items, 3 waves,
 * 8 municipalities, 60 schools, grade, gender, two ladders, background), side by side in one run
 * with PostgreSQL (GROUPING SETS over the same rows, loaded with COPY) and DuckDB (in memory).
 *
 *   npm run bench -- followup [--rows 1000000] [--queries 300] [--database postgres://…/test]
 *
 * (a) import from CSV including validation, (b) the full published cube (all default indicators
 * × the breakdowns the server publishes, PUBLISHED_BREAKDOWNS of src/server/modules/followup/cube/service.ts, × waves: x and n per cell, then Wilson CIs and suppression), (c) p95 of a
 * single dashboard query (one indicator × one breakdown × wave), warm. Prints JSON.
 */
import { createReadStream, mkdtempSync, rmSync, chmodSync, statSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  DEFAULT_INDICATORS,
  DEMO_INSTRUMENT,
  DEMO_WAVES,
  GROUP_OK,
  buildCube,
  clusterByCell,
  generateSurvey,
  suggestMapping,
  suppressBinaryTable,
  validateCsv,
  type Dimension,
  type FollowupCube,
  type IndicatorCounts,
  type TableQuery,
} from '../src/core/followup/index.js';
import { DEFAULT_RULES, wilsonInterval } from '../src/core/statistics/index.js';
import { PUBLISHED_BREAKDOWNS } from '../src/server/modules/followup/cube/service.js';
import { freshPostgresDb, percentile } from './_server.js';
import {
  CSV_COLUMNS,
  DIM_ORDER,
  benchFrame,
  cubeSql,
  dimensionSql,
  indicatorSql,
  tableColumns,
  writeCsv,
} from './_followup_data.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '300' },
    runs: { type: 'string', default: '5' },
    database: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'skip-postgres': { type: 'boolean', default: false },
    'skip-duckdb': { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const QUERIES = Number(values.queries);
const RUNS = Number(values.runs);
const TABLE = 'bench_respondent';

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const latency = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    p50: round(percentile(s, 50), 3),
    p95: round(percentile(s, 95), 3),
    p99: round(percentile(s, 99), 3),
    max: round(s[s.length - 1]!, 3),
  };
};

/** SQL cube rows → the cube's IndicatorCounts (so the same publication code runs on them). */
function countsFromRows(cube: FollowupCube, rows: Record<string, unknown>[]): Map<string, IndicatorCounts> {
  const layout = cube.layout;
  const W = layout.years.length;
  const byMask = new Map<number, number>();
  for (const b of layout.breakdowns) {
    let mask = 0;
    DIM_ORDER.forEach((d, i) => {
      if (!b.def.dims.includes(d)) mask |= 1 << (DIM_ORDER.length - 1 - i);
    });
    byMask.set(mask, b.index);
  }
  const labelIndex = new Map<Dimension, Map<string, number>>(
    [...layout.labels].map(([d, ls]) => [d, new Map(ls.map((l, i) => [l, i]))]),
  );
  const out = new Map<string, IndicatorCounts>();
  const arrays = DEFAULT_INDICATORS.map(() => layout.breakdowns.map((b) => new Int32Array(2 * W * b.size)));
  DEFAULT_INDICATORS.forEach((d, i) => out.set(d.key, { nx: arrays[i]! }));
  for (const row of rows) {
    const bi = byMask.get(Number(row.g));
    if (bi === undefined) continue;
    const b = layout.breakdowns[bi]!;
    const w = layout.years.indexOf(Number(row.wave));
    let inner = 0;
    b.def.dims.forEach((d, k) => {
      inner = inner * b.radices[k]! + labelIndex.get(d)!.get(String(row[d]))!;
    });
    const bucket = w * b.size + inner;
    for (let i = 0; i < DEFAULT_INDICATORS.length; i++) {
      arrays[i]![bi]![bucket * 2] = Number(row[`n${i}`]);
      arrays[i]![bi]![bucket * 2 + 1] = Number(row[`x${i}`]);
    }
  }
  return out;
}

function sameCounts(cube: FollowupCube, other: Map<string, IndicatorCounts>): boolean {
  for (const d of DEFAULT_INDICATORS) {
    const a = cube.counts(d.key).nx;
    const b = other.get(d.key)!.nx;
    for (let k = 0; k < a.length; k++) {
      const x = a[k]!;
      const y = b[k]!;
      for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
    }
  }
  return true;
}

/** A dashboard query's SQL: one indicator, one breakdown, one wave, one parent (ROLLUP gives the parent total). */
function dashboardSql(q: TableQuery, placeholder: (i: number) => string): { sql: string; params: (string | number)[] } {
  const dims = dimensionSql();
  const def = DEFAULT_INDICATORS.find((d) => d.key === q.indicator)!;
  const b = PUBLISHED_BREAKDOWNS.find((x) => x.key === q.breakdown)!;
  const s = indicatorSql(def);
  const params: (string | number)[] = [q.year];
  const where = [`ar = ${placeholder(1)}`];
  const raw: Partial<Record<Dimension, string>> = { grade: 'arskurs', municipality: 'kommun', school: 'skolkod' };
  for (const d of b.dims.slice(0, -1)) {
    const v = q.parent![d]!;
    params.push(v);
    where.push(
      raw[d] && v !== 'not_stated'
        ? `${raw[d]} = ${placeholder(params.length)}`
        : `${dims[d]} = ${placeholder(params.length)}`,
    );
  }
  const last = b.dims.length ? dims[b.dims[b.dims.length - 1]!] : `'all'`;
  return {
    sql: `SELECT ${last} AS grp, CAST(sum(CASE WHEN ${s.den} THEN 1 ELSE 0 END) AS INTEGER) AS n, CAST(sum(CASE WHEN ${s.pos} THEN 1 ELSE 0 END) AS INTEGER) AS x
            FROM ${TABLE} WHERE ${where.join(' AND ')} GROUP BY ROLLUP (1)`,
    params,
  };
}

/** Suppression and CIs for one table of SQL counts (the same core functions as the cube). */
function publishSqlTable(rows: { grp: unknown; n: unknown; x: unknown }[]): number {
  const groups = rows.filter((r) => r.grp !== null && Number(r.n) > 0);
  const xs = groups.map((r) => Number(r.x));
  const ns = groups.map((r) => Number(r.n));
  const st = new Uint8Array(groups.length);
  suppressBinaryTable(xs, ns, groups.length, DEFAULT_RULES, true, st);
  let ok = 0;
  st.forEach((s, i) => {
    if (s === GROUP_OK) {
      wilsonInterval(xs[i]!, ns[i]!);
      ok++;
    }
  });
  return ok;
}

async function main() {
  const started = performance.now();
  const load0 = loadavg();
  const dir = mkdtempSync(path.join(tmpdir(), 'bk-bench-followup-'));
  chmodSync(dir, 0o755); // PostgreSQL's server process reads the CSV for COPY
  const file = path.join(dir, 'respondents.csv');
  const result: Record<string, unknown> = { benchmark: 'followup' };
  try {
    // ---- data ----
    let t = performance.now();
    const frame = benchFrame();
    const survey = generateSurvey(frame, { seed: 'bench', respondentsPerWave: Math.ceil((ROWS / 3) * 1.005) });
    await writeCsv(survey, file);
    const bytes = statSync(file).size;
    const N = survey.data.length;
    Object.assign(result, {
      rows: N,
      csv_bytes: bytes,
      waves: DEMO_WAVES.length,
      municipalities: frame.municipalities.length,
      schools: frame.schools.length,
      items: DEMO_INSTRUMENT.items.length,
      indicators: DEFAULT_INDICATORS.length,
      breakdowns: PUBLISHED_BREAKDOWNS.map((b) => b.key),
      data_generation_ms: ms(t),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        node: process.version,
        load_average_at_start: load0.map((v) => round(v, 2)),
      },
    });

    // ---- (a) import ----
    const ctx = {
      instrument: DEMO_INSTRUMENT,
      waves: DEMO_WAVES,
      municipalities: frame.municipalities.map((m) => m.code),
      schools: frame.schools.map((s) => s.code),
    };
    const mapping = suggestMapping(CSV_COLUMNS, DEMO_INSTRUMENT);
    const importRuns: { parse: number; cluster: number; total: number }[] = [];
    let clustered = survey.data;
    for (let run = 0; run < 3; run++) {
      t = performance.now();
      const file_ = await validateCsv(createReadStream(file, { highWaterMark: 1 << 20 }), ctx, {
        mapping,
        totalBytes: bytes,
      });
      const validated = file_.validator.finish();
      const parse = ms(t);
      if (validated.summary.rowsValid !== N)
        throw new Error(
          `import: ${validated.summary.rowsValid} valid rows of ${N}: ${JSON.stringify(validated.summary.errors)}`,
        );
      const t2 = performance.now();
      clustered = clusterByCell(validated.data).data;
      importRuns.push({ parse, cluster: ms(t2), total: ms(t) });
    }
    const bestImport = importRuns.reduce((a, b) => (b.total < a.total ? b : a));
    const importInfo: Record<string, unknown> = {
      barnkompass: {
        what: 'stream CSV bytes → SHA-256 + byte-level parse + mapping + per-row validation (codebooks, ranges, dictionaries, duplicate ids) → columns, then clustering by cube cell',
        runs_total_ms: importRuns.map((r) => r.total),
        parse_validate_ms: bestImport.parse,
        cluster_ms: bestImport.cluster,
        total_ms: bestImport.total,
        rows_per_s: Math.round(N / (bestImport.total / 1000)),
        parse_validate_rows_per_s: Math.round(N / (bestImport.parse / 1000)),
      },
    };
    result.import = importInfo;

    // ---- (b) cube: ours ----
    const runs: number[] = [];
    let cube!: FollowupCube;
    let published!: ReturnType<FollowupCube['publish']>;
    for (let run = 0; run < RUNS; run++) {
      t = performance.now();
      cube = buildCube(clustered, { indicators: DEFAULT_INDICATORS, breakdowns: PUBLISHED_BREAKDOWNS });
      published = cube.publish();
      runs.push(ms(t));
    }
    // One more run, timed phase by phase.
    t = performance.now();
    const phased = buildCube(clustered, { indicators: DEFAULT_INDICATORS, breakdowns: PUBLISHED_BREAKDOWNS });
    const layoutMs = ms(t);
    t = performance.now();
    for (const d of DEFAULT_INDICATORS) phased.finestCounts(d.key);
    const countMs = ms(t);
    t = performance.now();
    for (const d of DEFAULT_INDICATORS) phased.counts(d.key);
    const rollupMs = ms(t);
    t = performance.now();
    phased.publish();
    const publishMs = ms(t);
    t = performance.now();
    let materialised = 0;
    for (const table of published.tables()) materialised += table.cells.length;
    const materialiseMs = ms(t);
    const summary = published.summary();
    const cubeInfo: Record<string, unknown> = {
      tables: summary.tables,
      cells: summary.cells,
      cells_ok: summary.ok,
      cells_suppressed: summary.suppressed,
      cells_unit_too_small: summary.unitTooSmall,
      tables_with_disclosure_risks: summary.tablesWithRisks,
      barnkompass: {
        what: 'typed-array pass to the finest cell per indicator, roll-up to every breakdown, then per table suppression (closed-form binary rules of src/core/statistics) and Wilson CIs',
        runs_ms: runs,
        best_ms: Math.min(...runs),
        median_ms: median(runs),
        phases_ms: { layout: layoutMs, count: countMs, rollup: rollupMs, suppress_and_ci: publishMs },
        all_tables_as_objects_with_comparisons_ms: materialiseMs,
        cells_as_objects: materialised,
      },
    };
    result.cube = cubeInfo;

    // ---- (c) dashboard: ours ----
    const candidates: TableQuery[] = [];
    for (const table of published.tables()) {
      if (table.breakdown === 'total') continue;
      candidates.push({
        indicator: table.indicator,
        breakdown: table.breakdown,
        year: table.year,
        parent: table.parent,
      });
    }
    // Deterministic sample across breakdowns.
    const queries: TableQuery[] = [];
    for (let i = 0; i < QUERIES; i++)
      queries.push(candidates[Math.floor((((i * 2654435761) % 2 ** 32) / 2 ** 32) * candidates.length)]!);
    for (const q of queries.slice(0, 30)) published.table(q); // warm-up
    const ourPublished: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      published.table(q);
      ourPublished.push(performance.now() - t0);
    }
    const ourOnDemand: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      cube.table(q);
      ourOnDemand.push(performance.now() - t0);
    }
    const dashboard: Record<string, unknown> = {
      queries: QUERIES,
      barnkompass: {
        what: 'one table from the published cube, as objects with CIs, differences vs rest and vs previous wave, response rates',
        ...latency(ourPublished),
      },
      barnkompass_on_demand: {
        what: 'the table computed from the cached counts (suppression of it and its parents, CIs, differences)',
        ...latency(ourOnDemand),
      },
    };
    result.dashboard = dashboard;

    // ---- PostgreSQL ----
    if (!values['skip-postgres']) {
      const url = await freshPostgresDb(values.database!, 'bk_bench_followup');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SET work_mem = '512MB'`);
        await client.query(
          `CREATE UNLOGGED TABLE ${TABLE} (${tableColumns()
            .map(([c, ty]) => `${c} ${ty === 'VARCHAR' ? 'text' : ty.toLowerCase()}`)
            .join(', ')})`,
        );
        t = performance.now();
        let method = 'COPY FROM file (server side)';
        try {
          await client.query(`COPY ${TABLE} FROM '${file}' WITH (FORMAT csv, HEADER true)`);
        } catch (err) {
          method = `multi-row INSERT via unnest (COPY FROM file failed: ${(err as Error).message})`;
          throw err;
        }
        const copyMs = ms(t);
        t = performance.now();
        const validation = await client.query(validationSql(ctx.municipalities, ctx.schools));
        const dupes = await client.query(
          `SELECT count(*)::int AS d FROM (SELECT ar, lopnr FROM ${TABLE} GROUP BY 1, 2 HAVING count(*) > 1) x`,
        );
        const validateMs = ms(t);
        t = performance.now();
        await client.query(`ANALYZE ${TABLE}`);
        await client.query(`CREATE INDEX ON ${TABLE} (ar, arskurs)`);
        const indexMs = ms(t);
        importInfo.postgresql = {
          what: `${method}, then one validation query (codes, ranges, dictionaries) and a duplicate query`,
          copy_ms: copyMs,
          validate_ms: validateMs,
          total_ms: round(copyMs + validateMs),
          rows_per_s: Math.round(N / ((copyMs + validateMs) / 1000)),
          copy_rows_per_s: Math.round(N / (copyMs / 1000)),
          invalid_values_found: Number(validation.rows[0].bad) + Number(dupes.rows[0].d),
          analyze_and_dashboard_index_ms: indexMs,
        };
        const sqlRun = async (sql: string) => {
          const times: number[] = [];
          let rows: Record<string, unknown>[] = [];
          for (let k = 0; k < 2; k++) {
            const t0 = performance.now();
            rows = (await client.query(sql)).rows;
            times.push(ms(t0));
          }
          return { times, rows };
        };
        const one = await sqlRun(cubeSql(TABLE, DEFAULT_INDICATORS, PUBLISHED_BREAKDOWNS, false));
        t = performance.now();
        const pgCounts = countsFromRows(cube, one.rows);
        const pgPublished = cube.publishCounts(pgCounts);
        const pgPublishMs = ms(t);
        const two = await sqlRun(cubeSql(TABLE, DEFAULT_INDICATORS, PUBLISHED_BREAKDOWNS, true));
        cubeInfo.postgresql = {
          what: 'one GROUP BY GROUPING SETS query (all breakdowns × waves, x and n for 20 indicators), then the same suppression and CI code on its rows',
          grouping_sets_query_ms: one.times,
          result_rows: one.rows.length,
          publish_ms: pgPublishMs,
          total_ms: round(Math.min(...one.times) + pgPublishMs),
          counts_match_barnkompass: sameCounts(cube, pgCounts),
          published_cells_match: pgPublished.summary().ok === summary.ok,
          two_level_query_ms: two.times,
          two_level_note:
            "GROUP BY the finest cell first, then GROUPING SETS over those rows (the engine's algorithm in SQL)",
        };
        const pgLat: number[] = [];
        for (const [k, q] of queries.entries()) {
          const { sql, params } = dashboardSql(q, (i) => `$${i}`);
          const t0 = performance.now();
          const r = await client.query(sql, params);
          publishSqlTable(r.rows);
          if (k >= 0) pgLat.push(performance.now() - t0);
        }
        dashboard.postgresql = {
          what: 'one SQL query (WHERE wave and parent, GROUP BY ROLLUP of the group) + the same suppression and CI code; index on (wave, grade)',
          ...latency(pgLat),
        };
      } finally {
        await client.end();
        const admin = new pg.Client({ connectionString: values.database });
        await admin.connect();
        await admin.query('DROP DATABASE IF EXISTS bk_bench_followup WITH (FORCE)');
        await admin.end();
      }
    }

    // ---- DuckDB ----
    if (!values['skip-duckdb']) {
      const instance = await DuckDBInstance.create(':memory:');
      const conn = await instance.connect();
      const threads = (await conn.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRows()[0]![0];
      t = performance.now();
      const cols = tableColumns()
        .map(([c, ty]) => `'${c}': '${ty}'`)
        .join(', ');
      await conn.run(`CREATE TABLE ${TABLE} AS SELECT * FROM read_csv('${file}', header = true, columns = {${cols}})`);
      const loadMs = ms(t);
      t = performance.now();
      const bad = (await conn.runAndReadAll(validationSql(ctx.municipalities, ctx.schools))).getRowObjects()[0]!;
      const dup = (
        await conn.runAndReadAll(
          `SELECT count(*)::INTEGER AS d FROM (SELECT ar, lopnr FROM ${TABLE} GROUP BY 1, 2 HAVING count(*) > 1) x`,
        )
      ).getRowObjects()[0]!;
      const validateMs = ms(t);
      importInfo.duckdb = {
        what: 'read_csv into an in-memory table, then the same validation and duplicate queries',
        threads: Number(threads),
        load_ms: loadMs,
        validate_ms: validateMs,
        total_ms: round(loadMs + validateMs),
        rows_per_s: Math.round(N / ((loadMs + validateMs) / 1000)),
        invalid_values_found: Number(bad.bad) + Number(dup.d),
      };
      const duckRun = async (sql: string) => {
        const times: number[] = [];
        let rows: Record<string, unknown>[] = [];
        for (let k = 0; k < 3; k++) {
          const t0 = performance.now();
          rows = (await conn.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
          times.push(ms(t0));
        }
        return { times, rows };
      };
      const one = await duckRun(cubeSql(TABLE, DEFAULT_INDICATORS, PUBLISHED_BREAKDOWNS, false));
      t = performance.now();
      const duckCounts = countsFromRows(cube, one.rows);
      cube.publishCounts(duckCounts);
      const duckPublishMs = ms(t);
      const two = await duckRun(cubeSql(TABLE, DEFAULT_INDICATORS, PUBLISHED_BREAKDOWNS, true));
      cubeInfo.duckdb = {
        what: 'the same GROUPING SETS query, then the same suppression and CI code on its rows',
        grouping_sets_query_ms: one.times,
        publish_ms: duckPublishMs,
        total_ms: round(Math.min(...one.times) + duckPublishMs),
        counts_match_barnkompass: sameCounts(cube, duckCounts),
        two_level_query_ms: two.times,
      };
      const duckLat: number[] = [];
      for (const q of queries) {
        const { sql, params } = dashboardSql(q, (i) => `$${i}`);
        const t0 = performance.now();
        const rows = (await conn.runAndReadAll(sql, params)).getRowObjects() as {
          grp: unknown;
          n: unknown;
          x: unknown;
        }[];
        publishSqlTable(rows);
        duckLat.push(performance.now() - t0);
      }
      dashboard.duckdb = { what: 'the same SQL per query + the same suppression and CI code', ...latency(duckLat) };
      conn.closeSync();
      instance.closeSync();
    }

    // ---- goals ----
    const ours = cubeInfo.barnkompass as { best_ms: number; median_ms: number };
    const pgTotal = (cubeInfo.postgresql as { total_ms?: number } | undefined)?.total_ms;
    const duckTotal = (cubeInfo.duckdb as { total_ms?: number } | undefined)?.total_ms;
    const importRate = (importInfo.barnkompass as { rows_per_s: number }).rows_per_s;
    const p95 = (dashboard.barnkompass as { p95: number }).p95;
    result.goals = {
      import_rows_per_s_min: 500_000,
      cube_ms_max: 250,
      cube_faster_than_postgresql_and_duckdb: true,
      dashboard_p95_ms_max: 10,
    };
    result.goals_met = {
      import: importRate >= 500_000,
      cube_within_250_ms: ours.median_ms <= 250,
      cube_faster_than_postgresql: pgTotal === undefined ? null : ours.median_ms < pgTotal,
      cube_faster_than_duckdb: duckTotal === undefined ? null : ours.median_ms < duckTotal,
      dashboard_p95: p95 <= 10,
    };
    (result.machine as Record<string, unknown>).load_average_at_end = loadavg().map((v) => round(v, 2));
    result.total_bench_s = round((performance.now() - started) / 1000);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One query counting invalid values: unknown years, municipalities, schools, grades, codes, ranges. */
function validationSql(municipalities: readonly string[], schools: readonly string[]): string {
  const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(',');
  const years = DEMO_WAVES.map((w) => w.year).join(',');
  const itemChecks = DEMO_INSTRUMENT.items.map((item) => {
    const perWave = DEMO_WAVES.map((w) => {
      const it = w.items.find((i) => i.key === item.key);
      if (!it) return `WHEN ${w.year} THEN FALSE`;
      const codes = item.versions.find((v) => v.version === it.version)!.options.map((o) => o.code);
      return `WHEN ${w.year} THEN ${item.key} IN (${codes.join(',')})`;
    });
    return `CASE WHEN ${item.key} IS NULL THEN 0 WHEN (CASE ar ${perWave.join(' ')} END) THEN 0 ELSE 1 END`;
  });
  const checks = [
    `CASE WHEN ar IN (${years}) THEN 0 ELSE 1 END`,
    `CASE WHEN kommun IN (${list(municipalities)}) THEN 0 ELSE 1 END`,
    `CASE WHEN skolkod IS NULL OR skolkod IN (${list(schools)}) THEN 0 ELSE 1 END`,
    `CASE WHEN arskurs IN ('5','8','gy2') THEN 0 ELSE 1 END`,
    `CASE WHEN kon IS NULL OR kon IN (1,2,3) THEN 0 ELSE 1 END`,
    `CASE WHEN stege_familj IS NULL OR stege_familj BETWEEN 1 AND 10 THEN 0 ELSE 1 END`,
    `CASE WHEN stege_skola IS NULL OR stege_skola BETWEEN 1 AND 10 THEN 0 ELSE 1 END`,
    `CASE WHEN fodd_i_sverige IS NULL OR fodd_i_sverige IN (1,2) THEN 0 ELSE 1 END`,
    `CASE WHEN ar_i_sverige IS NULL OR ar_i_sverige BETWEEN 0 AND 30 THEN 0 ELSE 1 END`,
    `CASE WHEN lopnr IS NULL THEN 1 ELSE 0 END`,
    ...itemChecks,
  ];
  return `SELECT CAST(sum(${checks.join(' + ')}) AS INTEGER) AS bad FROM ${TABLE}`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
