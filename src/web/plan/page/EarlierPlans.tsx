/** The child's other plans: the list on the plan page, and one earlier plan read on its own page. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api.js';
import { asApiError } from '../../components/form/index.js';
import { ErrorMessage, Loading } from '../../components/Status.js';
import { useTimestamp } from '../../components/time.js';
import { useDocumentTitle } from '../../hooks.js';
import { useFormat } from '../../i18n.js';
import { NotFoundPage } from '../../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../../router.js';
import { ClosePlanSection } from '../ClosePlanSection.js';
import type { PlanContext } from '../context.js';
import { MeetingsSection, ReviewsSection } from '../MeetingsSection.js';
import { planApi, type Plan, type PlanSummary } from '../plan-api.js';
import { DisagreementsSection } from '../PlanVoices.js';
import { LevelSection } from './LevelSection.js';
import { Overview } from './Overview.js';
import { PlanItemSections } from './PlanItemSections.js';
import { useMyIds, usePlanData, UUID } from './usePlanData.js';

export function EarlierPlans({ childId, plans }: { childId: string; plans: PlanSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  if (plans.length === 0) return null;
  return (
    <section className="panel plan-section" aria-labelledby="plan-earlier-heading">
      <h2 id="plan-earlier-heading">{t('planClose.earlier.heading')}</h2>
      <ul className="plan-earlier-list">
        {plans.map((p) => (
          <li key={p.id}>
            <Link to={paths.earlierPlan(childId, p.id)}>
              {t('planClose.earlier.link', { date: f.date(time.day(p.createdAt)) })}
            </Link>{' '}
            <span>
              {t('planClose.earlier.level', { level: p.level })}
              {p.closedAt ? ` · ${t('planClose.earlier.closed', { date: f.date(time.day(p.closedAt)) })}` : ''}
              {p.closeReason ? ` (${t(`planClose.reason.${p.closeReason}`)})` : ''}
              {p.status === 'active' ? ` · ${t('planClose.earlier.active')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /barn/:id/plan/tidigare/:planId — one earlier plan, read only (its items, level and closing history). */
export function EarlierPlanPage({ childId, planId }: { childId: string; planId: string }) {
  return UUID.test(childId) && UUID.test(planId) ? (
    <LoadedEarlierPlanPage childId={childId} planId={planId} />
  ) : (
    <NotFoundPage />
  );
}

function LoadedEarlierPlanPage({ childId, planId }: { childId: string; planId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('planClose.earlier.pageTitle'));
  const { myAssignmentId } = useMyIds();
  const { child, view, error, refresh, reload } = usePlanData(childId);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  useEffect(() => {
    planApi.read(childId, planId).then(setPlan, (err: unknown) => setPlanError(asApiError(err)));
  }, [childId, planId]);
  if (error?.isNotFound || planError?.isNotFound) return <NotFoundPage />;
  const ctx: PlanContext | null =
    view && plan ? { childId, view, plan, refresh, myAssignmentId, editable: false } : null;
  return (
    <article aria-labelledby="page-heading" className="plan-page">
      <p className="breadcrumb no-print">
        <Link to={paths.plan(childId)}>{t('planClose.earlier.back')}</Link>
      </p>
      <PageHeading>
        {child
          ? t('planClose.earlier.heading2', { name: `${child.givenName} ${child.familyName}` })
          : t('planClose.earlier.pageTitle')}
      </PageHeading>
      {error || planError ? <ErrorMessage error={(error ?? planError)!} onRetry={reload} /> : null}
      {!ctx && !error && !planError ? <Loading /> : null}
      {ctx ? (
        <>
          <p className="notice">
            {plan?.status === 'active' ? t('planClose.earlier.isActive') : t('planClose.earlier.readOnly')}
          </p>
          <Overview ctx={ctx} child={child} />
          <PlanItemSections ctx={ctx} />
          <DisagreementsSection ctx={ctx} />
          <MeetingsSection ctx={ctx} />
          <ReviewsSection ctx={ctx} />
          <LevelSection ctx={ctx} />
          <ClosePlanSection ctx={ctx} historyOnly />
        </>
      ) : null}
    </article>
  );
}
