/** What the attendance import shows around its form: the file format, a refused file, the result. */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_CSV_EXAMPLE } from '../../core/attendance.js';
import { useFormat } from '../i18n.js';
import type { AttendanceImportSummary, FileRejection } from './api.js';
import { RowErrorTable } from '../components/upload/RowErrorTable.js';

const COLUMNS = ['personnummer', 'datum', 'fran', 'till', 'schemalagt', 'giltig_franvaro', 'ogiltig_franvaro'] as const;

export function FormatHelp() {
  const { t } = useTranslation();
  return (
    <details className="format-help">
      <summary>{t('attendance.format.summary')}</summary>
      <p>{t('attendance.format.intro')}</p>
      <div className="table-scroll" role="region" aria-labelledby="format-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="format-caption">{t('attendance.format.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attendance.format.column')}</th>
              <th scope="col">{t('attendance.format.content')}</th>
            </tr>
          </thead>
          <tbody>
            {COLUMNS.map((c) => (
              <tr key={c}>
                <th scope="row">
                  <code>{c}</code>
                </th>
                <td>{t(`attendance.format.columns.${c}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('attendance.format.rules')}</p>
      <p id="format-example-label">{t('attendance.format.example')}</p>
      <pre className="csv-example" role="region" aria-labelledby="format-example-label" tabIndex={0}>
        <code>{ATTENDANCE_CSV_EXAMPLE}</code>
      </pre>
      <p>{t('attendance.format.privacy')}</p>
    </details>
  );
}

export const Rejection = ({ r, ref }: { r: FileRejection; ref: Ref<HTMLDivElement> }) => {
  const { t } = useTranslation();
  return (
    <div ref={ref} className="notice notice-error" role="alert" tabIndex={-1}>
      <p className="notice-heading">{t('attendance.rejected.heading')}</p>
      {r.fileProblems.map((p) => (
        <p key={p}>
          {t(
            `attendance.rejected.file.${p as 'empty' | 'missing_columns' | 'duplicate_columns' | 'line_break_in_field' | 'too_many_rows'}`,
            { columns: r.missingColumns.join(', ') },
          )}
        </p>
      ))}
      {r.rowErrors.length > 0 ? (
        <>
          <p>{t('attendance.rejected.rows', { count: r.rowsWithErrors, total: r.rowsTotal })}</p>
          <div className="table-scroll" role="region" aria-labelledby="rejected-caption" tabIndex={0}>
            <RowErrorTable
              rows={r.rowErrors}
              caption={t('attendance.rejected.caption')}
              captionId="rejected-caption"
              lineHeader={t('attendance.rejected.line')}
              problemHeader={t('attendance.rejected.problem')}
              problemText={(e) =>
                e.problems.map((p) => t(`attendance.rejected.problems.${p as 'unreadable'}`)).join(' ')
              }
            />
          </div>
        </>
      ) : null}
      <p>{t('attendance.rejected.nothing')}</p>
    </div>
  );
};

const lines = (list: number[]) => (list.length > 0 ? list.join(', ') : '–');

export const ImportResult = ({ s, ref }: { s: AttendanceImportSummary; ref: Ref<HTMLDivElement> }) => {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div ref={ref} className="notice notice-success import-result" role="status" tabIndex={-1}>
      <p className="notice-heading">
        {s.alreadyImported
          ? t('attendance.result.already', { date: f.date(s.importedAt.slice(0, 10)) })
          : t('attendance.result.done')}
      </p>
      <div className="table-scroll" role="region" aria-labelledby="result-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="result-caption">
            {t('attendance.result.caption', { from: f.date(s.periodStart), to: f.date(s.periodEnd) })}
          </caption>
          <tbody>
            <tr>
              <th scope="row">{t('attendance.result.rowsTotal')}</th>
              <td>{s.rowsTotal}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.rowsImported')}</th>
              <td>{s.rowsImported}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.children')}</th>
              <td>{s.children}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.alerts')}</th>
              <td>{s.alertsRaised}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.notEnrolled')}</th>
              <td>{lines(s.notEnrolledLines)}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.withoutReviewer')}</th>
              <td>{lines(s.alertsWithoutReviewerLines)}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.thresholds')}</th>
              <td>
                {t('attendance.thresholds.values', {
                  total: s.thresholds.totalAbsencePct,
                  invalid: s.thresholds.invalidAbsencePct,
                })}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>{t('attendance.result.next')}</p>
    </div>
  );
};
