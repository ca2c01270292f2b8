/**
 * The published follow-up as the dashboards read it: the overview of an area (county, municipality,
 * school) by wheel indicator, the drill-down of one indicator by a breakdown, the equity view
 * (gender × family ladder) and the school profile. Everything is read from the cube the
 * FollowupService publishes once per snapshot (suppression and CIs already applied), and every
 * comparison goes through core/followup/comparisons.ts, which never touches a hidden cell.
 *
 * No microdata leaves this file: only cube cells, with x/share/CI null whenever the cell is hidden.
 * Results are cached per snapshot and query (a snapshot is immutable; a change to the data makes a new one).
 */
import { AppError } from '../../../core/errors.js';
import {
  adjustFamily,
  assess,
  compareProportions,
  compareWithPreviousWave,
  compareWithRest,
  groupsTest,
  rankProfile,
  trendPoints,
  type Adjusted,
  type Comparison,
  type GroupsTest,
} from '../../../core/followup/comparisons.js';
import { derivableHiddenCells, rowsToHide, type GridRow } from '../../../core/followup/linked-grid.js';
import {
  NOT_STATED,
  type CubeCell,
  type CubeTable,
  type Dimension,
  type IndicatorDefinition,
  type ResponseRate,
} from '../../../core/followup/index.js';
import { SUPPRESSION_RULES, type SuppressionRulesName } from '../../../core/statistics/index.js';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../../core/wheel.js';
import type { Db } from '../../db/client.js';
import { readGeneration, readGenerationAndFirstInstrument } from './cube/generation.js';
import { FollowupService, type FollowupSnapshot } from './cube/service.js';
import { loadInstrument, loadSchools, type StoredInstrument, type SurveySchool } from './repo.js';
import type { z } from 'zod';
import type * as S from '../../../contract/followup.js';

type Out<T extends z.ZodType> = z.output<T>;
type CellOut = Out<typeof S.PublishedCell>;
type ComparisonOut = Out<typeof S.Comparison>;
type Area = Out<typeof S.Area>;
type Family = Out<typeof S.Family>;
type BreakdownDim = Out<typeof S.BreakdownDimension>;

/** Response rates below this are flagged (CubeOptions' default, which the service uses). */
export const LOW_RESPONSE_RATE = 0.7;

/** Which cube breakdown answers "dimension d within this kind of area". */
const BREAKDOWNS: Record<Area['kind'], Partial<Record<BreakdownDim, string>>> = {
  county: {
    municipality: 'municipality',
    school: 'school',
    gender: 'gender',
    family_ladder: 'family_ladder',
    school_ladder: 'school_ladder',
    background: 'background',
  },
  municipality: { gender: 'municipality_gender', family_ladder: 'municipality_family_ladder' },
  school: { gender: 'school_gender', family_ladder: 'school_family_ladder' },
};
/** Gender × family ladder within an area (parent: the area's gender cell). */
const EQUITY_BREAKDOWNS: Record<Area['kind'], { all: string; byGender: string; gender: string }> = {
  county: { all: 'family_ladder', byGender: 'gender_family_ladder', gender: 'gender' },
  municipality: {
    all: 'municipality_family_ladder',
    byGender: 'municipality_gender_family_ladder',
    gender: 'municipality_gender',
  },
  school: { all: 'school_family_ladder', byGender: 'school_gender_family_ladder', gender: 'school_gender' },
};

export interface AreaQuery {
  instrument?: string | undefined;
  wave?: number | undefined;
  grade?: string | undefined;
  municipality?: string | undefined;
  school?: string | undefined;
}

interface Meta {
  readonly stored: StoredInstrument;
  readonly schools: ReadonlyMap<string, SurveySchool>;
  readonly municipalities: ReadonlyMap<string, string>;
  readonly indicators: ReadonlyMap<string, IndicatorDefinition>;
  readonly rates: readonly ResponseRate[];
  readonly cache: Map<string, unknown>;
}

const CACHE_LIMIT = 5000;

const cellOut = (
  c: Pick<CubeCell, 'n' | 'x' | 'share' | 'ciLow' | 'ciHigh' | 'status'> & { group?: string },
  group?: string,
): CellOut => {
  // Belt and braces: whatever the cube says, a hidden cell leaves with no x, share or CI.
  const ok = c.status === 'ok';
  return {
    group: group ?? c.group ?? 'all',
    n: c.status === 'unit_too_small' ? null : c.n,
    x: ok ? c.x : null,
    share: ok ? c.share : null,
    ciLow: ok ? c.ciLow : null,
    ciHigh: ok ? c.ciHigh : null,
    status: c.status,
  };
};

const comparisonOut = (
  c: Comparison,
  adj: Adjusted | undefined,
  polarity: IndicatorDefinition['polarity'],
): ComparisonOut => ({
  ...c,
  adjustedP: adj?.adjustedP ?? null,
  adjustment: adj?.method ?? null,
  familySize: adj?.familySize ?? null,
  assessment: assess(c, polarity, adj?.adjustedP ?? null),
});

