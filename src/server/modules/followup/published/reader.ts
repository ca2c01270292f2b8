// The published read side's context: the snapshot a query reads (by the data's generation), the
// instrument, schools and municipalities beside it, a per-snapshot cache of answers, and the
// checks of a query's wave, grade and area. Shared by every endpoint of the read side.

import type * as S from '../../../../contract/followup.js';
import { AppError } from '../../../../core/errors.js';
import type { Adjusted } from '../../../../core/followup/comparisons.js';
import {
  NOT_STATED,
  type CubeCell,
  type CubeTable,
  type IndicatorDefinition,
  type ResponseRate,
} from '../../../../core/followup/index.js';
import type { Db } from '../../../db/client.js';
import { readGeneration, readGenerationAndFirstInstrument } from '../cube/generation.js';
import type { FollowupService, FollowupSnapshot } from '../cube/service.js';
import { loadInstrument, loadSchools, type StoredInstrument, type SurveySchool } from '../repo.js';
import { cubeTable } from './protected-tables.js';
import { bad, type Area, type AreaQuery, type Family, type Out } from './shapes.js';

export interface Meta {
  readonly stored: StoredInstrument;
  readonly schools: ReadonlyMap<string, SurveySchool>;
  readonly municipalities: ReadonlyMap<string, string>;
  readonly indicators: ReadonlyMap<string, IndicatorDefinition>;
  readonly rates: readonly ResponseRate[];
  readonly cache: Map<string, unknown>;
}

const CACHE_LIMIT = 5000;

export class PublishedReader {
  private readonly metas = new WeakMap<FollowupSnapshot, Promise<Meta>>();

  constructor(
    readonly db: Db,
    readonly service: FollowupService,
  ) {}

  /** The snapshot for the query: one small query for the data's generation (and the default instrument). */
  async context(instrumentId: string | undefined, known?: bigint): Promise<{ snap: FollowupSnapshot; meta: Meta }> {
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

  cached<T>(meta: Meta, key: string, compute: () => T): T {
    const hit = meta.cache.get(key);
    if (hit !== undefined) return hit as T;
    const v = compute();
    if (meta.cache.size >= CACHE_LIMIT) meta.cache.clear();
    meta.cache.set(key, v);
    return v;
  }

  /** Wave, grade and area from the query, checked against the instrument; 400 with the allowed values. */
  resolve(snap: FollowupSnapshot, meta: Meta, q: AreaQuery): { year: number; w: number; grade: string; area: Area } {
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
    return { year, w, grade, area: this.area(meta, q) };
  }

  private area(meta: Meta, q: AreaQuery): Area {
    if (q.municipality) {
      if (!this.municipalityCodes(meta).includes(q.municipality)) {
        throw bad(`There are no survey results for municipality ${q.municipality}.`, {
          reason: 'unknown_municipality',
          municipalities: this.municipalityCodes(meta),
        });
      }
      return {
        kind: 'municipality',
        code: q.municipality,
        name: meta.municipalities.get(q.municipality) ?? q.municipality,
        municipalityCode: q.municipality,
      };
    }
    if (q.school) {
      const s = meta.schools.get(q.school);
      if (!s) throw bad(`There are no survey results for school ${q.school}.`, { reason: 'unknown_school' });
      return { kind: 'school', code: s.code, name: s.name, municipalityCode: s.municipalityCode };
    }
    return { kind: 'county', code: null, name: null, municipalityCode: null };
  }

  municipalityCodes(meta: Meta): string[] {
    return [...new Set(meta.rates.filter((r) => r.municipality !== null).map((r) => r.municipality!))].sort();
  }

  indicatorDef(meta: Meta, key: string): IndicatorDefinition {
    const d = meta.indicators.get(key);
    if (!d) throw new AppError('not_found', `No published indicator "${key}".`);
    return d;
  }

  appliesTo(d: IndicatorDefinition, grade: string): boolean {
    return d.grades === null || d.grades.includes(grade);
  }

  /** 400 when the indicator is not measured in the grade. */
  requireMeasured(d: IndicatorDefinition, grade: string): void {
    if (!this.appliesTo(d, grade))
      throw bad(`The indicator "${d.key}" is not measured in grade ${grade}. Grades: ${(d.grades ?? []).join(', ')}.`, {
        reason: 'grade_not_measured',
        grades: d.grades,
      });
  }

  /** The wave asked every item the indicator needs. */
  asked(meta: Meta, d: IndicatorDefinition, w: number): boolean {
    const items = new Set(meta.stored.waves[w]!.items.map((i) => i.key));
    return d.items.every((i) => items.has(i)) && (!d.universe || items.has(d.universe.item));
  }

  /** Which items changed in a non-comparable way between wave w − 1 and w. */
  seriesBreaks(meta: Meta, d: IndicatorDefinition): Out<typeof S.SeriesBreak>[] {
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

  /** The area's own cell (and its parent, the reference) for an indicator, grade and wave. */
  areaCell(
    snap: FollowupSnapshot,
    d: IndicatorDefinition,
    year: number,
    grade: string,
    area: Area,
  ): { cell: CubeCell | null; reference: CubeTable['parentCell']; table: CubeTable | null } {
    if (area.kind === 'county') {
      const t = cubeTable(snap, d.key, 'grade', year, {});
      return { cell: t?.cells.find((c) => c.group === grade) ?? null, reference: null, table: t };
    }
    const t = cubeTable(snap, d.key, area.kind, year, { grade });
    return { cell: t?.cells.find((c) => c.group === area.code) ?? null, reference: t?.parentCell ?? null, table: t };
  }

  areaRate(meta: Meta, year: number, grade: string, area: Area): ResponseRate | null {
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

  family(
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
}
