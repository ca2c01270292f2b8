// The follow-up cube: share of respondents with a positive answer, per indicator × breakdown ×
// wave, with n, Wilson 95 % CI, suppression, and differences (Newcombe CI) against the rest of
// the parent group and against the previous wave. Pure: the caller loads the microdata.
//
// How it is computed (one pass to the finest cell, then roll-ups):
// 1. Every respondent gets a finest cell: wave × (grade, municipality, school) × gender ×
//    family-ladder group × school-ladder group × background. Only occupied cells get an index.
// 2. Per indicator, one pass over the respondents counts x (positive) and n (in the
//    denominator) per finest cell, with per-wave lookup tables built from the codebooks.
// 3. Per breakdown, the occupied cells are added into dense buckets (wave × the breakdown's
//    dimensions). A table is one parent (the breakdown's dimensions except the last) and its
//    groups (the last dimension), so the parent of every table is itself a published cell.
// 4. Tables are published parents first: suppression (binary-suppression.ts: the rules and
//    attacker model of src/core/statistics) and Wilson CIs, into typed arrays (no per-cell
//    objects). `PublishedCube.table()` turns one table into objects and adds the Newcombe
//    differences, which are computed from published cells only.
//
// Publication rules beyond a single table:
// - The parent's x and n − x are treated as published margins when the parent is published.
// - A table whose parent is not published shows no share at all (children of a hidden cell
//   would give it back by addition); groups keep their n when it is large enough.
// - "vs rest" compares a group with its parent minus the group (e.g. a municipality with the
//   rest of the county) and is given only when both are published.
// - "vs previous wave" is given only when both are published and no item of the indicator
//   changed in a non-comparable way between the waves (`seriesBreak`).
// Known limit: linked tables across breakdowns (e.g. municipality × gender against the county
// gender table) are protected only through each table's own parent; see README.md.
//
// Files: cube-types.ts (public shapes), cube-cells.ts (step 1), cube-layout.ts (step 3's
// breakdowns and roll-up maps), cube.ts (step 2 and the roll-ups), cube-publish.ts (step 4).

import { DEFAULT_RULES, type SuppressionRules } from '../statistics/index.js';
import { CubeLayout } from './cube-layout.js';
import { IndicatorState, locate, PublishedCube, Publisher } from './cube-publish.js';
import type { CubeOptions, CubeTable, IndicatorCounts, PublishOptions, TableQuery } from './cube-types.js';
import { DEFAULT_BREAKDOWNS, type DimensionOptions } from './dimensions.js';
import { compileIndicator, type CompiledIndicator } from './indicators.js';
import { buildResponseRates } from './response-rates.js';
import type { SurveyData, SurveyItemColumn } from './types.js';

export class FollowupCube {
  readonly layout: CubeLayout;
  readonly rules: SuppressionRules;
  readonly confidence: number;
  readonly indicators: ReadonlyMap<string, CompiledIndicator>;
  private readonly finest = new Map<string, Int32Array>();
  private readonly rolled = new Map<string, IndicatorCounts>();
  private readonly publisher: Publisher;

  constructor(data: SurveyData, options: CubeOptions) {
    this.rules = options.rules ?? DEFAULT_RULES;
    const suppression = options.suppression ?? 'fast';
    if (suppression === 'fast' && !this.rules.secondarySuppression) {
      throw new RangeError(
        `rule set "${this.rules.name}" has no complementary suppression: use suppression: 'library'`,
      );
    }
    this.confidence = options.confidence ?? 0.95;
    this.layout = new CubeLayout(data, options.breakdowns ?? DEFAULT_BREAKDOWNS, options);
    const compiled = new Map<string, CompiledIndicator>();
    for (const def of options.indicators) {
      if (compiled.has(def.key)) throw new RangeError(`duplicate indicator ${def.key}`);
      compiled.set(def.key, compileIndicator(def, data));
    }
    this.indicators = compiled;
    const rates = options.population
      ? buildResponseRates(this.layout, options.population, {
          lowResponseRate: options.lowResponseRate ?? 0.7,
          minRespondents: this.rules.minGroupN,
        })
      : null;
    this.publisher = new Publisher(this.layout, this.rules, this.confidence, suppression, rates);
  }

