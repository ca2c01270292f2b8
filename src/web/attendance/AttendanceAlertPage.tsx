/**
 * One attendance alert, for a person to review: the attendance facts and the thresholds reached,
 * then a choice — dismiss it with a reason, or raise a concern prefilled with the facts (the
 * concern form the user knows, edited before it is saved). Nothing happens without that choice.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, ApiError, fieldErrors, theirVersion } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import {
  ConcernFields,
  concernFieldId,
  emptyValues,
  serverFieldMessage,
  toNewConcern,
  validateConcern,
  type ConcernFormValues,
} from '../concerns/ConcernForm.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { attendanceApi, type AttendanceAlert } from './api.js';
import { swedishToday, useTimestamp } from '../components/time.js';
import { setFlash } from '../components/flash.js';
import { describedBy, ErrorSummary, FieldError, useFormState, asApiError } from '../components/form/index.js';
import { Fact } from '../components/Fact.js';
import { useVersionedResource } from '../components/useVersionedResource.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const R = 'review';

export function AttendanceAlertPage({ childId, alertId }: { childId: string; alertId: string }) {
  return UUID.test(childId) && UUID.test(alertId) ? (
    <LoadedAlert childId={childId} alertId={alertId} />
  ) : (
    <NotFoundPage />
  );
}

const pct = (n: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);

/** The observation a concern raised from the alert starts with, in the user's language. */
export function factsText(t: TFunction, a: AttendanceAlert, date: (iso: string) => string, locale: string): string {
  return t('attendance.alert.prefill', {
    unit: a.unit?.name ?? t('privacy.protectedHeading'),
    from: date(a.periodStart),
    to: date(a.periodEnd),
    total: pct(a.totalAbsencePct, locale),
    invalid: pct(a.invalidAbsencePct, locale),
    scheduled: a.scheduled,
    measure: t(`attendance.measure.${a.measure}`).toLowerCase(),
  });
}

function LoadedAlert({ childId, alertId }: { childId: string; alertId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('attendance.alert.pageTitle'));
  const child = useLoad(`child:${childId}`, () => api.child(childId));
  const r = useVersionedResource(`alert:${childId}:${alertId}`, () => attendanceApi.alert(childId, alertId), {
    box: false,
  });
  const { loaded } = r;
  const f = useFormat();
  const time = useTimestamp();
  const a = r.current;
  if ((loaded.status === 'error' && loaded.error.isNotFound) || (child.status === 'error' && child.error.isNotFound))
    return <NotFoundPage />;

  return (
    <article aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={paths.todo}>{t('attendance.alert.backToTodo')}</Link>
      </p>
      <PageHeading>{t('attendance.alert.title')}</PageHeading>
      {child.status === 'ok' ? (
        <p className="lead">
          {t('concern.form.child', { name: `${child.data.givenName} ${child.data.familyName}` })} ·{' '}
          <Link to={paths.child(childId)}>{t('attendance.alert.toChild')}</Link>
        </p>
      ) : null}
      <LoadStatus load={loaded} />
      {r.status}
      {a ? (
        <>
          <p>{t('attendance.alert.intro')}</p>
          <dl className="facts">
            <Fact term={t('attendance.alert.unit')}>{a.unit?.name ?? t('privacy.protectedHeading')}</Fact>
            <Fact term={t('attendance.alert.period')}>
              {t('common.dateRange', { from: f.date(a.periodStart), to: f.date(a.periodEnd) })}
            </Fact>
            <Fact term={t('attendance.alert.scheduled')}>
              {a.scheduled} {t(`attendance.measure.${a.measure}`).toLowerCase()}
            </Fact>
            <Fact term={t('attendance.alert.total')}>
              {pct(a.totalAbsencePct, f.locale)} % ({a.validAbsence + a.invalidAbsence})
              {a.triggered.includes('total') ? (
                <span className="status status-overdue">
                  {t('attendance.alert.reached', { threshold: pct(a.thresholds.totalAbsencePct, f.locale) })}
                </span>
              ) : null}
            </Fact>
            <Fact term={t('attendance.alert.invalid')}>
              {pct(a.invalidAbsencePct, f.locale)} % ({a.invalidAbsence})
              {a.triggered.includes('invalid') ? (
                <span className="status status-overdue">
                  {t('attendance.alert.reached', { threshold: pct(a.thresholds.invalidAbsencePct, f.locale) })}
                </span>
              ) : null}
            </Fact>
            <Fact term={t('attendance.alert.reviewDue')}>
              {f.date(a.reviewDue)}
              {a.overdue ? <span className="status status-overdue">{t('attendance.alert.overdue')}</span> : null}
            </Fact>
          </dl>
          <section className="panel" aria-labelledby="review-heading">
            <h2 id="review-heading">{t('attendance.alert.reviewHeading')}</h2>
            {a.review ? (
              <dl className="facts facts-stacked">
                <Fact term={t('attendance.alert.outcome')}>{t(`attendance.alert.status.${a.status}`)}</Fact>
                {a.review.dismissReason ? (
                  <Fact term={t('attendance.alert.reason')}>
                    <span className="prewrap">{a.review.dismissReason}</span>
                  </Fact>
                ) : null}
                {a.review.concernId ? (
                  <Fact term={t('attendance.alert.concern')}>
                    <Link to={paths.concern(childId, a.review.concernId)}>{t('attendance.alert.openConcern')}</Link>
                  </Fact>
                ) : null}
                <Fact term={t('attendance.alert.reviewedBy')}>
                  {[a.review.reviewedBy.name, a.review.reviewedBy.title].filter(Boolean).join(', ')},{' '}
                  {time.dateTime(a.review.reviewedAt)}
                </Fact>
              </dl>
            ) : (
              <ReviewForm
                key={a.version}
                alert={a}
                childId={childId}
                onDismissed={(updated) => {
                  r.replace(updated);
                  r.announce(t('attendance.alert.dismissed'));
                }}
                onTheirs={(theirs) => {
                  r.replace(theirs);
                  r.announce(t('attendance.alert.conflict'));
                }}
              />
            )}
          </section>
        </>
      ) : null}
    </article>
  );
}

