/** The review form's values, checks and what the API takes: an outcome for every open action. */
import type { TFunction } from 'i18next';
import { type ApiError, errorField } from '../../api.js';
import { type Errors, orNull } from '../../components/form/index.js';
import { isIsoDate } from '../context.js';
import { type MeetingList, OUTCOMES, type ReviewBody, type ReviewOutcomeCode } from '../meetings-api.js';
import { namedActions, type Plan } from '../plan-api.js';

export type Action = Plan['actions'][number];

export interface OutcomeValues {
  outcome: string;
  comment: string;
  newWhat: string;
  newDueDate: string;
}
export interface ReviewValues {
  reviewedOn: string;
  meetingId: string;
  summary: string;
  nextReviewDate: string;
  outcomes: Record<string, OutcomeValues>;
}

/** The field (and error) key of one action's outcome field. */
export const outcomeKey = (id: string, field: string) => `outcome-${id}-${field}`;

export const outcomeOptions = (t: TFunction) =>
  OUTCOMES.map((o) => ({ value: o, label: t(`review.outcome.${o}`), help: t(`review.outcomeHelp.${o}`) }));

/** The actions a review gives an outcome. */
export const openActions = (plan: Plan) =>
  plan.actions.filter((a) => a.status === 'planned' || a.status === 'in_progress');

/** Reviewed today, in today's meeting if there is one; every open action as it stands. */
export function initialReview(open: Action[], meetings: MeetingList, today: string): ReviewValues {
  return {
    reviewedOn: today,
    meetingId: meetings.meetings.find((m) => m.date === today && m.status !== 'cancelled')?.id ?? '',
    summary: '',
    nextReviewDate: '',
    outcomes: Object.fromEntries(
      open.map((a) => [a.id, { outcome: '', comment: '', newWhat: a.what, newDueDate: a.dueDate ?? '' }]),
    ),
  };
}

export function validateReview(t: TFunction, v: ReviewValues, open: Action[], today: string): Errors {
  const e: Errors = {};
  if (!isIsoDate(v.reviewedOn)) e.reviewedOn = t('plan.form.invalidDate');
  else if (v.reviewedOn > today) e.reviewedOn = t('review.form.reviewedOnFuture');
  if (v.nextReviewDate && !isIsoDate(v.nextReviewDate)) e.nextReviewDate = t('plan.form.invalidDate');
  else if (v.nextReviewDate && (v.nextReviewDate <= v.reviewedOn || v.nextReviewDate < today))
    e.nextReviewDate = t('review.form.nextAfter');
  for (const a of open) Object.assign(e, validateOutcome(t, a, v.outcomes[a.id]!, today));
  return e;
}

/** A change must change something (the what, or a due date not in the past); a service must be named. */
function validateOutcome(t: TFunction, a: Action, o: OutcomeValues, today: string): Errors {
  const e: Errors = {};
  if (!o.outcome) e[outcomeKey(a.id, 'outcome')] = t('review.form.outcomeRequired', { what: a.what });
  if (o.outcome === 'change') {
    const changed = (o.newWhat.trim() && o.newWhat.trim() !== a.what) || (o.newDueDate && o.newDueDate !== a.dueDate);
    if (!changed) e[outcomeKey(a.id, 'newDueDate')] = t('review.form.changeRequired', { what: a.what });
    else if (o.newDueDate && o.newDueDate !== a.dueDate && o.newDueDate < today)
      e[outcomeKey(a.id, 'newDueDate')] = t('plan.form.datePast');
  }
  if (o.outcome === 'bring_in_service' && !o.comment.trim())
    e[outcomeKey(a.id, 'comment')] = t('review.form.serviceRequired', { what: a.what });
  return e;
}

/** The review as the API takes it: a changed what or due date only when it differs. */
export function reviewBody(v: ReviewValues, open: Action[]): ReviewBody {
  return {
    reviewedOn: v.reviewedOn,
    meetingId: v.meetingId || null,
    summary: orNull(v.summary),
    nextReviewDate: v.nextReviewDate || null,
    outcomes: open.map((a) => {
      const o = v.outcomes[a.id]!;
      const change = o.outcome === 'change';
      return {
        actionId: a.id,
        outcome: o.outcome as ReviewOutcomeCode,
        comment: orNull(o.comment),
        ...(change && o.newWhat.trim() && o.newWhat.trim() !== a.what ? { newWhat: o.newWhat.trim() } : {}),
        ...(change && o.newDueDate && o.newDueDate !== a.dueDate ? { newDueDate: o.newDueDate } : {}),
      };
    }),
  };
}

export function reviewServerErrors(t: TFunction, err: ApiError, open: Action[]): Errors | null {
  if (namedActions(err).length > 0) return { reviewedOn: t('review.form.actionsChanged') };
  const field = errorField(err);
  if (!field) return null;
  if (field === 'reviewedOn') return { reviewedOn: t('review.form.reviewedOnFuture') };
  if (field === 'nextReviewDate') return { nextReviewDate: t('review.form.nextAfter') };
  const m = /^outcomes\.(\d+)\.(\w+)$/.exec(field);
  const a = m ? open[Number(m[1])] : undefined;
  if (a && m)
    return {
      [outcomeKey(a.id, m[2] === 'comment' ? 'comment' : m[2] === 'newDueDate' ? 'newDueDate' : 'outcome')]:
        err.body?.message ?? t('review.form.outcomeRequired', { what: a.what }),
    };
  return { reviewedOn: t('review.form.actionsChanged') };
}
