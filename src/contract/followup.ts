// HTTP schemas of the published follow-up (uppföljning): aggregates only, never microdata. Every
// cell carries its status; for a hidden cell x, share and the CI are null, and every comparison
// that would need it is null with a status saying why. Query strings carry ids and codes only.
import { z } from 'zod';
import { WHEEL_INDICATORS } from '../core/wheel.js';

const Num = z.number().nullable();

// ---- query parameters (codes and ids only) ----

export const InstrumentId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/,
    'an instrument id is lower-case letters, digits, dashes and underscores, e.g. kronoberg-levnadsvanor',
  )
  .describe('Survey instrument id; default: the first instrument');
export const WaveYear = z.coerce
  .number({ error: 'the wave is a year, e.g. 2024' })
  .int('the wave is a year, e.g. 2024')
  .min(1990, 'the wave is a year between 1990 and 2100')
  .max(2100, 'the wave is a year between 1990 and 2100')
  .describe('Survey wave (year); default: the latest');
export const GradeCode = z
  .string()
  .regex(/^[a-z0-9]{1,8}$/, 'a grade is a short code such as 5, 8 or gy2')
  .describe('Grade: 5, 8 or gy2; default: the first grade of the wave');
export const MunicipalityCode = z
  .string()
  .regex(/^\d{4}$/, 'a municipality code has four digits, e.g. 0780')
  .describe('Municipality code (SCB), e.g. 0780');
export const SchoolCode = z
  .string()
  .regex(/^[0-9A-Za-z]{1,16}$/, 'a school code is letters and digits only')
  .describe('School code (skolenhetskod)');
export const IndicatorKey = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    'an indicator id is lower-case letters, digits and underscores, e.g. safe_at_school',
  );
export const BreakdownDimension = z
  .enum(['municipality', 'school', 'gender', 'family_ladder', 'school_ladder', 'background'], {
    error: 'breakdown must be one of municipality, school, gender, family_ladder, school_ladder, background',
  })
  .describe('What the groups are');

const AreaQuery = {
  instrument: InstrumentId.optional(),
  wave: WaveYear.optional(),
  grade: GradeCode.optional(),
  municipality: MunicipalityCode.optional(),
  school: SchoolCode.optional(),
};

export const OverviewQuery = z.object(AreaQuery).strict();
export const IndicatorQuery = z.object({ ...AreaQuery, breakdown: BreakdownDimension.optional() }).strict();
export const EquityQuery = z.object({ ...AreaQuery, indicator: IndicatorKey }).strict();
export const ProfileQuery = z
  .object({ instrument: InstrumentId.optional(), wave: WaveYear.optional(), grade: GradeCode.optional() })
  .strict();
export const InstrumentsQuery = z.object({}).strict();

// ---- building blocks ----

export const CellStatus = z
  .enum(['ok', 'suppressed', 'unit_too_small'])
  .describe(
    'ok: shown; suppressed: hidden (too few in an answer, or to protect another hidden cell); unit_too_small: fewer than the minimum group size, not even n is shown',
  );

export const PublishedCell = z
  .object({
    group: z
      .string()
      .describe("The group's code: a municipality or school code, a grade, 'girl', '1-4', 'not_stated', 'all'"),
    n: Num.describe('Respondents in the denominator (null when the group is too small)'),
    x: Num.describe('Respondents with the positive answer (null unless status = ok)'),
    share: Num,
    ciLow: Num.describe('Wilson 95 % interval'),
    ciHigh: Num,
    status: CellStatus,
  })
  .meta({ id: 'FollowupCell' });

export const Comparison = z
  .object({
    status: z.enum(['ok', 'suppressed', 'reference_suppressed', 'no_reference', 'no_previous_wave', 'series_break']),
    difference: Num.describe('Share minus the reference share (proportion)'),
    low: Num.describe('Newcombe 95 % interval of the difference'),
    high: Num,
    pValue: Num.describe('Two-sided p of the 2×2 test (unadjusted)'),
    test: z.enum(['chi_square', 'fisher_exact']).nullable(),
    minExpected: Num,
    adjustedP: Num.describe('p adjusted within the stated family'),
    adjustment: z.enum(['benjamini_hochberg', 'holm']).nullable(),
    familySize: z.number().int().nullable(),
    assessment: z
      .enum(['better', 'worse', 'no_clear_difference'])
      .nullable()
      .describe('In words: clearly better/worse needs the CI to exclude 0 and the adjusted p < 0.05; polarity-aware'),
  })
  .meta({ id: 'FollowupComparison' });