function ReviewForm({
  alert,
  childId,
  onDismissed,
  onTheirs,
}: {
  alert: AttendanceAlert;
  childId: string;
  onDismissed: (a: AttendanceAlert) => void;
  onTheirs: (a: AttendanceAlert) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [choice, setChoice] = useState<Choice>('');
  const [reason, setReason] = useState('');
  const [concern, setConcern] = useState<ConcernFormValues>(() => ({
    ...emptyValues(),
    observation: factsText(t, alert, f.date, f.locale),
    indicators: ['achieving'],
  }));
  const { errors, setErrors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const fieldId = (x: string) =>
    x === 'choice' ? `${R}-choice-dismiss` : x === 'reason' ? `${R}-reason` : concernFieldId(R, x);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    if (choice === '') return showErrors({ choice: t('attendance.alert.chooseRequired') });
    if (choice === 'dismiss' && !reason.trim()) return showErrors({ reason: t('attendance.alert.reasonRequired') });
    if (choice === 'concern') {
      const problems = validateConcern(t, concern, swedishToday(), { mode: 'new' });
      if (Object.keys(problems).length > 0) return showErrors(problems);
    }
    setErrors({});
    setBusy(true);
    try {
      const r = await attendanceApi.review(
        childId,
        alert.id,
        alert.version,
        choice === 'dismiss'
          ? { outcome: 'dismissed', reason }
          : { outcome: 'concern', concern: toNewConcern(concern) },
      );
      if (r.concern) {
        setFlash('concern.detail.saved');
        navigate(paths.concern(childId, r.concern.id));
        return;
      }
      onDismissed(r.alert);
    } catch (caught) {
      setBusy(false);
      const theirs = theirVersion<AttendanceAlert>(caught);
      if (theirs) return onTheirs(theirs);
      if (caught instanceof ApiError && caught.status === 409)
        return onTheirs(await attendanceApi.alert(childId, alert.id));
      const fields = fieldErrors(caught);
      if (Object.keys(fields).length > 0) return showErrors(reviewFieldErrors(t, Object.keys(fields)));
      setFailure(asApiError(caught));
    }
  }

  return (
    <>
      <p>{t('attendance.alert.reviewIntro')}</p>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <ChoiceFieldset choice={choice} onChange={setChoice} error={errors.choice} />
        {choice === 'dismiss' ? <ReasonField value={reason} onChange={setReason} error={errors.reason} /> : null}
        {choice === 'concern' ? (
          <>
            <p className="form-intro">{t('attendance.alert.concernIntro')}</p>
            <ConcernFields prefix={R} values={concern} onChange={setConcern} errors={errors} mode="new" />
          </>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy
              ? t('consultation.form.saving')
              : choice === 'concern'
                ? t('attendance.alert.submitConcern')
                : t('attendance.alert.submitDismiss')}
          </button>
        </div>
      </form>
    </>
  );
}

type Choice = 'dismiss' | 'concern' | '';

/** The server's field errors, placed on this form's fields (the concern's text is its observation). */
function reviewFieldErrors(t: TFunction, fields: string[]): Record<string, string> {
  return Object.fromEntries(
    fields.map((x) => [
      x === 'concern' ? 'observation' : x,
      x === 'reason' ? t('attendance.alert.reasonRequired') : serverFieldMessage(t, x),
    ]),
  );
}

function ChoiceFieldset({
  choice,
  onChange,
  error,
}: {
  choice: Choice;
  onChange: (c: Choice) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      className={`fieldset${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(error && `${R}-choice-error`)}
    >
      <legend>{t('attendance.alert.choose')}</legend>
      <FieldError id={`${R}-choice-error`} message={error} />
      <ul className="radio-list">
        {(['dismiss', 'concern'] as const).map((c) => (
          <li key={c} className="radio">
            <input
              id={`${R}-choice-${c}`}
              type="radio"
              name="review-choice"
              checked={choice === c}
              onChange={() => onChange(c)}
              aria-describedby={`${R}-choice-${c}-help`}
            />
            <label htmlFor={`${R}-choice-${c}`}>{t(`attendance.alert.choice.${c}`)}</label>
            <p id={`${R}-choice-${c}-help`} className="help">
              {t(`attendance.alert.choiceHelp.${c}`)}
            </p>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function ReasonField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field field-wide${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${R}-reason`}>{t('attendance.alert.reason')}</label>
      <p id={`${R}-reason-help`} className="help">
        {t('attendance.alert.reasonHelp')}
      </p>
      <FieldError id={`${R}-reason-error`} message={error} />
      <textarea
        id={`${R}-reason`}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(`${R}-reason-help`, error && `${R}-reason-error`)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
