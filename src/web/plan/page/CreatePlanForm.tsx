/** Drawing up a plan: when the child has none, and as the choice beside reopening a closed one. */
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, errorField } from '../../api.js';
import { SupportLevel } from '../../components/SupportLevel.js';
import {
  DateField,
  type Errors,
  ItemForm,
  type Option,
  orNull,
  RadioField,
  TextAreaField,
} from '../../components/form/index.js';
import { swedishToday } from '../../components/time.js';
import { isIsoDate } from '../context.js';
import { planApi, type PlanView } from '../plan-api.js';
import { RolesSection } from './RolesSection.js';
import { focusLater } from './usePlanData.js';

interface CreateValues {
  level: string;
  reason: string;
  background: string;
  nextReviewDate: string;
}

/** The three support levels with their help, for choosing one. */
export function levelOptions(t: TFunction): (Option & { help: string })[] {
  return ([1, 2, 3] as const).map((l) => ({
    value: String(l),
    label: String(t(`supportLevel.${l}`)),
    help: String(t(`plan.level.help.${l}`)),
  }));
}

interface PlanFormProps {
  childId: string;
  view: PlanView;
  refresh: () => Promise<void>;
  announce: (s: string) => void;
}

/** No plan yet: say so, offer to draw one up, and show who holds the roles. */
export function NoPlan(props: PlanFormProps & { myAssignmentId: string; myPersonId: string }) {
  const { childId, view, refresh, myAssignmentId, myPersonId } = props;
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <section className="panel plan-section" aria-labelledby="plan-none-heading">
        <h2 id="plan-none-heading">{t('plan.none.heading')}</h2>
        <p>{t('plan.none.text')}</p>
        <p>
          <span className="label-inline">{t('child.supportLevel')}: </span>
          <SupportLevel level={view.supportLevel} />
        </p>
        {!open ? (
          <button id="plan-create-open" type="button" className="button button-primary" onClick={() => setOpen(true)}>
            {t('plan.none.create')}
          </button>
        ) : (
          <CreatePlanForm
            childId={childId}
            view={view}
            refresh={refresh}
            announce={props.announce}
            onCancel={() => {
              setOpen(false);
              focusLater('plan-create-open');
            }}
          />
        )}
      </section>
      <RolesSection
        childId={childId}
        view={view}
        refresh={refresh}
        myAssignmentId={myAssignmentId}
        myPersonId={myPersonId}
        editable
      />
    </>
  );
}

function validateCreate(t: TFunction, view: PlanView, today: string, v: CreateValues): Errors {
  const e: Errors = {};
  if (!v.level) e.level = t('plan.level.chooseRequired');
  else if (v.level === '3' && !view.coordinator) e.level = t('plan.level.coordinatorRequired');
  if (!v.reason.trim()) e.reason = t('plan.level.reasonRequired');
  if (v.nextReviewDate && !isIsoDate(v.nextReviewDate)) e.nextReviewDate = t('plan.form.invalidDate');
  else if (v.nextReviewDate && v.nextReviewDate < today) e.nextReviewDate = t('plan.form.datePast');
  return e;
}

function createServerErrors(t: TFunction, err: ApiError): Errors | null {
  if (err.status === 409) return { level: t('plan.create.exists') };
  const f = errorField(err);
  if (f === 'level') return { level: t('plan.level.coordinatorRequired') };
  if (f === 'reason') return { reason: t('plan.level.reasonRequired') };
  if (f === 'nextReviewDate') return { nextReviewDate: t('plan.form.datePast') };
  return null;
}

function CreatePlanFields({ v, set, e }: { v: CreateValues; set: (v: CreateValues) => void; e: Errors }) {
  const { t } = useTranslation();
  return (
    <>
      <RadioField
        id="plan-create-level"
        legend={t('plan.level.legend')}
        error={e.level}
        value={v.level}
        options={levelOptions(t)}
        onChange={(level) => set({ ...v, level })}
      />
      <TextAreaField
        id="plan-create-reason"
        label={t('plan.create.reason')}
        help={t('plan.create.reasonHelp')}
        error={e.reason}
        value={v.reason}
        required
        onChange={(reason) => set({ ...v, reason })}
      />
      <TextAreaField
        id="plan-create-background"
        label={t('plan.overview.background')}
        help={t('plan.overview.backgroundHelp')}
        value={v.background}
        onChange={(background) => set({ ...v, background })}
      />
      <DateField
        id="plan-create-nextReviewDate"
        label={t('plan.overview.nextReview')}
        help={t('plan.overview.nextReviewHelp')}
        error={e.nextReviewDate}
        value={v.nextReviewDate}
        onChange={(nextReviewDate) => set({ ...v, nextReviewDate })}
      />
    </>
  );
}

/** The form that draws up a plan. */
export function CreatePlanForm({
  childId,
  view,
  refresh,
  announce,
  onCancel,
}: PlanFormProps & { onCancel: () => void }) {
  const { t } = useTranslation();
  const today = swedishToday();
  return (
    <ItemForm<CreateValues, PlanView>
      prefix="plan-create"
      heading={t('plan.create.heading')}
      intro={<p className="muted">{t('plan.create.intro')}</p>}
      initial={{ level: String(view.supportLevel), reason: '', background: '', nextReviewDate: '' }}
      validate={(v) => validateCreate(t, view, today, v)}
      fields={(v, set, e) => <CreatePlanFields v={v} set={set} e={e} />}
      submitLabel={t('plan.create.submit')}
      save={(v) =>
        planApi.create(childId, {
          level: Number(v.level),
          reason: v.reason,
          background: orNull(v.background),
          nextReviewDate: v.nextReviewDate || null,
        })
      }
      serverErrors={(err) => createServerErrors(t, err)}
      onSaved={() => {
        void refresh().then(() => {
          announce(t('plan.create.saved'));
          focusLater('page-heading');
        });
      }}
      onCancel={onCancel}
    />
  );
}
