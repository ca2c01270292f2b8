// Exact feasible intervals for the hidden cells of a two-way table.
//
// The disclosure audit has to answer "what can a reader learn about a suppressed cell from what
// is published?". For a groups × options table the published facts are linear: published cells,
// row totals (group n), optionally column totals (county total per option), plus non-negativity.
// The hidden cells then form a transportation polytope, whose constraint matrix is totally
// unimodular: every vertex is integral, so the LP bounds of a cell are the exact integer bounds a
// reader can reach with any amount of linear reasoning. We get them as network flows (a
// circulation with lower bounds) instead of a general LP solver: exact integer arithmetic, no
// pivoting tolerances, and two small max-flows per cell.

/** Bounds on a sum or a cell. `upper` may be Infinity (nothing published limits it). */
export interface Bound {
  readonly lower: number;
  readonly upper: number;
}

export interface HiddenCell extends Bound {
  readonly row: number;
  readonly col: number;
}

export interface TransportSystem {
  /** Bound on the sum of the hidden cells of each row (exact when the row total is published). */
  readonly rows: readonly Bound[];
  /** Bound on the sum of the hidden cells of each column. */
  readonly cols: readonly Bound[];
  readonly cells: readonly HiddenCell[];
}

export interface CellInterval {
  readonly low: number;
  readonly high: number;
}

export class InfeasibleSystemError extends Error {
  override readonly name = 'InfeasibleSystemError';
}

/**
 * Minimum and maximum of every hidden cell over all non-negative integer tables consistent with
 * the system. Throws InfeasibleSystemError when no table fits (the published numbers contradict
 * each other).
 */
export function cellIntervals(system: TransportSystem): CellInterval[] {
  const result = new Array<CellInterval>(system.cells.length);
  for (const part of independentParts(system)) {
    const intervalOf = analyseTransport(part.system);
    part.cellIndices.forEach((original, local) => {
      result[original] = intervalOf(local);
    });
  }
  return result;
}

/** The interval of one hidden cell; only its independent part of the table is solved. */
export function cellInterval(system: TransportSystem, cellIndex: number): CellInterval {
  const part = independentParts(system).find((p) => p.cellIndices.includes(cellIndex));
  if (part === undefined) throw new RangeError(`no hidden cell ${cellIndex}`);
  return analyseTransport(part.system)(part.cellIndices.indexOf(cellIndex));
}

/**
 * Split the hidden cells into groups that share no constraint. A row or column only couples its
 * cells when it says something (a published total, or a finite bound); without option totals
 * every group is its own part, which keeps the audit linear in the number of groups.
 */
export function independentParts(system: TransportSystem): Array<{ system: TransportSystem; cellIndices: number[] }> {
  const { rows, cols, cells } = system;
  for (const c of cells) {
    if (!(c.row >= 0 && c.row < rows.length && c.col >= 0 && c.col < cols.length)) {
      throw new RangeError(`hidden cell (${c.row}, ${c.col}) is outside the table`);
    }
  }
  const says = (b: Bound): boolean => b.lower > 0 || Number.isFinite(b.upper);
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const firstInRow = new Map<number, number>();
  const firstInCol = new Map<number, number>();
  cells.forEach((c, i) => {
    if (says(rows[c.row]!)) {
      const first = firstInRow.get(c.row);
      if (first === undefined) firstInRow.set(c.row, i);
      else parent[find(i)] = find(first);
    }
    if (says(cols[c.col]!)) {
      const first = firstInCol.get(c.col);
      if (first === undefined) firstInCol.set(c.col, i);
      else parent[find(i)] = find(first);
    }
  });
  // A row or column that demands a positive sum from no hidden cell cannot be satisfied.
  const rowHasCell = new Set(cells.map((c) => c.row));
  const colHasCell = new Set(cells.map((c) => c.col));
  if (
    rows.some((b, i) => b.lower > 0 && !rowHasCell.has(i)) ||
    cols.some((b, j) => b.lower > 0 && !colHasCell.has(j))
  ) {
    throw new InfeasibleSystemError('the published numbers are inconsistent: no table fits them');
  }

  const byRoot = new Map<number, number[]>();
  cells.forEach((_, i) => {
    const root = find(i);
    const members = byRoot.get(root);
    if (members) members.push(i);
    else byRoot.set(root, [i]);
  });
  return [...byRoot.values()].map((cellIndices) => {
    const rowIds = new Map<number, number>();
    const colIds = new Map<number, number>();
    for (const i of cellIndices) {
      const c = cells[i]!;
      if (!rowIds.has(c.row)) rowIds.set(c.row, rowIds.size);
      if (!colIds.has(c.col)) colIds.set(c.col, colIds.size);
    }
    return {
      cellIndices,
      system: {
        rows: [...rowIds.keys()].map((r) => rows[r]!),
        cols: [...colIds.keys()].map((c) => cols[c]!),
        cells: cellIndices.map((i) => {
          const c = cells[i]!;
          return { ...c, row: rowIds.get(c.row)!, col: colIds.get(c.col)! };
        }),
      },
    };
  });
}

