import { useTranslation } from 'react-i18next';
import { roleTitle } from '../../../ui/labels.js';
import { useFormat } from '../../i18n.js';
import type { PlanView } from '../plan-api.js';

/** A proposal when barnets bästa-ansvarig does not fit the child's age and schooling (or will not soon). */
export function LeadProposal({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = view.bestInterestLeadProposal;
  if (!p.proposeChange) return null;
  const role = (r: string | null) => (r ? t(`role.${r as 'principal'}`) : t('plan.proposal.none'));
  return (
    <div className="notice notice-warning plan-proposal no-print" role="note" aria-labelledby="plan-proposal-heading">
      <p id="plan-proposal-heading" className="notice-heading">
        {t('plan.proposal.heading')}
      </p>
      <p>{t(`plan.proposal.stage.${p.stage}`, { role: role(p.role) })}</p>
      {view.bestInterestLead ? (
        <p>
          {t('plan.proposal.current', { name: view.bestInterestLead.name, role: roleTitle(t, view.bestInterestLead) })}
        </p>
      ) : (
        <p>{t('plan.proposal.nobody')}</p>
      )}
      {p.transition ? (
        <p>{t('plan.proposal.transition', { date: f.date(p.transition.on), role: role(p.transition.role) })}</p>
      ) : null}
      <p>{t('plan.proposal.how')}</p>
    </div>
  );
}
