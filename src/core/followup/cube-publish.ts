// Publication of the cube's tables: suppression and Wilson CIs per table into typed arrays
// (parents first), and materialisation of one table as objects with the Newcombe differences,
// computed from published cells only. See cube.ts for the publication rules.

import {
  newcombeDifference,
  suppressTable,
  wilsonInterval,
  type DisclosureRisk,
  type SuppressionRules,
} from '../statistics/index.js';
import * as binary from './binary-suppression.js';
import type { CubeLayout, LayoutBreakdown } from './cube-layout.js';
import type { CubeCell, CubeSummary, CubeTable, Difference, IndicatorCounts, TableQuery } from './cube-types.js';
import type { Dimension } from './dimensions.js';
import type { CompiledIndicator } from './indicators.js';
import type { ResponseRate, ResponseRateIndex } from './response-rates.js';

// Module-level copies: hot loops must not go through module-namespace property lookups.
const GROUP_OK = binary.GROUP_OK;
const GROUP_TOO_SMALL = binary.GROUP_TOO_SMALL;
const GROUP_SUPPRESSED_PRIMARY = binary.GROUP_SUPPRESSED_PRIMARY;
const GROUP_SUPPRESSED_SECONDARY = binary.GROUP_SUPPRESSED_SECONDARY;
const suppressBinaryTable = binary.suppressBinaryTable;

const S_NONE = 0;
const S_OK = 1;
const S_SUPPRESSED = 2;
const S_TOO_SMALL = 3;

const T_NONE = 0;
const T_DATA = 1;
const T_EMPTY = 2;

/** What one indicator published, bucket by bucket. */
export class IndicatorState {
  readonly status: Uint8Array[];
  readonly low: Float64Array[];
  readonly high: Float64Array[];
  /** Per breakdown, per (wave × tables + table): T_NONE, T_DATA, T_EMPTY. */
  readonly tableState: Uint8Array[];
  readonly risks = new Map<string, DisclosureRisk[]>();
  constructor(
    layout: CubeLayout,
    readonly compiled: CompiledIndicator,
    readonly counts: IndicatorCounts,
  ) {
    const W = layout.years.length;
    this.status = layout.breakdowns.map((b) => new Uint8Array(W * b.size));
    this.low = layout.breakdowns.map((b) => new Float64Array(W * b.size));
    this.high = layout.breakdowns.map((b) => new Float64Array(W * b.size));
    this.tableState = layout.breakdowns.map((b) => new Uint8Array(W * b.tables));
  }
}

const RATE_DIMS: ReadonlySet<Dimension> = new Set(['grade', 'municipality', 'school']);

/** Shared by FollowupCube and PublishedCube: numeric publication and materialisation. */
export class Publisher {
  private readonly scratch: { g: Int32Array; x: Int32Array; n: Int32Array; st: Uint8Array };
  private readonly rateCache: {
    tables: (ResponseRate | null | undefined)[];
    cells: (ResponseRate | null | undefined)[];
  }[];

  constructor(
    readonly layout: CubeLayout,
    readonly rules: SuppressionRules,
    readonly confidence: number,
    readonly suppression: 'fast' | 'library',
    readonly responseRates: ResponseRateIndex | null,
  ) {
    const m = Math.max(...layout.breakdowns.map((b) => b.groups));
    this.scratch = { g: new Int32Array(m), x: new Int32Array(m), n: new Int32Array(m), st: new Uint8Array(m) };
    this.rateCache = layout.breakdowns.map(() => ({ tables: [], cells: [] }));
  }

  /** Every table of the indicator, parents first. */
  publishAll(state: IndicatorState): void {
    const W = this.layout.years.length;
    for (const b of this.layout.breakdowns) {
      for (let w = 0; w < W; w++) for (let t = 0; t < b.tables; t++) this.publish(state, b.index, w, t);
    }
  }

