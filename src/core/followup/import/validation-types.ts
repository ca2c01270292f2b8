// The validation's public shapes: what a file is validated against, the error types, and the
// summary (counts and examples without values) with the accepted rows.

import type { InstrumentDefinition, SurveyData, WaveDefinition } from '../types.js';

export const IMPORT_ERROR_TYPES = [
  'malformed_row',
  'missing_required',
  'invalid_number',
  'unknown_code',
  'out_of_range',
  'duplicate_respondent',
] as const;
export type ImportErrorType = (typeof IMPORT_ERROR_TYPES)[number];

export interface ImportErrorExample {
  readonly line: number;
  readonly type: ImportErrorType;
  /** Source column name (null for whole-row errors). */
  readonly column: string | null;
  /** Target field or `item:<key>`. */
  readonly field: string | null;
  readonly message: string;
}

export interface ValidationSummary {
  readonly rowsTotal: number;
  readonly rowsValid: number;
  readonly rowsRejected: number;
  /** Number of errors per type (a row can have several). */
  readonly errors: Readonly<Partial<Record<ImportErrorType, number>>>;
  readonly examples: readonly ImportErrorExample[];
  readonly rowsPerYear: Readonly<Record<string, number>>;
  readonly ignoredColumns: readonly string[];
}

/** What the file is validated against. */
export interface ImportContext {
  readonly instrument: InstrumentDefinition;
  /** The instrument's waves, ordered by year. */
  readonly waves: readonly WaveDefinition[];
  /** Known municipality codes. */
  readonly municipalities: readonly string[];
  /** Known school codes. */
  readonly schools: readonly string[];
}

export interface ValidatedRespondents {
  readonly summary: ValidationSummary;
  /** The valid rows (server-internal microdata). */
  readonly data: SurveyData;
  /** Respondent id of valid row i. */
  readonly idAt: (i: number) => string;
  /** Source line of valid row i. */
  readonly lines: Int32Array;
}