const groupsTestOut = (t: GroupsTest, adj: Adjusted | undefined): Out<typeof S.GroupsTest> => ({
  ...t,
  groups: [...t.groups],
  excluded: [...t.excluded],
  adjustedP: adj?.adjustedP ?? null,
  adjustment: adj?.method ?? null,
  familySize: adj?.familySize ?? null,
});

const indicatorMeta = (d: IndicatorDefinition): Out<typeof S.IndicatorMeta> => ({
  key: d.key,
  labelSv: d.labelSv,
  labelEn: d.labelEn,
  wheel: d.wheel,
  polarity: d.polarity,
  goal: d.goal,
  grades: d.grades ? [...d.grades] : null,
});

/**
 * Breakdowns whose tables (one per area, and per gender) are linked across areas: rows = areas,
 * row totals = the area's cell (parent of the table), column totals = the county's table of the
 * same groups.
 */
const CROSS_AREA: Record<string, { area: 'municipality' | 'school'; columnTotals: string; byGender: boolean }> = {
  municipality_gender: { area: 'municipality', columnTotals: 'gender', byGender: false },
  municipality_family_ladder: { area: 'municipality', columnTotals: 'family_ladder', byGender: false },
  school_gender: { area: 'school', columnTotals: 'gender', byGender: false },
  school_family_ladder: { area: 'school', columnTotals: 'family_ladder', byGender: false },
  municipality_gender_family_ladder: { area: 'municipality', columnTotals: 'gender_family_ladder', byGender: true },
  school_gender_family_ladder: { area: 'school', columnTotals: 'gender_family_ladder', byGender: true },
};

/** A cell as hidden (n stays when the group is large enough, as the cube publishes it). */
const hideCell = (c: CubeCell): CubeCell =>
  c.status === 'unit_too_small'
    ? c
    : {
        ...c,
        x: null,
        share: null,
        ciLow: null,
        ciHigh: null,
        status: 'suppressed',
        vsRest: null,
        vsPreviousWave: null,
      };

const bad = (message: string, details?: Record<string, unknown>) => new AppError('bad_request', message, details);

/** One snapshot's tables as the API shows them (see PublishedFollowup.shownTables). */
export interface ShownTables {
  readonly snapshot: FollowupSnapshot;
  readonly instrument: StoredInstrument;
  /** A table with the linked-table protection across areas applied; null when it has no data. Throws RangeError for an unknown indicator or breakdown. */
  table(q: {
    indicator: string;
    breakdown: string;
    year: number;
    parent?: Partial<Record<Dimension, string>>;
  }): CubeTable | null;
  /** Response rates per wave × grade for the county, municipalities and schools (no 'not stated' areas). */
  responseRates(): readonly ResponseRate[];
}

export class PublishedFollowup {
  private readonly metas = new WeakMap<FollowupSnapshot, Promise<Meta>>();

  constructor(
    private readonly db: Db,
    private readonly service: FollowupService = new FollowupService(db),
  ) {}

  // ---------- context ----------

  /** The snapshot for the query: one small query for the data's generation (and the default instrument). */
  private async context(
    instrumentId: string | undefined,
    known?: bigint,
  ): Promise<{ snap: FollowupSnapshot; meta: Meta }> {
    let id = instrumentId;
    let generation = known;
    if (generation === undefined) {
      if (id === undefined) {
        const read = await readGenerationAndFirstInstrument(this.db);
        generation = read.generation;
        id = read.firstInstrument ?? undefined;
      } else generation = await readGeneration(this.db);
    }
    if (!id) throw new AppError('not_found', 'There is no survey yet: import one first.');
    const snap = await this.service.snapshotAt(id, generation);
    if (!snap) throw new AppError('not_found', `No survey instrument "${id}".`);
    let meta = this.metas.get(snap);
    if (!meta) {
      meta = this.loadMeta(snap);
      this.metas.set(snap, meta);
      meta.catch(() => this.metas.delete(snap));
    }
    return { snap, meta: await meta };
  }

  private async loadMeta(snap: FollowupSnapshot): Promise<Meta> {
    const stored = await loadInstrument(this.db, snap.instrumentId);
    if (!stored) throw new AppError('not_found', `No survey instrument "${snap.instrumentId}".`);
    const schools = await loadSchools(this.db);
    const orgs = await this.db.query<{ code: string; name: string }>(
      `SELECT municipality_code AS code, name FROM organisation WHERE kind = 'municipality' AND municipality_code IS NOT NULL ORDER BY municipality_code`,
    );
    return {
      stored,
      schools: new Map(schools.map((s) => [s.code, s])),
      municipalities: new Map(orgs.rows.map((o) => [o.code, o.name])),
      indicators: new Map(snap.indicators.map((d) => [d.key, d])),
      rates: snap.published
        .responseRates()
        .filter((r) => r.grade !== NOT_STATED && r.municipality !== NOT_STATED && r.school !== NOT_STATED),
      cache: new Map(),
    };
  }