  /** Suppression and Wilson CIs for table t of breakdown bi in wave w (once; parents first). */
  publish(state: IndicatorState, bi: number, w: number, t: number): boolean {
    const layout = this.layout;
    const b = layout.breakdowns[bi]!;
    const ts = state.tableState[bi]!;
    const ti = w * b.tables + t;
    if (ts[ti] !== T_NONE) return ts[ti] === T_DATA;
    const ind = state.compiled;
    const nx = state.counts.nx[bi]!;
    const G = b.groups;
    const base = w * b.size + t * G;
    let N = 0;
    for (let g = 0; g < G; g++) N += nx[(base + g) << 1]!;
    if (N === 0 || !ind.askedByWave[w]) {
      ts[ti] = T_EMPTY;
      return false;
    }
    let parentStatus = S_OK;
    const pb = b.parent >= 0 ? layout.breakdowns[b.parent]! : null;
    if (pb) {
      const pt = Math.floor(t / pb.groups);
      if (state.tableState[pb.index]![w * pb.tables + pt] === T_NONE) this.publish(state, pb.index, w, pt);
      parentStatus = state.status[pb.index]![w * pb.size + t]!;
    }
    ts[ti] = T_DATA;
    const { g: gIdx, x: xs, n: ns, st } = this.scratch;
    let present = 0;
    for (let g = 0; g < G; g++) {
      const ng = nx[(base + g) << 1]!;
      if (ng === 0) continue;
      gIdx[present] = g;
      xs[present] = nx[((base + g) << 1) + 1]!;
      ns[present] = ng;
      present++;
    }
    if (pb && parentStatus !== S_OK) {
      // Children of a hidden parent would give it back by addition: no shares at all.
      for (let i = 0; i < present; i++)
        st[i] = ns[i]! < this.rules.minGroupN ? GROUP_TOO_SMALL : GROUP_SUPPRESSED_SECONDARY;
    } else if (this.suppression === 'fast') {
      const left = suppressBinaryTable(xs, ns, present, this.rules, pb !== null, st);
      if (left.length > 0) {
        const byGroup = new Map<number, typeof left>();
        for (const r of left) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
        state.risks.set(
          `${bi}/${ti}`,
          [...byGroup].map(([g, rs]) => ({
            group: b.groupLabels[gIdx[g]!]!,
            options: rs.map((r) => (r.option === 0 ? 'positive' : 'other')),
            reason: rs[0]!.reason,
          })),
        );
      }
    } else {
      const res = suppressTable(
        {
          groups: Array.from(gIdx.subarray(0, present), (g) => b.groupLabels[g]!),
          options: ['positive', 'other'],
          counts: Array.from(xs.subarray(0, present), (xv, i) => [xv, ns[i]! - xv]),
        },
        this.rules,
        { optionTotals: pb !== null },
      );
      res.statuses.forEach((row, i) => {
        st[i] = row.every((s) => s === 'unit_too_small')
          ? GROUP_TOO_SMALL
          : row.every((s) => s === 'ok')
            ? GROUP_OK
            : row.includes('suppressed_primary')
              ? GROUP_SUPPRESSED_PRIMARY
              : GROUP_SUPPRESSED_SECONDARY;
      });
      if (res.risks.length > 0) state.risks.set(`${bi}/${ti}`, [...res.risks]);
    }
    const status = state.status[bi]!;
    const low = state.low[bi]!;
    const high = state.high[bi]!;
    const conf = this.confidence;
    for (let i = 0; i < present; i++) {
      const bucket = base + gIdx[i]!;
      const s = st[i]!;
      if (s === GROUP_OK) {
        const ci = wilsonInterval(xs[i]!, ns[i]!, conf);
        status[bucket] = S_OK;
        low[bucket] = ci.low!;
        high[bucket] = ci.high!;
      } else status[bucket] = s === GROUP_TOO_SMALL ? S_TOO_SMALL : S_SUPPRESSED;
    }
    return true;
  }

