/** The decision form's fields: the decision, and what it does to the plan's actions. */
import type { TFunction } from 'i18next';
import {
  DateField,
  type Errors,
  type Option,
  RadioField,
  SelectField,
  TextAreaField,
} from '../../components/form/index.js';
import { ACTION_STATUSES, type ActionStatus, type Plan } from '../plan-api.js';
import type { DecisionValues } from './decisions.js';

interface Props {
  t: TFunction;
  plan: Plan;
  /** Who can be responsible for an action. */
  responsible: Option[];
  v: DecisionValues;
  set: (v: DecisionValues) => void;
  e: Errors;
}

export function DecisionFields(p: Props) {
  const { t, plan, v, set, e } = p;
  return (
    <>
      <TextAreaField
        id="meeting-decision-text"
        label={t('meetings.decisions.text')}
        help={t('meetings.decisions.textHelp')}
        error={e.text}
        value={v.text}
        required
        onChange={(text) => set({ ...v, text })}
      />
      <RadioField
        id="meeting-decision-effect"
        legend={t('meetings.decisions.effect')}
        value={v.effect}
        options={[
          { value: 'none', label: t('meetings.decisions.effectNone') },
          { value: 'create', label: t('meetings.decisions.effectCreate') },
          ...(plan.actions.length > 0 ? [{ value: 'change', label: t('meetings.decisions.effectChange') }] : []),
        ]}
        onChange={(effect) => set({ ...v, effect })}
      />
      {v.effect === 'create' ? <CreateActionFields {...p} /> : null}
      {v.effect === 'change' ? <ChangeActionFields {...p} /> : null}
    </>
  );
}

function CreateActionFields({ t, responsible, v, set, e }: Props) {
  return (
    <>
      <TextAreaField
        id="meeting-decision-what"
        label={t('plan.actions.what')}
        error={e.what}
        value={v.what}
        required
        onChange={(what) => set({ ...v, what })}
      />
      <SelectField
        id="meeting-decision-responsible"
        label={t('plan.actions.responsible')}
        error={e.responsible}
        value={v.responsible}
        placeholder={t('plan.form.choose')}
        options={responsible}
        onChange={(responsible) => set({ ...v, responsible })}
      />
      <DateField
        id="meeting-decision-dueDate"
        label={t('plan.actions.dueDate')}
        error={e.dueDate}
        value={v.dueDate}
        onChange={(dueDate) => set({ ...v, dueDate })}
      />
    </>
  );
}

function ChangeActionFields({ t, plan, responsible, v, set, e }: Props) {
  const actionOptions: Option[] = plan.actions.map((a) => ({
    value: a.id,
    label: `${a.what} (${t(`plan.actions.status.${a.status}`)})`,
  }));
  return (
    <>
      <SelectField
        id="meeting-decision-actionId"
        label={t('meetings.decisions.action')}
        error={e.actionId}
        value={v.actionId}
        placeholder={t('plan.form.choose')}
        options={actionOptions}
        onChange={(actionId) => set({ ...v, actionId })}
      />
      <SelectField
        id="meeting-decision-status"
        label={t('meetings.decisions.newStatus')}
        error={e.status}
        value={v.status}
        placeholder={t('meetings.decisions.unchanged')}
        options={ACTION_STATUSES.map((s: ActionStatus) => ({
          value: s,
          label: t(`plan.actions.status.${s}`),
        }))}
        onChange={(status) => set({ ...v, status })}
      />
      <DateField
        id="meeting-decision-dueDate"
        label={t('meetings.decisions.newDueDate')}
        error={e.dueDate}
        value={v.dueDate}
        onChange={(dueDate) => set({ ...v, dueDate })}
      />
      <SelectField
        id="meeting-decision-responsible"
        label={t('meetings.decisions.newResponsible')}
        error={e.responsible}
        value={v.responsible}
        placeholder={t('meetings.decisions.unchanged')}
        options={responsible}
        onChange={(responsible) => set({ ...v, responsible })}
      />
    </>
  );
}