  private cached<T>(meta: Meta, key: string, compute: () => T): T {
    const hit = meta.cache.get(key);
    if (hit !== undefined) return hit as T;
    const v = compute();
    if (meta.cache.size >= CACHE_LIMIT) meta.cache.clear();
    meta.cache.set(key, v);
    return v;
  }

  /** Wave, grade and area from the query, checked against the instrument; 400 with the allowed values. */
  private resolve(
    snap: FollowupSnapshot,
    meta: Meta,
    q: AreaQuery,
  ): { year: number; w: number; grade: string; area: Area } {
    const years = snap.published.years;
    const year = q.wave ?? years[years.length - 1]!;
    const w = years.indexOf(year);
    if (w < 0)
      throw bad(`There is no wave ${year}. Waves: ${years.join(', ')}.`, { reason: 'unknown_wave', waves: [...years] });
    const wave = meta.stored.waves.find((x) => x.year === year)!;
    const grade = q.grade ?? wave.grades[0]!;
    if (!wave.grades.includes(grade))
      throw bad(`Wave ${year} has no grade ${grade}. Grades: ${wave.grades.join(', ')}.`, {
        reason: 'unknown_grade',
        grades: [...wave.grades],
      });
    if (q.municipality && q.school)
      throw bad('Choose either a municipality or a school, not both.', { reason: 'area_conflict' });
    let area: Area = { kind: 'county', code: null, name: null, municipalityCode: null };
    if (q.municipality) {
      if (!this.municipalityCodes(meta).includes(q.municipality)) {
        throw bad(`There are no survey results for municipality ${q.municipality}.`, {
          reason: 'unknown_municipality',
          municipalities: this.municipalityCodes(meta),
        });
      }
      area = {
        kind: 'municipality',
        code: q.municipality,
        name: meta.municipalities.get(q.municipality) ?? q.municipality,
        municipalityCode: q.municipality,
      };
    } else if (q.school) {
      const s = meta.schools.get(q.school);
      if (!s) throw bad(`There are no survey results for school ${q.school}.`, { reason: 'unknown_school' });
      area = { kind: 'school', code: s.code, name: s.name, municipalityCode: s.municipalityCode };
    }
    return { year, w, grade, area };
  }

  private municipalityCodes(meta: Meta): string[] {
    return [...new Set(meta.rates.filter((r) => r.municipality !== null).map((r) => r.municipality!))].sort();
  }

  private indicatorDef(meta: Meta, key: string): IndicatorDefinition {
    const d = meta.indicators.get(key);
    if (!d) throw new AppError('not_found', `No published indicator "${key}".`);
    return d;
  }

  private appliesTo(d: IndicatorDefinition, grade: string): boolean {
    return d.grades === null || d.grades.includes(grade);
  }

  /** The wave asked every item the indicator needs. */
  private asked(meta: Meta, d: IndicatorDefinition, w: number): boolean {
    const items = new Set(meta.stored.waves[w]!.items.map((i) => i.key));
    return d.items.every((i) => items.has(i)) && (!d.universe || items.has(d.universe.item));
  }

  /** Which items changed in a non-comparable way between wave w − 1 and w. */
  private seriesBreaks(meta: Meta, d: IndicatorDefinition): Out<typeof S.SeriesBreak>[] {
    const out: Out<typeof S.SeriesBreak>[] = [];
    const waves = meta.stored.waves;
    for (let w = 1; w < waves.length; w++) {
      const items: Out<typeof S.SeriesBreak>['items'] = [];
      for (const key of [...d.items, ...(d.universe ? [d.universe.item] : [])]) {
        const from = waves[w - 1]!.items.find((i) => i.key === key)?.version;
        const to = waves[w]!.items.find((i) => i.key === key)?.version;
        if (from === undefined || to === undefined || from === to) continue;
        const def = meta.stored.instrument.items.find((i) => i.key === key);
        const [lo, hi] = from < to ? [from, to] : [to, from];
        const breaking = def?.versions.filter((v) => v.version > lo && v.version <= hi && v.breaksSeries) ?? [];
        if (breaking.length === 0) continue;
        items.push({
          item: key,
          labelSv: def!.labelSv,
          labelEn: def!.labelEn,
          fromVersion: from,
          toVersion: to,
          note: breaking[breaking.length - 1]!.changeNote ?? null,
        });
      }
      if (items.length > 0) out.push({ year: waves[w]!.year, items });
    }
    return out;
  }

  /** The cube table whose groups are the area's children along `breakdown` (parent: grade + area). */
  private table(
    snap: FollowupSnapshot,
    indicator: string,
    breakdown: string,
    year: number,
    parent: Partial<Record<Dimension, string>>,
  ): CubeTable | null {
    return snap.published.table({ indicator, breakdown, year, parent });
  }

