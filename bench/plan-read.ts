/**
 * plan-read: reading a large child's plan through the full stack (HTTP, session, gate, SQL, audit,
 * serialisation) on real PostgreSQL, side by side with the child-overview read
 * (GET /api/children/:id, the child-read benchmark's audited read), in one run with the same
 * closed-loop concurrency. The server runs in its own process; this process is the load generator.
 *
 *   npm run bench -- plan-read [--concurrency 8] [--duration 8] [--rounds 3]
 *
 * The child gets 50 actions, 20 wheel assessments, 100 chronology entries and 10 network meetings
 * (with decisions), all written through the API. Measured:
 * - overview: GET /api/children/:id
 * - plan: GET /api/children/:id/plan (the plan view: plan, items, team, guardians, handovers) — the
 *   plan's long lists come from its read model (migration 0014), as on every read but the first
 *   after a change
 * - plan_after_change: the same GET when every read follows a change to the plan (the bench bumps
 *   the plan's content generation straight in the database before each GET, which is not timed):
 *   the read renders the lists from their tables into the read model first
 * - page: what the plan page and its neighbours load for that child, in parallel, as one unit —
 *   the child overview, the plan, the wheel assessments, the chronology, the meetings and reviews.
 * Goal: plan ≤ 3× overview at p50 and p99. Prints JSON.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { devLogin, freshPostgresDb, percentile, startServerProcess } from './_server.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    duration: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    port: { type: 'string', default: '3918' },
    database: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'keep-db': { type: 'boolean', default: false },
  },
});
const concurrency = Number(values.concurrency);
const durationMs = Number(values.duration) * 1000;
const rounds = Number(values.rounds);

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const INDICATORS = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'];

async function call(
  base: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
  ifMatch?: string,
): Promise<any> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie,
      origin: base,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(ifMatch ? { 'if-match': ifMatch } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  if (r.status >= 400 && !(method === 'POST' && path.endsWith('/plan') && r.status === 409))
    throw new Error(`${method} ${path} → ${r.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** The large plan, written through the API as a coordinator would. Returns what was written. */
