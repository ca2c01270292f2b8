/**
 * "Nödåtkomst" (break-glass): exceptional, justified, time-boxed, logged and reviewed. Two steps —
 * the child (personnummer, in the body only) and the reason, then a confirmation that says what
 * will happen. A session older than the re-authentication window is sent through login again.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, loginUrl } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading, paths } from '../router.js';
import { privacyApi, type BreakGlass, type BreakGlassList } from './api.js';
import { usePrivacyFormat } from './format.js';
import { privacyPaths } from './paths.js';
import './privacy.css';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
} from '../components/form/index.js';

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

function StartForm({ list, onStarted }: { list: BreakGlassList; onStarted: () => void }) {
  const { t } = useTranslation();
  const [personnummer, setPersonnummer] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(String(list.defaultMinutes));
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const { errors, setErrors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const [reauth, setReauth] = useState(false);
  const err = (f: string) => `${P}-${f}-error`;

  function next(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const problems: Errors = {};
    if (!/^\s*(\d{2})?\d{6}[-+]?\d{4}\s*$/.test(personnummer))
      problems.personnummer = t('breakGlass.personnummerInvalid');
    if (reason.trim().length < 10) problems.reason = t('breakGlass.reasonRequired');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setErrors({});
    setConfirming(true);
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!understood) return showErrors({ understood: t('breakGlass.understoodRequired') });
    setBusy(true);
    setFailure(null);
    try {
      await privacyApi.startBreakGlass({ personnummer, reason, minutes: Number(minutes) });
      onStarted();
    } catch (caught) {
      setBusy(false);
      const error = asApiError(caught);
      if (error.body?.details?.reason === 'reauth_required') setReauth(true);
      else setFailure(error);
    }
  }

  if (reauth) {
    return (
      <div className="notice notice-warning" role="alert">
        <p className="notice-heading">{t('breakGlass.reauthHeading')}</p>
        <p>{t('breakGlass.reauthText', { minutes: list.reauthMinutes })}</p>
        <p>
          <a className="button button-primary" href={`${loginUrl({ returnTo: privacyPaths.breakGlass })}&reauth=1`}>
            {t('breakGlass.reauthLogin')}
          </a>
        </p>
      </div>
    );
  }

  if (confirming) {
    return (
      <form
        noValidate
        onSubmit={(e) => void confirm(e)}
        className="form-stack panel"
        aria-labelledby={`${P}-confirm-heading`}
      >
        <h2 id={`${P}-confirm-heading`}>{t('breakGlass.confirmHeading')}</h2>
        <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={() => `${P}-understood`} />
        {failure ? <ErrorMessage error={failure} /> : null}
        <ul>
          <li>{t('breakGlass.confirmTime', { count: Number(minutes) })}</li>
          <li>{t('breakGlass.confirmAlert')}</li>
          <li>{t('breakGlass.confirmReview')}</li>
        </ul>
        <div className={`checkbox${errors.understood ? ' field-invalid' : ''}`}>
          <FieldError id={err('understood')} message={errors.understood} />
          <input
            id={`${P}-understood`}
            type="checkbox"
            checked={understood}
            onChange={() => setUnderstood(!understood)}
            aria-describedby={describedBy(errors.understood && err('understood'))}
          />
          <label htmlFor={`${P}-understood`}>{t('breakGlass.understood')}</label>
        </div>
        <p className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('breakGlass.open')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
            {t('breakGlass.back')}
          </button>
        </p>
      </form>
    );
  }

  return (
    <form noValidate onSubmit={next} className="form-stack panel" aria-labelledby={`${P}-start-heading`}>
      <h2 id={`${P}-start-heading`}>{t('breakGlass.startHeading')}</h2>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={(f) => `${P}-${f}`} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className={`field${errors.personnummer ? ' field-invalid' : ''}`}>
        <label htmlFor={`${P}-personnummer`}>{t('breakGlass.personnummer')}</label>
        <FieldError id={err('personnummer')} message={errors.personnummer} />
        <input
          id={`${P}-personnummer`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={personnummer}
          onChange={(e) => setPersonnummer(e.target.value)}
          aria-describedby={describedBy(errors.personnummer && err('personnummer'))}
          aria-invalid={errors.personnummer ? true : undefined}
        />
      </div>
      <div className={`field field-wide${errors.reason ? ' field-invalid' : ''}`}>
        <label htmlFor={`${P}-reason`}>{t('breakGlass.reason')}</label>
        <p id={`${P}-reason-help`} className="help">
          {t('breakGlass.reasonHelp')}
        </p>
        <FieldError id={err('reason')} message={errors.reason} />
        <textarea
          id={`${P}-reason`}
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={describedBy(`${P}-reason-help`, errors.reason && err('reason'))}
          aria-invalid={errors.reason ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${P}-minutes`}>{t('breakGlass.minutes')}</label>
        <select id={`${P}-minutes`} value={minutes} onChange={(e) => setMinutes(e.target.value)}>
          {[...new Set([15, 30, list.defaultMinutes, 120])]
            .sort((a, b) => a - b)
            .map((m) => (
              <option key={m} value={m}>
                {t('breakGlass.minutesOption', { count: m })}
              </option>
            ))}
        </select>
      </div>
      <p className="button-row">
        <button type="submit" className="button button-primary">
          {t('breakGlass.continue')}
        </button>
      </p>
    </form>
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