  /**
   * A table as the API may show it. Tables of an area's breakdown (a school by gender, a
   * municipality by ladder group …) are linked across areas: every area's table beside the area's
   * own cell and the county's cells of the same groups. Where a hidden cell could be worked out
   * across them, whole tables are hidden (complementary suppression across areas; linked-grid.ts).
   */
  private safeTable(
    snap: FollowupSnapshot,
    meta: Meta,
    indicator: string,
    breakdown: string,
    year: number,
    parent: Partial<Record<Dimension, string>>,
  ): CubeTable | null {
    const t = this.table(snap, indicator, breakdown, year, parent);
    const link = CROSS_AREA[breakdown];
    if (!t || !link) return t;
    const code = parent[link.area];
    const hidden = this.hiddenAcrossAreas(
      snap,
      meta,
      indicator,
      breakdown,
      year,
      parent.grade!,
      link.byGender ? (parent.gender ?? null) : null,
    );
    return code !== undefined && hidden.has(code) ? { ...t, cells: t.cells.map(hideCell) } : t;
  }

  private hiddenAcrossAreas(
    snap: FollowupSnapshot,
    meta: Meta,
    indicator: string,
    breakdown: string,
    year: number,
    grade: string,
    gender: string | null,
  ): ReadonlySet<string> {
    return this.cached(meta, `across|${indicator}|${breakdown}|${year}|${grade}|${gender}`, () => {
      const link = CROSS_AREA[breakdown]!;
      const areas = this.table(snap, indicator, link.area, year, { grade });
      const columnTotals = this.table(
        snap,
        indicator,
        link.columnTotals,
        year,
        gender === null ? { grade } : { grade, gender },
      );
      const rows: GridRow[] = [];
      for (const a of areas?.cells ?? []) {
        const base = { grade, [link.area]: a.group } as Partial<Record<Dimension, string>>;
        const t = this.table(snap, indicator, breakdown, year, gender === null ? base : { ...base, gender });
        if (!t) continue;
        rows.push({
          key: a.group,
          total: t.parentCell,
          cells: new Map(t.cells.map((c) => [c.group, c])),
          shown: a.group !== NOT_STATED,
        });
      }
      const columns = [...new Set(rows.flatMap((r) => [...r.cells.keys()]))];
      return rowsToHide({ columns, rows, columnTotals: new Map((columnTotals?.cells ?? []).map((c) => [c.group, c])) });
    });
  }

  /** The area's own cell (and its parent, the reference) for an indicator, grade and wave. */
  private areaCell(
    snap: FollowupSnapshot,
    d: IndicatorDefinition,
    year: number,
    grade: string,
    area: Area,
  ): { cell: CubeCell | null; reference: CubeTable['parentCell']; table: CubeTable | null } {
    if (area.kind === 'county') {
      const t = this.table(snap, d.key, 'grade', year, {});
      return { cell: t?.cells.find((c) => c.group === grade) ?? null, reference: null, table: t };
    }
    const t = this.table(snap, d.key, area.kind, year, { grade });
    return { cell: t?.cells.find((c) => c.group === area.code) ?? null, reference: t?.parentCell ?? null, table: t };
  }

  private areaRate(meta: Meta, year: number, grade: string, area: Area): ResponseRate | null {
    return (
      meta.rates.find(
        (r) =>
          r.year === year &&
          r.grade === grade &&
          r.municipality === (area.kind === 'municipality' ? area.code : null) &&
          r.school === (area.kind === 'school' ? area.code : null),
      ) ?? null
    );
  }

  private family(
    scope: Family['scope'],
    year: number,
    grade: string,
    area: Area,
    breakdown: string | null,
    indicators: number,
    adjusted: Map<string, Adjusted>,
  ): Family {
    const all = [...adjusted.values()];
    return {
      scope,
      year,
      grade,
      area,
      breakdown,
      indicators,
      tests: all.length,
      benjaminiHochberg: all.filter((a) => a.method === 'benjamini_hochberg').length,
      holm: all.filter((a) => a.method === 'holm').length,
    };
  }

  /**
   * One cube table as the API shows it (linked-table protection across areas applied). For other
   * publishers (CSV/PDF exports): a table taken straight from the cube can still be combined with
   * other areas' tables to work out a hidden cell.
   */
  async shownTable(
    q: { indicator: string; breakdown: string; year: number; parent?: Partial<Record<Dimension, string>> },
    instrumentId?: string,
  ): Promise<CubeTable | null> {
    const { snap, meta } = await this.context(instrumentId);
    return this.safeTable(snap, meta, q.indicator, q.breakdown, q.year, q.parent ?? {});
  }

  /**
   * Every table of one instrument's current snapshot as the API shows it, for publishers that need
   * many tables (the analyst's CSV and PDF exports): the same protected path as `shownTable`, bound
   * to one snapshot so an export never mixes two imports. Response rates are those the API lists.
   */
  async shownTables(instrumentId?: string): Promise<ShownTables> {
    const { snap, meta } = await this.context(instrumentId);
    return {
      snapshot: snap,
      instrument: meta.stored,
      table: (q) => this.safeTable(snap, meta, q.indicator, q.breakdown, q.year, q.parent ?? {}),
      responseRates: () => meta.rates,
    };
  }

