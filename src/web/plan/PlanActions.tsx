/** The plan's actions: what is done, by whom, by when, for which service and goal. */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, type Errors, SelectField, TextAreaField } from '../components/form/index.js';
import { swedishToday } from '../components/time.js';
import { isIsoDate, type PlanContext } from './context.js';
import { itemText } from '../../ui/plan/item-kinds.js';
import { ACTION_STATUSES, planApi, type ActionStatus, type PlanAction } from './plan-api.js';
import { ItemTable, PlanItemSection, required, useItemFormat } from './PlanItemSection.js';

import { changedOr, type FieldProps } from './PlanItems.js';
import { responsibleChoice, responsibleOptions, responsibleValue } from './responsible.js';

// ---------------------------------------------------------------------------------------------
// Actions

interface ActionValues {
  what: string;
  responsible: string; // '' | 'child' | 'p:<assignmentId>' | 'g:<guardianId>'
  serviceId: string;
  dueDate: string;
  status: ActionStatus;
  goalId: string;
}

function ActionFields({ ctx, mode, v, set, e }: FieldProps<ActionValues> & { ctx: PlanContext }) {
  const { t } = useTranslation();
  const { plan, view } = ctx;
  const levelThree = plan.level === 3;
  const serviceOptions = plan.services.filter((x) => !x.endedOn).map((x) => ({ value: x.id, label: x.unit.name }));
  const goalOptions = plan.goals.map((g) => ({ value: g.id, label: g.description }));
  const statusOptions = ACTION_STATUSES.map((x) => ({ value: x, label: t(`plan.actions.status.${x}`) }));
  return (
    <>
      <TextAreaField
        id={`plan-action-${mode}-what`}
        label={t('plan.actions.what')}
        help={t('plan.actions.whatHelp')}
        error={e.what}
        value={v.what}
        rows={2}
        required
        onChange={(what) => set({ ...v, what })}
      />
      <SelectField
        id={`plan-action-${mode}-responsible`}
        label={t('plan.actions.responsible')}
        help={levelThree ? t('plan.actions.requiredAtThree') : undefined}
        error={e.responsible}
        value={v.responsible}
        placeholder={t('plan.actions.nobodyYet')}
        options={responsibleOptions(t, view)}
        onChange={(responsible) => set({ ...v, responsible })}
      />
      <SelectField
        id={`plan-action-${mode}-serviceId`}
        label={t('plan.actions.service')}
        error={e.serviceId}
        value={v.serviceId}
        placeholder={t('plan.actions.noService')}
        options={serviceOptions}
        onChange={(serviceId) => set({ ...v, serviceId })}
      />
      <DateField
        id={`plan-action-${mode}-dueDate`}
        label={t('plan.actions.dueDate')}
        help={levelThree ? t('plan.actions.requiredAtThree') : undefined}
        error={e.dueDate}
        value={v.dueDate}
        onChange={(dueDate) => set({ ...v, dueDate })}
      />
      <SelectField
        id={`plan-action-${mode}-status`}
        label={t('plan.actions.statusLabel')}
        value={v.status}
        options={statusOptions}
        onChange={(status) => set({ ...v, status: status as ActionStatus })}
      />
      {goalOptions.length > 0 ? (
        <SelectField
          id={`plan-action-${mode}-goalId`}
          label={t('plan.actions.goal')}
          value={v.goalId}
          placeholder={t('plan.actions.noGoal')}
          options={goalOptions}
          onChange={(goalId) => set({ ...v, goalId })}
        />
      ) : null}
    </>
  );
}

type Format = ReturnType<typeof useItemFormat>;

function validateAction(t: TFunction, level: number, today: string, v: ActionValues, x?: PlanAction): Errors {
  const e: Errors = {};
  if (required(v.what)) e.what = t('plan.actions.whatRequired');
  const open = v.status === 'planned' || v.status === 'in_progress';
  if (level === 3 && v.status !== 'cancelled') {
    if (!v.responsible) e.responsible = t('plan.actions.responsibleRequired');
    if (!v.dueDate) e.dueDate = t('plan.actions.dueDateRequired');
  }
  if (v.dueDate && !isIsoDate(v.dueDate)) e.dueDate = t('plan.form.invalidDate');
  else if (v.dueDate && open && v.dueDate < today && v.dueDate !== x?.dueDate) e.dueDate = t('plan.form.datePast');
  return e;
}

/** Who does the action: a professional with their title under the name, a guardian, the child, or nobody yet. */
function ActionWho({ action: a }: { action: PlanAction }) {
  const { t } = useTranslation();
  const r = a.responsible;
  if (!r) return <span className="muted">{t('plan.actions.nobodyYet')}</span>;
  if (r.kind === 'professional')
    return (
      <>
        {r.name}
        {r.title ? <span className="block muted small">{r.title}</span> : null}
      </>
    );
  if (r.kind === 'guardian') return <>{t('plan.actions.guardianOption', { name: r.name })}</>;
  return <>{t('plan.actions.childOption')}</>;
}

