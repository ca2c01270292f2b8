/** The form that changes the plan's own fields: background, next review and whether it serves as a SIP. */
import { useTranslation } from 'react-i18next';
import { errorField } from '../../api.js';
import { CheckboxField, DateField, type Errors, ItemForm, orNull, TextAreaField } from '../../components/form/index.js';
import { swedishToday } from '../../components/time.js';
import { isIsoDate, type PlanContext } from '../context.js';
import { type Plan, planApi, type PlanView } from '../plan-api.js';
import type { SipPart } from './Overview.js';

interface FieldsValues {
  background: string;
  nextReviewDate: string;
  isSip: boolean;
}

/** Only the fields that changed (or the background, so that saving is still a versioned change). */
function changedFields(plan: Plan, v: FieldsValues) {
  const body = {
    ...(orNull(v.background) !== plan.background ? { background: orNull(v.background) } : {}),
    ...((v.nextReviewDate || null) !== plan.nextReviewDate ? { nextReviewDate: v.nextReviewDate || null } : {}),
    ...(v.isSip !== plan.isSip ? { isSip: v.isSip } : {}),
  };
  return Object.keys(body).length > 0 ? body : { background: orNull(v.background) };
}

function OverviewFields({ v, set, e }: { v: FieldsValues; set: (v: FieldsValues) => void; e: Errors }) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField
        id="plan-fields-background"
        label={t('plan.overview.background')}
        help={t('plan.overview.backgroundHelp')}
        value={v.background}
        rows={4}
        onChange={(background) => set({ ...v, background })}
      />
      <DateField
        id="plan-fields-nextReviewDate"
        label={t('plan.overview.nextReview')}
        help={t('plan.overview.nextReviewHelp')}
        error={e.nextReviewDate}
        value={v.nextReviewDate}
        onChange={(nextReviewDate) => set({ ...v, nextReviewDate })}
      />
      {e.isSip ? (
        <p id="plan-fields-isSip-error" className="field-error">
          {e.isSip}
        </p>
      ) : null}
      <CheckboxField
        id="plan-fields-isSip"
        label={t('plan.overview.sipCheckbox')}
        help={t('plan.overview.sipHelp')}
        checked={v.isSip}
        onChange={(isSip) => set({ ...v, isSip })}
      />
    </>
  );
}

export function OverviewForm({
  ctx,
  missingSip,
  onSaved,
  onCancel,
}: {
  ctx: PlanContext;
  missingSip: SipPart[];
  /** After the plan is read again. */
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { plan } = ctx;
  const today = swedishToday();
  return (
    <ItemForm<FieldsValues, PlanView>
      prefix="plan-fields"
      heading={t('plan.overview.editHeading')}
      initial={{ background: plan.background ?? '', nextReviewDate: plan.nextReviewDate ?? '', isSip: plan.isSip }}
      version={plan.version}
      validate={(v) => {
        const e: Errors = {};
        if (v.nextReviewDate && !isIsoDate(v.nextReviewDate)) e.nextReviewDate = t('plan.form.invalidDate');
        else if (v.nextReviewDate && v.nextReviewDate < today && v.nextReviewDate !== plan.nextReviewDate)
          e.nextReviewDate = t('plan.form.datePast');
        if (v.isSip && !plan.isSip && missingSip.filter((k) => k !== 'followUp').length > 0)
          e.isSip = t('plan.overview.sipNotReady');
        return e;
      }}
      fields={(v, set, e) => <OverviewFields v={v} set={set} e={e} />}
      submitLabel={t('plan.form.saveChanges')}
      save={(v, version) => planApi.update(ctx.childId, version ?? plan.version, changedFields(plan, v))}
      serverErrors={(err): Errors | null => {
        const field = errorField(err);
        if (field === 'isSip') return { isSip: t('plan.overview.sipNotReady') };
        if (field === 'nextReviewDate') return { nextReviewDate: t('plan.form.datePast') };
        return null;
      }}
      describeTheirs={(c) => <p className="prewrap">{(c as { background: string | null }).background ?? ''}</p>}
      onSaved={() => void ctx.refresh().then(onSaved)}
      onCancel={onCancel}
    />
  );
}