  /** [n, x] per occupied finest cell, interleaved (one pass over the respondents), cached. */
  finestCounts(key: string): Int32Array {
    const cached = this.finest.get(key);
    if (cached) return cached;
    const ind = this.indicator(key);
    const { cellOf, cellCount, cellStart, cellWaveGrade, waveGrade, data, gradeSlots } = this.layout;
    const nx = new Int32Array(2 * cellCount);
    const N = data.length;
    const W = this.layout.years.length;
    // Per (wave, grade) lookup tables with the grade filter folded in: bit 0 = in the
    // denominator, bit 1 = positive (0 out, 1 not positive, 3 positive).
    const lutOf = (lut: Uint8Array, universe: boolean) => {
      const out = new Uint8Array(W * gradeSlots * 256);
      for (let w = 0; w < W; w++) {
        for (let g = 0; g < gradeSlots - 1; g++) {
          if (ind.gradeAllowed[g] !== 1) continue;
          const base = (w * gradeSlots + g) * 256;
          for (let c = 0; c < 256; c++) {
            const v = lut[w * 256 + c]!;
            out[base + c] = universe ? (v === 1 ? 1 : 0) : v === 2 ? 3 : v === 1 ? 1 : 0;
          }
        }
      }
      return out;
    };
    const luts = ind.luts.map((l) => lutOf(l, false));
    const uCol = ind.universe ? ind.universe.column : null;
    const uLut = ind.universe ? lutOf(ind.universe.lut, true) : null;
    const k = ind.definition.atLeast;
    if (luts.length === 1 && uLut === null) {
      const lut = luts[0]!;
      const col = ind.columns[0]!;
      if (cellStart) {
        for (let c = 0; c < cellCount; c++) {
          const base = cellWaveGrade[c]! << 8;
          let n = 0;
          let x = 0;
          for (let r = cellStart[c]!, end = cellStart[c + 1]!; r < end; r++) {
            const v = lut[base | col[r]!]!;
            n += v & 1;
            x += v >> 1;
          }
          nx[c << 1] = n;
          nx[(c << 1) + 1] = x;
        }
      } else {
        for (let r = 0; r < N; r++) {
          const v = lut[(waveGrade[r]! << 8) | col[r]!]!;
          const c2 = cellOf[r]! << 1;
          nx[c2]! += v & 1;
          nx[c2 + 1]! += v >> 1;
        }
      }
    } else if (cellStart) {
      const cols = ind.columns;
      const m = cols.length;
      for (let c = 0; c < cellCount; c++) {
        const base = cellWaveGrade[c]! << 8;
        let n = 0;
        let x = 0;
        for (let r = cellStart[c]!, end = cellStart[c + 1]!; r < end; r++) {
          if (uLut !== null && uLut[base | uCol![r]!] === 0) continue;
          let positives = 0;
          let inside = 1;
          for (let j = 0; j < m; j++) {
            const v = luts[j]![base | cols[j]![r]!]!;
            inside &= v;
            positives += v >> 1;
          }
          n += inside;
          if (inside === 1 && positives >= k) x++;
        }
        nx[c << 1] = n;
        nx[(c << 1) + 1] = x;
      }
    } else {
      const cols = ind.columns;
      const m = cols.length;
      for (let r = 0; r < N; r++) {
        const base = waveGrade[r]! << 8;
        if (uLut !== null && uLut[base | uCol![r]!] === 0) continue;
        let positives = 0;
        let inside = 1;
        for (let j = 0; j < m; j++) {
          const v = luts[j]![base | cols[j]![r]!]!;
          inside &= v;
          positives += v >> 1;
        }
        if (inside === 0) continue;
        const c2 = cellOf[r]! << 1;
        nx[c2]!++;
        if (positives >= k) nx[c2 + 1]!++;
      }
    }
    this.finest.set(key, nx);
    return nx;
  }

