/** One log-review sample: the access, why it was picked, what happened around it, and the outcome form. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading } from '../router.js';
import { logReviewApi, OUTCOMES, type LogReviewSampleDetail, type SampleOutcome } from '../reports/api.js';
import { reportPaths } from '../reports/paths.js';
import { actorLabel } from './LogReviewPage.js';
import '../reports/reports.css';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
} from '../components/form/index.js';
import { useTimestamp } from '../components/time.js';

export function SamplePage({ sampleId }: { sampleId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('logReview.sample.title'));
  const sample = useLoad(`logreview:sample:${sampleId}`, () => logReviewApi.get(sampleId));
  // Survives the reload after saving, which re-renders the whole view.
  const [justSaved, setJustSaved] = useState(false);
  if (sample.status === 'error' && sample.error.isNotFound) return <NotFoundPage />;
  return (
    <article aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={reportPaths.logReview}>{t('logReview.back')}</Link>
      </p>
      <PageHeading>{t('logReview.sample.title')}</PageHeading>
      <LoadStatus load={sample} />
      {sample.status === 'ok' ? (
        <SampleView
          s={sample.data}
          justSaved={justSaved}
          onSaved={() => {
            setJustSaved(true);
            sample.reload();
          }}
        />
      ) : null}
    </article>
  );
}

function reasonText(s: LogReviewSampleDetail, t: (k: string, o?: Record<string, unknown>) => string): string {
  const r = s.reason;
  switch (s.kind) {
    case 'many_children':
      return t('logReview.reason.many_children', { children: r.children, minutes: r.windowMinutes });
    case 'out_of_hours':
      return t('logReview.reason.out_of_hours', { time: r.localTime });
    case 'after_membership_ended':
      return t('logReview.reason.after_membership_ended', { date: r.endedOn });
    default:
      return t(`logReview.reason.${s.kind}`);
  }
}

function SampleView({ s, onSaved, justSaved }: { s: LogReviewSampleDetail; onSaved: () => void; justSaved: boolean }) {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
  const time = useTimestamp();
  return (
    <>
      <p className="lead">
        <strong>{t(`logReview.kind.${s.kind}`)}</strong>: {reasonText(s, tt)}
      </p>
      <dl className="facts report-facts">
        <div>
          <dt>{t('logReview.when')}</dt>
          <dd>{time.dateTime(s.event.occurredAt)}</dd>
        </div>
        <div>
          <dt>{t('logReview.who')}</dt>
          <dd>{actorLabel(s, tt)}</dd>
        </div>
        <div>
          <dt>{t('logReview.what')}</dt>
          <dd>
            <code>{s.event.action}</code> ·{' '}
            {t(`logReview.eventOutcome.${s.event.outcome as 'permitted' | 'denied' | 'not_found' | 'failed'}`)}
          </dd>
        </div>
        <div>
          <dt>{t('logReview.child')}</dt>
          <dd>
            {s.child ? `${s.child.name}${s.child.protectedIdentity ? ` (${t('logReview.protected')})` : ''}` : '–'}
          </dd>
        </div>
      </dl>
      <section className="panel" aria-labelledby="context-heading">
        <h2 id="context-heading">{t('logReview.sample.context')}</h2>
        {s.context.length === 0 ? (
          <p>{t('logReview.sample.noContext')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="context-caption" tabIndex={0}>
            <table className="data-table">
              <caption id="context-caption" className="visually-hidden">
                {t('logReview.sample.contextCaption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('logReview.when')}</th>
                  <th scope="col">{t('logReview.what')}</th>
                  <th scope="col">{t('logReview.sample.childId')}</th>
                </tr>
              </thead>
              <tbody>
                {s.context.map((e) => (
                  <tr key={e.seq} className={e.seq === s.event.seq ? 'row-highlight' : undefined}>
                    <td className="nowrap-md">{time.dateTime(e.occurredAt)}</td>
                    <td>
                      <code>{e.action}</code> ·{' '}
                      {t(`logReview.eventOutcome.${e.outcome as 'permitted' | 'denied' | 'not_found' | 'failed'}`)}
                      {e.seq === s.event.seq ? (
                        <span className="visually-hidden"> ({t('logReview.sample.thisOne')})</span>
                      ) : null}
                    </td>
                    <td>
                      <code>{e.childId ? e.childId.slice(0, 8) : '–'}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <OutcomeForm s={s} onSaved={onSaved} justSaved={justSaved} />
    </>
  );
}

const O = 'outcome';

function OutcomeForm({ s, onSaved, justSaved }: { s: LogReviewSampleDetail; onSaved: () => void; justSaved: boolean }) {
  const { t } = useTranslation();
  const time = useTimestamp();
  const [outcome, setOutcome] = useState<SampleOutcome | ''>(s.outcome ?? '');
  const [note, setNote] = useState(s.outcomeNote ?? '');
  const { errors, setErrors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const [saved, setSaved] = useState(justSaved);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setSaved(false);
    const problems: Errors = {};
    if (!outcome) problems.outcome = t('logReview.outcomeForm.outcomeRequired');
    else if (outcome !== 'ok' && !note.trim()) problems.note = t('logReview.outcomeForm.noteRequired');
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setErrors({});
    setBusy(true);
    try {
      await logReviewApi.outcome(s.id, s.version, {
        outcome: outcome as SampleOutcome,
        note: note.trim() ? note : null,
      });
      setSaved(true);
      onSaved();
    } catch (caught) {
      setBusy(false);
      setFailure(asApiError(caught));
    }
  }
  return (
    <section className="panel" aria-labelledby={`${O}-heading`}>
      <h2 id={`${O}-heading`}>{t('logReview.outcomeForm.heading')}</h2>
      {s.outcome && s.outcomeAt ? (
        <p>
          {t('logReview.outcomeForm.current', {
            outcome: t(`logReview.outcome.${s.outcome}`),
            when: time.dateTime(s.outcomeAt),
            who: s.outcomeBy?.name ?? '',
          })}
        </p>
      ) : null}
      {saved ? (
        <p className="notice notice-success" role="status">
          {t('logReview.outcomeForm.saved')}
        </p>
      ) : null}
      <ErrorSummary
        ref={summary}
        errors={Object.entries(errors)}
        fieldId={(f) => (f === 'outcome' ? `${O}-ok` : `${O}-note`)}
      />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack">
        <fieldset className={`fieldset${errors.outcome ? ' field-invalid' : ''}`}>
          <legend>{t('logReview.outcomeForm.outcome')}</legend>
          <FieldError id={`${O}-outcome-error`} message={errors.outcome} />
          <ul className="radio-list">
            {OUTCOMES.map((o) => (
              <li key={o} className="radio">
                <input
                  id={`${O}-${o}`}
                  type="radio"
                  name="outcome"
                  value={o}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                />
                <label htmlFor={`${O}-${o}`}>{t(`logReview.outcome.${o}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className={`field field-wide${errors.note ? ' field-invalid' : ''}`}>
          <label htmlFor={`${O}-note`}>{t('logReview.outcomeForm.note')}</label>
          <p id={`${O}-note-help`} className="help">
            {t('logReview.outcomeForm.noteHelp')}
          </p>
          <FieldError id={`${O}-note-error`} message={errors.note} />
          <textarea
            id={`${O}-note`}
            rows={4}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby={describedBy(`${O}-note-help`, errors.note && `${O}-note-error`)}
            aria-invalid={errors.note ? true : undefined}
          />
        </div>
        <p className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('logReview.outcomeForm.save')}
          </button>
        </p>
      </form>
    </section>
  );
}
