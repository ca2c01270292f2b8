// Small-cell suppression for a groups × answer-options table of counts, and the disclosure audit
// that checks a publication cannot be undone.
//
// Why this exists (DOMAIN §4, DESIGN invariant 7): survey tables per school or municipality
// identify children when a cell is small ("the 2 pupils in class 8B who do not feel safe").
// Masking small cells is not enough on its own: a published group total n minus the published
// cells gives the masked cell back (Skolinspektionen's masks leak this way). So the default rules
// add secondary suppression, and every publication is audited against exactly the numbers a
// reader sees.
//
// Decisions (see README.md in this folder):
// - A count of 0 is suppressed like any count below the threshold: a published 0 says "nobody in
//   this class answered X", which is attribute disclosure about everyone in the group.
// - Groups below the minimum n publish nothing, not even n (the size of a very small unit is
//   itself sensitive and would give a fixed total to subtract from).
// - The audit's attacker sees the published counts, the group totals n of the published groups
//   and, when the caller publishes them, the option totals across all groups. A hidden cell is at
//   risk when its value is pinned exactly, or pinned to a small non-zero count (1..threshold−1).

import {
  cellInterval,
  cellIntervals,
  type Bound,
  type CellInterval,
  type HiddenCell,
  type TransportSystem,
} from './intervals.js';

export type CellStatus = 'ok' | 'suppressed_primary' | 'suppressed_secondary' | 'unit_too_small';

/** A rule set is data, so a new agency's rules are a new object, not new code. */
export interface SuppressionRules {
  readonly name: string;
  /** A group is published only when its total n is at least this. */
  readonly minGroupN: number;
  /** A cell is published only when its count is at least this (so 0 is always suppressed). */
  readonly minCellCount: number;
  /** Whether to add complementary suppressions until the audit finds nothing derivable. */
  readonly secondarySuppression: boolean;
  readonly description: string;
}

export const DEFAULT_RULES: SuppressionRules = Object.freeze({
  name: 'default',
  minGroupN: 10,
  minCellCount: 5,
  secondarySuppression: true,
  description:
    'Groups with n < 10 publish nothing; counts < 5 (including 0) are suppressed; complementary ' +
    'suppression until no hidden count can be derived from the published numbers.',
});

export const SKOLINSPEKTIONEN_RULES: SuppressionRules = Object.freeze({
  name: 'skolinspektionen',
  minGroupN: 20,
  minCellCount: 5,
  // Skolinspektionen masks small answer options but does not add complementary suppression; we
  // reproduce that (to compare with their published figures) and let the audit show the leaks.
  secondarySuppression: false,
  description:
    "Skolinspektionen's published rules: a question per unit only with at least 20 respondents, " +
    'each answer option only with at least 5; no complementary suppression.',
});

export const SUPPRESSION_RULES = Object.freeze({
  default: DEFAULT_RULES,
  skolinspektionen: SKOLINSPEKTIONEN_RULES,
});

export type SuppressionRulesName = keyof typeof SUPPRESSION_RULES;

export interface CountTable {
  readonly groups: readonly string[];
  readonly options: readonly string[];
  /** counts[g][o] for group g and option o. */
  readonly counts: readonly (readonly number[])[];
}

/** What a reader sees: null where a count (or a group total) is not published. */
export interface PublishedTable {
  readonly groups: readonly string[];
  readonly options: readonly string[];
  readonly counts: readonly (readonly (number | null)[])[];
  readonly groupTotals: readonly (number | null)[];
  /** Totals per option across all groups (including unpublished ones), when published. */
  readonly optionTotals: readonly number[] | null;
}

export type DisclosureReason =
  /** A single hidden cell in a published row or column equation (iterated to a fixed point). */
  | 'derivable_by_subtraction'
  /** Several hidden cells, but the margins and non-negativity leave only one possible value. */
  | 'derivable_from_bounds'
  /** The value is not exact, but is pinned to 1..threshold−1: "a few answered X" is disclosed. */
  | 'small_count_bounded'
  /** A published count is below the cell threshold. */
  | 'published_below_threshold'
  /** A group total below the group minimum is published. */
  | 'group_below_minimum';

export interface DisclosureRisk {
  readonly group: string;
  readonly options: readonly string[];
  readonly reason: DisclosureReason;
}

export interface AuditOptions {
  readonly minCellCount: number;
  readonly minGroupN: number;
  /**
   * Give the attacker the cell statuses too. A reader who sees "suppressed_primary" knows the
   * count is below the threshold, "suppressed_secondary" that it is not, and "unit_too_small"
   * that the group's n is below the minimum. Off by default (the audit then sees only numbers);
   * use it to check whether statuses may be shown to the public.
   */
  readonly statuses?: readonly (readonly CellStatus[])[];
}