  /** Unsuppressed counts per bucket of every breakdown (server-internal; never publish these). */
  counts(key: string): IndicatorCounts {
    const cached = this.rolled.get(key);
    if (cached) return cached;
    const fnx = this.finestCounts(key);
    const W = this.layout.years.length;
    const out: Int32Array[] = new Array(this.layout.breakdowns.length);
    for (const bi of this.layout.rollupOrder) {
      const b = this.layout.breakdowns[bi]!;
      const bnx = new Int32Array(2 * W * b.size);
      const src = b.source < 0 ? fnx : out[b.source]!;
      const map = b.map;
      const units = map.length;
      for (let u = 0; u < units; u++) {
        const n = src[u << 1]!;
        if (n === 0) continue;
        const k = map[u]! << 1;
        bnx[k]! += n;
        bnx[k + 1]! += src[(u << 1) + 1]!;
      }
      out[bi] = bnx;
    }
    const counts = { nx: out };
    this.rolled.set(key, counts);
    return counts;
  }

  /** Suppression and CIs for every table of every indicator (typed arrays; see PublishedCube). */
  publish(options: PublishOptions = {}): PublishedCube {
    const keys = options.indicators ?? [...this.indicators.keys()];
    return this.publishCounts(new Map(keys.map((k) => [k, this.counts(k)])));
  }

  /** Publishes counts computed elsewhere (e.g. by SQL), with the same layout, rules and code. */
  publishCounts(countsByIndicator: ReadonlyMap<string, IndicatorCounts>): PublishedCube {
    const states = new Map<string, IndicatorState>();
    for (const [key, counts] of countsByIndicator) {
      const state = new IndicatorState(this.layout, this.indicator(key), counts);
      this.publisher.publishAll(state);
      states.set(key, state);
    }
    return new PublishedCube(this.publisher, states);
  }

  /**
   * One table computed on its own (its parents and previous wave as needed): the same code as
   * `publish`, so numbers and suppression pattern are identical.
   */
  table(q: TableQuery): CubeTable | null {
    const loc = locate(this.layout, q);
    if (!loc) return null;
    const state = new IndicatorState(this.layout, this.indicator(q.indicator), this.counts(q.indicator));
    return this.publisher.materialize(state, loc.b, loc.w, loc.t);
  }

  private indicator(key: string): CompiledIndicator {
    const ind = this.indicators.get(key);
    if (!ind) throw new RangeError(`unknown indicator ${key}`);
    return ind;
  }
}

export function buildCube(data: SurveyData, options: CubeOptions): FollowupCube {
  return new FollowupCube(data, options);
}

/**
 * Respondents reordered by finest cell (a stable counting sort): with the same dimension options
 * the cube then counts contiguous runs. `order[i]` is the original index of row i.
 */
export function clusterByCell(
  data: SurveyData,
  options: DimensionOptions = {},
): { data: SurveyData; order: Int32Array } {
  const layout = new CubeLayout(data, [{ key: 'total', dims: [] }], options);
  const N = data.length;
  const next = new Int32Array(layout.cellCount);
  for (let c = 1; c < layout.cellCount; c++) next[c] = next[c - 1]! + layout.cellRespondents[c - 1]!;
  const order = new Int32Array(N);
  const cellOf = layout.cellOf;
  for (let r = 0; r < N; r++) order[next[cellOf[r]!]!++] = r;
  const gather = <T extends Uint8Array | Uint16Array>(src: T): T => {
    const out = new (src.constructor as { new (n: number): T })(N);
    for (let i = 0; i < N; i++) out[i] = src[order[i]!]!;
    return out;
  };
  const items = new Map<string, SurveyItemColumn>();
  for (const [key, col] of data.items) items.set(key, { ...col, codes: gather(col.codes) });
  return {
    order,
    data: {
      ...data,
      wave: gather(data.wave),
      grade: gather(data.grade),
      municipality: gather(data.municipality),
      school: gather(data.school),
      gender: gather(data.gender),
      familyLadder: gather(data.familyLadder),
      schoolLadder: gather(data.schoolLadder),
      bornInSweden: gather(data.bornInSweden),
      yearsInSweden: gather(data.yearsInSweden),
      items,
    },
  };
}