async function seedLargePlan(base: string, cookie: string, childId: string, assignmentId: string) {
  const c = `/api/children/${childId}`;
  await call(base, cookie, 'POST', `${c}/plan`, { level: 2, reason: 'Benchmark: en stor plan.' });
  let view = await call(base, cookie, 'GET', `${c}/plan`);
  const plan = view.plan;
  const haveActions = plan.actions.length;
  const unit = view.team.find((m: any) => m.assignmentId === assignmentId)?.unitId;
  let serviceId: string | null = plan.services.find((s: any) => s.unit.id === unit && !s.endedOn)?.id ?? null;
  if (!serviceId && unit)
    serviceId = (
      await call(base, cookie, 'POST', `${c}/plan/services`, {
        unitId: unit,
        contactAssignmentId: assignmentId,
        contribution: 'Samordnar stödet i skolan',
      })
    ).id;
  for (let i = plan.needs.length; i < 8; i++)
    await call(base, cookie, 'POST', `${c}/plan/needs`, {
      indicator: INDICATORS[i % 8],
      description: `Behov ${i + 1}: barnet behöver stöd i vardagen.`,
    });
  view = await call(base, cookie, 'GET', `${c}/plan`);
  for (let i = view.plan.goals.length; i < 8; i++) {
    await call(base, cookie, 'POST', `${c}/plan/goals`, {
      description: `Mål ${i + 1}: barnet känner sig tryggare.`,
      needId: view.plan.needs[i % view.plan.needs.length].id,
      indicators: [INDICATORS[i % 8]],
      targetDate: day(90 + i),
    });
  }
  view = await call(base, cookie, 'GET', `${c}/plan`);
  for (let i = haveActions; i < 50; i++) {
    await call(base, cookie, 'POST', `${c}/plan/actions`, {
      what: `Åtgärd ${i + 1}: stödsamtal och uppföljning med barnet och vårdnadshavarna, vecka ${(i % 40) + 1}.`,
      goalId: view.plan.goals[i % view.plan.goals.length].id,
      serviceId,
      responsible: { kind: 'professional', assignmentId },
      dueDate: day(7 + i),
    });
  }
  const wheel = (await call(base, cookie, 'GET', `${c}/wheel-assessments`)).assessments.length;
  const taken = new Set(
    ((await call(base, cookie, 'GET', `${c}/wheel-assessments`)).assessments as any[]).map(
      (a) => `${a.assessedOn}:${a.perspective.kind}`,
    ),
  );
  let written = 0;
  for (let k = 0; wheel + written < 20 && k < 200; k++) {
    const perspective = k % 2 === 0 ? { kind: 'child' } : { kind: 'professional' };
    const on = day(-(k * 9 + 3));
    if (taken.has(`${on}:${perspective.kind}`)) continue;
    await call(base, cookie, 'POST', `${c}/wheel-assessments`, {
      assessedOn: on,
      perspective,
      indicators: INDICATORS.map((indicator, j) => ({
        indicator,
        whatWorks: `Det fungerar bra i skolan (${j}).`,
        whatIsHard: 'Morgnarna är svåra.',
        rating: ((k + j) % 5) + 1,
      })),
    });
    written++;
  }
  const chronology = (await call(base, cookie, 'GET', `${c}/chronology`)).entries.length;
  for (let i = chronology; i < 100; i++) {
    await call(base, cookie, 'POST', `${c}/chronology`, {
      eventDate: day(-(i * 3)),
      significance: (['low', 'medium', 'high'] as const)[i % 3],
      text: `Händelse ${i + 1}: samtal med barnet och vårdnadshavare om skolgången.`,
    });
  }
  let meetings = 0;
  try {
    meetings = (await call(base, cookie, 'GET', `${c}/plan/meetings`)).meetings.length;
  } catch {
    meetings = -1; // no meetings module in this build
  }
  for (let i = Math.max(meetings, 0); meetings >= 0 && i < 10; i++) {
    const m = await call(base, cookie, 'POST', `${c}/plan/meetings`, {
      date: day(3 + i * 14),
      startTime: '14:00',
      endTime: '15:30',
      place: 'Skolans konferensrum',
      purpose: `Nätverksmöte ${i + 1}: följa upp planen.`,
      agenda: ['Föregående anteckningar', 'Hur har det gått?', 'Nästa steg'],
      invitees: [{ kind: 'professional', assignmentId }, { kind: 'child' }],
    });
    await call(
      base,
      cookie,
      'POST',
      `${c}/plan/meetings/${m.id}/decisions`,
      { text: `Beslut ${i + 1}: fortsätta enligt planen.` },
      `"v${m.version}"`,
    );
  }
  return { childId };
}

interface Series {
  samples: number[];
  errors: number;
}

/**
 * A closed loop: `concurrency` workers, each running `once` back to back until the time is up. A
 * sample is the time `once` took, or the time it reports (when part of it is preparation).
 */
