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

import {
  DEFAULT_RULES,
  newcombeDifference,
  suppressTable,
  wilsonInterval,
  type DisclosureRisk,
  type SuppressionRules,
} from '../statistics/index.js';
import * as binary from './binary-suppression.js';
import {
  DEFAULT_BREAKDOWNS,
  checkBreakdowns,
  dimensionLabels,
  type BreakdownDefinition,
  type Dimension,
  type DimensionOptions,
} from './dimensions.js';
import { compileIndicator, type CompiledIndicator, type IndicatorDefinition } from './indicators.js';
import { buildResponseRates, type ResponseRate, type ResponseRateIndex } from './response-rates.js';
import * as types from './types.js';
import type { PopulationCount, SurveyData } from './types.js';

export interface CubeOptions extends DimensionOptions {
  readonly indicators: readonly IndicatorDefinition[];
  readonly breakdowns?: readonly BreakdownDefinition[];
  /** Default DEFAULT_RULES (n ≥ 10, each count ≥ 5, complementary suppression). */
  readonly rules?: SuppressionRules;
  /**
   * 'fast' (default): closed-form binary-table suppression (binary-suppression.ts).
   * 'library': `suppressTable` from src/core/statistics per table (0.05–0.5 ms a table); required
   * for rule sets without complementary suppression, e.g. 'skolinspektionen'.
   */
  readonly suppression?: 'fast' | 'library';
  readonly confidence?: number;
  /** Pupils per wave, school, home municipality and grade: response rates beside the results. */
  readonly population?: readonly PopulationCount[];
  /** Response rates below this are flagged (default 0.7). */
  readonly lowResponseRate?: number;
}

export type CellStatus = 'ok' | 'suppressed' | 'unit_too_small';

export interface Difference {
  readonly difference: number;
  readonly low: number;
  readonly high: number;
}

export interface CubeCell {
  /** Category label: a grade, municipality or school code, 'girl', '1-4', 'not_stated', 'all'. */
  readonly group: string;
  readonly n: number | null;
  readonly x: number | null;
  readonly share: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly status: CellStatus;
  /** This group minus the rest of its parent (e.g. municipality − rest of county). */
  readonly vsRest: Difference | null;
  /** This wave minus the previous wave, same group. */
  readonly vsPreviousWave: Difference | null;
  /** For grade, municipality and school groups when population counts are known. */
  readonly responseRate?: ResponseRate | null;
}

export interface CubeTable {
  readonly indicator: string;
  readonly year: number;
  readonly breakdown: string;
  /** The dimension the groups vary; null for the wave total. */
  readonly dimension: Dimension | null;
  /** The parent's categories, e.g. { grade: '8', municipality: '0780' }. */
  readonly parent: Readonly<Partial<Record<Dimension, string>>>;
  /** The parent as published in its own table (for the reference line); null for the wave total. */
  readonly parentCell: Pick<CubeCell, 'n' | 'x' | 'share' | 'ciLow' | 'ciHigh' | 'status'> | null;
  readonly previousYear: number | null;
  /** An item of the indicator changed in a non-comparable way since the previous wave. */
  readonly seriesBreak: boolean;
  readonly cells: CubeCell[];
  /** What a reader could still derive (empty unless the margins themselves disclose). */
  readonly risks: readonly DisclosureRisk[];
  /** Response rate of the parent's area and grade, when population counts are known. */
  readonly responseRate: ResponseRate | null;
}

export interface TableQuery {
  readonly indicator: string;
  readonly breakdown: string;
  readonly year: number;
  /** Categories of the breakdown's parent dimensions, e.g. { grade: '8' }. */
  readonly parent?: Readonly<Partial<Record<Dimension, string>>>;
}

/**
 * Unsuppressed counts of one indicator: per breakdown, [n, x] interleaved per bucket
 * (bucket = wave × size + inner index). Server-internal: never publish these.
 */
export interface IndicatorCounts {
  readonly nx: readonly Int32Array[];
}

export interface PublishOptions {
  readonly indicators?: readonly string[];
}

export interface CubeSummary {
  readonly tables: number;
  readonly cells: number;
  readonly ok: number;
  readonly suppressed: number;
  readonly unitTooSmall: number;
  readonly tablesWithRisks: number;
}
// Module-level copies: hot loops must not go through module-namespace property lookups.
const MISSING = types.MISSING;
const MISSING_SCHOOL = types.MISSING_SCHOOL;
const GROUP_OK = binary.GROUP_OK;
const GROUP_TOO_SMALL = binary.GROUP_TOO_SMALL;
const GROUP_SUPPRESSED_PRIMARY = binary.GROUP_SUPPRESSED_PRIMARY;
const GROUP_SUPPRESSED_SECONDARY = binary.GROUP_SUPPRESSED_SECONDARY;
const suppressBinaryTable = binary.suppressBinaryTable;

