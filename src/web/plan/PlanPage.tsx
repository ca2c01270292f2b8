/**
 * /barn/:id/plan — "Barnets plan" (Collaborate / samarbeta): the plan's facts, the child's own
 * voice, the guardians' views, services taking part with their contact persons, needs per wellbeing
 * indicator, goals, actions (overdue said in words), disagreements, the level with its history and
 * a change form that needs a reason, and the coordinator and barnets bästa-ansvarig roles with the
 * two-step handover. Every change is versioned (412 → re-apply on top of theirs). Prints well.
 * The sections live in ./page/.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnouncer } from '../components/announce.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle } from '../hooks.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import { ClosePlanSection } from './ClosePlanSection.js';
import type { PlanContext } from './context.js';
import { MeetingsSection, ReviewsSection } from './MeetingsSection.js';
import { takePlanFlash } from './meetings-api.js';
import { CreatePlanForm, NoPlan } from './page/CreatePlanForm.js';
import { EarlierPlans } from './page/EarlierPlans.js';
import { LeadProposal } from './page/LeadProposal.js';
import { LevelSection } from './page/LevelSection.js';
import { Overview } from './page/Overview.js';
import { PlanItemSections } from './page/PlanItemSections.js';
import { RolesSection } from './page/RolesSection.js';
import { useMyIds, usePlanData, UUID } from './page/usePlanData.js';
import { DisagreementsSection } from './PlanVoices.js';

export { EarlierPlanPage } from './page/EarlierPlans.js';

export function PlanPage({ childId }: { childId: string }) {
  return UUID.test(childId) ? <LoadedPlanPage childId={childId} /> : <NotFoundPage />;
}

function LoadedPlanPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('plan.pageTitle'));
  const { myAssignmentId, myPersonId } = useMyIds();
  const { child, view, error, refresh, reload } = usePlanData(childId);
  const [status, announce] = useAnnouncer();
  // "The review is recorded" and the like, after a form on another page brought the user back here.
  const [flash] = useState(() => takePlanFlash());
  if (error?.isNotFound) return <NotFoundPage />;
  const plan = view?.plan ?? null;
  const ctx: PlanContext | null =
    view && plan ? { childId, view, plan, refresh, myAssignmentId, editable: plan.status === 'active' } : null;

  return (
    <article aria-labelledby="page-heading" className="plan-page">
      <p className="breadcrumb no-print">
        <Link to={paths.child(childId)}>{t('plan.back')}</Link>
      </p>
      <PageHeading>
        {child ? t('plan.heading', { name: `${child.givenName} ${child.familyName}` }) : t('plan.pageTitle')}
      </PageHeading>
      {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {!view && !error ? <Loading /> : null}
      {flash ? (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      ) : null}
      {status}
      {view && !plan ? (
        <NoPlan
          childId={childId}
          view={view}
          refresh={refresh}
          announce={announce}
          myAssignmentId={myAssignmentId}
          myPersonId={myPersonId}
        />
      ) : null}
      {ctx ? (
        <>
          <Overview ctx={ctx} child={child} />
          <LeadProposal view={ctx.view} />
          <PlanItemSections ctx={ctx} />
          <MeetingsSection ctx={ctx} />
          <ReviewsSection ctx={ctx} />
          <DisagreementsSection ctx={ctx} />
          <LevelSection ctx={ctx} />
          <RolesSection
            childId={childId}
            view={ctx.view}
            refresh={refresh}
            myAssignmentId={myAssignmentId}
            myPersonId={myPersonId}
            editable={ctx.editable}
          />
          <ClosePlanSection
            ctx={ctx}
            newPlanForm={(onCancel) => (
              <CreatePlanForm
                childId={childId}
                view={ctx.view}
                refresh={refresh}
                announce={announce}
                onCancel={onCancel}
              />
            )}
          />
        </>
      ) : null}
      {view ? <EarlierPlans childId={childId} plans={view.earlierPlans ?? []} /> : null}
    </article>
  );
}
