/** The coordinator and barnets bästa-ansvarig: who holds them, open offers, offering. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api.js';
import { useAnnouncer } from '../../components/announce.js';
import { asApiError } from '../../components/form/index.js';
import { ErrorMessage, Loading } from '../../components/Status.js';
import { useFormat } from '../../i18n.js';
import { memberLabel } from '../context.js';
import { type HandoverCandidates, type HandoverRole, planApi, type PlanView } from '../plan-api.js';
import { HandoverOfferForm } from './HandoverOfferForm.js';
import { focusLater } from './usePlanData.js';

/** Who may receive each role: asked for when the offer form opens (not with every plan read). */
function useHandoverCandidates(childId: string, open: boolean) {
  const [candidates, setCandidates] = useState<HandoverCandidates | null>(null);
  const [candidatesError, setCandidatesError] = useState<ApiError | null>(null);
  const loadCandidates = useCallback(() => {
    setCandidatesError(null);
    setCandidates(null);
    planApi.handoverCandidates(childId).then(setCandidates, (err: unknown) => setCandidatesError(asApiError(err)));
  }, [childId]);
  useEffect(() => {
    if (open) loadCandidates();
  }, [open, loadCandidates]);
  return { candidates, candidatesError, loadCandidates };
}

/** The roles I may offer now: one I hold, or one nobody holds when I am on the team; none already on offer. */
function offerableRoles(view: PlanView, myAssignmentId: string): HandoverRole[] {
  const onTeam = view.team.some((m) => m.assignmentId === myAssignmentId);
  const canOffer = (role: HandoverRole) => {
    const holder = role === 'coordinator' ? view.coordinator : view.bestInterestLead;
    return holder ? holder.assignmentId === myAssignmentId : onTeam;
  };
  return (['coordinator', 'best_interest_lead'] as const).filter(
    (r) => canOffer(r) && !view.handovers.some((h) => h.role === r),
  );
}

export function RolesSection({
  childId,
  view,
  refresh,
  myAssignmentId,
  myPersonId,
  editable,
}: {
  childId: string;
  view: PlanView;
  refresh: () => Promise<void>;
  myAssignmentId: string;
  myPersonId: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [status, announce] = useAnnouncer();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const { candidates, candidatesError, loadCandidates } = useHandoverCandidates(childId, open);
  const roles = offerableRoles(view, myAssignmentId);
  const close = () => {
    setOpen(false);
    focusLater('plan-roles-open');
  };

  async function withdraw(id: string) {
    setFailure(null);
    try {
      await planApi.withdraw(childId, id);
      await refresh();
      announce(t('handover.withdrawn'));
    } catch (err) {
      setFailure(asApiError(err));
    }
  }

  return (
    <section aria-labelledby="plan-roles-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="plan-roles-heading">{t('plan.roles.heading')}</h2>
        {editable && !open && roles.length > 0 ? (
          <button
            id="plan-roles-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {t('handover.offer')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('plan.roles.intro')}</p>
      {status}
      {failure ? <ErrorMessage error={failure} /> : null}
      <RoleHolders view={view} />
      <PendingHandovers
        view={view}
        mayWithdraw={(h) => editable && (h.offeredBy.personId === myPersonId || h.from?.personId === myPersonId)}
        onWithdraw={(id) => void withdraw(id)}
      />
      {open && candidatesError ? (
        <>
          <ErrorMessage error={candidatesError} onRetry={loadCandidates} />
          <button type="button" className="button button-secondary no-print" onClick={close}>
            {t('plan.form.cancel')}
          </button>
        </>
      ) : null}
      {open && !candidates && !candidatesError ? <Loading /> : null}
      {open && candidates ? (
        <HandoverOfferForm
          childId={childId}
          roles={roles}
          candidates={candidates}
          myAssignmentId={myAssignmentId}
          onSaved={(message) =>
            void refresh().then(() => {
              setOpen(false);
              announce(message);
            })
          }
          onCancel={close}
        />
      ) : null}
    </section>
  );
}

/** Who holds each role, and since when. */
function RoleHolders({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const holderText = (role: HandoverRole) => {
    const h = role === 'coordinator' ? view.coordinator : view.bestInterestLead;
    return h
      ? `${memberLabel(t, h)} (${t('plan.roles.since', { date: f.date(h.since) })})`
      : role === 'coordinator'
        ? t('plan.roles.noCoordinator')
        : t('plan.roles.noLead');
  };
  return (
    <dl className="facts">
      <div>
        <dt>{t('teamRole.coordinator')}</dt>
        <dd>{holderText('coordinator')}</dd>
      </div>
      <div>
        <dt>{t('teamRole.best_interest_lead')}</dt>
        <dd>{holderText('best_interest_lead')}</dd>
      </div>
    </dl>
  );
}

type Handover = PlanView['handovers'][number];

/** The offers not yet answered, each with "withdraw" for the one who offered or holds the role. */
function PendingHandovers({
  view,
  mayWithdraw,
  onWithdraw,
}: {
  view: PlanView;
  mayWithdraw: (h: Handover) => boolean;
  onWithdraw: (id: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (view.handovers.length === 0) return null;
  return (
    <>
      <h3 className="subheading">{t('handover.pendingHeading')}</h3>
      <ul className="plain-list handover-list">
        {view.handovers.map((h) => (
          <li key={h.id} className="plan-card">
            <p>
              {t('handover.pendingText', {
                role: t(`teamRole.${h.role}`),
                to: [h.to.name, h.to.title, h.to.unitName].filter(Boolean).join(', '),
                date: f.date(h.respondBy),
              })}
            </p>
            <p className="muted small">
              {h.from ? t('handover.holderStays', { name: h.from.name }) : t('handover.vacant')}
            </p>
            {mayWithdraw(h) ? (
              <button type="button" className="button-link no-print" onClick={() => onWithdraw(h.id)}>
                {t('handover.withdraw')}
                <span className="visually-hidden"> – {t(`teamRole.${h.role}`)}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
