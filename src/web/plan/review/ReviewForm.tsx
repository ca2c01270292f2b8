/** The review form: when, in which meeting, an outcome for every open action, a summary and the next review date. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  DateField,
  type Errors,
  ItemForm,
  RadioField,
  SelectField,
  TextAreaField,
} from '../../components/form/index.js';
import { swedishToday } from '../../components/time.js';
import { useFormat } from '../../i18n.js';
import { navigate, paths } from '../../router.js';
import { type MeetingList, meetingApi, type ReviewResult, setPlanFlash } from '../meetings-api.js';
import type { Plan } from '../plan-api.js';
import {
  type Action,
  initialReview,
  type OutcomeValues,
  openActions,
  outcomeKey,
  outcomeOptions,
  type ReviewValues,
  reviewBody,
  reviewServerErrors,
  validateReview,
} from './review-form.js';

export function ReviewForm({ childId, plan, meetings }: { childId: string; plan: Plan; meetings: MeetingList }) {
  const { t } = useTranslation();
  const today = swedishToday();
  const open = openActions(plan);
  return (
    <ItemForm<ReviewValues, ReviewResult>
      prefix="review"
      heading={t('review.form.heading')}
      intro={
        <p className="muted">
          {open.length > 0 ? t('review.form.intro', { count: open.length }) : t('review.form.noOpen')}
        </p>
      }
      initial={initialReview(open, meetings, today)}
      version={plan.version}
      validate={(v) => validateReview(t, v, open, today)}
      fields={(v, set, e) => <ReviewFields t={t} open={open} meetings={meetings} v={v} set={set} e={e} />}
      submitLabel={t('review.form.submit')}
      save={(v, version) => meetingApi.review(childId, version ?? plan.version, reviewBody(v, open))}
      serverErrors={(err) => reviewServerErrors(t, err, open)}
      onSaved={() => {
        setPlanFlash(t('review.form.saved'));
        navigate(paths.plan(childId));
      }}
      onCancel={() => navigate(paths.plan(childId))}
    />
  );
}

function ReviewFields({
  t,
  open,
  meetings,
  v,
  set,
  e,
}: {
  t: TFunction;
  open: Action[];
  meetings: MeetingList;
  v: ReviewValues;
  set: (v: ReviewValues) => void;
  e: Errors;
}) {
  const f = useFormat();
  const setOutcome = (id: string, patch: Partial<OutcomeValues>) =>
    set({ ...v, outcomes: { ...v.outcomes, [id]: { ...v.outcomes[id]!, ...patch } } });
  return (
    <>
      <DateField
        id="review-reviewedOn"
        label={t('review.form.reviewedOn')}
        error={e.reviewedOn}
        value={v.reviewedOn}
        required
        onChange={(reviewedOn) => set({ ...v, reviewedOn })}
      />
      {meetings.meetings.length > 0 ? (
        <SelectField
          id="review-meetingId"
          label={t('review.form.meeting')}
          help={t('review.form.meetingHelp')}
          value={v.meetingId}
          placeholder={t('review.form.noMeeting')}
          options={meetings.meetings
            .filter((m) => m.status !== 'cancelled')
            .map((m) => ({ value: m.id, label: `${f.date(m.date)} ${m.startTime} – ${m.purpose}` }))}
          onChange={(meetingId) => set({ ...v, meetingId })}
        />
      ) : null}
      {open.map((a, i) => (
        <ActionOutcome
          key={a.id}
          t={t}
          action={a}
          n={i + 1}
          o={v.outcomes[a.id]!}
          e={e}
          onChange={(patch) => setOutcome(a.id, patch)}
        />
      ))}
      <TextAreaField
        id="review-summary"
        label={t('review.form.summary')}
        help={t('review.form.summaryHelp')}
        value={v.summary}
        rows={4}
        onChange={(summary) => set({ ...v, summary })}
      />
      <DateField
        id="review-nextReviewDate"
        label={t('review.form.nextReviewDate')}
        help={t('review.form.nextReviewHelp')}
        error={e.nextReviewDate}
        value={v.nextReviewDate}
        onChange={(nextReviewDate) => set({ ...v, nextReviewDate })}
      />
    </>
  );
}

/** One open action: who and when, its outcome, a changed what or due date, a comment (or which service). */
function ActionOutcome({
  t,
  action: a,
  n,
  o,
  e,
  onChange,
}: {
  t: TFunction;
  action: Action;
  n: number;
  o: OutcomeValues;
  e: Errors;
  onChange: (patch: Partial<OutcomeValues>) => void;
}) {
  const f = useFormat();
  const key = (field: string) => outcomeKey(a.id, field);
  const who = a.responsible
    ? a.responsible.kind === 'child'
      ? t('plan.actions.childOption')
      : a.responsible.name
    : null;
  return (
    <fieldset className="fieldset review-action">
      <legend>{t('review.form.actionLegend', { n, what: a.what })}</legend>
      <p className="muted small">
        {[
          who,
          a.dueDate ? t('review.form.due', { date: f.date(a.dueDate) }) : null,
          t(`plan.actions.status.${a.status}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <RadioField
        id={`review-${key('outcome')}`}
        legend={t('review.form.outcome')}
        error={e[key('outcome')]}
        value={o.outcome}
        options={outcomeOptions(t)}
        onChange={(outcome) => onChange({ outcome })}
      />
      {o.outcome === 'change' ? (
        <>
          <TextAreaField
            id={`review-${key('newWhat')}`}
            label={t('review.form.newWhat')}
            value={o.newWhat}
            onChange={(newWhat) => onChange({ newWhat })}
          />
          <DateField
            id={`review-${key('newDueDate')}`}
            label={t('review.form.newDueDate')}
            error={e[key('newDueDate')]}
            value={o.newDueDate}
            onChange={(newDueDate) => onChange({ newDueDate })}
          />
        </>
      ) : null}
      <TextAreaField
        id={`review-${key('comment')}`}
        label={o.outcome === 'bring_in_service' ? t('review.form.whichService') : t('review.form.comment')}
        error={e[key('comment')]}
        value={o.comment}
        rows={2}
        onChange={(comment) => onChange({ comment })}
      />
    </fieldset>
  );
}
