/**
 * Indicator definitions as data: the list (enable/disable with If-Match), and a form to create or
 * change one — items, positive answers, "don't know", universe, grades, polarity, wheel indicator,
 * Kolada KPI per grade and the goal-indicator flag (Holm). The server checks every definition
 * against the instrument and lists what to fix; a 412 keeps the analyst's edit on the newer version.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading, paths } from '../router.js';
import { adminApi, type Indicator } from './api.js';
import { AdminNav } from './common.js';

export function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('followupAdmin.indicators.title'));
  const en = i18n.resolvedLanguage === 'en';
  const list = useLoad('followup-admin:indicators', () => adminApi.indicators());
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function toggle(ind: Indicator) {
    setMessage(null);
    setFailure(null);
    try {
      const r = await adminApi.changeIndicator(ind.key, ind.version, { enabled: !ind.enabled });
      setMessage(
        r.enabled
          ? t('followupAdmin.indicators.enabledNow', { label: en ? r.labelEn : r.labelSv })
          : t('followupAdmin.indicators.disabledNow', { label: en ? r.labelEn : r.labelSv }),
      );
      list.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setMessage(t('followupAdmin.indicators.changedElsewhere'));
        list.reload();
      } else setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }

  return (
    <>
      <PageHeading>{t('followupAdmin.indicators.title')}</PageHeading>
      <AdminNav current="indicators" />
      <p className="lead">{t('followupAdmin.indicators.intro')}</p>
      <p>
        <Link to={paths.followupAdminIndicatorNew} className="button button-primary">
          {t('followupAdmin.indicators.new')}
        </Link>
      </p>
      {message ? (
        <p role="status" className="notice notice-success">
          {message}
        </p>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      <LoadStatus load={list} />
      {list.status === 'ok' ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t('followupAdmin.indicators.caption', { count: list.data.indicators.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('followupAdmin.indicators.label')}</th>
                <th scope="col">{t('followupAdmin.indicators.wheel')}</th>
                <th scope="col">{t('followupAdmin.indicators.items')}</th>
                <th scope="col">{t('followupAdmin.indicators.goal')}</th>
                <th scope="col">{t('followupAdmin.indicators.status')}</th>
                <th scope="col">{t('followupAdmin.indicators.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.indicators.map((ind) => {
                const label = en ? ind.labelEn : ind.labelSv;
                return (
                  <tr key={ind.key}>
                    <th scope="row">
                      {label}
                      <span className="small muted"> ({ind.key})</span>
                    </th>
                    <td>{t(`wheel.indicators.${ind.wheel}.name`)}</td>
                    <td>{ind.items.join(', ')}</td>
                    <td>{ind.goal ? t('followupAdmin.indicators.yes') : t('followupAdmin.indicators.no')}</td>
                    <td>
                      {ind.enabled ? t('followupAdmin.indicators.enabled') : t('followupAdmin.indicators.disabled')}
                    </td>
                    <td>
                      <Link
                        to={paths.followupAdminIndicator(ind.key)}
                        aria-label={t('followupAdmin.indicators.editLabel', { label })}
                      >
                        {t('followupAdmin.indicators.edit')}
                      </Link>{' '}
                      <button type="button" className="button button-secondary" onClick={() => void toggle(ind)}>
                        {ind.enabled
                          ? t('followupAdmin.indicators.disable', { label })
                          : t('followupAdmin.indicators.enable', { label })}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
