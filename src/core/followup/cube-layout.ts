// The cube's layout: which finest cells are occupied, what each cell's categories are, and how
// every breakdown's buckets roll up from the finest cells or from a larger breakdown. It depends
// on the respondents' background only, so all indicators share it (see cube.ts for the method).

import {
  checkBreakdowns,
  dimensionLabels,
  type BreakdownDefinition,
  type Dimension,
  type DimensionLabels,
  type DimensionOptions,
} from './dimensions.js';
import { decodeCells, numberCellsGeneral, numberCellsInOrder, type DecodedCells, type Radices } from './cube-cells.js';
import type { SurveyData } from './types.js';

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
    const W = data.waves.length;
    if (W === 0 || W > 255) throw new RangeError('the data needs 1–255 waves');
    this.years = data.waves.map((w) => w.year);
    const dl = dimensionLabels(data, options);
    this.labels = dl.labels;
    const radix = (d: Dimension) => dl.labels.get(d)!.length;
    const Dr = radix('gender');
    const Fr = radix('family_ladder');
    const Lr = radix('school_ladder');
    const Br = radix('background');
    const R: Radices = {
      W,
      Gr: radix('grade'),
      Mr: radix('municipality'),
      Sr: radix('school'),
      Dr,
      Fr,
      Lr,
      Br,
      smallR: Dr * Fr * Lr * Br,
    };
    this.gradeSlots = R.Gr;
    if (W * R.Gr > 256) throw new RangeError('too many wave × grade combinations');

    const cells = numberCellsInOrder(data, dl, R) ?? numberCellsGeneral(data, dl, R);
    this.cellOf = cells.cellOf;
    this.cellCount = cells.cellCount;
    this.cellRespondents = cells.cellRespondents;
    this.cellStart = cells.cellStart;
    this.waveGrade = cells.waveGrade;

    const decoded = decodeCells(cells, R);
    this.cellWave = decoded.cellWave;
    this.cellWaveGrade = decoded.cellWaveGrade;
    this.cellDims = decoded.cellDims;

    const plan = planBreakdowns(breakdowns, dl, R.W, cells.cellCount, decoded);
    this.breakdowns = plan.list;
    this.rollupOrder = plan.rollupOrder;
    this.breakdownIndex = new Map(plan.list.map((b) => [b.def.key, b.index]));
    this.parentRecords = plan.list.map(() => []);
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

type PartialBreakdown = Omit<LayoutBreakdown, 'source' | 'map'>;

/** Breakdowns, parents first; each rolls up from the smallest source that has its dimensions. */
function planBreakdowns(
  breakdowns: readonly BreakdownDefinition[],
  dl: DimensionLabels,
  W: number,
  C: number,
  cells: DecodedCells,
): { list: LayoutBreakdown[]; rollupOrder: number[] } {
  const radix = (d: Dimension) => dl.labels.get(d)!.length;
  const ordered = [...breakdowns].sort((a, b) => a.dims.length - b.dims.length);
  const byShape = new Map<string, number>();
  const partial: PartialBreakdown[] = [];
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
    const map = best < 0 ? mapFromCells(b, C, cells) : mapFromBreakdown(b, partial[best]!, W);
    sources.set(bi, { source: best, map });
  }
  const list: LayoutBreakdown[] = partial.map((b) => ({ ...b, ...sources.get(b.index)! }));
  return { list, rollupOrder };
}

/** Finest cell → bucket of breakdown b. */
function mapFromCells(b: PartialBreakdown, C: number, cells: DecodedCells): Int32Array {
  const map = new Int32Array(C);
  const cols = b.def.dims.map((d) => cells.cellDims.get(d)!);
  const cellWave = cells.cellWave;
  for (let c = 0; c < C; c++) {
    let inner = 0;
    for (let i = 0; i < cols.length; i++) inner = inner * b.radices[i]! + cols[i]![c]!;
    map[c] = cellWave[c]! * b.size + inner;
  }
  return map;
}

/** Bucket of source breakdown s (a superset of b's dimensions) → bucket of breakdown b. */
function mapFromBreakdown(b: PartialBreakdown, s: PartialBreakdown, W: number): Int32Array {
  const map = new Int32Array(W * s.size);
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
  return map;
}