  // ---------- endpoints ----------

  async instruments(): Promise<Out<typeof S.InstrumentsResponse>> {
    // Same order as the default instrument (the first listed is what a query without `instrument` reads).
    const generation = await readGeneration(this.db);
    const ids = await this.db.query<{ id: string }>('SELECT id FROM survey_instrument ORDER BY created_at, id');
    const instruments: Out<typeof S.InstrumentsResponse>['instruments'] = [];
    for (const { id } of ids.rows) {
      const snap = await this.service.snapshotAt(id, generation);
      if (!snap) continue;
      const { meta } = await this.context(id, generation);
      instruments.push(
        this.cached(meta, 'instruments', () => {
          const rulesName = snap.published.rules as SuppressionRulesName;
          const rules = SUPPRESSION_RULES[rulesName] ?? SUPPRESSION_RULES.default;
          const schoolGrades = new Map<string, Set<string>>();
          for (const r of meta.rates) {
            if (r.school !== null && r.grade !== null && r.respondents !== null) {
              if (!schoolGrades.has(r.school)) schoolGrades.set(r.school, new Set());
              schoolGrades.get(r.school)!.add(r.grade);
            }
          }
          const grades = [...new Set(meta.stored.waves.flatMap((w) => w.grades))];
          const municipalities = this.municipalityCodes(meta);
          return {
            id: meta.stored.instrument.id,
            name: meta.stored.instrument.name,
            description: meta.stored.instrument.description,
            waves: meta.stored.waves.map((w) => ({ year: w.year, label: w.label, grades: [...w.grades] })),
            grades,
            municipalities: municipalities.map((code) => ({ code, name: meta.municipalities.get(code) ?? code })),
            schools: [...meta.schools.values()]
              .filter((s) => schoolGrades.has(s.code))
              .map((s) => ({
                code: s.code,
                name: s.name,
                municipalityCode: s.municipalityCode,
                grades: grades.filter((g) => schoolGrades.get(s.code)!.has(g)),
              }))
              .sort(
                (a, b) => a.municipalityCode.localeCompare(b.municipalityCode) || a.name.localeCompare(b.name, 'sv'),
              ),
            indicators: snap.indicators.map(indicatorMeta),
            breakdowns: {
              county: Object.keys(BREAKDOWNS.county) as BreakdownDim[],
              municipality: Object.keys(BREAKDOWNS.municipality) as BreakdownDim[],
              school: Object.keys(BREAKDOWNS.school) as BreakdownDim[],
            },
            responseRates: meta.rates.filter((r) => r.school === null && r.grade !== null).map((r) => ({ ...r })),
            rules: { name: rules.name, minGroupN: rules.minGroupN, minCellCount: rules.minCellCount },
            lowResponseRate: LOW_RESPONSE_RATE,
            respondents: snap.respondents,
          };
        }),
      );
    }
    return { instruments };
  }

  async overview(q: AreaQuery): Promise<Out<typeof S.OverviewResponse>> {
    const { snap, meta } = await this.context(q.instrument);
    const { year, w, grade, area } = this.resolve(snap, meta, q);
    return this.cached(meta, `overview|${year}|${grade}|${area.kind}|${area.code}`, () => {
      const years = [...snap.published.years];
      const defs = snap.indicators.filter((d) => this.appliesTo(d, grade));
      const rows = defs.map((d) => {
        const { cell, reference } = this.areaCell(snap, d, year, grade, area);
        const county = area.kind === 'county' ? cell : reference;
        const vsCounty =
          area.kind === 'county' || !cell
            ? compareWithRest(cell ?? { n: null, x: null, status: 'unit_too_small' }, null)
            : compareWithRest(cell, reference);
        const prevW = w - 1;
        const table = this.areaCell(snap, d, year, grade, area).table;
        const prevCell =
          prevW >= 0 && this.asked(meta, d, prevW) ? this.areaCell(snap, d, years[prevW]!, grade, area).cell : null;
        const vsPrev = cell
          ? compareWithPreviousWave(cell, prevCell, table?.seriesBreak ?? false)
          : compareWithRest({ n: null, x: null, status: 'unit_too_small' }, null);
        const trend = trendPoints(
          years.map((y, i) => {
            const asked = this.asked(meta, d, i);
            const t = asked ? this.areaCell(snap, d, y, grade, area) : null;
            return { year: y, asked, seriesBreak: t?.table?.seriesBreak ?? false, cell: t?.cell ?? null };
          }),
        );
        return { d, cell, county, vsCounty, vsPrev, trend, rate: cell?.responseRate ?? null };
      });
      const adjusted = adjustFamily(rows.map((r) => ({ id: r.d.key, pValue: r.vsCounty.pValue, goal: r.d.goal })));
      const areaRate = this.areaRate(meta, year, grade, area);
      const byWheel = new Map<WheelIndicator, Out<typeof S.OverviewIndicator>[]>(WHEEL_INDICATORS.map((k) => [k, []]));
      for (const r of rows) {
        const rate = r.rate ?? areaRate;
        byWheel.get(r.d.wheel)!.push({
          indicator: indicatorMeta(r.d),
          cell: r.cell ? cellOut(r.cell) : null,
          county: r.county ? cellOut(r.county, grade) : null,
          vsCounty: comparisonOut(r.vsCounty, adjusted.get(r.d.key), r.d.polarity),
          vsPreviousWave: comparisonOut(r.vsPrev, undefined, r.d.polarity),
          trend: r.trend,
          seriesBreaks: this.seriesBreaks(meta, r.d),
          lowResponse: rate?.low ?? false,
        });
      }
      return {
        instrument: { id: meta.stored.instrument.id, name: meta.stored.instrument.name },
        year,
        grade,
        years,
        area,
        responseRate: areaRate ? { ...areaRate } : null,
        lowResponseRate: LOW_RESPONSE_RATE,
        family: this.family('overview_vs_county', year, grade, area, null, defs.length, adjusted),
        wheel: WHEEL_INDICATORS.map((k) => ({ wheel: k, indicators: byWheel.get(k)! })),
      };
    });
  }