/**
 * Solve the system once and return a function giving the interval of one hidden cell on demand,
 * for callers that only need a few cells (two small max-flows each).
 */
export function analyseTransport(system: TransportSystem): (cellIndex: number) => CellInterval {
  const { rows, cols, cells } = system;
  for (const b of [...rows, ...cols, ...cells]) {
    if (
      !(Number.isSafeInteger(b.lower) && b.lower >= 0) ||
      !(b.upper === Number.POSITIVE_INFINITY || Number.isSafeInteger(b.upper)) ||
      b.upper < b.lower
    ) {
      throw new RangeError(`invalid bound [${b.lower}, ${b.upper}]`);
    }
  }
  // Every finite bound together; no feasible flow moves more than this on a finite arc, so a
  // larger capacity stands in for "unbounded", and a longer augmenting path proves unboundedness.
  let finiteMass = 1;
  for (const b of [...rows, ...cols, ...cells]) finiteMass += b.lower + (Number.isFinite(b.upper) ? b.upper : 0);
  if (finiteMass > 2 ** 40) throw new RangeError('counts are too large for the disclosure audit');
  const unbounded = 4 * finiteMass;
  const cap = (upper: number): number => (Number.isFinite(upper) ? upper : unbounded);

  // Nodes: 0 = source hub, 1 = sink hub, then one per row and one per column.
  const source = 0;
  const sink = 1;
  const rowNode = (i: number): number => 2 + i;
  const colNode = (j: number): number => 2 + rows.length + j;
  const nodeCount = 2 + rows.length + cols.length;

  const arcs: Arc[] = [];
  rows.forEach((b, i) => arcs.push({ from: source, to: rowNode(i), lower: b.lower, upper: cap(b.upper) }));
  cols.forEach((b, j) => arcs.push({ from: colNode(j), to: sink, lower: b.lower, upper: cap(b.upper) }));
  arcs.push({ from: sink, to: source, lower: 0, upper: unbounded });
  const firstCellArc = arcs.length;
  for (const c of cells) {
    if (c.row < 0 || c.row >= rows.length || c.col < 0 || c.col >= cols.length) {
      throw new RangeError(`hidden cell (${c.row}, ${c.col}) is outside the table`);
    }
    arcs.push({ from: rowNode(c.row), to: colNode(c.col), lower: c.lower, upper: cap(c.upper) });
  }

  const flow = feasibleCirculation(nodeCount, arcs);
  if (flow === null) throw new InfeasibleSystemError('the published numbers are inconsistent: no table fits them');

  return (index) => {
    const arcIndex = firstCellArc + index;
    const arc = arcs[arcIndex];
    if (arc === undefined) throw new RangeError(`no hidden cell ${index}`);
    const current = flow[arcIndex]!;
    // Any other feasible table differs from this one by a circulation in the residual graph, so
    // the cell can grow by the max-flow from its column back to its row (and shrink likewise).
    const growRoom = arc.upper - current;
    const grow = residualMaxFlow(nodeCount, arcs, flow, arcIndex, arc.to, arc.from, Math.min(growRoom, finiteMass + 1));
    const shrink = residualMaxFlow(nodeCount, arcs, flow, arcIndex, arc.from, arc.to, current - arc.lower);
    const high = grow > finiteMass ? Number.POSITIVE_INFINITY : current + grow;
    return { low: current - shrink, high };
  };
}

