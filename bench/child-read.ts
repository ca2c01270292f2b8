/**
 * child-read: the audited child overview read vs an unaudited single-row read through the same
 * stack (session, routing, serialisation), side by side in one run on real PostgreSQL, with
 * autocannon in this process and the server in its own process.
 *
 *   npm run bench -- child-read [--connections 32] [--duration 10] [--rounds 3]
 *
 * Prints JSON. Goal: audited ≥ 50 % of unaudited throughput, p99 ≤ 25 ms at 32 connections.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { devLogin, freshPostgresDb, startServerProcess } from './_server.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    port: { type: 'string', default: '3917' },
    database: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const rounds = Number(values.rounds);

function run(url: string, cookie: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers: { cookie } }, (err: Error | null, res: autocannon.Result) =>
      err ? reject(err) : resolve(res),
    );
  });
}

async function main() {
  const dbUrl = await freshPostgresDb(values.database!, 'bk_bench_child_read');
  const server = await startServerProcess(
    { DATABASE_URL: dbUrl, BARNKOMPASS_BENCH: '1', DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '8' },
    Number(values.port),
  );
  try {
    const cookie = await devLogin(server.baseUrl, 'anna.lindqvist');
    const list = (await (await fetch(`${server.baseUrl}/api/children`, { headers: { cookie } })).json()) as {
      children: { id: string }[];
    };
    const childId = list.children[0]!.id;
    const targets = {
      audited: `${server.baseUrl}/api/children/${childId}`,
      unaudited: `${server.baseUrl}/api/bench/unaudited/${childId}`,
    };
    for (const u of Object.values(targets))
      if ((await fetch(u, { headers: { cookie } })).status !== 200) throw new Error(`warm-up failed for ${u}`);
    // Warm-up both paths, then alternate rounds so drift on a noisy machine hits both equally.
    await run(targets.unaudited, cookie);
    await run(targets.audited, cookie);
    const results: Record<'audited' | 'unaudited', autocannon.Result[]> = { audited: [], unaudited: [] };
    for (let i = 0; i < rounds; i++) {
      const order: ('audited' | 'unaudited')[] = i % 2 === 0 ? ['unaudited', 'audited'] : ['audited', 'unaudited'];
      for (const k of order) results[k].push(await run(targets[k], cookie));
    }
    const summarise = (rs: autocannon.Result[]) => {
      const best = [...rs].sort((a, b) => b.requests.average - a.requests.average);
      const median = best[Math.floor(best.length / 2)]!;
      return {
        rps_median: Math.round(median.requests.average),
        rps_rounds: rs.map((r) => Math.round(r.requests.average)),
        latency_ms: {
          p50: median.latency.p50,
          p90: median.latency.p90,
          p99: median.latency.p99,
          max: median.latency.max,
        },
        non2xx: rs.reduce((s, r) => s + r.non2xx + r.errors, 0),
      };
    };
    const audited = summarise(results.audited);
    const unaudited = summarise(results.unaudited);
    console.log(
      JSON.stringify(
        {
          benchmark: 'child-read',
          database: 'postgresql',
          connections,
          duration_s: duration,
          rounds,
          audited,
          unaudited,
          ratio_throughput_audited_vs_unaudited: Number((audited.rps_median / unaudited.rps_median).toFixed(3)),
          goals: { throughput_ratio_min: 0.5, audited_p99_ms_max: 25 },
          goals_met: {
            throughput: audited.rps_median / unaudited.rps_median >= 0.5,
            p99: audited.latency_ms.p99 <= 25,
          },
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