  async indicator(
    key: string,
    q: AreaQuery & { breakdown?: BreakdownDim | undefined },
  ): Promise<Out<typeof S.IndicatorResponse>> {
    const { snap, meta } = await this.context(q.instrument);
    const d = this.indicatorDef(meta, key);
    const { year, w, grade, area } = this.resolve(snap, meta, q);
    if (!this.appliesTo(d, grade))
      throw bad(`The indicator "${key}" is not measured in grade ${grade}. Grades: ${(d.grades ?? []).join(', ')}.`, {
        reason: 'grade_not_measured',
        grades: d.grades,
      });
    const available = Object.keys(BREAKDOWNS[area.kind]) as BreakdownDim[];
    const dim = q.breakdown ?? (area.kind === 'county' ? 'municipality' : 'gender');
    const cubeBreakdown = BREAKDOWNS[area.kind][dim];
    if (!cubeBreakdown)
      throw bad(`The breakdown "${dim}" is not published for a ${area.kind}. Choose one of: ${available.join(', ')}.`, {
        reason: 'breakdown_not_available',
        breakdowns: available,
      });
    const parent: Partial<Record<Dimension, string>> = {
      grade,
      ...(area.kind === 'municipality'
        ? { municipality: area.code! }
        : area.kind === 'school'
          ? { school: area.code! }
          : {}),
    };
    return this.cached(meta, `indicator|${key}|${dim}|${year}|${grade}|${area.kind}|${area.code}`, () => {
      const years = [...snap.published.years];
      // The family: every indicator of this grade × the groups of this breakdown in this wave.
      const familyDefs = snap.indicators.filter((x) => this.appliesTo(x, grade) && this.asked(meta, x, w));
      const members: { id: string; pValue: number | null; goal: boolean }[] = [];
      const testMembers: { id: string; pValue: number | null; goal: boolean }[] = [];
      let current: { table: CubeTable | null; rest: Map<string, Comparison>; test: GroupsTest } | null = null;
      for (const x of this.familyTables(snap, meta, familyDefs, cubeBreakdown, year, parent)) {
        for (const [group, c] of x.rest)
          members.push({ id: `${x.def.key}|${group}`, pValue: c.pValue, goal: x.def.goal });
        testMembers.push({ id: x.def.key, pValue: x.test.pValue, goal: x.def.goal });
        if (x.def.key === key) current = x;
      }
      if (!current) current = { table: null, rest: new Map(), test: groupsTest([]) };
      const adjusted = adjustFamily(members);
      const testsAdjusted = adjustFamily(testMembers);
      const table = current.table;
      const prevW = w - 1;
      const prevTable =
        prevW >= 0 && this.asked(meta, d, prevW)
          ? this.safeTable(snap, meta, key, cubeBreakdown, years[prevW]!, parent)
          : null;
      const cells = (table?.cells ?? []).map((c) => {
        const vsRest = current!.rest.get(c.group) ?? compareWithRest(c, table!.parentCell);
        const prev = prevTable?.cells.find((p) => p.group === c.group) ?? null;
        return {
          ...cellOut(c),
          vsRest: comparisonOut(vsRest, adjusted.get(`${key}|${c.group}`), d.polarity),
          vsPreviousWave: comparisonOut(compareWithPreviousWave(c, prev, table!.seriesBreak), undefined, d.polarity),
          responseRate: c.responseRate ? { ...c.responseRate } : null,
        };
      });
      const reference = table?.parentCell ?? null;
      // Trend: the area and each group across the waves.
      const perYear = years.map((y, i) => {
        const asked = this.asked(meta, d, i);
        return { y, asked, t: asked ? this.safeTable(snap, meta, key, cubeBreakdown, y, parent) : null };
      });
      const groups = [...new Set(perYear.flatMap((p) => p.t?.cells.map((c) => c.group) ?? []))];
      const series = [
        {
          group: 'all',
          points: trendPoints(
            perYear.map((p) => ({
              year: p.y,
              asked: p.asked,
              seriesBreak: p.t?.seriesBreak ?? false,
              cell: p.t?.parentCell ?? null,
            })),
          ),
        },
        ...groups.map((g) => ({
          group: g,
          points: trendPoints(
            perYear.map((p) => ({
              year: p.y,
              asked: p.asked,
              seriesBreak: p.t?.seriesBreak ?? false,
              cell: p.t?.cells.find((c) => c.group === g) ?? null,
            })),
          ),
        })),
      ];
      return {
        instrument: { id: meta.stored.instrument.id, name: meta.stored.instrument.name },
        indicator: indicatorMeta(d),
        year,
        grade,
        years,
        area,
        breakdown: dim,
        breakdowns: available,
        reference: reference ? cellOut(reference, area.code ?? grade) : null,
        responseRate: this.areaRate(meta, year, grade, area),
        cells,
        groupsTest: groupsTestOut(current.test, testsAdjusted.get(key)),
        family: this.family('breakdown_vs_rest', year, grade, area, dim, familyDefs.length, adjusted),
        testsFamily: this.family('breakdown_groups_tests', year, grade, area, dim, familyDefs.length, testsAdjusted),
        trend: { seriesBreaks: this.seriesBreaks(meta, d), series },
      };
    });
  }