export interface SuppressedTable extends PublishedTable {
  readonly rules: SuppressionRules;
  readonly statuses: readonly (readonly CellStatus[])[];
  /** The audit of this very publication; always [] for rules with secondary suppression unless
   * the published margins themselves reveal a cell (e.g. option totals of a single group). */
  readonly risks: readonly DisclosureRisk[];
}

export interface PublishedMargins {
  /** Publish each option's total across all groups (e.g. a county total). Default false. */
  readonly optionTotals?: boolean;
}

/**
 * Apply a rule set to a table: primary suppression, then (if the rules ask for it) secondary
 * suppression driven by the disclosure audit, so the result is safe by the same definition the
 * audit checks.
 */
export function suppressTable(
  table: CountTable,
  rules: SuppressionRules = DEFAULT_RULES,
  margins: PublishedMargins = {},
): SuppressedTable {
  checkCountTable(table);
  checkRules(rules);
  const groupN = table.counts.map((row) => sum(row));
  const statuses: CellStatus[][] = table.counts.map((row, g) =>
    row.map((count): CellStatus => {
      if (groupN[g]! < rules.minGroupN) return 'unit_too_small';
      return count < rules.minCellCount ? 'suppressed_primary' : 'ok';
    }),
  );
  const optionTotals =
    margins.optionTotals === true ? table.options.map((_, o) => sum(table.counts.map((row) => row[o]!))) : null;
  const view = (): PublishedTable => ({
    groups: table.groups,
    options: table.options,
    counts: table.counts.map((row, g) => row.map((count, o) => (statuses[g]![o] === 'ok' ? count : null))),
    groupTotals: groupN.map((n, g) => (statuses[g]!.every((s) => s === 'unit_too_small') ? null : n)),
    optionTotals,
  });

  if (rules.secondarySuppression) addSecondarySuppression(table, statuses, view, rules);

  const published = view();
  return {
    ...published,
    rules,
    statuses,
    risks: auditDisclosure(published, rules),
  };
}

// Greedy complementary suppression. Each round takes the first hidden cell the audit can still
// pin down and hides one more published cell: the smallest in the same group (it loses the least
// information), else the smallest in the same option column when option totals are published,
// else the smallest anywhere. Hiding a cell only removes equations, so feasible intervals only
// widen and the loop converges; in the worst case everything is hidden, which is the most any
// suppression can achieve with these margins.
function addSecondarySuppression(
  table: CountTable,
  statuses: CellStatus[][],
  view: () => PublishedTable,
  rules: SuppressionRules,
): void {
  const smallestOpen = (cells: Array<[number, number]>): [number, number] | null => {
    let best: [number, number] | null = null;
    for (const [g, o] of cells) {
      if (statuses[g]![o] !== 'ok') continue;
      if (best === null || table.counts[g]![o]! < table.counts[best[0]]![best[1]]!) best = [g, o];
    }
    return best;
  };
  const allCells = table.counts.flatMap((row, g) => row.map((_, o): [number, number] => [g, o]));

  // One pass fixes every risky cell in turn (skipping those an earlier fix already covered); a
  // new audit then checks the whole table again, until nothing is left or nothing can be done.
  for (;;) {
    const risky = hiddenCellRisks(view(), rules);
    if (risky.length === 0) return;
    let progressed = false;
    for (const { row, col } of risky) {
      if (!hiddenCellAtRisk(view(), rules, row, col)) continue;
      const inRow = smallestOpen(table.options.map((_, o): [number, number] => [row, o]));
      const inColumn =
        view().optionTotals === null
          ? null
          : smallestOpen(table.groups.map((_, g): [number, number] => [g, col]).filter(([g]) => g !== row));
      const trials: Array<Array<[number, number]>> = [];
      if (inRow) trials.push([inRow]);
      if (inColumn) trials.push([inColumn]);
      if (inRow && inColumn) trials.push([inRow, inColumn]);
      if (trials.length === 0) {
        const anywhere = smallestOpen(allCells);
        if (anywhere === null) return; // nothing left to hide: the margins themselves disclose
        trials.push([anywhere]);
      }
      let chosen = trials[trials.length - 1]!;
      for (const trial of trials) {
        for (const [g, o] of trial) statuses[g]![o] = 'suppressed_secondary';
        const fixed = !hiddenCellAtRisk(view(), rules, row, col);
        for (const [g, o] of trial) statuses[g]![o] = 'ok';
        if (fixed) {
          chosen = trial;
          break;
        }
      }
      for (const [g, o] of chosen) statuses[g]![o] = 'suppressed_secondary';
      progressed = true;
    }
    if (!progressed) return;
  }
}