export const ResponseRate = z
  .object({
    year: z.number().int(),
    grade: z.string().nullable(),
    municipality: z.string().nullable(),
    school: z.string().nullable(),
    respondents: Num,
    pupils: Num,
    rate: Num,
    low: z.boolean(),
    status: z.enum(['ok', 'too_few_respondents', 'no_population', 'inconsistent']),
  })
  .meta({ id: 'FollowupResponseRate' });

export const TrendPoint = z.object({
  year: z.number().int(),
  n: Num,
  share: Num,
  ciLow: Num,
  ciHigh: Num,
  status: z.enum(['ok', 'suppressed', 'unit_too_small', 'no_data', 'not_asked']),
  seriesBreak: z.boolean().describe('The question changed since the previous wave: the two are not joined'),
});

export const SeriesBreak = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({
      item: z.string(),
      labelSv: z.string(),
      labelEn: z.string(),
      fromVersion: z.number().int(),
      toVersion: z.number().int(),
      note: z.string().nullable(),
    }),
  ),
});

export const IndicatorMeta = z
  .object({
    key: z.string(),
    labelSv: z.string(),
    labelEn: z.string(),
    wheel: z.enum(WHEEL_INDICATORS),
    polarity: z.enum(['higher_is_better', 'lower_is_better']),
    goal: z.boolean().describe('A pre-declared goal indicator (Holm adjustment)'),
    grades: z.array(z.string()).nullable(),
  })
  .meta({ id: 'FollowupIndicator' });

export const Area = z
  .object({
    kind: z.enum(['county', 'municipality', 'school']),
    code: z.string().nullable(),
    name: z.string().nullable(),
    municipalityCode: z.string().nullable(),
  })
  .meta({ id: 'FollowupArea' });

export const Family = z
  .object({
    scope: z
      .enum([
        'overview_vs_county',
        'breakdown_vs_rest',
        'breakdown_groups_tests',
        'equity_ladder_tests',
        'profile_vs_county',
      ])
      .describe('Which tests were adjusted together'),
    year: z.number().int(),
    grade: z.string(),
    area: Area,
    breakdown: z.string().nullable(),
    indicators: z.number().int().describe('Indicators in the family'),
    tests: z.number().int().describe('Tests with a p-value in the family'),
    benjaminiHochberg: z.number().int().describe('Of which adjusted by Benjamini–Hochberg'),
    holm: z.number().int().describe('Of which goal-indicator tests adjusted by Holm'),
  })
  .meta({ id: 'FollowupFamily' });

export const GroupsTest = z.object({
  status: z.enum(['ok', 'too_few_groups', 'degenerate']),
  method: z.enum(['chi_square', 'fisher_exact']).nullable(),
  statistic: Num,
  df: Num,
  pValue: Num,
  minExpected: Num,
  cellsExpectedBelow5: Num,
  valid: z.boolean().describe("Cochran's rule met (or Fisher's exact test used)"),
  groups: z.array(z.string()),
  excluded: z.array(z.string()),
  adjustedP: Num,
  adjustment: z.enum(['benjamini_hochberg', 'holm']).nullable(),
  familySize: z.number().int().nullable(),
});

const InstrumentRef = z.object({ id: z.string(), name: z.string() });

// ---- responses ----