  /** Per indicator: the table, group-vs-rest comparisons of its published groups, the across-groups test. Cached per family. */
  private familyTables(
    snap: FollowupSnapshot,
    meta: Meta,
    defs: readonly IndicatorDefinition[],
    breakdown: string,
    year: number,
    parent: Partial<Record<Dimension, string>>,
  ) {
    return this.cached(meta, `family|${breakdown}|${year}|${JSON.stringify(parent)}`, () =>
      defs.map((def) => {
        const table = this.safeTable(snap, meta, def.key, breakdown, year, parent);
        const rest = new Map<string, Comparison>();
        for (const c of table?.cells ?? [])
          if (c.group !== NOT_STATED) rest.set(c.group, compareWithRest(c, table!.parentCell));
        return { def, table, rest, test: groupsTest(table?.cells ?? []) };
      }),
    );
  }

  async equity(q: AreaQuery & { indicator: string }): Promise<Out<typeof S.EquityResponse>> {
    const { snap, meta } = await this.context(q.instrument);
    const d = this.indicatorDef(meta, q.indicator);
    const { year, grade, area } = this.resolve(snap, meta, q);
    if (!this.appliesTo(d, grade))
      throw bad(`The indicator "${d.key}" is not measured in grade ${grade}. Grades: ${(d.grades ?? []).join(', ')}.`, {
        reason: 'grade_not_measured',
        grades: d.grades,
      });
    return this.cached(meta, `equity|${d.key}|${year}|${grade}|${area.kind}|${area.code}`, () => {
      const b = EQUITY_BREAKDOWNS[area.kind];
      const areaParent: Partial<Record<Dimension, string>> = {
        grade,
        ...(area.kind === 'municipality'
          ? { municipality: area.code! }
          : area.kind === 'school'
            ? { school: area.code! }
            : {}),
      };
      const genderTable = this.safeTable(snap, meta, d.key, b.gender, year, areaParent);
      const rowTables: { gender: string; table: CubeTable | null; total: CubeTable['parentCell'] }[] = [];
      const all = this.safeTable(snap, meta, d.key, b.all, year, areaParent);
      rowTables.push({ gender: 'all', table: all, total: all?.parentCell ?? null });
      const unshown: GridRow[] = [];
      for (const g of genderTable?.cells ?? []) {
        const t = this.safeTable(snap, meta, d.key, b.byGender, year, { ...areaParent, gender: g.group });
        // 'Not stated' is not shown, but it is a row of the grid a reader must solve around.
        // The row total is the gender cell as shown (the safe gender table), not the cube's parent.
        if (g.group === NOT_STATED)
          unshown.push({
            key: g.group,
            total: g,
            cells: new Map((t?.cells ?? []).map((c) => [c.group, c])),
            shown: false,
          });
        else rowTables.push({ gender: g.group, table: t, total: g });
      }
      const ladderGroups = [...new Set(rowTables.flatMap((r) => r.table?.cells.map((c) => c.group) ?? []))].filter(
        (g) => g !== NOT_STATED,
      );
      // The grid sits beside both margins (gender cells, ladder cells): hide it whole if a hidden cell could be worked out across them.
      const genderRows = rowTables.filter((r) => r.gender !== 'all');
      const derivable = derivableHiddenCells({
        columns: [...new Set([...genderRows, { table: all }].flatMap((r) => r.table?.cells.map((c) => c.group) ?? []))],
        rows: [
          ...genderRows.map(
            (r): GridRow => ({
              key: r.gender,
              total: r.total,
              cells: new Map((r.table?.cells ?? []).map((c) => [c.group, c])),
              shown: true,
            }),
          ),
          ...unshown,
        ],
        columnTotals: new Map((all?.cells ?? []).map((c) => [c.group, c])),
      });
      const linkedSuppression = derivable.length > 0;
      const members: { id: string; pValue: number | null; goal: boolean }[] = [];
      const prepared = rowTables.map((r) => {
        const cells =
          linkedSuppression && r.gender !== 'all' ? (r.table?.cells ?? []).map(hideCell) : (r.table?.cells ?? []);
        const test = groupsTest(cells);
        members.push({ id: r.gender, pValue: test.pValue, goal: d.goal });
        const lowest = cells.find((c) => c.group === ladderGroups[0]);
        const highest = cells.find((c) => c.group === ladderGroups[ladderGroups.length - 1]);
        let gap: Comparison;
        if (!highest || highest.status !== 'ok')
          gap = compareWithRest({ n: null, x: null, status: 'suppressed' }, null);
        else if (!lowest || lowest.status !== 'ok')
          gap = { ...compareWithRest(highest, null), status: 'reference_suppressed' };
        else gap = compareProportions(highest.x!, highest.n!, lowest.x!, lowest.n!);
        return { r, cells, test, gap };
      });
      const adjusted = adjustFamily(members);
      return {
        instrument: { id: meta.stored.instrument.id, name: meta.stored.instrument.name },
        indicator: indicatorMeta(d),
        year,
        grade,
        area,
        ladderGroups,
        rows: prepared.map(({ r, cells, test, gap }) => ({
          gender: r.gender,
          total: r.total ? cellOut(r.total, r.gender) : null,
          cells: cells.map((c) => ({
            ...cellOut(c),
            vsRest: comparisonOut(compareWithRest(c, r.table!.parentCell), undefined, d.polarity),
          })),
          gap: comparisonOut(gap, undefined, d.polarity),
          groupsTest: groupsTestOut(test, adjusted.get(r.gender)),
        })),
        family: this.family('equity_ladder_tests', year, grade, area, 'gender_family_ladder', 1, adjusted),
        linkedSuppression,
      };
    });
  }