  /** Table t of breakdown bi in wave w as objects, with differences from published cells only. */
  materialize(state: IndicatorState, bi: number, w: number, t: number): CubeTable | null {
    if (!this.publish(state, bi, w, t)) return null;
    const layout = this.layout;
    const b = layout.breakdowns[bi]!;
    const ind = state.compiled;
    const nx = state.counts.nx[bi]!;
    const status = state.status[bi]!;
    const G = b.groups;
    const base = w * b.size + t * G;
    const conf = this.confidence;
    const pb = b.parent >= 0 ? layout.breakdowns[b.parent]! : null;
    let parentCell: CubeTable['parentCell'] = null;
    let parentOk = false;
    let N = 0;
    let X = 0;
    if (pb) {
      const pBucket = w * pb.size + t;
      const pnx = state.counts.nx[pb.index]!;
      N = pnx[pBucket << 1]!;
      X = pnx[(pBucket << 1) + 1]!;
      const ps = state.status[pb.index]![pBucket]!;
      parentOk = ps === S_OK;
      parentCell =
        ps === S_OK
          ? {
              n: N,
              x: X,
              share: X / N,
              ciLow: state.low[pb.index]![pBucket]!,
              ciHigh: state.high[pb.index]![pBucket]!,
              status: 'ok',
            }
          : ps === S_SUPPRESSED
            ? { n: N, x: null, share: null, ciLow: null, ciHigh: null, status: 'suppressed' }
            : { n: null, x: null, share: null, ciLow: null, ciHigh: null, status: 'unit_too_small' };
    }
    const prevW = w - 1;
    const seriesBreak = prevW >= 0 && ind.seriesBreakByWave[w] === true;
    const comparePrev =
      prevW >= 0 && !seriesBreak && ind.askedByWave[prevW] === true && this.publish(state, bi, prevW, t);
    let present = 0;
    for (let g = 0; g < G; g++) if (nx[(base + g) << 1]! > 0) present++;
    const cells: CubeCell[] = [];
    for (let g = 0; g < G; g++) {
      const bucket = base + g;
      const ng = nx[bucket << 1]!;
      if (ng === 0) continue;
      const label = b.groupLabels[g]!;
      const s = status[bucket]!;
      let cell: CubeCell;
      if (s === S_OK) {
        const xg = nx[(bucket << 1) + 1]!;
        let vsRest: Difference | null = null;
        if (parentOk && present > 1 && N - ng > 0) {
          const d = newcombeDifference(xg, ng, X - xg, N - ng, conf);
          if (d.status === 'ok') vsRest = { difference: d.difference, low: d.low, high: d.high };
        }
        let vsPrev: Difference | null = null;
        if (comparePrev) {
          const pBucket = prevW * b.size + t * G + g;
          if (status[pBucket] === S_OK) {
            const d = newcombeDifference(xg, ng, nx[(pBucket << 1) + 1]!, nx[pBucket << 1]!, conf);
            if (d.status === 'ok') vsPrev = { difference: d.difference, low: d.low, high: d.high };
          }
        }
        cell = {
          group: label,
          n: ng,
          x: xg,
          share: xg / ng,
          ciLow: state.low[bi]![bucket]!,
          ciHigh: state.high[bi]![bucket]!,
          status: 'ok',
          vsRest,
          vsPreviousWave: vsPrev,
        };
      } else if (s === S_TOO_SMALL) {
        cell = {
          group: label,
          n: null,
          x: null,
          share: null,
          ciLow: null,
          ciHigh: null,
          status: 'unit_too_small',
          vsRest: null,
          vsPreviousWave: null,
        };
      } else {
        cell = {
          group: label,
          n: ng,
          x: null,
          share: null,
          ciLow: null,
          ciHigh: null,
          status: 'suppressed',
          vsRest: null,
          vsPreviousWave: null,
        };
      }
      const rate = this.cellRate(b, w, t, g);
      if (rate !== undefined) (cell as { responseRate?: ResponseRate | null }).responseRate = rate;
      cells.push(cell);
    }
    return {
      indicator: ind.definition.key,
      year: layout.years[w]!,
      breakdown: b.def.key,
      dimension: b.lastDim,
      parent: layout.parentRecord(b, t),
      parentCell,
      previousYear: prevW >= 0 ? layout.years[prevW]! : null,
      seriesBreak,
      cells,
      risks: state.risks.get(`${bi}/${w * b.tables + t}`) ?? [],
      responseRate: this.tableRate(b, w, t),
    };
  }

