/**
 * portal-read: a guardian with three children opening the family's start page — who am I and the
 * children I may see (`GET /api/portal/me` and `GET /api/portal/children`, in parallel, as the page
 * loads them), through the family's gate and audit — side by side with the staff child overview
 * (`GET /api/children/:id`, audited), in one run with the same closed-loop concurrency, on real
 * PostgreSQL. The server runs in its own process; this process is the load generator.
 *
 *   npm run bench -- portal-read [--concurrency 8] [--duration 8] [--rounds 3]
 *
 * Goal: the start page ≤ 2× the overview at p50 and p99. Prints JSON.
 */
import { parseArgs } from 'node:util';
import { devLogin, freshPostgresDb, percentile, startServerProcess } from './_server.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    duration: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    port: { type: 'string', default: '3921' },
    database: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const concurrency = Number(values.concurrency);
const durationMs = Number(values.duration) * 1000;
const rounds = Number(values.rounds);

async function get(url: string, cookie: string): Promise<void> {
  const r = await fetch(url, { headers: { cookie } });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
}

/** `concurrency` workers running `once` back to back until the time is up; the samples in ms. */
async function closedLoop(once: () => Promise<void>): Promise<{ samples: number[]; errors: number }> {
  const samples: number[] = [];
  let errors = 0;
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await once();
          samples.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { samples, errors };
}

function summary(runs: { samples: number[]; errors: number }[]) {
  const all = runs.flatMap((r) => r.samples).sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests_per_s: Math.round(all.length / ((durationMs / 1000) * runs.length)),
    latency_ms: { p50: round(percentile(all, 50)), p90: round(percentile(all, 90)), p99: round(percentile(all, 99)) },
    errors: runs.reduce((s, r) => s + r.errors, 0),
  };
}

async function main() {
  const dbUrl = await freshPostgresDb(values.database!, 'bk_bench_portal_read');
  const server = await startServerProcess(
    { DATABASE_URL: dbUrl, DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '8', RATE_LIMIT: 'off' },
    Number(values.port),
  );
  try {
    const base = server.baseUrl;
    const users = (await (await fetch(`${base}/api/dev/users`)).json()) as {
      users: { kind: string; username: string; titles: string[] }[];
    };
    // A guardian of three children (the demo's largest families).
    const guardian = users.users.find((u) => u.kind === 'guardian' && u.titles.join('').split(',').length >= 3);
    if (!guardian) throw new Error('no demo guardian with three children');
    const family = await devLogin(base, guardian.username);
    const staff = await devLogin(base, 'anna.lindqvist');
    const children = (await (await fetch(`${base}/api/portal/children`, { headers: { cookie: family } })).json()) as {
      children: unknown[];
    };
    const mine = (await (await fetch(`${base}/api/children`, { headers: { cookie: staff } })).json()) as {
      children: { id: string }[];
    };
    const overview = `${base}/api/children/${mine.children[0]!.id}`;
    const start = () =>
      Promise.all([get(`${base}/api/portal/me`, family), get(`${base}/api/portal/children`, family)]).then(() => {});
    const read = () => get(overview, staff);
    await closedLoop(start);
    await closedLoop(read);
    type Run = Awaited<ReturnType<typeof closedLoop>>;
    const results: Record<'start' | 'overview', Run[]> = { start: [], overview: [] };
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? (['overview', 'start'] as const) : (['start', 'overview'] as const);
      for (const k of order) results[k].push(await closedLoop(k === 'start' ? start : read));
    }
    const s = summary(results.start);
    const o = summary(results.overview);
    const ratio = (k: 'p50' | 'p99') => Math.round((s.latency_ms[k] / o.latency_ms[k]) * 100) / 100;
    console.log(
      JSON.stringify(
        {
          bench: 'portal-read',
          database: 'postgresql',
          concurrency,
          duration_s: durationMs / 1000,
          rounds,
          guardian_children: children.children.length,
          portal_start_page: s,
          staff_child_overview: o,
          ratio: { p50: ratio('p50'), p99: ratio('p99') },
          goals: { ratio_max: 2, met: ratio('p50') <= 2 && ratio('p99') <= 2 },
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