interface CellRisk {
  readonly row: number;
  readonly col: number;
  readonly reason: DisclosureReason;
}

/**
 * Try to recover every hidden value of a published table from the published numbers, and report
 * each hidden cell that is pinned exactly or pinned to a small non-zero count, plus published
 * numbers that break the thresholds. Returns [] when the publication is safe.
 */
export function auditDisclosure(published: PublishedTable, options: AuditOptions): DisclosureRisk[] {
  checkPublishedTable(published);
  const risks: CellRisk[] = [...publishedCellRisks(published, options), ...hiddenCellRisks(published, options)];
  return groupRisks(published, risks);
}

function publishedCellRisks(published: PublishedTable, options: AuditOptions): CellRisk[] {
  const risks: CellRisk[] = [];
  published.counts.forEach((row, g) => {
    const total = published.groupTotals[g];
    if (total !== null && total !== undefined && total < options.minGroupN) {
      row.forEach((_, o) => risks.push({ row: g, col: o, reason: 'group_below_minimum' }));
    }
    row.forEach((count, o) => {
      if (count !== null && count < options.minCellCount)
        risks.push({ row: g, col: o, reason: 'published_below_threshold' });
    });
  });
  return risks;
}

interface HiddenSystem {
  readonly hidden: readonly HiddenCell[];
  readonly system: TransportSystem;
}

// The reader's knowledge as linear constraints on the hidden cells.
function readerKnowledge(published: PublishedTable, options: AuditOptions): HiddenSystem {
  const { counts, groupTotals, optionTotals, groups, options: optionLabels } = published;
  const threshold = options.minCellCount;
  const statuses = options.statuses;
  const hidden: HiddenCell[] = [];
  counts.forEach((row, g) =>
    row.forEach((count, o) => {
      if (count !== null) return;
      const status = statuses?.[g]?.[o];
      // With status knowledge a primary mask says "below the threshold", a secondary one "not".
      const bound: Bound =
        status === 'suppressed_primary'
          ? { lower: 0, upper: threshold - 1 }
          : status === 'suppressed_secondary'
            ? { lower: threshold, upper: Number.POSITIVE_INFINITY }
            : { lower: 0, upper: Number.POSITIVE_INFINITY };
      hidden.push({ row: g, col: o, ...bound });
    }),
  );
  const rows: Bound[] = groups.map((group, g) => {
    const publishedSum = sum(counts[g]!.filter((c): c is number => c !== null));
    const total = groupTotals[g] ?? null;
    if (total !== null) {
      const residual = total - publishedSum;
      if (residual < 0 || (residual > 0 && counts[g]!.every((c) => c !== null))) {
        throw new RangeError(`group "${group}": the published counts do not add up to its total`);
      }
      return { lower: residual, upper: residual };
    }
    if (statuses?.[g]?.every((s) => s === 'unit_too_small')) {
      return { lower: 0, upper: Math.max(0, options.minGroupN - 1 - publishedSum) };
    }
    return { lower: 0, upper: Number.POSITIVE_INFINITY };
  });
  const cols: Bound[] = optionLabels.map((option, o) => {
    if (optionTotals === null) return { lower: 0, upper: Number.POSITIVE_INFINITY };
    const column = counts.map((row) => row[o] ?? null);
    const residual = optionTotals[o]! - sum(column.filter((c): c is number => c !== null));
    if (residual < 0 || (residual > 0 && column.every((c) => c !== null))) {
      throw new RangeError(`option "${option}": the published counts do not add up to its total`);
    }
    return { lower: residual, upper: residual };
  });
  return { hidden, system: { rows, cols, cells: hidden } };
}

function isAtRisk({ low, high }: CellInterval, threshold: number): boolean {
  return low === high || (low >= 1 && high <= threshold - 1);
}

function hiddenCellAtRisk(published: PublishedTable, options: AuditOptions, row: number, col: number): boolean {
  const { hidden, system } = readerKnowledge(published, options);
  const index = hidden.findIndex((c) => c.row === row && c.col === col);
  return index >= 0 && isAtRisk(cellInterval(system, index), options.minCellCount);
}

