// The cube's public shapes: options, published cells and tables, queries and summaries. Only
// these (never the counts behind them) leave the server.

import type { DisclosureRisk, SuppressionRules } from '../statistics/index.js';
import type { BreakdownDefinition, Dimension, DimensionOptions } from './dimensions.js';
import type { IndicatorDefinition } from './indicators.js';
import type { ResponseRate } from './response-rates.js';
import type { PopulationCount } from './types.js';

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
