/**
 * "Logguppföljning" for an organisation's log reviewers: draw samples for a period (random and
 * rule-based), filter them, and open one to document its outcome.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading } from '../router.js';
import { logReviewApi, SAMPLE_KINDS, type LogReviewSample, type SampleKind } from '../reports/api.js';
import { reportPaths } from '../reports/paths.js';
import '../reports/reports.css';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
} from '../components/form/index.js';
import { swedishToday, useTimestamp } from '../components/time.js';
import { addDays } from '../../core/calendar.js';

const D = 'draw';

export function LogReviewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('logReview.title'));
  const [kind, setKind] = useState<SampleKind | ''>('');
  const [status, setStatus] = useState<'open' | 'done' | 'all'>('open');
  const list = useLoad(`logreview:${kind}:${status}`, () => logReviewApi.list({ kind, status }));
  return (
    <>
      <PageHeading>{t('logReview.title')}</PageHeading>
      <p className="lead">{t('logReview.intro')}</p>
      {list.status === 'ok' ? (
        <p className="help">
          {t('logReview.settings', {
            hours: list.data.settings.workHours,
            threshold: list.data.settings.manyChildrenThreshold,
            minutes: list.data.settings.manyChildrenWindowMinutes,
            years: list.data.settings.auditRetentionYears,
          })}
        </p>
      ) : null}
      <DrawForm onDrawn={list.reload} />
      <section className="panel" aria-labelledby="samples-heading">
        <h2 id="samples-heading">{t('logReview.samples')}</h2>
        <form className="filter-row" onSubmit={(e) => e.preventDefault()} aria-label={t('logReview.filters')}>
          <div className="field">
            <label htmlFor="sample-kind">{t('logReview.kindFilter')}</label>
            <select id="sample-kind" value={kind} onChange={(e) => setKind(e.target.value as SampleKind | '')}>
              <option value="">{t('logReview.allKinds')}</option>
              {SAMPLE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`logReview.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sample-status">{t('logReview.statusFilter')}</label>
            <select
              id="sample-status"
              value={status}
              onChange={(e) => setStatus(e.target.value as 'open' | 'done' | 'all')}
            >
              {(['open', 'done', 'all'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`logReview.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </form>
        <LoadStatus load={list} />
        {list.status === 'ok' ? <SampleTable samples={list.data.samples} /> : null}
      </section>
    </>
  );
}

export function actorLabel(s: LogReviewSample, t: (k: string) => string): string {
  return [s.actor.name, s.actor.title ?? (s.actor.role ? t(`role.${s.actor.role}`) : null), s.actor.unitName]
    .filter(Boolean)
    .join(', ');
}

function SampleTable({ samples }: { samples: LogReviewSample[] }) {
  const { t } = useTranslation();
  const time = useTimestamp();
  if (samples.length === 0) return <p>{t('logReview.none')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="samples-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="samples-caption" className="visually-hidden">
          {t('logReview.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('logReview.when')}</th>
            <th scope="col">{t('logReview.kindColumn')}</th>
            <th scope="col">{t('logReview.who')}</th>
            <th scope="col">{t('logReview.what')}</th>
            <th scope="col">{t('logReview.outcomeColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {samples.map((s) => (
            <tr key={s.id}>
              <td className="nowrap-md">{time.dateTime(s.event.occurredAt)}</td>
              <th scope="row">
                <Link to={reportPaths.sample(s.id)}>{t(`logReview.kind.${s.kind}`)}</Link>
              </th>
              <td>{actorLabel(s, t as (k: string) => string)}</td>
              <td>
                <code>{s.event.action}</code> ·{' '}
                {t(`logReview.eventOutcome.${s.event.outcome as 'permitted' | 'denied' | 'not_found' | 'failed'}`)}
              </td>
              <td>
                {s.outcome ? (
                  <span className="status status-decided">{t(`logReview.outcome.${s.outcome}`)}</span>
                ) : (
                  <span className="status status-open">{t('logReview.status.open')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DrawForm({ onDrawn }: { onDrawn: () => void }) {
  const { t } = useTranslation();
  const today = swedishToday();
  const [from, setFrom] = useState(addDays(today, -30));
  const [to, setTo] = useState(today);
  const [kinds, setKinds] = useState<SampleKind[]>([...SAMPLE_KINDS]);
  const { errors, setErrors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const [result, setResult] = useState<number | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setResult(null);
    const problems: Errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) problems.from = t('logReview.draw.fromInvalid');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || to < from) problems.to = t('logReview.draw.toInvalid');
    if (kinds.length === 0) problems.kinds = t('logReview.draw.kindsRequired');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setErrors({});
    setBusy(true);
    try {
      const r = await logReviewApi.draw({ from, to, kinds });
      setResult(r.total);
      onDrawn();
    } catch (caught) {
      setFailure(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel" aria-labelledby={`${D}-heading`}>
      <h2 id={`${D}-heading`}>{t('logReview.draw.heading')}</h2>
      <ErrorSummary
        ref={summary}
        errors={Object.entries(errors)}
        fieldId={(f) => (f === 'kinds' ? `${D}-kind-${SAMPLE_KINDS[0]}` : `${D}-${f}`)}
      />
      {failure ? <ErrorMessage error={failure} /> : null}
      {result !== null ? (
        <p className="notice notice-success" role="status">
          {t('logReview.draw.result', { count: result })}
        </p>
      ) : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack">
        <div className="filter-row">
          {(['from', 'to'] as const).map((f) => (
            <div key={f} className={`field${errors[f] ? ' field-invalid' : ''}`}>
              <label htmlFor={`${D}-${f}`}>{t(`logReview.draw.${f}`)}</label>
              <FieldError id={`${D}-${f}-error`} message={errors[f]} />
              <input
                id={`${D}-${f}`}
                type="date"
                value={f === 'from' ? from : to}
                onChange={(e) => (f === 'from' ? setFrom(e.target.value) : setTo(e.target.value))}
                aria-describedby={describedBy(errors[f] && `${D}-${f}-error`)}
                aria-invalid={errors[f] ? true : undefined}
              />
            </div>
          ))}
        </div>
        <fieldset className={`fieldset${errors.kinds ? ' field-invalid' : ''}`}>
          <legend>{t('logReview.draw.kinds')}</legend>
          <FieldError id={`${D}-kinds-error`} message={errors.kinds} />
          <ul className="checkbox-grid">
            {SAMPLE_KINDS.map((k) => (
              <li key={k} className="checkbox">
                <input
                  id={`${D}-kind-${k}`}
                  type="checkbox"
                  checked={kinds.includes(k)}
                  onChange={(e) =>
                    setKinds(
                      e.target.checked
                        ? SAMPLE_KINDS.filter((x) => x === k || kinds.includes(x))
                        : kinds.filter((x) => x !== k),
                    )
                  }
                />
                <label htmlFor={`${D}-kind-${k}`}>{t(`logReview.kind.${k}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <p className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('logReview.draw.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