async function closedLoop(once: () => Promise<number | void>, ms: number): Promise<Series & { elapsedMs: number }> {
  const samples: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const took = await once();
          samples.push(typeof took === 'number' ? took : performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { samples, errors, elapsedMs: performance.now() - start };
}

async function get(url: string, cookie: string): Promise<void> {
  const r = await fetch(url, { headers: { cookie } });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
}

async function main() {
  const dbUrl = await freshPostgresDb(values.database!, 'bk_bench_plan_read');
  const server = await startServerProcess(
    { DATABASE_URL: dbUrl, DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '8' },
    Number(values.port),
  );
  try {
    const base = server.baseUrl;
    const cookie = await devLogin(base, 'anna.lindqvist');
    const session = await call(base, cookie, 'GET', '/api/session');
    const assignmentId: string = session.assignment?.id ?? session.assignments?.[0]?.id;
    const list = (await call(base, cookie, 'GET', '/api/children')) as { children: { id: string }[] };
    const childId = list.children[0]!.id;
    const seedStart = performance.now();
    await seedLargePlan(base, cookie, childId, assignmentId);
    const seedMs = Math.round(performance.now() - seedStart);

    const c = `${base}/api/children/${childId}`;
    const view = await call(base, cookie, 'GET', `/api/children/${childId}/plan`);
    const sizes = {
      actions: view.plan.actions.length,
      needs: view.plan.needs.length,
      goals: view.plan.goals.length,
      wheel_assessments: (await call(base, cookie, 'GET', `/api/children/${childId}/wheel-assessments`)).assessments
        .length,
      chronology_entries: (await call(base, cookie, 'GET', `/api/children/${childId}/chronology`)).entries.length,
      meetings: await call(base, cookie, 'GET', `/api/children/${childId}/plan/meetings`).then(
        (m) => m.meetings.length as number,
        () => null,
      ),
      plan_json_bytes: JSON.stringify(view).length,
    };
    const pageUrls = [
      c,
      `${c}/plan`,
      `${c}/wheel-assessments`,
      `${c}/chronology`,
      ...(sizes.meetings !== null ? [`${c}/plan/meetings`, `${c}/plan/reviews`] : []),
    ];
    const planId: string = view.plan.id;
    // A pool: the workers bump the plan's generation concurrently, and one pg.Client must not run
    // two queries at once.
    const db = new pg.Pool({ connectionString: dbUrl, max: concurrency });
    const targets: Record<'overview' | 'plan' | 'plan_after_change' | 'page', () => Promise<number | void>> = {
      overview: () => get(c, cookie),
      plan: () => get(`${c}/plan`, cookie),
      plan_after_change: async () => {
        await db.query('UPDATE plan SET content_generation = content_generation + 1 WHERE id = $1', [planId]);
        const t0 = performance.now();
        await get(`${c}/plan`, cookie);
        return performance.now() - t0;
      },
      page: async () => {
        await Promise.all(pageUrls.map((u) => get(u, cookie)));
      },
    };
    for (const f of Object.values(targets)) await f();
    // Warm-up, then rounds in rotating order so drift on a noisy machine hits all equally.
    for (const f of Object.values(targets)) await closedLoop(f, 2000);
    const results: Record<keyof typeof targets, Series> = {
      overview: { samples: [], errors: 0 },
      plan: { samples: [], errors: 0 },
      plan_after_change: { samples: [], errors: 0 },
      page: { samples: [], errors: 0 },
    };
    const keys = Object.keys(targets) as (keyof typeof targets)[];
    for (let i = 0; i < rounds; i++) {
      const order = [...keys.slice(i % keys.length), ...keys.slice(0, i % keys.length)];
      for (const k of order) {
        const r = await closedLoop(targets[k], durationMs);
        results[k].samples.push(...r.samples);
        results[k].errors += r.errors;
      }
    }
    const summary = (s: Series) => {
      const sorted = [...s.samples].sort((a, b) => a - b);
      const r = (n: number) => Number(n.toFixed(2));
      return {
        n: sorted.length,
        errors: s.errors,
        p50_ms: r(percentile(sorted, 50)),
        p90_ms: r(percentile(sorted, 90)),
        p99_ms: r(percentile(sorted, 99)),
        max_ms: r(sorted[sorted.length - 1] ?? NaN),
      };
    };
    const overview = summary(results.overview);
    const plan = summary(results.plan);
    const planAfterChange = summary(results.plan_after_change);
    await db.end();
    const page = summary(results.page);
    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    const out = {
      benchmark: 'plan-read',
      database: 'postgresql',
      concurrency,
      duration_s_per_round: durationMs / 1000,
      rounds,
      seeded: { ...sizes, seed_ms: seedMs },
      page_requests: pageUrls.map((u) => u.replace(base, '').replace(childId, ':id')),
      overview,
      plan,
      plan_after_change: planAfterChange,
      page,
      ratios_vs_overview: {
        plan_p50: ratio(plan.p50_ms, overview.p50_ms),
        plan_p99: ratio(plan.p99_ms, overview.p99_ms),
        plan_after_change_p50: ratio(planAfterChange.p50_ms, overview.p50_ms),
        plan_after_change_p99: ratio(planAfterChange.p99_ms, overview.p99_ms),
        page_p50: ratio(page.p50_ms, overview.p50_ms),
        page_p99: ratio(page.p99_ms, overview.p99_ms),
      },
      goal: 'plan read ≤ 3× the child-overview read at p50 and p99',
      goal_met: { plan_p50: plan.p50_ms <= 3 * overview.p50_ms, plan_p99: plan.p99_ms <= 3 * overview.p99_ms },
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