export const InstrumentsResponse = z.object({
  instruments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      waves: z.array(z.object({ year: z.number().int(), label: z.string(), grades: z.array(z.string()) })),
      grades: z.array(z.string()),
      municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
      schools: z.array(
        z.object({ code: z.string(), name: z.string(), municipalityCode: z.string(), grades: z.array(z.string()) }),
      ),
      indicators: z.array(IndicatorMeta),
      breakdowns: z.object({
        county: z.array(BreakdownDimension),
        municipality: z.array(BreakdownDimension),
        school: z.array(BreakdownDimension),
      }),
      responseRates: z
        .array(ResponseRate)
        .describe('Per wave × grade for the county and each municipality (schools: in the overview)'),
      rules: z.object({ name: z.string(), minGroupN: z.number().int(), minCellCount: z.number().int() }),
      lowResponseRate: z.number(),
      respondents: z.number().int().describe('Respondents in the published cube (all waves)'),
    }),
  ),
});

export const OverviewIndicator = z.object({
  indicator: IndicatorMeta,
  cell: PublishedCell.nullable(),
  county: PublishedCell.nullable().describe('The county, same grade and wave (the reference)'),
  vsCounty: Comparison.describe('The area minus the rest of the county'),
  vsPreviousWave: Comparison,
  trend: z.array(TrendPoint),
  seriesBreaks: z.array(SeriesBreak),
  lowResponse: z.boolean(),
});

export const OverviewResponse = z.object({
  instrument: InstrumentRef,
  year: z.number().int(),
  grade: z.string(),
  years: z.array(z.number().int()),
  area: Area,
  responseRate: ResponseRate.nullable(),
  lowResponseRate: z.number(),
  family: Family,
  wheel: z.array(z.object({ wheel: z.enum(WHEEL_INDICATORS), indicators: z.array(OverviewIndicator) })),
});

export const BreakdownCell = PublishedCell.extend({
  vsRest: Comparison.describe('This group minus the rest of the area'),
  vsPreviousWave: Comparison,
  responseRate: ResponseRate.nullable(),
});

export const IndicatorResponse = z.object({
  instrument: InstrumentRef,
  indicator: IndicatorMeta,
  year: z.number().int(),
  grade: z.string(),
  years: z.array(z.number().int()),
  area: Area,
  breakdown: BreakdownDimension,
  breakdowns: z.array(BreakdownDimension).describe('Breakdowns published for this area'),
  reference: PublishedCell.nullable().describe('The area as a whole (the reference line)'),
  responseRate: ResponseRate.nullable(),
  cells: z.array(BreakdownCell),
  groupsTest: GroupsTest,
  family: Family.describe('Family of the group-vs-rest comparisons'),
  testsFamily: Family.describe('Family of the across-groups tests'),
  trend: z.object({
    seriesBreaks: z.array(SeriesBreak),
    series: z.array(z.object({ group: z.string(), points: z.array(TrendPoint) })),
  }),
});

export const EquityRow = z.object({
  gender: z.string().describe("'all' or a gender code"),
  total: PublishedCell.nullable(),
  cells: z.array(PublishedCell.extend({ vsRest: Comparison })),
  gap: Comparison.describe('Highest ladder group minus lowest ladder group'),
  groupsTest: GroupsTest,
});

export const EquityResponse = z.object({
  instrument: InstrumentRef,
  indicator: IndicatorMeta,
  year: z.number().int(),
  grade: z.string(),
  area: Area,
  ladderGroups: z.array(z.string()),
  rows: z.array(EquityRow),
  family: Family,
  linkedSuppression: z
    .boolean()
    .describe(
      'The gender × ladder cells are all hidden: together with the published gender and ladder cells, a hidden value could otherwise be worked out',
    ),
});

export const ProfileEntry = z.object({
  indicator: IndicatorMeta,
  cell: PublishedCell.nullable(),
  county: PublishedCell.nullable(),
  vsCounty: Comparison,
});

export const ProfileResponse = z.object({
  instrument: InstrumentRef,
  year: z.number().int(),
  grade: z.string(),
  grades: z.array(z.string()).describe('Grades of this school with results in this wave'),
  area: Area,
  responseRate: ResponseRate.nullable(),
  strengths: z.array(ProfileEntry),
  challenges: z.array(ProfileEntry),
  notCompared: z.array(ProfileEntry),
  family: Family,
});