function ActionsTable({
  ctx,
  items,
  edit,
}: {
  ctx: PlanContext;
  items: PlanAction[];
  edit: (item: PlanAction, context: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const serviceName = (id: string | null) => ctx.plan.services.find((x) => x.id === id)?.unit.name ?? '';
  return (
    <ItemTable
      kind="actions"
      id="plan-actions-caption"
      className="data-table plan-table plan-actions"
      caption={t('plan.actions.caption', { count: items.length })}
      items={items}
      editable={ctx.editable}
      row={(a) => ({
        className: a.overdue ? 'row-overdue' : undefined,
        headClassName: 'prewrap',
        head: a.what,
        cells: [
          { content: <ActionWho action={a} /> },
          { content: serviceName(a.serviceId) },
          {
            className: 'nowrap-md',
            content: itemText.actionDue(f, a) ?? <span className="muted">{t('plan.actions.noDate')}</span>,
          },
          {
            content: (
              <>
                <span className={`status status-action-${a.status}`}>{itemText.actionStatus(f, a)}</span>
                {a.overdue ? <span className="block status status-overdue">{t('plan.actions.overdue')}</span> : null}
              </>
            ),
          },
        ],
        edit: edit(a, a.what),
      })}
    />
  );
}

/** Only what the form changed (or the status, so that saving is still a versioned change). */
function changedAction(x: PlanAction, v: ActionValues) {
  return changedOr(
    {
      ...(v.what.trim() !== x.what ? { what: v.what } : {}),
      ...(v.responsible !== responsibleValue(x) ? { responsible: responsibleChoice(v.responsible) } : {}),
      ...((v.serviceId || null) !== x.serviceId ? { serviceId: v.serviceId || null } : {}),
      ...((v.dueDate || null) !== x.dueDate ? { dueDate: v.dueDate || null } : {}),
      ...(v.status !== x.status ? { status: v.status } : {}),
      ...((v.goalId || null) !== x.goalId ? { goalId: v.goalId || null } : {}),
    },
    { status: v.status },
  );
}

/** Changing one action: its heading, its values in the form, the save and how theirs reads after a 412. */
function actionChange(ctx: PlanContext, t: TFunction, f: Format) {
  return {
    heading: (x: PlanAction) => t('plan.actions.editHeading', { what: x.what }),
    valuesOf: (x: PlanAction): ActionValues => ({
      what: x.what,
      responsible: responsibleValue(x),
      serviceId: x.serviceId ?? '',
      dueDate: x.dueDate ?? '',
      status: x.status,
      goalId: x.goalId ?? '',
    }),
    save: (x: PlanAction, v: ActionValues, version: number) =>
      planApi.updateAction(ctx.childId, x.id, version, changedAction(x, v)),
    theirs: (c: unknown) => {
      const x = c as PlanAction;
      return (
        <p>
          {t('plan.actions.theirs', {
            what: x.what,
            status: itemText.actionStatus(f, x),
            due: itemText.actionDue(f, x) ?? t('plan.actions.noDate'),
          })}
        </p>
      );
    },
  };
}

export function ActionsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const { plan } = ctx;
  const today = swedishToday();
  const levelThree = plan.level === 3;
  return (
    <PlanItemSection<PlanAction, ActionValues, PlanAction>
      ctx={ctx}
      kind={{
        kind: 'actions',
        prefix: 'plan-action',
        headingId: 'plan-actions-heading',
        items: plan.actions,
        initial: { what: '', responsible: '', serviceId: '', dueDate: '', status: 'planned', goalId: '' },
        fields: (mode) => (v, set, e) => <ActionFields ctx={ctx} mode={mode} v={v} set={set} e={e} />,
        validate: (v, x) => validateAction(t, plan.level, today, v, x),
        messages: {
          what: t('plan.actions.whatRequired'),
          responsible: t('plan.actions.responsibleRequired'),
          dueDate: levelThree ? t('plan.actions.dueDateRequired') : t('plan.form.datePast'),
          serviceId: t('plan.actions.serviceInvalid'),
          goalId: t('plan.form.invalid'),
        },
        create: (v) =>
          planApi.addAction(ctx.childId, {
            what: v.what,
            responsible: responsibleChoice(v.responsible),
            serviceId: v.serviceId || null,
            dueDate: v.dueDate || null,
            status: v.status,
            goalId: v.goalId || null,
          }),
        added: (r) => t('plan.actions.added', { what: r.what }),
        list: (items, edit) => <ActionsTable ctx={ctx} items={items} edit={edit} />,
        change: actionChange(ctx, t, f),
      }}
    />
  );
}
