// The published follow-up over HTTP (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), on the
// synthetic demo survey: who may read it, what each endpoint answers, bad query parameters, that
// no response ever carries x / share / CI of a hidden cell, and that a warm dashboard query answers the same (its latency reported).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INSTRUMENT_ID } from '../../src/core/followup/index.js';
import { seedDemoSurvey } from '../../src/server/demo/demo-survey.js';
import { FollowupService } from '../../src/server/modules/followup/cube/service.js';
import { PublishedFollowup } from '../../src/server/modules/followup/published.js';
import { derivableHiddenCells } from '../../src/core/followup/linked-grid.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { ROUTE_TABLE } from './authz-truth-table.js';

/** Every object in a JSON tree (depth first). */
function* objects(v: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(v)) for (const x of v) yield* objects(x);
  else if (v && typeof v === 'object') {
    yield v as Record<string, unknown>;
    for (const x of Object.values(v)) yield* objects(x);
  }
}

const _HIDDEN = new Set(['suppressed', 'unit_too_small']);

/** A cell (has share) that is hidden must carry no x, share or CI. Returns how many hidden cells were seen. */
function expectNoHiddenValues(body: unknown, label: string): number {
  let hidden = 0;
  for (const o of objects(body)) {
    if ('share' in o && typeof o.status === 'string' && o.status !== 'ok') {
      hidden++;
      expect(['x' in o ? o.x : null, o.share, o.ciLow, o.ciHigh], `${label}: hidden cell ${JSON.stringify(o)}`).toEqual(
        [null, null, null, null],
      );
      if (o.status === 'unit_too_small') expect(o.n, label).toBeNull();
      for (const k of ['vsRest', 'vsPreviousWave', 'vsCounty']) {
        const c = o[k] as Record<string, unknown> | undefined;
        if (c)
          expect([c.difference, c.low, c.high, c.pValue], `${label}: comparison of a hidden cell`).toEqual([
            null,
            null,
            null,
            null,
          ]);
      }
    }
    // A trend point that is not shown has no value either.
    if ('seriesBreak' in o && 'share' in o && o.status !== 'ok') expect(o.share, label).toBeNull();
  }
  return hidden;
}

