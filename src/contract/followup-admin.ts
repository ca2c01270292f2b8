import { z } from 'zod';
import { TARGET_FIELDS } from '../core/followup/index.js';
import { WHEEL_INDICATORS } from '../core/wheel.js';

import { IndicatorKey, InstrumentId } from './followup-admin-ids.js';

export { IndicatorKey, InstrumentId, MunicipalityCode } from './followup-admin-ids.js';
// The survey-file schemas come first, as they did when they lived in this file (the OpenAPI
// document lists named schemas in the order they are created).
export * from './followup-admin-uploads.js';

// ---------- instruments ----------

export const InstrumentSummary = z.object({ id: z.string(), name: z.string() });
export const InstrumentList = z.object({ instruments: z.array(InstrumentSummary) });
export const InstrumentDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    items: z.array(
      z.object({
        key: z.string(),
        topic: z.string(),
        labelSv: z.string(),
        labelEn: z.string(),
        versions: z.array(
          z.object({
            version: z.number().int(),
            questionSv: z.string(),
            questionEn: z.string(),
            breaksSeries: z.boolean(),
            options: z.array(
              z.object({ code: z.number().int(), labelSv: z.string(), labelEn: z.string(), kind: z.string() }),
            ),
          }),
        ),
      }),
    ),
    waves: z.array(
      z.object({
        year: z.number().int(),
        grades: z.array(z.string()),
        items: z.array(z.object({ key: z.string(), version: z.number().int() })),
      }),
    ),
    fields: z.array(z.enum(TARGET_FIELDS)),
  })
  .meta({ id: 'FollowupInstrument' });

// ---------- population ----------

export const PopulationImportRequest = z.object({
  instrumentId: InstrumentId,
  fileName: z.string().trim().min(1).max(200),
  csv: z
    .string()
    .min(1)
    .max(5 * 1024 * 1024)
    .describe('CSV text: ar;skolenhetskod;arskurs;elever (kommun optional); comma, semicolon or tab'),
});
export const PopulationImportResult = z.object({
  status: z.enum(['imported', 'already_imported']),
  importId: z.uuid(),
  rows: z.number().int(),
  pupils: z.number().int(),
});

export const ResponseRateRow = z.object({
  year: z.number().int(),
  grade: z.string().nullable(),
  municipality: z.string().nullable(),
  respondents: z.number().int().nullable(),
  pupils: z.number().int().nullable(),
  rate: z.number().nullable(),
  low: z.boolean(),
  status: z.enum(['ok', 'too_few_respondents', 'no_population', 'inconsistent']),
});
export const ResponseRateTable = z
  .object({
    instrumentId: z.string(),
    lowThreshold: z.number(),
    years: z.array(z.number().int()),
    grades: z.array(z.string()),
    county: z.array(ResponseRateRow),
    municipalities: z.array(ResponseRateRow),
    municipalityNames: z.record(z.string(), z.string()),
  })
  .meta({ id: 'FollowupResponseRates' });

// ---------- aggregated tables ----------

export const AggregateImportRequest = z.object({
  title: z.string().trim().min(1).max(200),
  source: z.string().trim().min(1).max(200),
  year: z.number().int().min(1990).max(2100).nullable().default(null),
  rules: z.enum(['default', 'skolinspektionen']).default('default'),
  positive: z
    .array(z.string().trim().min(1).max(200))
    .max(50)
    .default([])
    .describe('Options counted as x; empty = the first option'),
  csv: z
    .string()
    .min(1)
    .max(5 * 1024 * 1024)
    .describe('CSV text with header group,option,count'),
});
export const AggregateTableMetaSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  source: z.string(),
  year: z.number().int().nullable(),
  rules: z.enum(['default', 'skolinspektionen']),
  positive: z.array(z.string()),
  rows: z.number().int(),
  createdAt: z.string(),
});
export const AggregateImportResult = z.object({
  status: z.enum(['imported', 'already_imported']),
  table: AggregateTableMetaSchema,
});
export const PublishedOptionSchema = z.object({
  count: z.number().int().nullable(),
  status: z.enum(['ok', 'suppressed']),
});
export const PublishedAggregateTable = z
  .object({
    table: AggregateTableMetaSchema,
    options: z.array(z.string()),
    groups: z.array(
      z.object({
        group: z.string(),
        n: z.number().int().nullable(),
        x: z.number().int().nullable(),
        share: z.number().nullable(),
        ciLow: z.number().nullable(),
        ciHigh: z.number().nullable(),
        status: z.enum(['ok', 'suppressed', 'unit_too_small']),
        options: z.record(z.string(), PublishedOptionSchema),
      }),
    ),
    disclosureRisks: z
      .number()
      .int()
      .describe(
        'How many risks the disclosure audit still finds (always 0 for the default rules; Skolinspektionen publishes without secondary suppression)',
      ),
  })
  .meta({ id: 'FollowupPublishedAggregateTable' });

// ---------- operational series ----------

