/**
 * Local operational statistics (orosanmälningar, absence, placements) as a small registry of
 * "operational series": each series is a count or a share per municipality and period, sourced
 * either from imports (`operational_value`, CSV uploaded by an analyst) or from SQL over the
 * system's own data (computed on read, never stored). Only aggregates leave this file, and every
 * value passes `suppressOperational` before it is published.
 *
 * Adding a series: add an entry here. When another module gets its own table (e.g. orosanmälan
 * records), switch the series' source from `import` to `sql` with a query that returns
 * `OperationalAggregate` rows; the page, export and suppression need no change.
 *
 * An `sql` series may also accept imports for the time before Barnkompass was in use
 * (`importBefore: true`, e.g. the social services' own register of orosanmälningar). The two are
 * never added together: per municipality, the system's own data starts with the first period in
 * which it has any value for that municipality (the changeover period), and an imported value is
 * published only for periods before that; later imported values are kept but not shown.
 *
 * Protected identity (DOMAIN.md §3): every query over the system's own child-level rows
 * leaves out children with skyddade personuppgifter (`excludeProtectedSql`). DOMAIN.md §3 names no
 * exception for counts, and a count per municipality (and, for attendance, per school unit's
 * municipality) would place the child, so they are left out of counts as well as shares.
 */
import type { Queryable } from '../../db/client.js';
import { excludeProtectedSql } from '../../access/record-access.js';
import { countReportsByMunicipalityMonth } from '../reports/service.js';
import type { WheelIndicator } from '../../../core/wheel.js';
import type { GoalStage } from './kolada/defaults.js';

export interface OperationalAggregate {
  readonly municipalityCode: string;
  /** 'YYYY' or 'YYYY-MM'. */
  readonly period: string;
  /** Count, or the share's numerator. */
  readonly value: number;
  /** The share's denominator (children, pupils); null for counts. */
  readonly denominator: number | null;
  /** People behind the value (suppression group size); null when the value is an event count. */
  readonly persons: number | null;
  /** A share computed elsewhere (e.g. mean of individual shares); otherwise value/denominator. */
  readonly share?: number | null;
}

export type SeriesSource =
  | { readonly kind: 'import' }
  | {
      readonly kind: 'sql';
      readonly describeSv: string;
      readonly describeEn: string;
      readonly query: (q: Queryable, municipalities: readonly string[] | null) => Promise<OperationalAggregate[]>;
      /** Imports allowed for periods before the system's own data starts (per municipality). */
      readonly importBefore?: boolean;
    };

/** Whether an analyst may import values for the series (import-only, or earlier periods of an sql series). */
export const acceptsImport = (s: OperationalSeries): boolean =>
  s.source.kind === 'import' || s.source.importBefore === true;

/**
 * Imported values before the changeover, then the system's own: per municipality, imported values
 * for periods earlier than the first period with own data; own values for all periods they cover.
 */
export function combineImportedAndOwn(
  imported: readonly OperationalAggregate[],
  own: readonly OperationalAggregate[],
): OperationalAggregate[] {
  const firstOwn = new Map<string, string>();
  for (const r of own) {
    const f = firstOwn.get(r.municipalityCode);
    if (f === undefined || r.period < f) firstOwn.set(r.municipalityCode, r.period);
  }
  const before = imported.filter((r) => {
    const f = firstOwn.get(r.municipalityCode);
    return f === undefined || r.period < f;
  });
  return [...before, ...own].sort((a, b) =>
    a.municipalityCode === b.municipalityCode
      ? a.period < b.period
        ? -1
        : a.period > b.period
          ? 1
          : 0
      : a.municipalityCode < b.municipalityCode
        ? -1
        : 1,
  );
}

/** Orosanmälningar per municipality (the receiving social services) and month, from the reports module. */
async function reportsOfConcern(
  q: Queryable,
  municipalities: readonly string[] | null,
): Promise<OperationalAggregate[]> {
  const rows = await countReportsByMunicipalityMonth(q, '2000-01-01', '2999-12-31');
  return (
    rows
      .filter((r) => municipalities === null || municipalities.includes(r.municipalityCode))
      // An event count: the persons behind it are not known (several reports can concern one child).
      .map((r) => ({
        municipalityCode: r.municipalityCode,
        period: r.month,
        value: r.count,
        denominator: null,
        persons: null,
      }))
  );
}

export interface OperationalSeries {
  readonly key: string;
  readonly labelSv: string;
  readonly labelEn: string;
  readonly measure: 'count' | 'share';
  readonly period: 'month' | 'year';
  readonly wheel: WheelIndicator | null;
  readonly goalStage: GoalStage;
  readonly polarity: 'higher_is_better' | 'lower_is_better' | 'none';
  readonly source: SeriesSource;
}

