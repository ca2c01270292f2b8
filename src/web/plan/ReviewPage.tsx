/**
 * /barn/:id/plan/uppfoljning/ny — a review of the plan (Follow up / uppföljning): every open action
 * gets a coded outcome (done, continue, change, bring in another service) with an optional comment,
 * and the plan gets its next review date. Beside it, the wellbeing wheel compared with earlier
 * assessments per perspective — the wheel page's own chart and tables (src/web/wheel), never a total.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { perspectiveLabel } from '../../ui/wheel/labels.js';
import { RadarChart, SERIES_STYLES } from '../../ui/wheel/RadarChart.js';
import { wheelApi, type WheelComparison } from '../wheel/wheel-api.js';
import { SeriesComparison, SeriesTable } from '../wheel/WheelTables.js';
import { isIsoDate } from './context.js';
import {
  meetingApi,
  OUTCOMES,
  setPlanFlash,
  type MeetingList,
  type ReviewOutcomeCode,
  type ReviewResult,
} from './meetings-api.js';
import { namedActions, planApi, type Plan, type PlanView } from './plan-api.js';
import { swedishToday } from '../components/time.js';
import { DateField, ItemForm, RadioField, SelectField, TextAreaField, type Errors } from '../components/form/index.js';
import { errorField } from '../api.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ReviewPage({ childId }: { childId: string }) {
  return UUID.test(childId) ? <LoadedReviewPage childId={childId} /> : <NotFoundPage />;
}

interface Loaded {
  view: PlanView;
  meetings: MeetingList;
  comparison: WheelComparison;
}

function LoadedReviewPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('review.page.title'));
  const state = useLoad<Loaded>(`review:${childId}`, async () => {
    const [view, meetings, comparison] = await Promise.all([
      planApi.view(childId),
      meetingApi.list(childId),
      wheelApi.comparison(childId),
    ]);
    return { view, meetings, comparison };
  });
  if (state.status === 'error' && state.error.isNotFound) return <NotFoundPage />;
  const plan = state.status === 'ok' ? state.data.view.plan : null;
  return (
    <article aria-labelledby="page-heading" className="plan-page review-page">
      <p className="breadcrumb">
        <Link to={paths.plan(childId)}>{t('meetings.page.back')}</Link>
      </p>
      <PageHeading>{t('review.page.title')}</PageHeading>
      <LoadStatus load={state} />
      {state.status === 'ok' && (!plan || plan.status !== 'active') ? (
        <p className="notice notice-warning">{t('meetings.page.noActivePlan')}</p>
      ) : null}
      {state.status === 'ok' && plan?.status === 'active' ? (
        <>
          <p className="lead">{t('review.page.intro')}</p>
          <ReviewForm childId={childId} plan={plan} meetings={state.data.meetings} />
          <WheelComparisonSection comparison={state.data.comparison} />
        </>
      ) : null}
    </article>
  );
}

interface OutcomeValues {
  outcome: string;
  comment: string;
  newWhat: string;
  newDueDate: string;
}
interface ReviewValues {
  reviewedOn: string;
  meetingId: string;
  summary: string;
  nextReviewDate: string;
  outcomes: Record<string, OutcomeValues>;
}

const outcomeOptions = (t: TFunction) =>
  OUTCOMES.map((o) => ({ value: o, label: t(`review.outcome.${o}`), help: t(`review.outcomeHelp.${o}`) }));

function ReviewForm({ childId, plan, meetings }: { childId: string; plan: Plan; meetings: MeetingList }) {
  const { t } = useTranslation();
  const f = useFormat();
  const today = swedishToday();
  const open = plan.actions.filter((a) => a.status === 'planned' || a.status === 'in_progress');
  const initial: ReviewValues = {
    reviewedOn: today,
    meetingId: meetings.meetings.find((m) => m.date === today && m.status !== 'cancelled')?.id ?? '',
    summary: '',
    nextReviewDate: '',
    outcomes: Object.fromEntries(
      open.map((a) => [a.id, { outcome: '', comment: '', newWhat: a.what, newDueDate: a.dueDate ?? '' }]),
    ),
  };
  const key = (id: string, field: string) => `outcome-${id}-${field}`;
  return (
    <ItemForm<ReviewValues, ReviewResult>
      prefix="review"
      heading={t('review.form.heading')}
      intro={
        <p className="muted">
          {open.length > 0 ? t('review.form.intro', { count: open.length }) : t('review.form.noOpen')}
        </p>
      }
      initial={initial}
      version={plan.version}
      validate={(v) => {
        const e: Errors = {};
        if (!isIsoDate(v.reviewedOn)) e.reviewedOn = t('plan.form.invalidDate');
        else if (v.reviewedOn > today) e.reviewedOn = t('review.form.reviewedOnFuture');
        if (v.nextReviewDate && !isIsoDate(v.nextReviewDate)) e.nextReviewDate = t('plan.form.invalidDate');
        else if (v.nextReviewDate && (v.nextReviewDate <= v.reviewedOn || v.nextReviewDate < today))
          e.nextReviewDate = t('review.form.nextAfter');
        for (const a of open) {
          const o = v.outcomes[a.id]!;
          if (!o.outcome) e[key(a.id, 'outcome')] = t('review.form.outcomeRequired', { what: a.what });
          if (o.outcome === 'change') {
            const changed =
              (o.newWhat.trim() && o.newWhat.trim() !== a.what) || (o.newDueDate && o.newDueDate !== a.dueDate);
            if (!changed) e[key(a.id, 'newDueDate')] = t('review.form.changeRequired', { what: a.what });
            else if (o.newDueDate && o.newDueDate !== a.dueDate && o.newDueDate < today)
              e[key(a.id, 'newDueDate')] = t('plan.form.datePast');
          }
          if (o.outcome === 'bring_in_service' && !o.comment.trim())
            e[key(a.id, 'comment')] = t('review.form.serviceRequired', { what: a.what });
        }
        return e;
      }}
      fields={(v, set, e) => {
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
            {open.map((a, i) => {
              const o = v.outcomes[a.id]!;
              return (
                <fieldset key={a.id} className="fieldset review-action">
                  <legend>{t('review.form.actionLegend', { n: i + 1, what: a.what })}</legend>
                  <p className="muted small">
                    {[
                      a.responsible
                        ? a.responsible.kind === 'child'
                          ? t('plan.actions.childOption')
                          : a.responsible.name
                        : null,
                      a.dueDate ? t('review.form.due', { date: f.date(a.dueDate) }) : null,
                      t(`plan.actions.status.${a.status}`),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                  <RadioField
                    id={`review-${key(a.id, 'outcome')}`}
                    legend={t('review.form.outcome')}
                    error={e[key(a.id, 'outcome')]}
                    value={o.outcome}
                    options={outcomeOptions(t)}
                    onChange={(outcome) => setOutcome(a.id, { outcome })}
                  />
                  {o.outcome === 'change' ? (
                    <>
                      <TextAreaField
                        id={`review-${key(a.id, 'newWhat')}`}
                        label={t('review.form.newWhat')}
                        value={o.newWhat}
                        onChange={(newWhat) => setOutcome(a.id, { newWhat })}
                      />
                      <DateField
                        id={`review-${key(a.id, 'newDueDate')}`}
                        label={t('review.form.newDueDate')}
                        error={e[key(a.id, 'newDueDate')]}
                        value={o.newDueDate}
                        onChange={(newDueDate) => setOutcome(a.id, { newDueDate })}
                      />
                    </>
                  ) : null}
                  <TextAreaField
                    id={`review-${key(a.id, 'comment')}`}
                    label={o.outcome === 'bring_in_service' ? t('review.form.whichService') : t('review.form.comment')}
                    error={e[key(a.id, 'comment')]}
                    value={o.comment}
                    rows={2}
                    onChange={(comment) => setOutcome(a.id, { comment })}
                  />
                </fieldset>
              );
            })}
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
      }}
      submitLabel={t('review.form.submit')}
      save={(v, version) =>
        meetingApi.review(childId, version ?? plan.version, {
          reviewedOn: v.reviewedOn,
          meetingId: v.meetingId || null,
          summary: v.summary.trim() || null,
          nextReviewDate: v.nextReviewDate || null,
          outcomes: open.map((a) => {
            const o = v.outcomes[a.id]!;
            const change = o.outcome === 'change';
            return {
              actionId: a.id,
              outcome: o.outcome as ReviewOutcomeCode,
              comment: o.comment.trim() || null,
              ...(change && o.newWhat.trim() && o.newWhat.trim() !== a.what ? { newWhat: o.newWhat.trim() } : {}),
              ...(change && o.newDueDate && o.newDueDate !== a.dueDate ? { newDueDate: o.newDueDate } : {}),
            };
          }),
        })
      }
      serverErrors={(err): Errors | null => {
        if (namedActions(err).length > 0) return { reviewedOn: t('review.form.actionsChanged') };
        const field = errorField(err);
        if (!field) return null;
        if (field === 'reviewedOn') return { reviewedOn: t('review.form.reviewedOnFuture') };
        if (field === 'nextReviewDate') return { nextReviewDate: t('review.form.nextAfter') };
        const m = /^outcomes\.(\d+)\.(\w+)$/.exec(field);
        const a = m ? open[Number(m[1])] : undefined;
        if (a && m)
          return {
            [key(a.id, m[2] === 'comment' ? 'comment' : m[2] === 'newDueDate' ? 'newDueDate' : 'outcome')]:
              err.body?.message ?? t('review.form.outcomeRequired', { what: a.what }),
          };
        return { reviewedOn: t('review.form.actionsChanged') };
      }}
      onSaved={() => {
        setPlanFlash(t('review.form.saved'));
        navigate(paths.plan(childId));
      }}
      onCancel={() => navigate(paths.plan(childId))}
    />
  );
}

/** The wheel over time per perspective: the wheel page's chart, table and change in words. */
function WheelComparisonSection({ comparison }: { comparison: WheelComparison }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="review-wheel-heading" className="panel plan-section">
      <h2 id="review-wheel-heading">{t('review.wheel.heading')}</h2>
      <p className="muted">{t('review.wheel.intro')}</p>
      {comparison.perspectives.length === 0 ? <p>{t('review.wheel.none')}</p> : null}
      {comparison.perspectives.map((s, k) => {
        const shown = s.points.slice(-SERIES_STYLES.length);
        const label = perspectiveLabel(t, s.perspective);
        return (
          <section key={s.key} aria-labelledby={`review-wheel-p${k}`} className="wheel-perspective">
            <h3 id={`review-wheel-p${k}`} className="perspective-heading">
              {label}
            </h3>
            <figure className="wheel-figure">
              <RadarChart
                id={`review-wheel-chart-${k}`}
                title={t('wheel.chart.title', { subject: label })}
                series={shown.map((p) => ({ key: p.assessmentId, label: f.date(p.assessedOn), ratings: p.ratings }))}
                hiddenCount={s.points.length - shown.length}
                latestSolid
              />
            </figure>
            <SeriesTable id={`review-wheel-table-${k}`} series={s} />
            <SeriesComparison series={s} />
          </section>
        );
      })}
    </section>
  );
}
