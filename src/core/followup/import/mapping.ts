// The column-mapping step of an import: which source column feeds which field or item, and how
// the source's values for categorical fields translate. Validated with zod so the HTTP layer can
// accept it as JSON; `suggestMapping` proposes one from the header (the UI's starting point).

import { z } from 'zod';
import { STANDARD_COLUMNS } from '../synthetic-csv.js';
import type { InstrumentDefinition } from '../types.js';

export const TARGET_FIELDS = [
  'respondent_id',
  'year',
  'municipality',
  'school',
  'grade',
  'gender',
  'family_ladder',
  'school_ladder',
  'born_in_sweden',
  'years_in_sweden',
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/** A target: a background field, `item:<key>`, or 'ignore'. */
const target = z.union([z.enum(TARGET_FIELDS), z.string().regex(/^item:[a-z][a-z0-9_]*$/), z.literal('ignore')]);

export const DEFAULT_GENDER_VALUES: Readonly<Record<string, 'girl' | 'boy' | 'other'>> = {
  '1': 'girl',
  '2': 'boy',
  '3': 'other',
  flicka: 'girl',
  tjej: 'girl',
  girl: 'girl',
  pojke: 'boy',
  kille: 'boy',
  boy: 'boy',
  annat: 'other',
  other: 'other',
};

export const DEFAULT_BORN_VALUES: Readonly<Record<string, boolean>> = {
  '1': true,
  '2': false,
  ja: true,
  nej: false,
  yes: true,
  no: false,
};

export const columnMappingSchema = z.object({
  /** Source column name → target. Columns not listed are ignored. */
  columns: z.record(z.string().min(1).max(200), target),
  /** The survey year when the file has no year column. */
  fixedYear: z.number().int().min(1990).max(2100).optional(),
  values: z
    .object({
      /** Source value → grade ('5', '8', 'gy2'); grades also match themselves. */
      grade: z.record(z.string(), z.string().min(1)).default({}),
      gender: z.record(z.string(), z.enum(['girl', 'boy', 'other'])).default(DEFAULT_GENDER_VALUES),
      bornInSweden: z.record(z.string(), z.boolean()).default(DEFAULT_BORN_VALUES),
      /** Source value → municipality code, when the file does not use the codes. */
      municipality: z.record(z.string(), z.string().regex(/^[0-9]{4}$/)).default({}),
      /** Values that mean "no answer" in every column (matched exactly; '' always does). */
      missing: z.array(z.string().max(20)).default(['', 'NA', '.']),
    })
    .prefault({}),
});

export type ColumnMapping = z.output<typeof columnMappingSchema>;
export type ColumnMappingInput = z.input<typeof columnMappingSchema>;

export interface ResolvedMapping {
  readonly fields: Readonly<Partial<Record<TargetField, number>>>;
  readonly items: readonly { readonly key: string; readonly column: number }[];
  readonly header: readonly string[];
  readonly ignored: readonly string[];
  readonly mapping: ColumnMapping;
}

export class ImportMappingError extends Error {
  override readonly name = 'ImportMappingError';
  constructor(readonly problems: readonly string[]) {
    super(`the column mapping does not fit the file: ${problems.join('; ')}`);
  }
}

const REQUIRED: readonly TargetField[] = ['respondent_id', 'municipality', 'grade'];

/** Checks the mapping against the file's header and the instrument; throws ImportMappingError. */
export function resolveMapping(
  header: readonly string[],
  input: ColumnMappingInput,
  instrument: InstrumentDefinition,
): ResolvedMapping {
  const parsed = columnMappingSchema.safeParse(input);
  if (!parsed.success)
    throw new ImportMappingError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const mapping = parsed.data;
  const problems: string[] = [];
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (index.has(h)) problems.push(`column "${h}" appears twice in the header`);
    index.set(h, i);
  });
  const fields: Partial<Record<TargetField, number>> = {};
  const items: { key: string; column: number }[] = [];
  const used = new Set<string>();
  const itemKeys = new Set(instrument.items.map((i) => i.key));
  for (const [source, tgt] of Object.entries(mapping.columns)) {
    if (tgt === 'ignore') continue;
    const col = index.get(source);
    if (col === undefined) {
      problems.push(`column "${source}" is not in the file`);
      continue;
    }
    if (used.has(tgt)) {
      problems.push(`${tgt} is mapped from more than one column`);
      continue;
    }
    used.add(tgt);
    if (tgt.startsWith('item:')) {
      const key = tgt.slice(5);
      if (!itemKeys.has(key)) problems.push(`the instrument has no item ${key}`);
      else items.push({ key, column: col });
    } else fields[tgt as TargetField] = col;
  }
  for (const f of REQUIRED) if (fields[f] === undefined) problems.push(`no column is mapped to ${f}`);
  if (fields.year === undefined && mapping.fixedYear === undefined)
    problems.push('map a column to year or give fixedYear');
  if (items.length === 0) problems.push('no column is mapped to an item');
  if (problems.length > 0) throw new ImportMappingError(problems);
  const mappedColumns = new Set([...Object.values(fields), ...items.map((i) => i.column)]);
  return { fields, items, header, ignored: header.filter((_, i) => !mappedColumns.has(i)), mapping };
}

/** A mapping proposal: standard column names and item keys, case-insensitively. */
export function suggestMapping(header: readonly string[], instrument: InstrumentDefinition): ColumnMapping {
  const columns: Record<string, string> = {};
  const byName = new Map<string, string>();
  for (const [field, column] of Object.entries(STANDARD_COLUMNS)) {
    byName.set(column, field);
    byName.set(field, field);
  }
  for (const item of instrument.items) byName.set(item.key, `item:${item.key}`);
  for (const h of header) {
    const t = byName.get(h.trim().toLowerCase());
    if (t && !Object.values(columns).includes(t)) columns[h] = t;
  }
  return columnMappingSchema.parse({ columns });
}
