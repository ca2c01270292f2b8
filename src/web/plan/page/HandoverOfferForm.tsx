/** The form that offers a role to someone (or appoints them to a role nobody holds). */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type ApiError, errorField } from '../../api.js';
import { DateField, type Errors, ItemForm, RadioField, SelectField } from '../../components/form/index.js';
import { swedishToday } from '../../components/time.js';
import { isIsoDate, memberLabel } from '../context.js';
import { type HandoverCandidates, type HandoverRole, planApi } from '../plan-api.js';

/** Why someone cannot receive a role (details.reason of the server's 400). */
const REASONS = [
  'already_holder',
  'no_such_assignment',
  'inactive',
  'no_case_role',
  'not_on_team_or_service',
  'adult',
  'wrong_role',
  'not_childs_principal',
  'not_home_kaa',
];

interface OfferValues {
  role: string;
  toAssignmentId: string;
  respondBy: string;
}

function offerServerErrors(t: TFunction, err: ApiError): Errors | null {
  const field = errorField(err);
  if (field === 'toAssignmentId') {
    const reason = String(err.body?.details?.reason ?? 'other');
    return {
      toAssignmentId: t(`handover.reason.${(REASONS.includes(reason) ? reason : 'other') as 'other'}`),
    };
  }
  if (field === 'respondBy') return { respondBy: t('plan.form.datePast') };
  if (err.status === 409) return { toAssignmentId: t('handover.alreadyPending') };
  return null;
}

interface OfferChoices {
  roles: HandoverRole[];
  candidates: HandoverCandidates;
  myAssignmentId: string;
}

function OfferFields({
  roles,
  candidates,
  myAssignmentId,
  v,
  set,
  e,
}: OfferChoices & { v: OfferValues; set: (v: OfferValues) => void; e: Errors }) {
  const { t } = useTranslation();
  const receivers = candidates[v.role as HandoverRole] ?? [];
  return (
    <>
      <RadioField
        id="handover-offer-role"
        legend={t('handover.role')}
        value={v.role}
        options={roles.map((r) => ({
          value: r,
          label: t(`teamRole.${r}`),
          help: t(`handover.roleHelp.${r}`),
        }))}
        onChange={(role) => set({ ...v, role, toAssignmentId: '' })}
      />
      <SelectField
        id="handover-offer-toAssignmentId"
        label={t('handover.receiver')}
        help={t('handover.receiverHelp')}
        error={e.toAssignmentId}
        value={v.toAssignmentId}
        placeholder={t('plan.form.choose')}
        options={receivers.map((c) => ({
          value: c.assignmentId,
          label: `${memberLabel(t, c)}${c.assignmentId === myAssignmentId ? ` (${t('handover.me')})` : c.onTeam ? '' : ` (${t('handover.notOnTeam')})`}`,
        }))}
        onChange={(toAssignmentId) => set({ ...v, toAssignmentId })}
      />
      <DateField
        id="handover-offer-respondBy"
        label={t('handover.respondBy')}
        help={t('handover.respondByHelp')}
        error={e.respondBy}
        value={v.respondBy}
        onChange={(respondBy) => set({ ...v, respondBy })}
      />
    </>
  );
}

export function HandoverOfferForm({
  childId,
  onSaved,
  onCancel,
  ...choices
}: OfferChoices & {
  childId: string;
  /** With what to announce: the role is mine now, or the offer is sent. */
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const today = swedishToday();
  return (
    <ItemForm<OfferValues, { status: string; to: { name: string } }>
      prefix="handover-offer"
      heading={t('handover.formHeading')}
      intro={<p className="muted">{t('handover.formIntro')}</p>}
      initial={{ role: choices.roles[0] ?? 'coordinator', toAssignmentId: '', respondBy: '' }}
      validate={(v) => {
        const e: Errors = {};
        if (!v.toAssignmentId) e.toAssignmentId = t('handover.receiverRequired');
        if (v.respondBy && !isIsoDate(v.respondBy)) e.respondBy = t('plan.form.invalidDate');
        else if (v.respondBy && v.respondBy < today) e.respondBy = t('plan.form.datePast');
        return e;
      }}
      fields={(v, set, e) => <OfferFields {...choices} v={v} set={set} e={e} />}
      submitLabel={t('handover.submit')}
      save={(v) =>
        planApi.offer(childId, {
          role: v.role as HandoverRole,
          toAssignmentId: v.toAssignmentId,
          ...(v.respondBy ? { respondBy: v.respondBy } : {}),
        })
      }
      serverErrors={(err) => offerServerErrors(t, err)}
      onSaved={(r) =>
        onSaved(r.status === 'accepted' ? t('handover.youHoldIt') : t('handover.sent', { name: r.to.name }))
      }
      onCancel={onCancel}
    />
  );
}
