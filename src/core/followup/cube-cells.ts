// Numbering of the cube's finest cells: each respondent's occupied cell (wave × grade ×
// municipality × school × gender × ladder groups × background), with a fast path for data in
// cell order, and each cell's categories decoded from its dense key.

import type { Dimension, DimensionLabels } from './dimensions.js';
import * as types from './types.js';
import type { SurveyData } from './types.js';

// Module-level copies: hot loops must not go through module-namespace property lookups.
const MISSING = types.MISSING;
const MISSING_SCHOOL = types.MISSING_SCHOOL;

const ALL_DIMS = ['grade', 'municipality', 'school', 'gender', 'family_ladder', 'school_ladder', 'background'] as const;

/** Waves and the number of categories of every dimension (the last one is "not stated"). */
export interface Radices {
  readonly W: number;
  readonly Gr: number;
  readonly Mr: number;
  readonly Sr: number;
  readonly Dr: number;
  readonly Fr: number;
  readonly Lr: number;
  readonly Br: number;
  /** Combinations of the small dimensions (gender, ladders, background). */
  readonly smallR: number;
}

/** The occupied finest cells and each respondent's cell. */
export interface CellNumbering {
  readonly cellOf: Int32Array;
  readonly cellCount: number;
  readonly cellRespondents: Int32Array;
  readonly cellStart: Int32Array | null;
  readonly waveGrade: Uint8Array;
  /** Dense key (wave, place, small) of each occupied cell. */
  readonly denseOfCell: Int32Array;
  /** Place key of each place index; null when the place indexes are the place keys themselves. */
  readonly places: number[] | null;
  /** Place indexes per wave. */
  readonly placeCount: number;
}

/**
 * Fast path for data in cell order (the usual case after clusterByCell): one pass numbers the
 * cells as runs of the dense key (wave, place key, small). The general path numbers places in
 * place-key order, so both give the same cells in the same order; the fast path only skips the
 * place numbering and the second and third passes. Null when the data are not in cell order
 * (or the dense key would not fit).
 */
export function numberCellsInOrder(data: SurveyData, dl: DimensionLabels, R: Radices): CellNumbering | null {
  const { W, Gr, Mr, Sr, Dr, Fr, Lr, Br, smallR } = R;
  const PK = Gr * Mr * Sr;
  if (W * PK * smallR > 0x7fffffff) return null;
  const N = data.length;
  const miss = MISSING;
  const missSchool = MISSING_SCHOOL;
  const ladder = dl.ladderGroup;
  const recent = dl.recentArrivalYears;
  const { wave, grade, municipality, school, gender, familyLadder, schoolLadder, bornInSweden, yearsInSweden } = data;
  const cellOf = new Int32Array(N);
  let C = 0;
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
      if (d < prevD) return null;
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
  const start = new Int32Array(C + 1);
  start.set(runStart.subarray(0, C));
  start[C] = N;
  const cellRespondents = new Int32Array(C);
  for (let c = 0; c < C; c++) cellRespondents[c] = start[c + 1]! - start[c]!;
  return {
    cellOf,
    cellCount: C,
    cellRespondents,
    cellStart: start,
    waveGrade: new Uint8Array(0), // not needed: counting runs over cells
    denseOfCell: dense,
    places: null,
    placeCount: PK,
  };
}

/**
 * Pass 1 of the general path: place key (in `cellOf`) and small-dimension index per respondent.
 * Places are then numbered in key order, so the cell order is canonical (clustered data keep it
 * when laid out again).
 */
function placeKeys(
  data: SurveyData,
  dl: DimensionLabels,
  R: Radices,
  cellOf: Int32Array,
): { placeIndex: Int32Array; places: number[]; small: Uint16Array } {
  const { Gr, Mr, Sr, Dr, Fr, Lr, Br } = R;
  const N = data.length;
  const miss = MISSING;
  const missSchool = MISSING_SCHOOL;
  const ladder = dl.ladderGroup;
  const recent = dl.recentArrivalYears;
  const { grade, municipality, school, gender, familyLadder, schoolLadder, bornInSweden, yearsInSweden } = data;
  const placeIndex = new Int32Array(Gr * Mr * Sr);
  const places: number[] = [];
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
  return { placeIndex, places, small };
}

