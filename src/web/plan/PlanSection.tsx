import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { SupportLevel } from '../components/SupportLevel.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, paths } from '../router.js';
import { planApi } from './plan-api.js';

/** "Barnets plan" on the child overview: level, coordinator, next review and a link — or "Skapa plan". */
export function PlanSection({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const view = useLoad(`plan-summary:${childId}`, () => planApi.view(childId));
  const plan = view.status === 'ok' ? view.data.plan : null;
  const overdue = plan ? plan.actions.filter((a) => a.overdue).length : 0;
  return (
    <section aria-labelledby="plan-summary-heading" className="panel plan-summary">
      <h2 id="plan-summary-heading">{t('plan.summary.heading')}</h2>
      <LoadStatus load={view} />
      {view.status === 'ok' ? (
        plan ? (
          <>
            <dl className="facts">
              <div>
                <dt>{t('plan.overview.level')}</dt>
                <dd>
                  <SupportLevel level={plan.level} />
                </dd>
              </div>
              <div>
                <dt>{t('plan.overview.coordinator')}</dt>
                <dd>{view.data.coordinator?.name ?? <span className="muted">{t('plan.roles.noCoordinator')}</span>}</dd>
              </div>
              <div>
                <dt>{t('plan.overview.nextReview')}</dt>
                <dd>
                  {plan.nextReviewDate ? (
                    f.date(plan.nextReviewDate)
                  ) : (
                    <span className="muted">{t('plan.overview.noReview')}</span>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('plan.summary.actions')}</dt>
                <dd>
                  {t('plan.summary.actionCount', { count: plan.actions.length })}
                  {overdue > 0 ? (
                    <span className="block status status-overdue">{t('plan.summary.overdue', { count: overdue })}</span>
                  ) : null}
                </dd>
              </div>
            </dl>
            {plan.status === 'closed' ? <p className="muted">{t('plan.overview.closed')}</p> : null}
            <p className="action-row">
              <Link to={paths.plan(childId)}>{t('plan.summary.open')}</Link>
            </p>
          </>
        ) : (
          <>
            <p>{t('plan.summary.none')}</p>
            <p className="action-row">
              <Link to={paths.plan(childId)} className="button button-secondary">
                {t('plan.summary.create')}
              </Link>
            </p>
          </>
        )
      ) : null}
    </section>
  );
}
