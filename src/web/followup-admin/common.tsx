import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n.js';
import { Link, paths } from '../router.js';
import type { FileRejection } from './api.js';
import { RowErrorTable } from '../components/upload/RowErrorTable.js';
import './followup-admin.css';

/** Between the analyst pages; the current one is marked for screen readers too. */
export function AdminNav({ current }: { current: 'hub' | 'survey' | 'indicators' | 'kpi' }) {
  const { t } = useTranslation();
  const items = [
    { key: 'hub', to: paths.followupAdmin, label: t('followupAdmin.nav.hub') },
    { key: 'survey', to: paths.followupAdminSurvey, label: t('followupAdmin.nav.survey') },
    { key: 'indicators', to: paths.followupAdminIndicators, label: t('followupAdmin.nav.indicators') },
    { key: 'kpi', to: paths.kpi, label: t('followupAdmin.nav.kpi') },
  ] as const;
  return (
    <nav aria-label={t('followupAdmin.nav.label')} className="fa-subnav">
      <ul>
        {items.map((i) => (
          <li key={i.key}>
            <Link to={i.to} aria-current={current === i.key ? 'page' : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Number formats of the UI language (percent with a decimal comma in Swedish). */
export function useNumbers() {
  const { locale } = useFormat();
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const pct0 = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const bytes = (n: number) => (n >= 1024 * 1024 ? `${dec.format(n / 1024 / 1024)} MB` : `${dec.format(n / 1024)} kB`);
  return {
    pct: (v: number) => pct.format(v),
    pct0: (v: number) => pct0.format(v),
    int: (v: number) => int.format(v),
    dec: (v: number) => dec.format(v),
    bytes,
  };
}

/** A native progress bar with a visible label and a polite status line. */
export function Progress({ id, label, value, status }: { id: string; label: string; value: number; status: string }) {
  const { pct0 } = useNumbers();
  return (
    <div className="fa-progress">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={1} value={value} aria-describedby={`${id}-status`}>
        {pct0(value)}
      </progress>
      <p id={`${id}-status`} role="status" className="small">
        {status} ({pct0(value)})
      </p>
    </div>
  );
}

/** One value of an operational series: suppressed, a share, or a count. */
export function SeriesValue({
  measure,
  v,
}: {
  measure: string;
  v: { status: string; share: number | null; value: number | null };
}) {
  const { t } = useTranslation();
  const { pct, int } = useNumbers();
  if (v.status !== 'ok') return <span className="fa-suppressed">{t('followupAdmin.suppressed')}</span>;
  return measure === 'share' ? pct(v.share!) : int(v.value!);
}

/** A refused CSV: what to fix, by line number (the server never echoes values). */
const ROW_CODES = [
  'year_invalid',
  'no_wave',
  'unknown_school',
  'grade_invalid',
  'pupils_invalid',
  'municipality_invalid',
  'duplicate',
  'unknown_municipality',
  'period_month',
  'period_year',
  'value_invalid',
  'denominator_invalid',
  'denominator_small',
] as const;

export function Rejection({ r, id }: { r: FileRejection; id: string }) {
  const { t } = useTranslation();
  // Known problems in the UI's language; anything else as the server wrote it.
  const problemText = (code: string | undefined, msg: string) =>
    (ROW_CODES as readonly string[]).includes(code ?? '')
      ? t(`followupAdmin.rowProblem.${code as (typeof ROW_CODES)[number]}`)
      : msg;
  return (
    <div role="alert" className="notice notice-error" id={id} tabIndex={-1}>
      <p className="notice-heading">{t('followupAdmin.rejection.heading')}</p>
      {r.missingColumns.length > 0 ? (
        <p>{t('followupAdmin.rejection.missingColumns', { columns: r.missingColumns.join(', ') })}</p>
      ) : null}
      {r.rowErrors.length > 0 ? (
        <>
          <p>{t('followupAdmin.rejection.rows', { count: r.rowsWithErrors, total: r.rowsTotal })}</p>
          <div className="table-scroll">
            <RowErrorTable
              rows={r.rowErrors}
              caption={t('followupAdmin.rejection.caption')}
              lineHeader={t('followupAdmin.rejection.line')}
              problemHeader={t('followupAdmin.rejection.problems')}
              problemText={(e) => e.problems.map((msg, i) => problemText(e.codes?.[i], msg)).join('; ')}
            />
          </div>
        </>
      ) : r.missingColumns.length === 0 ? (
        <p>{r.message}</p>
      ) : null}
      <p className="small">{t('followupAdmin.rejection.nothingImported')}</p>
    </div>
  );
}

export const GRADES = ['5', '8', 'gy2'] as const;
export function useGradeLabel() {
  const { t } = useTranslation();
  return (g: string | null) =>
    g === null
      ? t('followupAdmin.grade.all')
      : g === 'gy2'
        ? t('followupAdmin.grade.gy2')
        : t('followupAdmin.grade.n', { grade: g });
}

/**
 * The server's checks of a mapping or an indicator definition come as English sentences with names
 * and codes in them; the known shapes are said in the UI's language, anything else as written.
 */
const PROBLEM_PATTERNS: readonly [RegExp, string][] = [
  [/^column "(.+)" is not in the file$/, 'followupAdmin.problem.columnMissing'],
  [/^column "(.+)" appears twice in the header$/, 'followupAdmin.problem.columnTwice'],
  [/^(.+) is mapped from more than one column$/, 'followupAdmin.problem.mappedTwice'],
  [/^the instrument has no item (.+)$/, 'followupAdmin.problem.noItem'],
  [/^no column is mapped to an item$/, 'followupAdmin.problem.noItems'],
  [/^no column is mapped to (.+)$/, 'followupAdmin.problem.fieldMissing'],
  [/^map a column to year or give fixedYear$/, 'followupAdmin.problem.year'],
  [/^unknown item (.+)$/, 'followupAdmin.problem.unknownItem'],
  [/^unknown universe item (.+)$/, 'followupAdmin.problem.unknownItem'],
  [/^(?:universe )?item (.+) version (\d+) has no code (.+)$/, 'followupAdmin.problem.noCode'],
  [/^no wave has grade (.+)$/, 'followupAdmin.problem.noGrade'],
  [/^Kolada KPI given for grade (.+), which no wave has$/, 'followupAdmin.problem.noGrade'],
];

/** The server's problems with a mapping or a definition, in a focusable alert. */
export function ProblemList({
  heading,
  problems,
  ref,
}: {
  heading: string;
  problems: string[];
  ref: Ref<HTMLDivElement>;
}) {
  const problemText = useProblemText();
  return (
    <div role="alert" className="notice notice-error" tabIndex={-1} ref={ref}>
      <p className="notice-heading">{heading}</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{problemText(p)}</li>
        ))}
      </ul>
    </div>
  );
}

export function useProblemText() {
  const { t } = useTranslation();
  return (p: string): string => {
    for (const [re, key] of PROBLEM_PATTERNS) {
      const m = re.exec(p);
      if (m) return t(key as 'followupAdmin.problem.noCode', { a: m[1], b: m[2], c: m[3] });
    }
    return p;
  };
}
