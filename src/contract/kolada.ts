import { z } from 'zod';

/**
 * Kolada API v3 response shapes (v2's `next_page`/`previous_page` accepted too). Objects are loose:
 * fields we do not know are kept, never rejected, so a new field in Kolada does not stop imports.
 */

export const GENDERS = ['T', 'K', 'M'] as const;
export type Gender = (typeof GENDERS)[number];

/** Kolada (Python-generated JSON) sends bare `NaN` for missing metadata: read it as null. */
export function parseKoladaJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!/NaN|Infinity/.test(text)) throw err;
    return JSON.parse(replaceNonFiniteTokens(text));
  }
}

/** Replaces NaN, Infinity and -Infinity outside strings with null (strings stay untouched). */
export function replaceNonFiniteTokens(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    let len = 0;
    if (text.startsWith('NaN', i)) len = 3;
    else if (text.startsWith('Infinity', i)) len = 8;
    else if (text.startsWith('-Infinity', i)) len = 9;
    if (len > 0) {
      out += text.slice(last, i) + 'null';
      i += len - 1;
      last = i + 1;
    }
  }
  return out + text.slice(last);
}

const id = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1)])
  .nullish()
  .transform((v) => (v === undefined || v === null ? null : v === true || v === 1));

export const kpiSchema = z.looseObject({
  id,
  title: z.string(),
  description: optionalText,
  operating_area: optionalText,
  has_ou_data: flag,
  is_divided_by_gender: flag,
  municipality_type: optionalText,
  perspective: optionalText,
  publ_period: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === undefined || v === null || v === '' ? null : String(v))),
  auspice: optionalText,
  prel_publication_date: optionalText,
  publication_date: optionalText,
});

export const valueSchema = z.looseObject({
  gender: z.enum(GENDERS),
  value: z.number().nullish(),
  count: z.number().int().nullish(),
  status: z.string().nullish(),
  isdeleted: z.boolean().nullish(),
});

export const dataRowSchema = z.looseObject({
  kpi: id,
  municipality: z.string().regex(/^[0-9]{4}$/),
  period: z.union([
    z.number().int(),
    z
      .string()
      .regex(/^[0-9]{4}$/)
      .transform(Number),
  ]),
  values: z.array(valueSchema),
});

function envelope<T extends z.ZodType>(item: T) {
  return z.looseObject({
    values: z.array(item),
    count: z.number().int().nonnegative().nullish(),
    next_url: z.string().nullish(),
    previous_url: z.string().nullish(),
    // Kolada API v2
    next_page: z.string().nullish(),
    previous_page: z.string().nullish(),
  });
}

export const kpiResponseSchema = envelope(kpiSchema);
export const dataResponseSchema = envelope(dataRowSchema);

export type KpiRecord = z.output<typeof kpiSchema>;
export type DataRowRecord = z.output<typeof dataRowSchema>;

const KNOWN_KPI_FIELDS = new Set(Object.keys(kpiSchema.shape));

/** KPI metadata the way the database keeps it. */
export interface KpiMeta {
  id: string;
  title: string;
  description: string | null;
  operatingArea: string | null;
  hasOuData: boolean | null;
  isDividedByGender: boolean | null;
  municipalityType: string | null;
  perspective: string | null;
  publPeriod: string | null;
  auspice: string | null;
  prelPublicationDate: string | null;
  publicationDate: string | null;
  /** Unknown fields, and known ones that could not be read (e.g. an odd date), as sent. */
  extra: Record<string, unknown>;
}

export function toKpiMeta(r: KpiRecord): KpiMeta {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (!KNOWN_KPI_FIELDS.has(k)) extra[k] = v;
  const date = (key: 'prel_publication_date' | 'publication_date'): string | null => {
    const v = r[key];
    if (v === null) return null;
    const m = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(v);
    if (m && !Number.isNaN(Date.parse(m[1]!))) return m[1]!;
    extra[key] = v;
    return null;
  };
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    operatingArea: r.operating_area,
    hasOuData: r.has_ou_data,
    isDividedByGender: r.is_divided_by_gender,
    municipalityType: r.municipality_type,
    perspective: r.perspective,
    publPeriod: r.publ_period,
    auspice: r.auspice,
    prelPublicationDate: date('prel_publication_date'),
    publicationDate: date('publication_date'),
    extra,
  };
}

/** One value of one KPI, municipality, year and gender, as the importer applies it. */
export interface KoladaValue {
  kpi: string;
  municipality: string;
  period: number;
  gender: Gender;
  /** Always null when status is 'Privacy': a suppressed value is never kept or made up. */
  value: number | null;
  count: number | null;
  /** '' when there is a value; 'Missing', 'Privacy', 'Not applicable' or anything else, as sent. */
  status: string;
  isdeleted: boolean;
}

export function flattenDataRows(rows: DataRowRecord[]): KoladaValue[] {
  const out: KoladaValue[] = [];
  for (const r of rows) {
    for (const v of r.values) {
      const status = v.status ?? '';
      out.push({
        kpi: r.kpi,
        municipality: r.municipality,
        period: r.period,
        gender: v.gender,
        value: status === 'Privacy' || v.value === undefined || v.value === null ? null : v.value,
        count: v.count ?? null,
        status,
        isdeleted: v.isdeleted === true,
      });
    }
  }
  return out;
}
