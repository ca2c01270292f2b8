// The publication contract used by the CLI (`barnkompass` … publish) and the server: a long table of
// counts per group and answer option in, a share per group with its Wilson 95 % CI and a
// suppressed, audited options table out. Keep the output shape stable: scripts consume it.
//
// Decisions:
// - x = sum of the "positive" options (default: the first option in first-seen order).
// - share, ci_low, ci_high (and x) are null as soon as any positive option is suppressed: a
//   published x would give back the suppressed cell by subtraction.
// - Groups below the rule set's minimum n publish nothing: n is null too, because a small n is
//   itself identifying and gives readers a fixed total to subtract from. Groups at or above the
//   minimum always publish n (it is what makes a share interpretable).
// - Group status: 'ok' when the share is published, 'suppressed' when the group is large enough
//   but its share is not, 'unit_too_small' when the group is below the minimum.
// - Option totals across groups are not part of this output, so they are not treated as published.

import { z } from 'zod';
import { wilsonInterval } from './proportion.js';
import { SUPPRESSION_RULES, suppressTable, type CellStatus, type SuppressionRulesName } from './suppression.js';

export interface PublishRow {
  readonly group: string;
  readonly option: string;
  readonly count: number;
}

export interface PublishInput {
  readonly rows: readonly PublishRow[];
  /** Options counted as x; default: the first option in first-seen order. */
  readonly positive?: readonly string[];
  /** Default 'default'. */
  readonly rules?: SuppressionRulesName;
}

export type GroupStatus = 'ok' | 'suppressed' | 'unit_too_small';

export interface PublishedOption {
  readonly count: number | null;
  readonly status: CellStatus;
}

export interface PublishedGroup {
  readonly group: string;
  readonly n: number | null;
  readonly x: number | null;
  readonly share: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly status: GroupStatus;
  readonly options: Record<string, PublishedOption>;
}

export interface PublishOutput {
  readonly rules: SuppressionRulesName;
  readonly groups: PublishedGroup[];
  readonly disclosure_risks: Array<{
    readonly group: string;
    readonly options: readonly string[];
    readonly reason: string;
  }>;
}

/** Input errors carry a message meant for the person who made the file. */
export class PublishInputError extends Error {
  override readonly name = 'PublishInputError';
  constructor(
    message: string,
    /** 1-based line in the CSV file, when the error belongs to one. */
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

const CSV_HEADER = ['group', 'option', 'count'] as const;

const publishInputSchema = z.object({
  rows: z
    .array(
      z.object({
        group: z.string().trim().min(1, 'group is empty'),
        option: z.string().trim().min(1, 'option is empty'),
        count: z
          .number()
          .int('count must be an integer')
          .nonnegative('count must not be negative')
          .max(Number.MAX_SAFE_INTEGER),
      }),
    )
    .min(1, 'there are no rows'),
  positive: z.array(z.string().trim().min(1)).min(1, 'positive must name at least one option').optional(),
  rules: z.enum(['default', 'skolinspektionen']).optional(),
});

const cellStatusSchema = z.enum(['ok', 'suppressed_primary', 'suppressed_secondary', 'unit_too_small']);

/** Schema of the output, for the server's response typing and for consumers that validate. */
export const publishOutputSchema = z.object({
  rules: z.enum(['default', 'skolinspektionen']),
  groups: z.array(
    z.object({
      group: z.string(),
      n: z.number().int().nonnegative().nullable(),
      x: z.number().int().nonnegative().nullable(),
      share: z.number().min(0).max(1).nullable(),
      ci_low: z.number().min(0).max(1).nullable(),
      ci_high: z.number().min(0).max(1).nullable(),
      status: z.enum(['ok', 'suppressed', 'unit_too_small']),
      options: z.record(
        z.string(),
        z.object({ count: z.number().int().nonnegative().nullable(), status: cellStatusSchema }),
      ),
    }),
  ),
  disclosure_risks: z.array(z.object({ group: z.string(), options: z.array(z.string()), reason: z.string() })),
});

/** Suppress, audit and summarise a long table of counts. */
export function publishTable(input: PublishInput): PublishOutput {
  const parsed = publishInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [key, index, field] = issue.path;
    const where =
      key === 'rows' && typeof index === 'number'
        ? `row ${index + 1}${field ? ` (${String(field)})` : ''}: `
        : `${issue.path.join('.') || 'input'}: `;
    throw new PublishInputError(`${where}${issue.message}`);
  }
  const { rows, positive: positiveInput, rules: rulesName = 'default' } = parsed.data;
  const table = buildCountTable(
    rows.map((row, i) => ({ ...row, line: i + 1 })),
    (line) => `row ${line}`,
  );
  const positive = positiveInput ?? [table.options[0]!];
  for (const option of positive) {
    if (!table.options.includes(option)) {
      throw new PublishInputError(
        `positive option "${option}" does not occur in the data (options: ${table.options.join(', ')})`,
      );
    }
  }
  const positiveIndex = new Set(positive.map((option) => table.options.indexOf(option)));

  const rules = SUPPRESSION_RULES[rulesName];
  const suppressed = suppressTable(table, rules);
  const groups = table.groups.map((group, g): PublishedGroup => {
    const statuses = suppressed.statuses[g]!;
    const counts = suppressed.counts[g]!;
    const options: Record<string, PublishedOption> = {};
    table.options.forEach((option, o) => {
      options[option] = { count: counts[o] ?? null, status: statuses[o]! };
    });
    const n = suppressed.groupTotals[g] ?? null;
    if (n === null) {
      return { group, n: null, x: null, share: null, ci_low: null, ci_high: null, status: 'unit_too_small', options };
    }
    const positiveCounts = [...positiveIndex].map((o) => counts[o] ?? null);
    if (positiveCounts.some((c) => c === null)) {
      return { group, n, x: null, share: null, ci_low: null, ci_high: null, status: 'suppressed', options };
    }
    const x = positiveCounts.reduce<number>((total, c) => total + (c ?? 0), 0);
    const ci = wilsonInterval(x, n);
    if (ci.status !== 'ok') {
      // Unreachable with the shipped rule sets (n ≥ minGroupN ≥ 1), kept so a rule set with a
      // zero minimum cannot produce NaN.
      return { group, n, x: null, share: null, ci_low: null, ci_high: null, status: 'suppressed', options };
    }
    return { group, n, x, share: ci.estimate, ci_low: ci.low, ci_high: ci.high, status: 'ok', options };
  });
  return {
    rules: rulesName,
    groups,
    disclosure_risks: suppressed.risks.map((risk) => ({
      group: risk.group,
      options: [...risk.options],
      reason: risk.reason,
    })),
  };
}

/**
 * Parse and validate a long CSV with the header `group,option,count`. Accepts a UTF-8 BOM, CRLF
 * line ends, surrounding whitespace and RFC 4180 quoting (group names may contain commas). Throws
 * PublishInputError naming the line of the first problem.
 */
export function parsePublishCsv(text: string): PublishRow[] {
  const records = parseCsvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text).filter(
    (record) => !(record.fields.length === 1 && record.fields[0] === ''),
  );
  const header = records[0];
  if (header === undefined)
    throw new PublishInputError('line 1: the file is empty; expected the header "group,option,count"', 1);
  if (header.fields.length !== CSV_HEADER.length || header.fields.some((f, i) => f !== CSV_HEADER[i])) {
    throw new PublishInputError(
      `line ${header.line}: the header must be exactly "group,option,count" (found "${header.fields.join(',')}")`,
      header.line,
    );
  }
  if (records.length === 1) {
    throw new PublishInputError(`line ${header.line}: the file has a header but no data rows`, header.line);
  }
  const rows = records.slice(1).map(({ line, fields }) => {
    if (fields.length !== 3) {
      throw new PublishInputError(`line ${line}: expected 3 fields (group,option,count), found ${fields.length}`, line);
    }
    const [group, option, count] = fields as [string, string, string];
    if (group === '') throw new PublishInputError(`line ${line}: group is empty`, line);
    if (option === '') throw new PublishInputError(`line ${line}: option is empty`, line);
    if (!/^\d+$/.test(count) || !Number.isSafeInteger(Number(count))) {
      throw new PublishInputError(`line ${line}: count "${count}" is not a non-negative whole number`, line);
    }
    return { group, option, count: Number(count), line };
  });
  buildCountTable(rows, (line) => `line ${line}`);
  return rows.map(({ group, option, count }) => ({ group, option, count }));
}

