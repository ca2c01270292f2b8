/** Social services' inbox of reports of concern: unacknowledged first. */
import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading } from '../router.js';
import { reportApi } from './api.js';
import { reportPaths } from './paths.js';
import { ReportStatus } from './ReportsPage.js';
import './reports.css';
import { useTimestamp } from '../components/time.js';

export function InboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('inbox.title'));
  const inbox = useLoad('report:inbox', reportApi.inbox);
  const time = useTimestamp();
  return (
    <>
      <p className="breadcrumb">
        <Link to={reportPaths.reports}>{t('report.back')}</Link>
      </p>
      <PageHeading>{t('inbox.title')}</PageHeading>
      <LoadStatus load={inbox} />
      {inbox.status === 'ok' ? (
        <>
          <p className="lead">
            {t('inbox.intro', { municipality: inbox.data.municipality.name ?? inbox.data.municipality.code })}
          </p>
          {inbox.data.reports.length === 0 ? (
            <p>{t('inbox.none')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="inbox-caption" tabIndex={0}>
              <table className="data-table">
                <caption id="inbox-caption" className="visually-hidden">
                  {t('inbox.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('report.field.created')}</th>
                    <th scope="col">{t('report.field.child')}</th>
                    <th scope="col">{t('inbox.reporter')}</th>
                    <th scope="col">{t('report.field.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {inbox.data.reports.map((r) => (
                    <tr key={r.id}>
                      <td className="nowrap-md">{time.dateTime(r.createdAt)}</td>
                      <th scope="row">
                        <Link to={reportPaths.report(r.id)}>{r.childName}</Link>
                        {r.immediateDanger ? (
                          <>
                            {' '}
                            <span className="status status-overdue">{t('inbox.danger')}</span>
                          </>
                        ) : null}
                      </th>
                      <td>{[r.reporter.title, r.reporter.unitName].filter(Boolean).join(', ')}</td>
                      <td>
                        <ReportStatus acknowledgedAt={r.acknowledgedAt} feedback={r.feedback.length} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </>
  );
}
