/**
 * The family's log extract: who (unit and role — never a name) read or wrote the child's data, and
 * when. Produced by staff on the child's team on request, printable to hand over.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useFormat } from '../i18n.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import { logReviewApi, type LogExtract } from '../reports/api.js';
import '../reports/reports.css';
import { useTimestamp } from '../components/time.js';

export function LogExtractPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('logExtract.title'));
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const extract = useLoad(`extract:${childId}:${period.from ?? ''}:${period.to ?? ''}`, () =>
    logReviewApi.extract(childId, period),
  );
  if (extract.status === 'error' && extract.error.isNotFound) return <NotFoundPage />;
  return (
    <article aria-labelledby="page-heading" className="log-extract">
      <p className="breadcrumb no-print">
        <Link to={paths.child(childId)}>{t('report.backToChild')}</Link>
      </p>
      <PageHeading>{t('logExtract.title')}</PageHeading>
      <LoadStatus load={extract} />
      {extract.status === 'ok' ? <ExtractView e={extract.data} onPeriod={setPeriod} /> : null}
    </article>
  );
}

/** The extract itself (also the family's own, in family/FamilyLogPage.tsx). */
export function ExtractView({ e, onPeriod }: { e: LogExtract; onPeriod: (p: { from: string; to: string }) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  const [from, setFrom] = useState(e.from);
  const [to, setTo] = useState(e.to);
  const tt = t as unknown as (k: string) => string;
  return (
    <>
      <p className="lead">{t('logExtract.about', { name: e.childName, from: f.date(e.from), to: f.date(e.to) })}</p>
      <p>{t('logExtract.intro')}</p>
      {e.protectedIdentity ? <p className="notice notice-info">{t('logExtract.protected')}</p> : null}
      <form
        className="filter-row no-print"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (/^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to) onPeriod({ from, to });
        }}
      >
        <div className="field">
          <label htmlFor="extract-from">{t('logExtract.from')}</label>
          <input id="extract-from" type="date" value={from} onChange={(ev) => setFrom(ev.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="extract-to">{t('logExtract.to')}</label>
          <input id="extract-to" type="date" value={to} onChange={(ev) => setTo(ev.target.value)} />
        </div>
        <p className="button-row">
          <button type="submit" className="button button-secondary">
            {t('logExtract.show')}
          </button>
          <button type="button" className="button button-primary" onClick={() => window.print()}>
            {t('logExtract.print')}
          </button>
        </p>
      </form>
      {e.truncated ? <p className="notice notice-warning">{t('logExtract.truncated')}</p> : null}
      {e.entries.length === 0 ? (
        <p>{t('logExtract.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="extract-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="extract-caption">{t('logExtract.caption', { count: e.entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logExtract.when')}</th>
                <th scope="col">{t('logExtract.access')}</th>
                <th scope="col">{t('logExtract.what')}</th>
                <th scope="col">{t('logExtract.who')}</th>
                <th scope="col">{t('logExtract.where')}</th>
              </tr>
            </thead>
            <tbody>
              {e.entries.map((x, i) => (
                <tr key={i}>
                  <td className="nowrap-md">{time.dateTime(x.occurredAt)}</td>
                  <td>{t(`logExtract.accessKind.${x.access}`)}</td>
                  <td>{t(`logExtract.category.${x.what}`)}</td>
                  <td>
                    {x.role ? (x.role === 'log_reviewer' ? t('logExtract.logReviewer') : tt(`role.${x.role}`)) : '–'}
                  </td>
                  <td>
                    {x.unitName || x.organisationName
                      ? [x.unitName, x.organisationName].filter(Boolean).join(', ')
                      : x.secrecyDomain
                        ? tt(`logExtract.domain.${x.secrecyDomain}`)
                        : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="help">{t('logExtract.produced', { when: time.dateTime(e.producedAt) })}</p>
    </>
  );
}