interface LocatedRow extends PublishRow {
  readonly line: number;
}

// Shared by the CSV parser (positions are file lines) and publishTable (positions are row numbers),
// so a consistency error always points at something the user can find.
function buildCountTable(
  rows: readonly LocatedRow[],
  where: (line: number) => string,
): { groups: string[]; options: string[]; counts: number[][] } {
  const groups: string[] = [];
  const options: string[] = [];
  const groupLine = new Map<string, number>();
  const seen = new Map<string, number>();
  const counts = new Map<string, number>();
  const key = (group: string, option: string): string => JSON.stringify([group, option]);
  for (const row of rows) {
    if (!groupLine.has(row.group)) {
      groupLine.set(row.group, row.line);
      groups.push(row.group);
    }
    if (!options.includes(row.option)) options.push(row.option);
    const k = key(row.group, row.option);
    const first = seen.get(k);
    if (first !== undefined) {
      throw new PublishInputError(
        `${where(row.line)}: duplicate row for group "${row.group}" and option "${row.option}" (first given on ${where(first)})`,
        row.line,
      );
    }
    seen.set(k, row.line);
    counts.set(k, row.count);
  }
  for (const group of groups) {
    for (const option of options) {
      if (!counts.has(key(group, option))) {
        const line = groupLine.get(group)!;
        // A missing row is not read as 0: a forgotten option would silently change every share.
        throw new PublishInputError(
          `${where(line)}: group "${group}" (first given here) has no row for option "${option}"; every group must list every option (write 0 for none)`,
          line,
        );
      }
    }
  }
  return { groups, options, counts: groups.map((g) => options.map((o) => counts.get(key(g, o))!)) };
}

interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

// Minimal RFC 4180 reader that remembers the line each record starts on (quoted fields may span
// lines). Unquoted fields are trimmed; quoted fields keep their inner spaces.
function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const endField = (): void => {
    fields.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      inQuotes = true;
      quoted = true;
      field = '';
    } else if (ch === ',') {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (quoted) {
      if (ch.trim() !== '') {
        throw new PublishInputError(`line ${line}: unexpected text after a closing quote`, line);
      }
    } else {
      field += ch;
    }
  }
  if (inQuotes) throw new PublishInputError(`line ${recordLine}: a quoted field is not closed`, recordLine);
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return records;
}
