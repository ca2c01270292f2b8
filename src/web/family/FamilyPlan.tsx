import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n.js';
import type { PortalChildPage } from './api.js';

type Plan = NonNullable<PortalChildPage['plan']>;

/** The plan as the family reads it: why, the goals, what we do and who does it, who takes part, the next follow-up. */
export function FamilyPlan({ plan, self, childName }: { plan: Plan | null; self: boolean; childName: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  if (!plan)
    return (
      <section aria-labelledby="plan-heading" className="family-section">
        <h2 id="plan-heading">{t('family.planHeading')}</h2>
        <p>{t('family.noPlan')}</p>
      </section>
    );
  // What is still to do first; what is done folded away (a long plan stays readable on a phone).
  const open = plan.actions.filter((a) => a.status !== 'done');
  const done = plan.actions.filter((a) => a.status === 'done');
  return (
    <section aria-labelledby="plan-heading" className="family-section family-plan">
      <h2 id="plan-heading">{t('family.planHeading')}</h2>
      {plan.background ? <p className="family-lead">{plan.background}</p> : null}
      {plan.needs.length > 0 ? (
        <>
          <h3>{t('family.needsHeading')}</h3>
          <ul className="family-list">
            {plan.needs.map((n, i) => (
              <li key={i}>
                <strong>{t(`wheel.indicators.${n.indicator}.name`)}:</strong> {n.description}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.goals.length > 0 ? (
        <>
          <h3>{t('family.goalsHeading')}</h3>
          <ul className="family-list">
            {plan.goals.map((g, i) => (
              <li key={i}>
                {g.description}
                {g.targetDate ? (
                  <span className="muted"> {t('family.goalBy', { date: date(g.targetDate) })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.actions.length > 0 ? (
        <>
          <h3>{t('family.actionsHeading')}</h3>
          {open.length === 0 ? <p>{t('family.noOpenActions')}</p> : null}
          <ActionList actions={open} self={self} childName={childName} />
          {done.length > 0 ? (
            <details className="family-done">
              <summary>{t('family.doneActions', { count: done.length })}</summary>
              <ActionList actions={done} self={self} childName={childName} />
            </details>
          ) : null}
        </>
      ) : null}
      {plan.services.length > 0 ? (
        <>
          <h3>{t('family.servicesHeading')}</h3>
          <ul className="family-list">
            {plan.services.map((s, i) => (
              <li key={i}>
                <strong>{s.unitName}</strong>
                {s.contribution ? `: ${s.contribution}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.nextReviewDate ? <p>{t('family.nextReview', { date: date(plan.nextReviewDate) })}</p> : null}
    </section>
  );
}

function ActionList({ actions, self, childName }: { actions: Plan['actions']; self: boolean; childName: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  if (actions.length === 0) return null;
  return (
    <ul className="card-list family-actions">
      {actions.map((a, i) => (
        <li key={i} className="card">
          <p className="card-title">{a.what}</p>
          <p className="card-meta">
            {[
              a.who ? whoText(t as unknown as Parameters<typeof whoText>[0], a.who, self, childName) : null,
              a.dueDate ? t('family.actionBy', { date: date(a.dueDate) }) : null,
              t(`family.actionStatus.${a.status}`),
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </li>
      ))}
    </ul>
  );
}

function whoText(
  t: (key: string, options?: Record<string, unknown>) => string,
  who: NonNullable<Plan['actions'][number]['who']>,
  self: boolean,
  childName: string,
): string {
  if (who.kind === 'child') return self ? t('family.whoYou') : t('family.whoChild', { name: childName });
  if (who.kind === 'guardian') return t('family.whoGuardian', { name: who.name ?? '' });
  return t('family.whoProfessional', { name: who.name ?? '' });
}
