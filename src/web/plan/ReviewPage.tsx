/**
 * /barn/:id/plan/uppfoljning/ny — a review of the plan (Follow up / uppföljning): every open action
 * gets a coded outcome (done, continue, change, bring in another service) with an optional comment,
 * and the plan gets its next review date. Beside it, the wellbeing wheel compared with earlier
 * assessments per perspective — the wheel page's own chart and tables (src/web/wheel), never a total.
 */
import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import { perspectiveLabel } from '../../ui/wheel/labels.js';
import { RadarChart, SERIES_STYLES } from '../../ui/wheel/RadarChart.js';
import { wheelApi, type WheelComparison } from '../wheel/wheel-api.js';
import { SeriesComparison, SeriesTable } from '../wheel/WheelTables.js';
import { meetingApi, type MeetingList } from './meetings-api.js';
import { planApi, type PlanView } from './plan-api.js';
import { ReviewForm } from './review/ReviewForm.js';

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
