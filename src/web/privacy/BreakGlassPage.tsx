/**
 * "Nödåtkomst" (break-glass): exceptional, justified, time-boxed, logged and reviewed. Two steps —
 * the child (personnummer, in the body only) and the reason, then a confirmation that says what
 * will happen. A session older than the re-authentication window is sent through login again.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading, paths } from '../router.js';
import { privacyApi, type BreakGlass, type BreakGlassList } from './api.js';
import { usePrivacyFormat } from './format.js';
import './privacy.css';
import { asApiError } from '../components/form/index.js';
import { StartForm } from './BreakGlassStart.js';

const P = 'break-glass';

export function BreakGlassPage({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('breakGlass.title'));
  const list = useLoad(`break-glass:${assignmentId}`, privacyApi.myBreakGlass);
  return (
    <article aria-labelledby="page-heading" className="privacy-page">
      <PageHeading>{t('breakGlass.title')}</PageHeading>
      <div className="notice notice-warning">
        <p className="notice-heading">{t('breakGlass.introHeading')}</p>
        <ul>
          <li>{t('breakGlass.introOnly')}</li>
          <li>{t('breakGlass.introLogged')}</li>
          <li>{t('breakGlass.introReadOnly')}</li>
        </ul>
      </div>
      <LoadStatus load={list} />
      {list.status === 'ok' ? <BreakGlassView list={list.data} reload={list.reload} /> : null}
    </article>
  );
}

function BreakGlassView({ list, reload }: { list: BreakGlassList; reload: () => void }) {
  const { t } = useTranslation();
  const active = list.breakGlass.find((b) => b.active);
  return (
    <>
      {active ? (
        <ActiveAccess b={active} onEnded={reload} />
      ) : list.mayBreakGlass ? (
        <StartForm list={list} onStarted={reload} />
      ) : (
        <p className="notice notice-info">{t('breakGlass.notForYourRole')}</p>
      )}
      <section aria-labelledby={`${P}-history`} className="panel">
        <h2 id={`${P}-history`}>{t('breakGlass.myHistory')}</h2>
        {list.breakGlass.length === 0 ? <p>{t('breakGlass.noHistory')}</p> : <History items={list.breakGlass} />}
      </section>
    </>
  );
}

function useSecondsLeft(b: BreakGlass): number {
  const [left, setLeft] = useState(b.secondsLeft);
  useEffect(() => {
    const started = Date.now();
    const id = window.setInterval(
      () => setLeft(Math.max(0, b.secondsLeft - Math.floor((Date.now() - started) / 1000))),
      15_000,
    );
    return () => window.clearInterval(id);
  }, [b]);
  return left;
}

function ActiveAccess({ b, onEnded }: { b: BreakGlass; onEnded: () => void }) {
  const { t } = useTranslation();
  const f = usePrivacyFormat();
  const left = useSecondsLeft(b);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  async function end() {
    setBusy(true);
    try {
      await privacyApi.endBreakGlass(b.id);
      onEnded();
    } catch (caught) {
      setBusy(false);
      setFailure(asApiError(caught));
    }
  }
  return (
    <section aria-labelledby={`${P}-active`} className="panel break-glass-active">
      <h2 id={`${P}-active`}>{t('breakGlass.activeHeading')}</h2>
      {failure ? <ErrorMessage error={failure} /> : null}
      <p>
        {t('breakGlass.activeChild')} <Link to={paths.child(b.childId)}>{b.childName ?? t('breakGlass.theChild')}</Link>
      </p>
      <p role="status" className="break-glass-time">
        {t('breakGlass.timeLeft', { count: Math.ceil(left / 60), until: f.dateTime(b.expiresAt) })}
      </p>
      <p className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void end()} disabled={busy}>
          {t('breakGlass.endNow')}
        </button>
      </p>
    </section>
  );
}

function History({ items }: { items: BreakGlass[] }) {
  const { t } = useTranslation();
  const f = usePrivacyFormat();
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${P}-history-caption`} tabIndex={0}>
      <table className="data-table">
        <caption id={`${P}-history-caption`}>{t('breakGlass.historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('breakGlass.when')}</th>
            <th scope="col">{t('breakGlass.reason')}</th>
            <th scope="col">{t('breakGlass.status')}</th>
            <th scope="col">{t('breakGlass.review')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={b.id}>
              <td>{f.dateTime(b.startedAt)}</td>
              <td className="prewrap">{b.reason}</td>
              <td>{b.active ? t('breakGlass.activeNow') : t('breakGlass.ended')}</td>
              <td>{b.review ? t(`breakGlass.outcome.${b.review.outcome}`) : t('breakGlass.notReviewed')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
