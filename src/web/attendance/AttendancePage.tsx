/**
 * "Närvaro" for a school's principal or school administrator: import a period's attendance (CSV,
 * the format documented on the page with an example), see what the import did — counts and line
 * numbers, never a pupil — change the organisation's absence thresholds, and see earlier imports.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../api.js';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { PageHeading } from '../router.js';
import { attendanceApi, type AttendanceImportSummary } from './api.js';
import { ATTENDANCE_ROLES } from './roles.js';
import { ThresholdSection } from './AttendanceThresholds.js';
import { ImportSection } from './ImportSection.js';
import { useTimestamp } from '../components/time.js';

export function AttendancePage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('attendance.title'));
  const role = session.assignment?.role ?? '';
  if (!ATTENDANCE_ROLES.has(role)) {
    return (
      <>
        <PageHeading>{t('attendance.title')}</PageHeading>
        <p className="notice notice-warning">{t('attendance.notForYou')}</p>
      </>
    );
  }
  return <ForSchool />;
}

function ForSchool() {
  const { t } = useTranslation();
  const imports = useLoad('attendance:imports', attendanceApi.imports);
  const [result, setResult] = useState<AttendanceImportSummary | null>(null);
  if (imports.status === 'error' && imports.error.status === 403) {
    return (
      <>
        <PageHeading>{t('attendance.title')}</PageHeading>
        <p className="notice notice-warning">{t('attendance.notASchool')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t('attendance.title')}</PageHeading>
      <p className="lead">{t('attendance.intro')}</p>
      <LoadStatus load={imports} />
      {imports.status === 'ok' ? (
        <>
          <ImportSection
            unit={imports.data.unit}
            result={result}
            onImported={(s) => {
              setResult(s);
              imports.reload();
            }}
          />
          <ThresholdSection />
          <EarlierImports imports={imports.data.imports} />
        </>
      ) : null}
    </>
  );
}

function EarlierImports({ imports }: { imports: AttendanceImportSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  return (
    <section className="panel" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">{t('attendance.earlier.heading')}</h2>
      {imports.length === 0 ? (
        <p>{t('attendance.earlier.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="earlier-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="earlier-caption" className="visually-hidden">
              {t('attendance.earlier.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('attendance.earlier.period')}</th>
                <th scope="col">{t('attendance.earlier.importedAt')}</th>
                <th scope="col">{t('attendance.result.children')}</th>
                <th scope="col">{t('attendance.result.alerts')}</th>
                <th scope="col">{t('attendance.earlier.notEnrolled')}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((s) => (
                <tr key={s.importId}>
                  <th scope="row">{t('common.dateRange', { from: f.date(s.periodStart), to: f.date(s.periodEnd) })}</th>
                  <td>
                    {time.dateTime(s.importedAt)}, {s.importedBy.name}
                  </td>
                  <td>{s.children}</td>
                  <td>{s.alertsRaised}</td>
                  <td>{s.notEnrolledLines.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
