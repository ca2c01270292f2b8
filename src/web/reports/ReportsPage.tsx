/**
 * "Orosanmälan": the reports I have filed (with receipt and feedback from social services), a way
 * to file one from scratch, and — for social services — the way to the inbox.
 */
import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, PageHeading } from '../router.js';
import { reportApi, type MyReport } from './api.js';
import { reportPaths } from './paths.js';
import './reports.css';
import { useTimestamp } from '../components/time.js';

export function ReportsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('report.title'));
  const options = useLoad('report:options', reportApi.options);
  const mine = useLoad('report:mine', reportApi.mine);
  return (
    <>
      <PageHeading>{t('report.title')}</PageHeading>
      <p className="lead">{t('report.intro')}</p>
      <p>{t('report.emergency')}</p>
      {options.status === 'ok' ? (
        <p className="button-row">
          {options.data.mayFile ? (
            <Link to={reportPaths.newReport} className="button button-primary">
              {t('report.newFromScratch')}
            </Link>
          ) : null}
          {options.data.receivesReports ? (
            <Link to={reportPaths.inbox} className="button button-secondary">
              {t('inbox.title')}
            </Link>
          ) : null}
        </p>
      ) : null}
      {options.status === 'error' ? <ErrorMessage error={options.error} onRetry={options.reload} /> : null}
      <section className="panel" aria-labelledby="my-reports-heading">
        <h2 id="my-reports-heading">{t('report.mine')}</h2>
        <LoadStatus load={mine} />
        {mine.status === 'ok' ? <MyReportTable reports={mine.data.reports} /> : null}
      </section>
    </>
  );
}

export function ReportStatus({ acknowledgedAt, feedback }: { acknowledgedAt: string | null; feedback: number }) {
  const { t } = useTranslation();
  const key = feedback > 0 ? 'feedback' : acknowledgedAt ? 'acknowledged' : 'sent';
  return (
    <span className={`status ${key === 'sent' ? 'status-open' : 'status-decided'}`}>{t(`report.status.${key}`)}</span>
  );
}

function MyReportTable({ reports }: { reports: MyReport[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  if (reports.length === 0) return <p>{t('report.none')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="my-reports-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="my-reports-caption" className="visually-hidden">
          {t('report.mineCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('report.field.created')}</th>
            <th scope="col">{t('report.field.child')}</th>
            <th scope="col">{t('report.field.municipality')}</th>
            <th scope="col">{t('report.field.status')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td className="nowrap-md">{f.date(time.day(r.createdAt))}</td>
              <th scope="row">
                <Link to={reportPaths.report(r.id)}>{r.childName}</Link>
              </th>
              <td>{r.municipality.name ?? r.municipality.code}</td>
              <td>
                <ReportStatus acknowledgedAt={r.acknowledgedAt} feedback={r.feedback.length} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** On the child's page: file a report about this child, and produce the family's log extract. */
export function ChildReportLinks({ childId }: { childId: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="child-report-links-heading" className="panel">
      <h2 id="child-report-links-heading">{t('report.childSection.heading')}</h2>
      <ul className="link-list">
        <li>
          <Link to={reportPaths.newForChild(childId)}>{t('report.childSection.file')}</Link>
        </li>
        <li>
          <Link to={reportPaths.extract(childId)}>{t('logExtract.link')}</Link>
        </li>
      </ul>
      <p className="help">{t('report.childSection.help')}</p>
    </section>
  );
}