export interface LayoutBreakdown {
  readonly def: BreakdownDefinition;
  readonly index: number;
  /** Index of the parent breakdown; −1 for the total. */
  readonly parent: number;
  readonly radices: readonly number[];
  /** Buckets per wave (product of radices). */
  readonly size: number;
  /** Groups per table (radix of the last dimension); 1 for the total. */
  readonly groups: number;
  /** Tables per wave (size / groups). */
  readonly tables: number;
  readonly groupLabels: readonly string[];
  readonly lastDim: Dimension | null;
  /** Roll-up source: −1 = the finest cells, else a breakdown with a superset of the dimensions. */
  readonly source: number;
  /** Source unit (cell or source bucket) → bucket of this breakdown (wave × size + inner). */
  readonly map: Int32Array;
}

const S_NONE = 0;
const S_OK = 1;
const S_SUPPRESSED = 2;
const S_TOO_SMALL = 3;

const T_NONE = 0;
const T_DATA = 1;
const T_EMPTY = 2;

const ALL_DIMS = ['grade', 'municipality', 'school', 'gender', 'family_ladder', 'school_ladder', 'background'] as const;

/**
 * The cube's layout: dimension labels, occupied finest cells and breakdown buckets. It depends on
 * the respondents' background only, so all indicators share it.
 *
 * Finest cells are numbered in (wave, grade, municipality, school, small-dimensions) order. When the respondents are stored in cell order (see
 * `clusterByCell`), every cell is a contiguous range and the counting pass adds up runs in
 * registers; otherwise it scatters increments into per-cell counters (correct, about 2× slower).
 */
export class CubeLayout {
  readonly labels: ReadonlyMap<Dimension, readonly string[]>;
  readonly years: readonly number[];
  readonly breakdowns: readonly LayoutBreakdown[];
  readonly breakdownIndex: ReadonlyMap<string, number>;
  /** Occupied finest cell per respondent. */
  readonly cellOf: Int32Array;
  readonly cellCount: number;
  /** Respondents per occupied cell. */
  readonly cellRespondents: Int32Array;
  /** When respondents are in cell order: cell c is rows cellStart[c] .. cellStart[c + 1] − 1. */
  readonly cellStart: Int32Array | null;
  readonly cellWave: Uint8Array;
  /** (wave, grade slot) of each cell: wave × gradeSlots + grade. */
  readonly cellWaveGrade: Uint8Array;
  /** Per occupied cell: category of each dimension. */
  readonly cellDims: ReadonlyMap<Dimension, Uint16Array>;
  /** (wave, grade slot) per respondent; only filled when the data are not in cell order. */
  readonly waveGrade: Uint8Array;
  /** Grades + 1 (not stated). */
  readonly gradeSlots: number;
  /** Breakdown indexes in roll-up order (sources before targets). */
  readonly rollupOrder: readonly number[];
  private readonly parentRecords: (Readonly<Partial<Record<Dimension, string>>> | undefined)[][];