export const OperationalImportRequest = z.object({
  seriesKey: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  csv: z
    .string()
    .min(1)
    .max(5 * 1024 * 1024)
    .describe('CSV text: kommun;period;varde (namnare for share series); period YYYY or YYYY-MM'),
});
export const OperationalImportResult = z.object({
  status: z.enum(['imported', 'already_imported']),
  importId: z.uuid(),
  rows: z.number().int(),
});
export const OperationalSeriesSchema = z.object({
  key: z.string(),
  labelSv: z.string(),
  labelEn: z.string(),
  measure: z.enum(['count', 'share']),
  period: z.enum(['month', 'year']),
  wheel: z.enum(WHEEL_INDICATORS).nullable(),
  goalStage: z.enum(['resources', 'volume', 'quality', 'effects']),
  polarity: z.enum(['higher_is_better', 'lower_is_better', 'none']),
  source: z.enum(['import', 'sql']),
  /** Analysts may import values (import-only series, or earlier periods of a computed series). */
  importable: z.boolean(),
  sourceNoteSv: z.string().nullable(),
  sourceNoteEn: z.string().nullable(),
  lastImportAt: z.string().nullable(),
  values: z.array(
    z.object({
      municipalityCode: z.string(),
      period: z.string(),
      value: z.number().int().nullable(),
      share: z.number().nullable(),
      status: z.enum(['ok', 'suppressed']),
    }),
  ),
});
export const OperationalSeriesList = z
  .object({ series: z.array(OperationalSeriesSchema) })
  .meta({ id: 'FollowupOperationalSeries' });

// ---------- indicators ----------

export const IndicatorBody = z.object({
  key: IndicatorKey,
  labelSv: z.string().trim().min(1).max(200),
  labelEn: z.string().trim().min(1).max(200),
  wheel: z.enum(WHEEL_INDICATORS),
  polarity: z.enum(['higher_is_better', 'lower_is_better']),
  items: z
    .array(z.string().regex(/^[a-z][a-z0-9_]*$/))
    .min(1)
    .max(12),
  atLeast: z.number().int().min(1).default(1),
  positive: z.array(z.number().int().min(0).max(254)).min(1),
  positiveByVersion: z
    .record(z.string().regex(/^[0-9]+$/), z.array(z.number().int().min(0).max(254)).min(1))
    .default({}),
  dontKnow: z.enum(['exclude', 'negative']).default('exclude'),
  universe: z
    .object({ item: z.string().regex(/^[a-z][a-z0-9_]*$/), codes: z.array(z.number().int().min(0).max(254)).min(1) })
    .nullable()
    .default(null),
  grades: z.array(z.string().min(1)).min(1).nullable().default(null),
  koladaKpis: z.record(z.string(), z.string().regex(/^[A-Z][0-9]{5}$/)).default({}),
  goal: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export const IndicatorPatch = IndicatorBody.omit({ key: true }).partial();

export const IndicatorSchema = z
  .object({
    key: z.string(),
    labelSv: z.string(),
    labelEn: z.string(),
    wheel: z.enum(WHEEL_INDICATORS),
    polarity: z.enum(['higher_is_better', 'lower_is_better']),
    items: z.array(z.string()),
    atLeast: z.number().int(),
    positive: z.array(z.number().int()),
    positiveByVersion: z.record(z.string(), z.array(z.number().int())),
    dontKnow: z.enum(['exclude', 'negative']),
    universe: z.object({ item: z.string(), codes: z.array(z.number().int()) }).nullable(),
    grades: z.array(z.string()).nullable(),
    koladaKpis: z.record(z.string(), z.string()),
    goal: z.boolean(),
    enabled: z.boolean(),
    isDefault: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'FollowupIndicator' });
export const IndicatorList = z.object({ instrumentId: z.string(), indicators: z.array(IndicatorSchema) });

// ---------- Kolada KPIs page ----------

export const KpiValueSchema = z.object({
  period: z.number().int(),
  gender: z.enum(['T', 'K', 'M']),
  value: z.number().nullable(),
  status: z.enum(['ok', 'suppressed', 'missing']),
});
export const KpiSchema = z.object({
  id: z.string(),
  title: z.string(),
  wheel: z.enum(WHEEL_INDICATORS).nullable(),
  goalStage: z.enum(['resources', 'volume', 'quality', 'effects']),
  polarity: z.enum(['higher_is_better', 'lower_is_better', 'none']),
  values: z.array(KpiValueSchema),
});
export const KpiPage = z
  .object({
    municipality: z.object({ code: z.string(), name: z.string() }),
    municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
    years: z.array(z.number().int()),
    kpis: z.array(KpiSchema),
    series: z.array(OperationalSeriesSchema),
    survey: z
      .object({
        year: z.number().int(),
        indicators: z.array(
          z.object({
            key: z.string(),
            labelSv: z.string(),
            labelEn: z.string(),
            wheel: z.enum(WHEEL_INDICATORS),
            polarity: z.enum(['higher_is_better', 'lower_is_better']),
            grade: z.string(),
            share: z.number().nullable(),
            ciLow: z.number().nullable(),
            ciHigh: z.number().nullable(),
            n: z.number().int().nullable(),
            status: z.enum(['ok', 'suppressed']),
            koladaKpi: z.string().nullable(),
          }),
        ),
      })
      .nullable()
      .describe(
        "The municipality's survey indicators in the latest wave (published cells only), for the wheel beside the KPIs",
      ),
    lastRun: z
      .object({ id: z.number().int(), status: z.string(), startedAt: z.string(), finishedAt: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'FollowupKpiPage' });
export const KoladaRunRequest = z.object({
  kpis: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/))
    .min(1)
    .max(200)
    .optional(),
  years: z.array(z.number().int().min(1900).max(2200)).min(1).max(60).optional(),
  full: z.boolean().default(false),
});

export const JobStarted = z.object({ jobId: z.uuid() });
