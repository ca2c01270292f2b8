/**
 * The plan page's "Nätverksmöten" (Meet) and "Uppföljning" (Follow up) sections: the plan's
 * meetings with a link to each, and the reviews recorded with the coded outcome of every action —
 * of the plan the page shows (the current one, or an earlier one, read only).
 */
import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, paths } from '../router.js';
import type { PlanContext } from './context.js';
import { meetingApi, type Review } from './meetings-api.js';
import { swedishToday } from '../components/time.js';

export function MeetingsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useLoad(`meetings:${ctx.childId}:${ctx.plan.id}:${ctx.plan.version}:${ctx.plan.actions.length}`, () =>
    meetingApi.list(ctx.childId, ctx.plan.id),
  );
  return (
    <section aria-labelledby="plan-meetings-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="plan-meetings-heading">{t('meetings.section.heading')}</h2>
        {ctx.editable ? (
          <Link id="plan-meeting-new" to={paths.meetingNew(ctx.childId)} className="button button-secondary no-print">
            {t('meetings.section.new')}
          </Link>
        ) : null}
      </div>
      <p className="muted">{t('meetings.section.intro')}</p>
      <LoadStatus load={list} />
      {list.status === 'ok' && list.data.meetings.length === 0 ? <p>{t('meetings.section.none')}</p> : null}
      {list.status === 'ok' && list.data.meetings.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="plan-meetings-caption" tabIndex={0}>
          <table className="data-table plan-table">
            <caption id="plan-meetings-caption">
              {t('meetings.section.caption', { count: list.data.meetings.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.section.columns.when')}</th>
                <th scope="col">{t('meetings.section.columns.purpose')}</th>
                <th scope="col">{t('meetings.section.columns.where')}</th>
                <th scope="col">{t('meetings.section.columns.status')}</th>
                <th scope="col">{t('meetings.section.columns.decisions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.meetings.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="nowrap-md">
                    {f.date(m.date)} {m.startTime}
                  </th>
                  <td>
                    <Link to={paths.meeting(ctx.childId, m.id)}>{m.purpose}</Link>
                  </td>
                  <td>{m.digital ? t('meetings.facts.digital') : m.place}</td>
                  <td>{t(`meetings.status.${m.status}`)}</td>
                  <td>{m.decisions.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function ReviewsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useLoad(`reviews:${ctx.childId}:${ctx.plan.id}:${ctx.plan.version}`, () =>
    meetingApi.reviews(ctx.childId, ctx.plan.id),
  );
  const next = ctx.plan.nextReviewDate;
  return (
    <section aria-labelledby="plan-reviews-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="plan-reviews-heading">{t('review.section.heading')}</h2>
        {ctx.editable ? (
          <Link id="plan-review-new" to={paths.reviewNew(ctx.childId)} className="button button-secondary no-print">
            {t('review.section.new')}
          </Link>
        ) : null}
      </div>
      <p>
        <span className="label-inline">{t('plan.overview.nextReview')}: </span>
        {next ? f.date(next) : <span className="muted">{t('plan.overview.noReview')}</span>}
        {next && next < swedishToday() && ctx.editable ? (
          <span className="block status status-overdue">{t('plan.overview.reviewOverdue')}</span>
        ) : null}
      </p>
      <LoadStatus load={list} />
      {list.status === 'ok' && list.data.reviews.length === 0 ? (
        <p className="muted">{t('review.section.none')}</p>
      ) : null}
      {list.status === 'ok' ? list.data.reviews.map((r, k) => <ReviewCard key={r.id} review={r} index={k} />) : null}
    </section>
  );
}

function ReviewCard({ review: r, index }: { review: Review; index: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const captionId = `plan-review-${index}-caption`;
  const change = (o: Review['outcomes'][number]) =>
    [
      o.whatAfter ? t('review.section.newWhat', { what: o.whatAfter }) : null,
      o.dueAfter ? t('review.section.newDue', { date: f.date(o.dueAfter) }) : null,
    ]
      .filter(Boolean)
      .join(' ');
  return (
    <div className="plan-card review-card">
      <h3 className="subheading">{t('review.section.cardHeading', { date: f.date(r.reviewedOn) })}</h3>
      <p className="muted small">
        {t('review.section.by', { name: r.createdBy.name })}
        {r.nextReviewDate ? ` · ${t('review.section.next', { date: f.date(r.nextReviewDate) })}` : ''}
      </p>
      {r.summary ? <p className="prewrap">{r.summary}</p> : null}
      {r.outcomes.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="data-table plan-table">
            <caption id={captionId}>{t('review.section.caption', { date: f.date(r.reviewedOn) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.section.columns.action')}</th>
                <th scope="col">{t('review.section.columns.outcome')}</th>
                <th scope="col">{t('review.section.columns.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {r.outcomes.map((o) => (
                <tr key={o.actionId}>
                  <th scope="row">{o.whatBefore ?? o.actionWhat}</th>
                  <td>{t(`review.outcome.${o.outcome}`)}</td>
                  <td className="prewrap">
                    {[o.outcome === 'change' ? change(o) : null, o.comment].filter(Boolean).join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