interface Arc {
  readonly from: number;
  readonly to: number;
  readonly lower: number;
  readonly upper: number;
}

// Standard reduction of a circulation with lower bounds to one max-flow between two extra nodes.
function feasibleCirculation(nodeCount: number, arcs: readonly Arc[]): number[] | null {
  const superSource = nodeCount;
  const superSink = nodeCount + 1;
  const network = new FlowNetwork(nodeCount + 2);
  const excess = new Array<number>(nodeCount).fill(0);
  const ids = arcs.map((arc) => {
    excess[arc.to]! += arc.lower;
    excess[arc.from]! -= arc.lower;
    return network.addEdge(arc.from, arc.to, arc.upper - arc.lower);
  });
  let required = 0;
  excess.forEach((e, node) => {
    if (e > 0) {
      network.addEdge(superSource, node, e);
      required += e;
    } else if (e < 0) {
      network.addEdge(node, superSink, -e);
    }
  });
  if (network.maxFlow(superSource, superSink) < required) return null;
  return arcs.map((arc, i) => arc.lower + network.flowOn(ids[i]!));
}

function residualMaxFlow(
  nodeCount: number,
  arcs: readonly Arc[],
  flow: readonly number[],
  excluded: number,
  from: number,
  to: number,
  limit: number,
): number {
  if (limit <= 0) return 0;
  const network = new FlowNetwork(nodeCount);
  arcs.forEach((arc, i) => {
    if (i === excluded) return;
    const f = flow[i]!;
    if (arc.upper - f > 0) network.addEdge(arc.from, arc.to, arc.upper - f);
    if (f - arc.lower > 0) network.addEdge(arc.to, arc.from, f - arc.lower);
  });
  return network.maxFlow(from, to, limit);
}

/** Dinic's max-flow; integral capacities give integral flows. */
class FlowNetwork {
  private readonly adjacency: number[][];
  private readonly target: number[] = [];
  private readonly capacity: number[] = [];
  private readonly original: number[] = [];

  constructor(private readonly nodeCount: number) {
    this.adjacency = Array.from({ length: nodeCount }, () => []);
  }

  addEdge(from: number, to: number, capacity: number): number {
    const id = this.target.length;
    this.target.push(to, from);
    this.capacity.push(capacity, 0);
    this.original.push(capacity, 0);
    this.adjacency[from]!.push(id);
    this.adjacency[to]!.push(id + 1);
    return id;
  }

  flowOn(id: number): number {
    return this.original[id]! - this.capacity[id]!;
  }

  maxFlow(source: number, sink: number, limit = Number.POSITIVE_INFINITY): number {
    let total = 0;
    const level = new Array<number>(this.nodeCount);
    const next = new Array<number>(this.nodeCount);
    while (total < limit && this.buildLevels(source, sink, level)) {
      next.fill(0);
      for (;;) {
        const pushed = this.push(source, sink, limit - total, level, next);
        if (pushed === 0) break;
        total += pushed;
        if (total >= limit) break;
      }
    }
    return total;
  }

  private buildLevels(source: number, sink: number, level: number[]): boolean {
    level.fill(-1);
    level[source] = 0;
    const queue = [source];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const id of this.adjacency[node]!) {
        const to = this.target[id]!;
        if (this.capacity[id]! > 0 && level[to] === -1) {
          level[to] = level[node]! + 1;
          queue.push(to);
        }
      }
    }
    return level[sink] !== -1;
  }

  private push(node: number, sink: number, amount: number, level: number[], next: number[]): number {
    if (node === sink) return amount;
    const edges = this.adjacency[node]!;
    for (; next[node]! < edges.length; next[node]!++) {
      const id = edges[next[node]!]!;
      const to = this.target[id]!;
      if (this.capacity[id]! > 0 && level[to] === level[node]! + 1) {
        const pushed = this.push(to, sink, Math.min(amount, this.capacity[id]!), level, next);
        if (pushed > 0) {
          this.capacity[id]! -= pushed;
          this.capacity[id ^ 1]! += pushed;
          return pushed;
        }
      }
    }
    return 0;
  }
}