  summary(state: IndicatorState): CubeSummary {
    let tables = 0;
    let cells = 0;
    let ok = 0;
    let suppressed = 0;
    let unitTooSmall = 0;
    for (const b of this.layout.breakdowns) {
      for (const v of state.tableState[b.index]!) if (v === T_DATA) tables++;
      for (const s of state.status[b.index]!) {
        if (s === S_NONE) continue;
        cells++;
        if (s === S_OK) ok++;
        else if (s === S_SUPPRESSED) suppressed++;
        else unitTooSmall++;
      }
    }
    return { tables, cells, ok, suppressed, unitTooSmall, tablesWithRisks: state.risks.size };
  }

  private tableRate(b: LayoutBreakdown, w: number, t: number): ResponseRate | null {
    if (!this.responseRates) return null;
    const cache = this.rateCache[b.index]!.tables;
    const i = w * b.tables + t;
    let v = cache[i];
    if (v === undefined) {
      v = this.responseRates.lookup(w, this.layout.parentRecord(b, t));
      cache[i] = v;
    }
    return v;
  }

  private cellRate(b: LayoutBreakdown, w: number, t: number, g: number): ResponseRate | null | undefined {
    if (!this.responseRates || b.lastDim === null || !RATE_DIMS.has(b.lastDim)) return undefined;
    const cache = this.rateCache[b.index]!.cells;
    const i = w * b.size + t * b.groups + g;
    let v = cache[i];
    if (v === undefined) {
      v = this.responseRates.lookup(w, { ...this.layout.parentRecord(b, t), [b.lastDim]: b.groupLabels[g]! });
      cache[i] = v;
    }
    return v;
  }
}

/**
 * The published cube: every table's suppression pattern and CIs, held in typed arrays. Tables
 * become objects only when asked for (`table`, `tables`), which is also where the differences
 * are computed — from published cells only, so they reveal nothing the cells do not.
 */
export class PublishedCube {
  constructor(
    private readonly publisher: Publisher,
    private readonly states: ReadonlyMap<string, IndicatorState>,
  ) {}

  get rules(): string {
    return this.publisher.rules.name;
  }
  get confidence(): number {
    return this.publisher.confidence;
  }
  get years(): readonly number[] {
    return this.publisher.layout.years;
  }
  get indicators(): string[] {
    return [...this.states.keys()];
  }
  get breakdowns(): string[] {
    return this.publisher.layout.breakdowns.map((b) => b.def.key);
  }

  /** One table (the dashboard query), or null when it has no data. */
  table(q: TableQuery): CubeTable | null {
    const state = this.states.get(q.indicator);
    if (!state) throw new RangeError(`unknown indicator ${q.indicator}`);
    const loc = locate(this.publisher.layout, q);
    return loc ? this.publisher.materialize(state, loc.b, loc.w, loc.t) : null;
  }

  /** Every table with data, as objects (exports; the dashboards ask for single tables). */
  *tables(): Generator<CubeTable> {
    const layout = this.publisher.layout;
    for (const state of this.states.values()) {
      for (const b of layout.breakdowns) {
        for (let w = 0; w < layout.years.length; w++) {
          for (let t = 0; t < b.tables; t++) {
            const table = this.publisher.materialize(state, b.index, w, t);
            if (table) yield table;
          }
        }
      }
    }
  }

  summary(): CubeSummary {
    const total = { tables: 0, cells: 0, ok: 0, suppressed: 0, unitTooSmall: 0, tablesWithRisks: 0 };
    for (const state of this.states.values()) {
      const s = this.publisher.summary(state);
      for (const k of Object.keys(total) as (keyof CubeSummary)[]) total[k] += s[k];
    }
    return total;
  }

  /** Response rates per wave × grade for the county, each municipality and each school. */
  responseRates(): ResponseRate[] {
    return this.publisher.responseRates?.all() ?? [];
  }
}

export function locate(layout: CubeLayout, q: TableQuery): { b: number; w: number; t: number } | null {
  const b = layout.breakdownIndex.get(q.breakdown);
  if (b === undefined) throw new RangeError(`unknown breakdown ${q.breakdown}`);
  const w = layout.years.indexOf(q.year);
  if (w < 0) return null;
  const t = layout.tableIndex(layout.breakdowns[b]!, q.parent ?? {});
  return t < 0 ? null : { b, w, t };
}