  constructor(
    readonly data: SurveyData,
    breakdowns: readonly BreakdownDefinition[],
    options: DimensionOptions,
  ) {
    checkBreakdowns(breakdowns);
    const N = data.length;
    const W = data.waves.length;
    if (W === 0 || W > 255) throw new RangeError('the data needs 1–255 waves');
    this.years = data.waves.map((w) => w.year);
    const dl = dimensionLabels(data, options);
    this.labels = dl.labels;
    const radix = (d: Dimension) => dl.labels.get(d)!.length;
    const Gr = radix('grade');
    const Mr = radix('municipality');
    const Sr = radix('school');
    const Dr = radix('gender');
    const Fr = radix('family_ladder');
    const Lr = radix('school_ladder');
    const Br = radix('background');
    this.gradeSlots = Gr;
    if (W * Gr > 256) throw new RangeError('too many wave × grade combinations');
    const miss = MISSING;
    const missSchool = MISSING_SCHOOL;
    const ladder = dl.ladderGroup;
    const recent = dl.recentArrivalYears;
    const { wave, grade, municipality, school, gender, familyLadder, schoolLadder, bornInSweden, yearsInSweden } = data;

    const smallR = Dr * Fr * Lr * Br;
    const cellOf = new Int32Array(N);
    let K = 0;
    /** Place of each place index; null when places are the place keys themselves (fast path). */
    let places: number[] | null = null;
    let denseOfCell = new Int32Array(0);
    let C = 0;
    let cellRespondents = new Int32Array(0);
    let waveGrade = new Uint8Array(0);
    this.cellStart = null;

    // Fast path for data in cell order (the usual case after clusterByCell): one pass numbers the
    // cells as runs of the dense key (wave, place key, small). The general path below numbers
    // places in place-key order, so both give the same cells in the same order; the fast path
    // only skips the place numbering and the second and third passes.
    const PK = Gr * Mr * Sr;
    let fast = W * PK * smallR <= 0x7fffffff;
    if (fast) {
      let dense = new Int32Array(1024);
      let runStart = new Int32Array(1024);
      let prevD = -1;
      for (let r = 0; r < N; r++) {
        let g = grade[r]!;
        if (g === miss) g = Gr - 1;
        let m = municipality[r]!;
        if (m === miss) m = Mr - 1;
        let s = school[r]!;
        if (s === missSchool) s = Sr - 1;
        let gd = gender[r]!;
        if (gd === miss) gd = Dr - 1;
        const born = bornInSweden[r]!;
        let b = 3;
        if (born === 1) b = 0;
        else if (born === 0) {
          const y = yearsInSweden[r]!;
          if (y !== miss) b = y >= recent ? 1 : 2;
        }
        const d =
          (wave[r]! * PK + (g * Mr + m) * Sr + s) * smallR +
          ((gd * Fr + ladder[familyLadder[r]!]!) * Lr + ladder[schoolLadder[r]!]!) * Br +
          b;
        if (d !== prevD) {
          if (d < prevD) {
            fast = false;
            break;
          }
          if (C === dense.length) {
            const nd = new Int32Array(C * 2);
            nd.set(dense);
            dense = nd;
            const ns = new Int32Array(C * 2);
            ns.set(runStart);
            runStart = ns;
          }
          dense[C] = d;
          runStart[C] = r;
          C++;
          prevD = d;
        }
        cellOf[r] = C - 1;
      }
      if (fast) {
        const start = new Int32Array(C + 1);
        start.set(runStart.subarray(0, C));
        start[C] = N;
        cellRespondents = new Int32Array(C);
        for (let c = 0; c < C; c++) cellRespondents[c] = start[c + 1]! - start[c]!;
        this.cellStart = start;
        denseOfCell = dense;
        waveGrade = new Uint8Array(0); // not needed: counting runs over cells
        K = PK;
      } else C = 0;
    }
    if (!fast) {
      // Pass 1: place key and small-dimension index per respondent. Places are then numbered in
      // key order, so the cell order is canonical (clustered data keep it when laid out again).
      const placeIndex = new Int32Array(Gr * Mr * Sr);
      places = [];
      const small = new Uint16Array(N);
      for (let r = 0; r < N; r++) {
        let g = grade[r]!;
        if (g === miss) g = Gr - 1;
        let m = municipality[r]!;
        if (m === miss) m = Mr - 1;
        let s = school[r]!;
        if (s === missSchool) s = Sr - 1;
        const key = (g * Mr + m) * Sr + s;
        placeIndex[key] = 1;
        cellOf[r] = key;
        let gd = gender[r]!;
        if (gd === miss) gd = Dr - 1;
        const born = bornInSweden[r]!;
        let b = 3;
        if (born === 1) b = 0;
        else if (born === 0) {
          const y = yearsInSweden[r]!;
          if (y !== miss) b = y >= recent ? 1 : 2;
        }
        small[r] = ((gd * Fr + ladder[familyLadder[r]!]!) * Lr + ladder[schoolLadder[r]!]!) * Br + b;
      }
      for (let key = 0; key < placeIndex.length; key++) {
        if (placeIndex[key] === 1) {
          placeIndex[key] = places.length;
          places.push(key);
        } else placeIndex[key] = -1;
      }
      K = places.length;

      // Pass 2: dense key (wave, place, small). Data in cell order (the usual case after
      // clusterByCell) number their cells as runs in this same pass; otherwise fall back to marking
      // occupied dense keys and numbering them in order.
      denseOfCell = new Int32Array(1024);
      let prevD = -1;
      let unsortedAt = -1;
      for (let r = 0; r < N; r++) {
        const d = (wave[r]! * K + placeIndex[cellOf[r]!]!) * smallR + small[r]!;
        if (d !== prevD) {
          if (d < prevD) {
            unsortedAt = r;
            cellOf[r] = d;
            break;
          }
          if (C === denseOfCell.length) {
            const next = new Int32Array(C * 2);
            next.set(denseOfCell);
            denseOfCell = next;
          }
          denseOfCell[C++] = d;
          prevD = d;
        }
        cellOf[r] = C - 1;
      }
      if (unsortedAt < 0) {
        cellRespondents = new Int32Array(C);
        const start = new Int32Array(C + 1);
        for (let r = 0; r < N; r++) cellRespondents[cellOf[r]!]!++;
        for (let c = 0; c < C; c++) start[c + 1] = start[c]! + cellRespondents[c]!;
        this.cellStart = start;
        waveGrade = new Uint8Array(0); // not needed: counting runs over cells
      } else {
        for (let r = 0; r < unsortedAt; r++) cellOf[r] = denseOfCell[cellOf[r]!]!;
        for (let r = unsortedAt + 1; r < N; r++)
          cellOf[r] = (wave[r]! * K + placeIndex[cellOf[r]!]!) * smallR + small[r]!;
        const denseSize = W * K * smallR;
        const occupied = new Uint8Array(denseSize);
        for (let r = 0; r < N; r++) occupied[cellOf[r]!] = 1;
        const denseToCell = new Int32Array(denseSize);
        C = 0;
        for (let d = 0; d < denseSize; d++) if (occupied[d] === 1) denseToCell[d] = C++;
        denseOfCell = new Int32Array(C);
        for (let d = 0; d < denseSize; d++) if (occupied[d] === 1) denseOfCell[denseToCell[d]!] = d;
        cellRespondents = new Int32Array(C);
        waveGrade = new Uint8Array(N);
        for (let r = 0; r < N; r++) {
          const c = denseToCell[cellOf[r]!]!;
          cellOf[r] = c;
          cellRespondents[c]!++;
          let g = grade[r]!;
          if (g === miss) g = Gr - 1;
          waveGrade[r] = wave[r]! * Gr + g;
        }
        this.cellStart = null;
      }
    }
    this.cellOf = cellOf;
    this.cellCount = C;
    this.cellRespondents = cellRespondents;
    this.waveGrade = waveGrade;

    // Decode every occupied cell's categories.
    const cellWave = new Uint8Array(C);
    const cellWaveGrade = new Uint8Array(C);
    const cd = new Map<Dimension, Uint16Array>();
    for (const d of ALL_DIMS) cd.set(d, new Uint16Array(C));
    const [cg, cm, cs, cgd, cf, cl, cb] = ALL_DIMS.map((d) => cd.get(d)!);
    for (let c = 0; c < C; c++) {
      let v = denseOfCell[c]!;
      let sm = v % smallR;
      v = (v - sm) / smallR;
      const k = v % K;
      const w = (v - k) / K;
      cellWave[c] = w;
      let place = places === null ? k : places[k]!;
      cs![c] = place % Sr;
      place = (place - (place % Sr)) / Sr;
      cm![c] = place % Mr;
      const g = (place - (place % Mr)) / Mr;
      cg![c] = g;
      cellWaveGrade[c] = w * Gr + g;
      cb![c] = sm % Br;
      sm = (sm - (sm % Br)) / Br;
      cl![c] = sm % Lr;
      sm = (sm - (sm % Lr)) / Lr;
      cf![c] = sm % Fr;
      cgd![c] = (sm - (sm % Fr)) / Fr;
    }
    this.cellWave = cellWave;
    this.cellWaveGrade = cellWaveGrade;
    this.cellDims = cd;

    // Breakdowns, parents first; each rolls up from the smallest source that has its dimensions.
    const ordered = [...breakdowns].sort((a, b) => a.dims.length - b.dims.length);
    const byShape = new Map<string, number>();
    const partial: Omit<LayoutBreakdown, 'source' | 'map'>[] = [];
    for (const def of ordered) {
      const radices = def.dims.map(radix);
      const size = radices.reduce((a, b) => a * b, 1);
      const groups = def.dims.length === 0 ? 1 : radices[radices.length - 1]!;
      const parent = def.dims.length === 0 ? -1 : byShape.get(def.dims.slice(0, -1).join('/'))!;
      const index = partial.length;
      byShape.set(def.dims.join('/'), index);
      const lastDim = def.dims.length === 0 ? null : def.dims[def.dims.length - 1]!;
      partial.push({
        def,
        index,
        parent,
        radices,
        size,
        groups,
        tables: size / groups,
        groupLabels: lastDim ? dl.labels.get(lastDim)! : ['all'],
        lastDim,
      });
    }
    const rollupOrder = partial
      .map((b) => b.index)
      .sort((a, b) => partial[b]!.def.dims.length - partial[a]!.def.dims.length);
    const sources = new Map<number, { source: number; map: Int32Array }>();
    for (const bi of rollupOrder) {
      const b = partial[bi]!;
      let best = -1;
      let bestCost = C;
      for (const si of rollupOrder) {
        if (!sources.has(si)) continue; // only breakdowns already planned (more dimensions)
        const s = partial[si]!;
        if (s.def.dims.length <= b.def.dims.length || !b.def.dims.every((d) => s.def.dims.includes(d))) continue;
        if (W * s.size < bestCost) {
          bestCost = W * s.size;
          best = si;
        }
      }
      let map: Int32Array;
      if (best < 0) {
        map = new Int32Array(C);
        const cols = b.def.dims.map((d) => cd.get(d)!);
        for (let c = 0; c < C; c++) {
          let inner = 0;
          for (let i = 0; i < cols.length; i++) inner = inner * b.radices[i]! + cols[i]![c]!;
          map[c] = cellWave[c]! * b.size + inner;
        }
      } else {
        const s = partial[best]!;
        map = new Int32Array(W * s.size);
        const pos = b.def.dims.map((d) => s.def.dims.indexOf(d));
        const digits = new Array<number>(s.def.dims.length);
        for (let u = 0; u < W * s.size; u++) {
          let v = u % s.size;
          const w = (u - v) / s.size;
          for (let i = s.def.dims.length - 1; i >= 0; i--) {
            digits[i] = v % s.radices[i]!;
            v = (v - digits[i]!) / s.radices[i]!;
          }
          let inner = 0;
          for (let i = 0; i < pos.length; i++) inner = inner * b.radices[i]! + digits[pos[i]!]!;
          map[u] = w * b.size + inner;
        }
      }
      sources.set(bi, { source: best, map });
    }
    const list: LayoutBreakdown[] = partial.map((b) => ({ ...b, ...sources.get(b.index)! }));
    this.breakdowns = list;
    this.rollupOrder = rollupOrder;
    this.breakdownIndex = new Map(list.map((b) => [b.def.key, b.index]));
    this.parentRecords = list.map(() => []);
  }