/**
 * The general path: place numbering (pass 1), then the dense key (wave, place, small). Data in
 * cell order number their cells as runs in pass 2; otherwise the occupied dense keys are marked
 * and numbered in order.
 */
export function numberCellsGeneral(data: SurveyData, dl: DimensionLabels, R: Radices): CellNumbering {
  const N = data.length;
  const { wave } = data;
  const smallR = R.smallR;
  const cellOf = new Int32Array(N);
  const { placeIndex, places, small } = placeKeys(data, dl, R, cellOf);
  const K = places.length;
  let denseOfCell = new Int32Array(1024);
  let C = 0;
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
    const cellRespondents = new Int32Array(C);
    const start = new Int32Array(C + 1);
    for (let r = 0; r < N; r++) cellRespondents[cellOf[r]!]!++;
    for (let c = 0; c < C; c++) start[c + 1] = start[c]! + cellRespondents[c]!;
    return {
      cellOf,
      cellCount: C,
      cellRespondents,
      cellStart: start,
      waveGrade: new Uint8Array(0), // not needed: counting runs over cells
      denseOfCell,
      places,
      placeCount: K,
    };
  }
  for (let r = 0; r < unsortedAt; r++) cellOf[r] = denseOfCell[cellOf[r]!]!;
  for (let r = unsortedAt + 1; r < N; r++) cellOf[r] = (wave[r]! * K + placeIndex[cellOf[r]!]!) * smallR + small[r]!;
  return numberOccupiedCells(data, R, cellOf, places);
}

/** Unsorted data: `cellOf` holds dense keys; number the occupied ones in key order. */
function numberOccupiedCells(data: SurveyData, R: Radices, cellOf: Int32Array, places: number[]): CellNumbering {
  const N = data.length;
  const { wave, grade } = data;
  const miss = MISSING;
  const Gr = R.Gr;
  const K = places.length;
  const denseSize = R.W * K * R.smallR;
  const occupied = new Uint8Array(denseSize);
  for (let r = 0; r < N; r++) occupied[cellOf[r]!] = 1;
  const denseToCell = new Int32Array(denseSize);
  let C = 0;
  for (let d = 0; d < denseSize; d++) if (occupied[d] === 1) denseToCell[d] = C++;
  const denseOfCell = new Int32Array(C);
  for (let d = 0; d < denseSize; d++) if (occupied[d] === 1) denseOfCell[denseToCell[d]!] = d;
  const cellRespondents = new Int32Array(C);
  const waveGrade = new Uint8Array(N);
  for (let r = 0; r < N; r++) {
    const c = denseToCell[cellOf[r]!]!;
    cellOf[r] = c;
    cellRespondents[c]!++;
    let g = grade[r]!;
    if (g === miss) g = Gr - 1;
    waveGrade[r] = wave[r]! * Gr + g;
  }
  return { cellOf, cellCount: C, cellRespondents, cellStart: null, waveGrade, denseOfCell, places, placeCount: K };
}

export interface DecodedCells {
  readonly cellWave: Uint8Array;
  readonly cellWaveGrade: Uint8Array;
  readonly cellDims: ReadonlyMap<Dimension, Uint16Array>;
}

/** Every occupied cell's wave and categories, decoded from its dense key. */
export function decodeCells(cells: CellNumbering, R: Radices): DecodedCells {
  const { Gr, Mr, Sr, Fr, Lr, Br, smallR } = R;
  const C = cells.cellCount;
  const K = cells.placeCount;
  const { denseOfCell, places } = cells;
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
  return { cellWave, cellWaveGrade, cellDims: cd };
}
