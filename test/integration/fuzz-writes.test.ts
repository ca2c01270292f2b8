import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoReviewerAssignmentId } from '../../src/server/demo/seed-reports.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

// Every write endpoint the app serves (POST/PUT/PATCH/DELETE from its own route list), called with
// random bodies, path parameters and If-Match headers by a few different demo users. Whatever comes
// in: never a 5xx, never a stack trace or SQL in the body, never a personnummer echoed back.

// Valid-looking personnummer that are not demo children: if one comes back, the API echoed input.
const FOREIGN_PNR = ['201501092397', '199001011239', '20150109-2397', '0501092397'];
const SQLISH = ["'; DROP TABLE child; --", "' OR 1=1 --", '$1', '\\x00', '%s%s%n'];
const LEAKS = [
  /\n\s+at\s/,
  /node_modules/,
  /\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|\bDELETE FROM\b/,
  /syntax error|violates|relation "|duplicate key|invalid input syntax/i,
  /TypeError|ReferenceError|Cannot read prop/,
];

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
}

/** Random values that look like what a field expects, and often like what it does not. */
function valueFor(s: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const junk = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      ...FOREIGN_PNR,
      ...SQLISH,
      '',
      ' ',
      'x'.repeat(5000),
      '2026-02-30',
      '9999-12-31',
      '\u0000',
      '<script>alert(1)</script>',
    ),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(...ids),
  );
  if (!s || depth > 3) return junk;
  const typed: fc.Arbitrary<unknown>[] = [junk];
  if (s.enum) typed.push(fc.constantFrom(...s.enum));
  if (s.anyOf) typed.push(...s.anyOf.map((x) => valueFor(x, ids, depth + 1)));
  const types = [s.type].flat();
  if (types.includes('object') && s.properties) typed.push(objectFor(s, ids, depth + 1));
  if (types.includes('array')) typed.push(fc.array(valueFor(s.items, ids, depth + 1), { maxLength: 4 }));
  if (types.includes('string')) typed.push(fc.constantFrom('2026-01-15', 'Text', 'v1', ...ids));
  return fc.oneof(...typed);
}

function objectFor(s: Schema, ids: string[], depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(s.properties ?? {});
  const rec: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) rec[k] = valueFor(s.properties![k], ids, depth);
  return fc.record(rec, { requiredKeys: [] });
}

describe.each(testDbKinds())('fuzzing every write endpoint (%s)', (kind) => {
  let t: TestApp;
  let cookies: string[];
  let ids: string[];
  let writes: { method: string; url: string }[];
  let spec: {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = [
      await t.login('anna.lindqvist'),
      await t.login('sara.nilsson'),
      await t.login('tomas.engstrom', demoReviewerAssignmentId()),
      await t.login('per.sandberg'),
      await t.login('lars.berg'),
    ];
    const s = scenario(t.tdb.db, testToday());
    const kids = [await s.child({ team: ['anna.lindqvist'] }), await s.child({ team: ['anna.lindqvist'] })];
    const some = async (sql: string) => (await t.tdb.db.query<{ id: string }>(sql)).rows.map((r) => r.id);
    ids = [
      ...kids.slice(0, 2).map((k) => k.id),
      ...(await some('SELECT id FROM concern LIMIT 2')),
      ...(await some('SELECT id::text AS id FROM report_of_concern LIMIT 2')),
      ...(await some('SELECT id::text AS id FROM log_review_sample LIMIT 2')),
      ...(await some('SELECT id::text AS id FROM plan LIMIT 2')),
      '00000000-0000-4000-8000-000000000000',
      'not-a-uuid',
      '..%2F..%2Fetc',
    ];
    spec = t.app.swagger() as unknown as typeof spec;
    writes = [
      ...new Map(
        t.routes
          .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !r.url.startsWith('/oidc'))
          .map((r) => [`${r.method} ${r.url}`, r]),
      ).values(),
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never answers 5xx, leaks a stack trace or SQL, or echoes a personnummer', async () => {
    expect(writes.length).toBeGreaterThan(30);
    const started = Date.now();
    const runs = Math.max(4, Math.floor(600 / writes.length));
    const statuses = new Map<number, number>();
    for (const route of writes) {
      const openapiPath = route.url.replace(/:(\w+)/g, '{$1}');
      const bodySchema =
        spec.paths[openapiPath]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.constantFrom(...ids), fc.uuid(), fc.string({ maxLength: 12 })), {
            minLength: params.length,
            maxLength: params.length,
          }),
          fc.oneof(
            bodySchema ? objectFor(bodySchema, ids) : fc.constant(undefined),
            fc.anything({ maxDepth: 2 }),
            fc.constant(undefined),
          ),
          fc.option(fc.constantFrom('"v1"', '"v2"', '"v999"', 'W/"v1"', 'garbage', '*'), { nil: undefined }),
          fc.integer({ min: 0, max: cookies.length - 1 }),
          async (values, body, ifMatch, who) => {
            let url = route.url;
            params.forEach((p, i) => (url = url.replace(`:${p}`, encodeURIComponent(String(values[i])))));
            // Logging out would end the shared session: that route gets a session of its own.
            const cookie = route.url === '/api/session/logout' ? await t.login('johan.falk') : cookies[who]!;
            const headers: Record<string, string> = { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) };
            const res = await t.app.inject({
              method: route.method as 'POST',
              url,
              headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
              ...(body === undefined ? {} : { payload: JSON.stringify(body) ?? 'null' }),
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            const label = `${route.method} ${url} → ${res.statusCode}: ${res.body.slice(0, 300)}`;
            expect(res.statusCode, label).toBeLessThan(500);
            for (const leak of LEAKS) expect(res.body, label).not.toMatch(leak);
            const sent = JSON.stringify(body ?? '') + values.join(' ');
            for (const p of FOREIGN_PNR)
              if (sent.includes(p))
                expect(res.body.includes(p) || res.body.includes(p.replace('-', '')), label).toBe(false);
          },
        ),
        { numRuns: runs, seed: 20261122 },
      );
    }
    // The generators reach past validation: some calls succeed, many are refused with a reason.
    const count = (from: number, to: number) =>
      [...statuses].filter(([s]) => s >= from && s < to).reduce((a, [, n]) => a + n, 0);
    expect(count(200, 300), JSON.stringify([...statuses])).toBeGreaterThan(3);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(60);
    expect(count(401, 500)).toBeGreaterThan(50);
    // The whole sweep stays well under a minute (the CI budget for this file).
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