  /** The parent's categories of table t of breakdown b. */
  parentRecord(b: LayoutBreakdown, t: number): Readonly<Partial<Record<Dimension, string>>> {
    const cache = this.parentRecords[b.index]!;
    let rec = cache[t];
    if (rec) return rec;
    const out: Partial<Record<Dimension, string>> = {};
    let v = t;
    for (let i = b.def.dims.length - 2; i >= 0; i--) {
      const r = b.radices[i]!;
      const d = b.def.dims[i]!;
      out[d] = this.labels.get(d)![v % r]!;
      v = Math.floor(v / r);
    }
    rec = Object.freeze(out);
    cache[t] = rec;
    return rec;
  }

  /** Table index of a parent record within breakdown b, or −1 when a category is unknown. */
  tableIndex(b: LayoutBreakdown, parent: Readonly<Partial<Record<Dimension, string>>>): number {
    let t = 0;
    for (let i = 0; i < b.def.dims.length - 1; i++) {
      const d = b.def.dims[i]!;
      const label = parent[d];
      const v = label === undefined ? -1 : this.labels.get(d)!.indexOf(label);
      if (v < 0) return -1;
      t = t * b.radices[i]! + v;
    }
    return t;
  }
}

/** What one indicator published, bucket by bucket. */
class IndicatorState {
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
class Publisher {
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

function locate(layout: CubeLayout, q: TableQuery): { b: number; w: number; t: number } | null {
  const b = layout.breakdownIndex.get(q.breakdown);
  if (b === undefined) throw new RangeError(`unknown breakdown ${q.breakdown}`);
  const w = layout.years.indexOf(q.year);
  if (w < 0) return null;
  const t = layout.tableIndex(layout.breakdowns[b]!, q.parent ?? {});
  return t < 0 ? null : { b, w, t };
}

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
  const items = new Map<string, types.SurveyItemColumn>();
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