/** Absence per municipality (of the school unit) and month, from the attendance imports. */
async function absenceFromAttendance(
  q: Queryable,
  municipalities: readonly string[] | null,
): Promise<OperationalAggregate[]> {
  // Mean of each pupil's absence share in the month: minutes and lessons are not summed together.
  const r = await q.query<{ municipality_code: string; period: string; pupils: string; share: string | null }>(
    `SELECT u.municipality_code, to_char(r.period_start, 'YYYY-MM') AS period,
            count(DISTINCT r.child_id)::text AS pupils,
            avg((r.valid_absence + r.invalid_absence)::numeric / nullif(r.scheduled, 0))::text AS share
       FROM attendance_record r JOIN unit u ON u.id = r.unit_id JOIN child c ON c.id = r.child_id
      WHERE u.municipality_code IS NOT NULL AND r.scheduled > 0 AND ${excludeProtectedSql('c')}
        AND ($1::text[] IS NULL OR u.municipality_code = ANY($1::text[]))
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [municipalities],
  );
  return r.rows.map((x) => {
    const pupils = Number(x.pupils);
    return {
      municipalityCode: x.municipality_code,
      period: x.period,
      value: pupils,
      denominator: pupils,
      persons: pupils,
      share: x.share === null ? null : Number(x.share),
    };
  });
}

export const OPERATIONAL_SERIES: readonly OperationalSeries[] = [
  {
    key: 'reports_of_concern',
    labelSv: 'Orosanmälningar (antal)',
    labelEn: 'Reports of concern (number)',
    measure: 'count',
    period: 'month',
    wheel: 'safe',
    goalStage: 'volume',
    polarity: 'none',
    source: {
      kind: 'sql',
      describeSv:
        'Räknas ur orosanmälningarna i Barnkompass; importerade värden visas för månader innan kommunen började använda Barnkompass',
      describeEn:
        'Counted from the reports of concern in Barnkompass; imported values are shown for months before the municipality started using Barnkompass',
      query: reportsOfConcern,
      importBefore: true,
    },
  },
  {
    key: 'absence_share',
    labelSv: 'Frånvaro, andel av schemalagd tid (elevgenomsnitt)',
    labelEn: 'Absence, share of scheduled time (pupil average)',
    measure: 'share',
    period: 'month',
    wheel: 'achieving',
    goalStage: 'effects',
    polarity: 'lower_is_better',
    source: {
      kind: 'sql',
      describeSv: 'Beräknas ur skolornas närvaroimporter i Barnkompass',
      describeEn: "Computed from the schools' attendance imports in Barnkompass",
      query: absenceFromAttendance,
    },
  },
  {
    key: 'placements',
    labelSv: 'Placerade barn (antal)',
    labelEn: 'Children placed in care (number)',
    measure: 'count',
    period: 'year',
    wheel: 'nurtured',
    goalStage: 'volume',
    polarity: 'none',
    source: { kind: 'import' },
  },
  {
    key: 'pupils_high_absence',
    labelSv: 'Elever med hög frånvaro (andel)',
    labelEn: 'Pupils with high absence (share)',
    measure: 'share',
    period: 'month',
    wheel: 'achieving',
    goalStage: 'effects',
    polarity: 'lower_is_better',
    source: { kind: 'import' },
  },
];

export const seriesByKey = (key: string): OperationalSeries | undefined =>
  OPERATIONAL_SERIES.find((s) => s.key === key);

/** Smallest published event count and person group (same thresholds as the default rule set). */
export const MIN_COUNT = 5;
export const MIN_PERSONS = 10;

export interface PublishedOperationalValue {
  readonly municipalityCode: string;
  readonly period: string;
  /** Count series: the count; share series: null (only the share is published). */
  readonly value: number | null;
  readonly share: number | null;
  readonly status: 'ok' | 'suppressed';
}

/**
 * Small-count suppression for operational values. Counts 1–4 are hidden (a handful of events in a
 * small municipality points at families); a zero count of events is shown. A share is hidden when
 * it rests on fewer than 10 people, or when its numerator or the rest is 1–4 (it would disclose a
 * small count). Only values at their stored granularity are published — no totals over periods or
 * municipalities — so a hidden value cannot be recovered by subtraction.
 */
export function suppressOperational(
  series: OperationalSeries,
  rows: readonly OperationalAggregate[],
): PublishedOperationalValue[] {
  return rows.map((r) => {
    if (series.measure === 'count') {
      const hidden = (r.persons !== null && r.persons < MIN_PERSONS) || (r.value > 0 && r.value < MIN_COUNT);
      return {
        municipalityCode: r.municipalityCode,
        period: r.period,
        value: hidden ? null : r.value,
        share: null,
        status: hidden ? 'suppressed' : 'ok',
      };
    }
    const n = r.persons ?? r.denominator ?? 0;
    let hidden = n < MIN_PERSONS || r.denominator === null || r.denominator === 0;
    if (!hidden && r.share === undefined) {
      const rest = r.denominator! - r.value;
      if ((r.value > 0 && r.value < MIN_COUNT) || (rest > 0 && rest < MIN_COUNT)) hidden = true;
    }
    const share = hidden ? null : r.share !== undefined ? r.share : r.value / r.denominator!;
    return {
      municipalityCode: r.municipalityCode,
      period: r.period,
      value: null,
      share,
      status: hidden || share === null ? 'suppressed' : 'ok',
    };
  });
}