describe.each(testDbKinds())('follow-up API (%s)', (kind) => {
  let t: TestApp;
  let analyst: string;
  let teacher: string;

  const get = async (url: string, cookie = analyst) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    return { status: res.statusCode, body: res.json() as any };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoSurvey(t.tdb.db);
    analyst = await t.login('lars.berg');
    teacher = await t.login('anna.lindqvist');
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('every published_stats route answers 401 without a session and 403 without a chosen assignment', async () => {
    const routes = Object.entries(ROUTE_TABLE)
      .filter(([, k]) => k === 'published_stats')
      .map(([r]) => r);
    expect(routes.length).toBe(5);
    const erik = await t.login('erik.johansson');
    for (const r of routes) {
      const url =
        r.split(' ')[1]!.replace(':indicatorId', 'safe_at_school').replace(':schoolId', '12345678') +
        (r.includes('equity') ? '?indicator=safe_at_school' : '');
      const anon = await t.app.inject({ method: 'GET', url });
      expect(anon.statusCode, r).toBe(401);
      expect(anon.json().share, r).toBeUndefined();
      const noAssignment = await t.app.inject({ method: 'GET', url, headers: { cookie: erik } });
      expect(noAssignment.statusCode, r).toBe(403);
    }
  });

  it('instruments: waves, grades, areas, indicators and response rates per grade and wave', async () => {
    const { status, body } = await get('/api/followup/instruments', teacher);
    expect(status).toBe(200);
    const ins = body.instruments[0];
    expect(ins.id).toBe(DEMO_INSTRUMENT_ID);
    expect(ins.waves.map((w: { year: number }) => w.year)).toEqual([2018, 2021, 2024]);
    expect(ins.grades).toEqual(['5', '8', 'gy2']);
    expect(ins.municipalities.map((m: { code: string }) => m.code)).toContain('0780');
    expect(ins.municipalities.find((m: { code: string }) => m.code === '0780').name).toMatch(/Växjö/);
    expect(ins.schools.length).toBeGreaterThan(10);
    expect(ins.indicators.length).toBe(20);
    expect(ins.rules).toEqual({ name: 'default', minGroupN: 10, minCellCount: 5 });
    const county = ins.responseRates.filter((r: { municipality: string | null }) => r.municipality === null);
    expect(county.length).toBe(9); // 3 waves × 3 grades
    for (const r of county) {
      expect(r.rate).toBeGreaterThan(0.6);
      expect(r.rate).toBeLessThan(0.95);
      expect(r.low).toBe(r.rate < 0.7);
    }
  });

  it('overview of a municipality: all eight wheel indicators, CIs, difference from the rest of the county, trends with series breaks', async () => {
    const { status, body } = await get('/api/followup/overview?wave=2024&grade=8&municipality=0780');
    expect(status).toBe(200);
    expect(body.area).toMatchObject({ kind: 'municipality', code: '0780' });
    expect(body.wheel.map((w: { wheel: string }) => w.wheel)).toEqual([
      'safe',
      'healthy',
      'achieving',
      'nurtured',
      'active',
      'respected',
      'responsible',
      'included',
    ]);
    const all = body.wheel.flatMap((w: { indicators: unknown[] }) => w.indicators);
    expect(all.length).toBe(20);
    expect(body.family).toMatchObject({ scope: 'overview_vs_county', year: 2024, grade: '8', indicators: 20 });
    expect(body.family.tests).toBe(body.family.benjaminiHochberg + body.family.holm);
    const snap = (await new FollowupService(t.tdb.db).snapshot())!;
    for (const i of all) {
      const cube = snap.published.table({
        indicator: i.indicator.key,
        breakdown: 'municipality',
        year: 2024,
        parent: { grade: '8' },
      })!;
      const c = cube.cells.find((x) => x.group === '0780')!;
      expect(i.cell.status).toBe(c.status);
      if (c.status === 'ok') {
        expect(i.cell.share).toBe(c.share);
        expect(i.cell.ciLow).toBeLessThanOrEqual(i.cell.share);
        expect(i.vsCounty.difference).toBe(c.vsRest!.difference);
        expect(i.vsCounty.low).toBe(c.vsRest!.low);
        expect(i.vsCounty.adjustment).toBe(i.indicator.goal ? 'holm' : 'benjamini_hochberg');
        expect(i.vsCounty.adjustedP).toBeGreaterThanOrEqual(i.vsCounty.pValue);
        expect(['better', 'worse', 'no_clear_difference']).toContain(i.vsCounty.assessment);
      }
      expect(i.county.share).toBe(cube.parentCell!.share);
      expect(i.trend.map((p: { year: number }) => p.year)).toEqual([2018, 2021, 2024]);
    }
    const lonely = all.find((i: { indicator: { key: string } }) => i.indicator.key === 'loneliness');
    expect(lonely.trend[0].status).toBe('not_asked');
    const stress = all.find((i: { indicator: { key: string } }) => i.indicator.key === 'school_stress');
    expect(stress.trend[2].seriesBreak).toBe(true);
    expect(stress.vsPreviousWave).toMatchObject({ status: 'series_break', difference: null });
    expect(stress.seriesBreaks).toEqual([
      expect.objectContaining({
        year: 2024,
        items: [expect.objectContaining({ item: 'stress_skolarbete', fromVersion: 1, toVersion: 2 })],
      }),
    ]);
    expect(body.responseRate.municipality).toBe('0780');
  });

  it('overview of the county and of a school; defaults to the latest wave and the first grade', async () => {
    const county = await get('/api/followup/overview');
    expect(county.status).toBe(200);
    expect(county.body).toMatchObject({ year: 2024, grade: '5', area: { kind: 'county' } });
    const any = county.body.wheel.flatMap((w: { indicators: any[] }) => w.indicators)[0];
    expect(any.vsCounty.status).toBe('no_reference');
    const ins = (await get('/api/followup/instruments')).body.instruments[0];
    const school = ins.schools.find((s: { grades: string[] }) => s.grades.includes('8'));
    const s = await get(`/api/followup/overview?grade=8&school=${school.code}`);
    expect(s.status).toBe(200);
    expect(s.body.area).toMatchObject({ kind: 'school', code: school.code, name: school.name });
  });

  it('indicator drill-down: groups with CIs, reference, chi-square with validity, BH family, trend per group', async () => {
    const { status, body } = await get(
      '/api/followup/indicators/binge_drinking?wave=2021&grade=gy2&breakdown=municipality',
    );
    expect(status).toBe(200);
    expect(body.breakdown).toBe('municipality');
    expect(body.reference.status).toBe('ok');
    expect(body.cells.length).toBeGreaterThanOrEqual(4);
    expect(body.groupsTest.status).toBe('ok');
    expect(typeof body.groupsTest.valid).toBe('boolean');
    expect(body.groupsTest.adjustment).toBe('benjamini_hochberg');
    // Family: every indicator of grade gy2 asked in 2021 × the municipalities.
    expect(body.family).toMatchObject({
      scope: 'breakdown_vs_rest',
      breakdown: 'municipality',
      year: 2021,
      grade: 'gy2',
    });
    expect(body.family.indicators).toBe(20); // every indicator applies to gy2 and was asked in 2021
    expect(body.family.tests).toBeGreaterThan(body.cells.filter((c: { status: string }) => c.status === 'ok').length);
    expect(body.trend.series[0].group).toBe('all');
    expect(body.trend.series[0].points.length).toBe(3);
    for (const c of body.cells.filter((x: { status: string }) => x.status === 'ok')) {
      expect(c.vsRest.status).toBe('ok');
      expect(c.vsRest.familySize).toBe(body.family.benjaminiHochberg);
    }
    const byGender = await get('/api/followup/indicators/good_health?grade=8&municipality=0781&breakdown=gender');
    expect(byGender.status).toBe(200);
    expect(byGender.body.cells.map((c: { group: string }) => c.group)).toEqual(expect.arrayContaining(['girl', 'boy']));
    expect(byGender.body.breakdowns).toEqual(['gender', 'family_ladder']);
  });

  it('equity: gender × family-ladder groups with the gap between the highest and lowest group', async () => {
    const { status, body } = await get('/api/followup/equity?indicator=binge_drinking&grade=gy2&wave=2024');
    expect(status).toBe(200);
    expect(body.ladderGroups).toEqual(['1-4', '5-7', '8-10']);
    expect(body.rows.map((r: { gender: string }) => r.gender).slice(0, 3)).toEqual(['all', 'girl', 'boy']);
    const all = body.rows[0];
    expect(all.gap.status).toBe('ok');
    // The demo survey's built-in correlation: a lower family ladder ↔ more binge drinking.
    expect(all.gap.difference).toBeLessThan(0);
    expect(body.family.scope).toBe('equity_ladder_tests');
    const m = await get('/api/followup/equity?indicator=good_health&grade=8&municipality=0780');
    expect(m.status).toBe(200);
    expect(m.body.rows.length).toBeGreaterThanOrEqual(3);
  });

  it('school profile: strengths and challenges ranked by the favourable difference from the county', async () => {
    const ins = (await get('/api/followup/instruments')).body.instruments[0];
    const school = ins.schools.filter((s: { grades: string[] }) => s.grades.includes('8'))[0];
    const { status, body } = await get(`/api/followup/schools/${school.code}/profile?wave=2024&grade=8`);
    expect(status).toBe(200);
    expect(body.area).toMatchObject({ kind: 'school', code: school.code });
    const fav = (e: any) =>
      e.indicator.polarity === 'higher_is_better' ? e.vsCounty.difference : -e.vsCounty.difference;
    const s = body.strengths.map(fav);
    const c = body.challenges.map(fav);
    expect(s).toEqual([...s].sort((a: number, b: number) => b - a));
    expect(c).toEqual([...c].sort((a: number, b: number) => a - b));
    expect(s.every((v: number) => v > 0)).toBe(true);
    expect(body.strengths.length + body.challenges.length + body.notCompared.length).toBe(body.family.indicators);
    for (const e of [...body.strengths, ...body.challenges])
      expect(e.vsCounty.low).toBeLessThanOrEqual(e.vsCounty.difference);
    expect(body.grades).toContain('8');
  });

  it('bad query parameters answer 400 with a message a person can act on; unknown ids 404', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/followup/overview?wave=abc', 400, /wave/],
      ['/api/followup/overview?wave=1999', 400, /no wave 1999.*2018, 2021, 2024/],
      ['/api/followup/overview?wave=2024&grade=9', 400, /no grade 9.*5, 8, gy2/],
      ['/api/followup/overview?municipality=78', 400, /four digits/],
      ['/api/followup/overview?municipality=9999', 400, /no survey results for municipality 9999/],
      ['/api/followup/overview?municipality=0780&school=12345678', 400, /either a municipality or a school/],
      ['/api/followup/overview?name=Anna', 400, /not valid/],
      ['/api/followup/overview?school=x%20y', 400, /letters and digits/],
      [
        '/api/followup/indicators/safe_at_school?municipality=0780&breakdown=school',
        400,
        /not published for a municipality.*gender, family_ladder/,
      ],
      ['/api/followup/indicators/safe_at_school?breakdown=shoe_size', 400, /breakdown must be one of/],
      ['/api/followup/indicators/snus?grade=5', 400, /not measured in grade 5/],
      ['/api/followup/indicators/Bad-Key', 400, /indicator id/],
      ['/api/followup/indicators/no_such_indicator', 404, /No published indicator/],
      ['/api/followup/equity', 400, /indicator/],
      ['/api/followup/schools/00000000/profile', 404, /No survey results for school/],
    ];
    for (const [url, code, message] of cases) {
      const { status, body } = await get(url);
      expect(status, url).toBe(code);
      expect(body.message, url).toMatch(message);
      expect(JSON.stringify(body), url).not.toMatch(/Anna/);
    }
  });

  it('suppression is enforced server-side: no response, over many queries, carries x, share or CI of a hidden cell', async () => {
    const ins = (await get('/api/followup/instruments')).body.instruments[0];
    const indicators: { key: string; grades: string[] | null }[] = ins.indicators;
    const years = [2018, 2021, 2024];
    const grades = ['5', '8', 'gy2'];
    const munis: string[] = ins.municipalities.map((m: { code: string }) => m.code);
    const schools: { code: string; grades: string[] }[] = ins.schools;
    const urls: string[] = [];
    // A deterministic pseudo-random walk over the query space (plus every school's profile).
    let seed = 7;
    const pick = <T>(xs: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return xs[seed % xs.length]!;
    };
    for (const s of schools) urls.push(`/api/followup/schools/${s.code}/profile?grade=${s.grades[0]}`);
    for (const m of munis)
      urls.push(`/api/followup/overview?municipality=${m}&grade=${pick(grades)}&wave=${pick(years)}`);
    for (let i = 0; i < 40; i++) {
      const ind = pick(indicators);
      const grade = ind.grades ? pick(ind.grades) : pick(grades);
      const year = pick(years);
      const where = pick(['county', 'municipality', 'school'] as const);
      const school = pick(
        schools.filter((s) => s.grades.includes(grade)).length
          ? schools.filter((s) => s.grades.includes(grade))
          : schools,
      );
      const area =
        where === 'municipality' ? `&municipality=${pick(munis)}` : where === 'school' ? `&school=${school.code}` : '';
      const dims =
        where === 'county'
          ? ['municipality', 'school', 'gender', 'family_ladder', 'school_ladder', 'background']
          : ['gender', 'family_ladder'];
      urls.push(`/api/followup/indicators/${ind.key}?wave=${year}&grade=${grade}${area}&breakdown=${pick(dims)}`);
      urls.push(`/api/followup/equity?indicator=${ind.key}&wave=${year}&grade=${grade}${area}`);
      if (where !== 'county') urls.push(`/api/followup/overview?wave=${year}&grade=${grade}${area}`);
    }
    const snap = (await new FollowupService(t.tdb.db).snapshot())!;
    let hidden = 0;
    let answered = 0;
    let equities = 0;
    let extra = 0;
    let linked = 0;
    for (const url of urls) {
      const { status, body } = await get(url);
      if (status === 400) continue; // e.g. a school without that grade in that wave
      expect(status, url).toBe(200);
      answered++;
      hidden += expectNoHiddenValues(body, url);
      // The equity grid sits beside both of its margins: no hidden cell may be derivable across them.
      if (url.includes('/equity')) {
        equities++;
        if (body.linkedSuppression) linked++;
        const b = body.area.kind === 'county' ? 'gender_family_ladder' : `${body.area.kind}_gender_family_ladder`;
        const parent: Record<string, string> = {
          grade: body.grade,
          ...(body.area.kind === 'county' ? {} : { [body.area.kind]: body.area.code }),
        };
        const ns = snap.published.table({
          indicator: body.indicator.key,
          breakdown: b,
          year: body.year,
          parent: { ...parent, gender: 'not_stated' },
        });
        const allRow = body.rows.find((r: { gender: string }) => r.gender === 'all');
        const rows = body.rows
          .filter((r: { gender: string }) => r.gender !== 'all')
          .map((r: any) => ({
            key: r.gender,
            total: r.total,
            cells: new Map(r.cells.map((c: any) => [c.group, c])),
            shown: true,
          }));
        if (ns)
          rows.push({
            key: 'not_stated',
            total: ns.parentCell,
            cells: new Map(ns.cells.map((c) => [c.group, c])),
            shown: false,
          });
        const columns = [...new Set(rows.flatMap((r: any) => [...r.cells.keys()]))] as string[];
        expect(
          derivableHiddenCells({
            columns,
            rows,
            columnTotals: new Map((allRow?.cells ?? []).map((c: any) => [c.group, c])),
          }),
          url,
        ).toEqual([]);
      }
      // The drill-down's groups are exactly the cube's: same statuses, same shares.
      if (url.includes('/indicators/')) {
        const u = new URL(url, 'http://x');
        const key = u.pathname.split('/')[4]!;
        const dim = u.searchParams.get('breakdown')!;
        const parent: Record<string, string> = { grade: body.grade };
        let breakdown = dim;
        if (body.area.kind === 'municipality') {
          parent.municipality = body.area.code;
          breakdown = `municipality_${dim}`;
        } else if (body.area.kind === 'school') {
          parent.school = body.area.code;
          breakdown = `school_${dim}`;
        }
        const cube = snap.published.table({ indicator: key, breakdown, year: body.year, parent });
        expect(body.cells.length, url).toBe(cube?.cells.length ?? 0);
        for (const c of body.cells) {
          const k = cube!.cells.find((x) => x.group === c.group)!;
          // What the cube hides stays hidden; the API may hide more (linked tables across areas).
          if (k.status !== 'ok') expect(c.status, url).toBe(k.status);
          if (c.status === 'ok') expect(c.share, url).toBe(k.share);
          else if (k.status === 'ok') extra++;
        }
      }
    }
    expect(answered).toBeGreaterThan(80);
    expect(equities).toBeGreaterThan(20);
    console.log(
      `suppression walk (${kind}): ${answered} answers, ${hidden} hidden cells, ${equities} equity grids of which ${linked} hidden whole across margins; ${extra} drill-down cells hidden across areas`,
    );
    // The walk met hidden cells (otherwise this test would prove nothing).
    expect(hidden).toBeGreaterThan(50);
  }, 120_000);

  it("linked tables across areas: from every area's published drill-down and the county's, no hidden cell can be worked out", async () => {
    const ins = (await get('/api/followup/instruments')).body.instruments[0];
    const checks: [string, 'municipality' | 'school', 'gender' | 'family_ladder', number, string][] = [
      ['binge_drinking', 'municipality', 'family_ladder', 2024, 'gy2'],
      ['psychosomatic_complaints', 'municipality', 'gender', 2021, '8'],
      ['safe_at_school', 'school', 'gender', 2024, '5'],
      ['loneliness', 'school', 'family_ladder', 2024, '8'],
    ];
    for (const [indicator, kind, dim, year, grade] of checks) {
      // Row totals: the areas' cells (county table by area); column totals: the county by dim.
      const byArea = (await get(`/api/followup/indicators/${indicator}?wave=${year}&grade=${grade}&breakdown=${kind}`))
        .body;
      const county = (await get(`/api/followup/indicators/${indicator}?wave=${year}&grade=${grade}&breakdown=${dim}`))
        .body;
      const codes: string[] =
        kind === 'municipality'
          ? ins.municipalities.map((m: { code: string }) => m.code)
          : ins.schools
              .filter((s: { grades: string[] }) => s.grades.includes(grade))
              .map((s: { code: string }) => s.code);
      const rows = [];
      for (const code of codes) {
        const r = await get(
          `/api/followup/indicators/${indicator}?wave=${year}&grade=${grade}&${kind}=${code}&breakdown=${dim}`,
        );
        if (r.status !== 200) continue;
        const total = byArea.cells.find((c: { group: string }) => c.group === code) ?? null;
        rows.push({ key: code, total, cells: new Map(r.body.cells.map((c: any) => [c.group, c])), shown: true });
      }
      // Areas never shown one by one (e.g. pupils without a school) are unknowns in every column.
      for (const c of byArea.cells.filter((x: { group: string }) => !codes.includes(x.group))) {
        rows.push({
          key: c.group,
          total: c,
          cells: new Map(county.cells.map((g: any) => [g.group, { n: null, x: null, status: 'suppressed' }])),
          shown: false,
        });
      }
      const columns = county.cells.map((c: { group: string }) => c.group);
      const derivable = derivableHiddenCells({
        columns,
        rows: rows as never,
        columnTotals: new Map(county.cells.map((c: any) => [c.group, c])),
      });
      expect(
        derivable.filter((k) => !k.startsWith('not_stated|')),
        `${indicator} ${kind} × ${dim}`,
      ).toEqual([]);
    }
    // Other publishers get the same tables through shownTable.
    const service = new PublishedFollowup(t.tdb.db);
    const viaApi = (
      await get(
        '/api/followup/indicators/psychosomatic_complaints?wave=2021&grade=8&municipality=0760&breakdown=gender',
      )
    ).body.cells;
    const shown = await service.shownTable({
      indicator: 'psychosomatic_complaints',
      breakdown: 'municipality_gender',
      year: 2021,
      parent: { grade: '8', municipality: '0760' },
    });
    expect(shown!.cells.map((c) => [c.group, c.status, c.share])).toEqual(
      viaApi.map((c: any) => [c.group, c.status, c.share]),
    );
  }, 120_000);

  // Speed is measured by the benchmarks (npm run bench -- followup), not asserted here: every
  // dashboard query now reads the data's generation from the database (so several app servers
  // agree), and on a loaded CI machine that one round trip alone can exceed a fixed bound.
  it('a dashboard query answers the same once the cube is built (timings reported)', async () => {
    const service = new PublishedFollowup(t.tdb.db);
    const school: string = (await get('/api/followup/instruments')).body.instruments[0].schools[0].code;
    const queries: (() => Promise<unknown>)[] = [
      () => service.overview({ wave: 2024, grade: '8', municipality: '0780' }),
      () => service.indicator('safe_at_school', { wave: 2024, grade: '8', breakdown: 'municipality' }),
      () => service.equity({ indicator: 'binge_drinking', wave: 2024, grade: 'gy2', municipality: '0780' }),
      () => service.schoolProfile(school, {}),
    ];
    const answers: unknown[] = [];
    for (const q of queries) answers.push(await q()); // warm: cube built, answers cached per snapshot
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
    const warm: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const answer = await queries[i % queries.length]!();
      warm.push(performance.now() - started);
      expect(answer).toEqual(answers[i % queries.length]);
    }
    // First-time queries (not cached yet) computed from the warm cube, each with its family of
    // every indicator × group of the breakdown.
    const first: number[] = [];
    for (const key of [
      'good_health',
      'loneliness',
      'truancy',
      'likes_school',
      'teachers_listen',
      'left_out',
      'feeling_low',
      'sleep_problems',
    ]) {
      for (const breakdown of ['gender', 'family_ladder', 'background'] as const) {
        const started = performance.now();
        await service.indicator(key, { wave: 2021, grade: '5', breakdown });
        first.push(performance.now() - started);
      }
    }
    // Through HTTP (session lookup, zod response serialisation) — reported, not asserted: on a
    // shared machine the session query alone varies by tens of ms.
    const http: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      expect(
        (await get('/api/followup/indicators/safe_at_school?wave=2024&grade=8&breakdown=municipality')).status,
      ).toBe(200);
      http.push(performance.now() - started);
    }
    console.log(
      `followup API (${kind}): warm p95 ${p95(warm).toFixed(2)} ms; first-time drill-down p95 ${p95(first).toFixed(2)} ms; over HTTP p95 ${p95(http).toFixed(2)} ms`,
    );
  });
});