  async schoolProfile(
    schoolCode: string,
    q: Omit<AreaQuery, 'municipality' | 'school'>,
  ): Promise<Out<typeof S.ProfileResponse>> {
    const { snap, meta } = await this.context(q.instrument);
    if (!meta.schools.has(schoolCode)) throw new AppError('not_found', `No survey results for school ${schoolCode}.`);
    const years = snap.published.years;
    const year = q.wave ?? years[years.length - 1]!;
    const grades = meta.rates
      .filter((r) => r.school === schoolCode && r.year === year && r.grade !== null && r.respondents !== null)
      .map((r) => r.grade!);
    const wave = meta.stored.waves.find((x) => x.year === year);
    const ordered = wave ? wave.grades.filter((g) => grades.includes(g)) : grades;
    const grade = q.grade ?? ordered[0] ?? wave?.grades[0];
    const { w, area } = this.resolve(snap, meta, { ...q, wave: year, grade, school: schoolCode });
    return this.cached(meta, `profile|${schoolCode}|${year}|${grade}`, () => {
      const defs = snap.indicators.filter((d) => this.appliesTo(d, grade!) && this.asked(meta, d, w));
      const entries = defs.map((d) => {
        const { cell, reference } = this.areaCell(snap, d, year, grade!, area);
        const comparison = cell
          ? compareWithRest(cell, reference)
          : compareWithRest({ n: null, x: null, status: 'unit_too_small' }, null);
        return { item: { d, cell, reference }, comparison, polarity: d.polarity };
      });
      const adjusted = adjustFamily(
        entries.map((e) => ({ id: e.item.d.key, pValue: e.comparison.pValue, goal: e.item.d.goal })),
      );
      const ranked = rankProfile(entries);
      const out = (e: (typeof entries)[number]) => ({
        indicator: indicatorMeta(e.item.d),
        cell: e.item.cell ? cellOut(e.item.cell) : null,
        county: e.item.reference ? cellOut(e.item.reference, grade!) : null,
        vsCounty: comparisonOut(e.comparison, adjusted.get(e.item.d.key), e.polarity),
      });
      const rate = this.areaRate(meta, year, grade!, area);
      return {
        instrument: { id: meta.stored.instrument.id, name: meta.stored.instrument.name },
        year,
        grade: grade!,
        grades: ordered,
        area,
        responseRate: rate ? { ...rate } : null,
        strengths: ranked.strengths.map(out),
        challenges: ranked.challenges.map(out),
        notCompared: ranked.notCompared.map(out),
        family: this.family('profile_vs_county', year, grade!, area, 'school', defs.length, adjusted),
      };
    });
  }
}