function hiddenCellRisks(published: PublishedTable, options: AuditOptions): CellRisk[] {
  const { hidden, system } = readerKnowledge(published, options);
  if (hidden.length === 0) return [];
  const bySubtraction = singleUnknownFixedPoint(system);
  const intervals = cellIntervals(system);
  const risks: CellRisk[] = [];
  hidden.forEach((cell, i) => {
    const interval = intervals[i]!;
    if (bySubtraction.has(i)) risks.push({ row: cell.row, col: cell.col, reason: 'derivable_by_subtraction' });
    else if (interval.low === interval.high)
      risks.push({ row: cell.row, col: cell.col, reason: 'derivable_from_bounds' });
    else if (isAtRisk(interval, options.minCellCount))
      risks.push({ row: cell.row, col: cell.col, reason: 'small_count_bounded' });
  });
  return risks;
}

// The simple attack a reader does by hand: any published total with exactly one hidden cell gives
// that cell; substitute it and repeat until nothing changes. Reported separately from the bound
// analysis because it is the leak people recognise ("n minus the other options").
function singleUnknownFixedPoint({ rows, cols, cells }: TransportSystem): Set<number> {
  const known = new Set<number>();
  const equations: number[][] = [];
  const exact = (b: Bound): boolean => b.lower === b.upper;
  rows.forEach((b, g) => exact(b) && equations.push(cells.flatMap((c, i) => (c.row === g ? [i] : []))));
  cols.forEach((b, o) => exact(b) && equations.push(cells.flatMap((c, i) => (c.col === o ? [i] : []))));
  for (let changed = true; changed; ) {
    changed = false;
    for (const members of equations) {
      const unknown = members.filter((i) => !known.has(i));
      if (unknown.length === 1) {
        known.add(unknown[0]!);
        changed = true;
      }
    }
  }
  return known;
}

const REASON_ORDER: readonly DisclosureReason[] = [
  'derivable_by_subtraction',
  'derivable_from_bounds',
  'small_count_bounded',
  'published_below_threshold',
  'group_below_minimum',
];

function groupRisks(published: PublishedTable, risks: readonly CellRisk[]): DisclosureRisk[] {
  const result: DisclosureRisk[] = [];
  published.groups.forEach((group, g) => {
    for (const reason of REASON_ORDER) {
      const cols = new Set(risks.filter((r) => r.row === g && r.reason === reason).map((r) => r.col));
      if (cols.size === 0) continue;
      result.push({ group, options: published.options.filter((_, o) => cols.has(o)), reason });
    }
  });
  return result;
}

function checkRules(rules: SuppressionRules): void {
  if (
    !Number.isSafeInteger(rules.minGroupN) ||
    rules.minGroupN < 1 ||
    !Number.isSafeInteger(rules.minCellCount) ||
    rules.minCellCount < 1
  ) {
    throw new RangeError(`rule set "${rules.name}": thresholds must be positive integers`);
  }
}

function checkLabels(groups: readonly string[], options: readonly string[]): void {
  if (new Set(groups).size !== groups.length) throw new RangeError('group labels must be unique');
  if (new Set(options).size !== options.length) throw new RangeError('option labels must be unique');
  if (options.length === 0) throw new RangeError('a table needs at least one option');
}

function checkCountTable(table: CountTable): void {
  checkLabels(table.groups, table.options);
  if (table.counts.length !== table.groups.length) throw new RangeError('one row of counts per group is required');
  table.counts.forEach((row, g) => {
    if (row.length !== table.options.length)
      throw new RangeError(`group "${table.groups[g]}" needs one count per option`);
    for (const c of row) {
      if (!Number.isSafeInteger(c) || c < 0)
        throw new RangeError(`group "${table.groups[g]}": counts must be non-negative integers (got ${c})`);
    }
  });
}

function checkPublishedTable(published: PublishedTable): void {
  checkLabels(published.groups, published.options);
  const { groups, options, counts, groupTotals, optionTotals } = published;
  if (counts.length !== groups.length || groupTotals.length !== groups.length) {
    throw new RangeError('one row of counts and one total per group are required');
  }
  if (optionTotals !== null && optionTotals.length !== options.length)
    throw new RangeError('one total per option is required');
  const isCount = (c: number): boolean => Number.isSafeInteger(c) && c >= 0;
  counts.forEach((row, g) => {
    if (row.length !== options.length) throw new RangeError(`group "${groups[g]}" needs one cell per option`);
    for (const c of row)
      if (c !== null && !isCount(c)) throw new RangeError(`group "${groups[g]}": invalid count ${c}`);
  });
  for (const t of groupTotals) if (t !== null && !isCount(t)) throw new RangeError(`invalid group total ${t}`);
  for (const t of optionTotals ?? []) if (!isCount(t)) throw new RangeError(`invalid option total ${t}`);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
