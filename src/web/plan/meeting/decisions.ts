/** A decision in the meeting, which may create an action in the plan or change one: values, checks, what the API takes. */
import type { TFunction } from 'i18next';
import { type ApiError, errorField } from '../../api.js';
import type { Errors } from '../../components/form/index.js';
import type { useFormat } from '../../i18n.js';
import { isIsoDate } from '../context.js';
import type { DecisionBody, Meeting } from '../meetings-api.js';
import type { ActionStatus, Plan } from '../plan-api.js';
import { responsibleChoice } from '../responsible.js';

export interface DecisionValues {
  text: string;
  effect: string; // 'none' | 'create' | 'change'
  what: string;
  responsible: string; // '' | 'child' | 'p:<assignmentId>' | 'g:<guardianId>'
  dueDate: string;
  actionId: string;
  status: string;
}

export const NO_DECISION: DecisionValues = {
  text: '',
  effect: 'none',
  what: '',
  responsible: '',
  dueDate: '',
  actionId: '',
  status: '',
};

/** At level 3 a new action needs someone responsible and a due date. */
export function validateDecision(t: TFunction, v: DecisionValues, today: string, level3: boolean): Errors {
  const e: Errors = {};
  if (!v.text.trim()) e.text = t('meetings.decisions.textRequired');
  if (v.effect === 'create') {
    if (!v.what.trim()) e.what = t('plan.actions.whatRequired');
    if (v.dueDate && !isIsoDate(v.dueDate)) e.dueDate = t('plan.form.invalidDate');
    else if (v.dueDate && v.dueDate < today) e.dueDate = t('plan.form.datePast');
    if (level3 && !v.responsible) e.responsible = t('meetings.decisions.level3Responsible');
    if (level3 && !v.dueDate && !e.dueDate) e.dueDate = t('meetings.decisions.level3Due');
  }
  if (v.effect === 'change') {
    if (!v.actionId) e.actionId = t('meetings.decisions.actionRequired');
    if (!v.status && !v.dueDate && !v.responsible) e.status = t('meetings.decisions.changeRequired');
    if (v.dueDate && !isIsoDate(v.dueDate)) e.dueDate = t('plan.form.invalidDate');
  }
  return e;
}

/** The decision as the API takes it, with the action it creates or changes. */
export function decisionBody(v: DecisionValues, plan: Plan): DecisionBody {
  let action: DecisionBody['action'];
  if (v.effect === 'create')
    action = {
      kind: 'create',
      what: v.what,
      responsible: responsibleChoice(v.responsible),
      dueDate: v.dueDate || null,
    };
  if (v.effect === 'change')
    action = {
      kind: 'change',
      actionId: v.actionId,
      // The action as this page shows it: a change by someone else since is not overwritten (409).
      actionVersion: plan.actions.find((x) => x.id === v.actionId)?.version ?? 0,
      ...(v.status ? { status: v.status as ActionStatus } : {}),
      ...(v.dueDate ? { dueDate: v.dueDate } : {}),
      ...(v.responsible ? { responsible: responsibleChoice(v.responsible) } : {}),
    };
  return {
    text: v.text,
    ...(action ? { action } : {}),
  };
}

/** A 400 or 409 answer in the user's language; an action changed by someone else loads the page again. */
export function decisionServerErrors(t: TFunction, err: ApiError, reload: () => Promise<void>): Errors | null {
  if (err.status === 409 && err.body?.details?.reason === 'action_changed') {
    void reload();
    return { actionId: t('meetings.decisions.actionChanged') };
  }
  if (err.status === 409)
    return {
      text:
        err.body?.details?.reason === 'plan_closed' ? t('meetings.decisions.planClosed') : t('meetings.page.cancelled'),
    };
  const field = errorField(err);
  if (!field) return null;
  if (field === 'action.dueDate' || field === 'dueDate') return { dueDate: t('plan.form.datePast') };
  if (field === 'action.actionId') return { actionId: t('meetings.decisions.actionRequired') };
  if (field === 'responsible' || field.startsWith('action.responsible'))
    return { responsible: t('meetings.decisions.level3Responsible') };
  if (field === 'text') return { text: t('meetings.decisions.textRequired') };
  return { text: err.body?.message ?? t('meetings.decisions.textRequired') };
}

/** What the decision did to the plan, in words (null when it only records a decision). */
export function effectText(
  t: TFunction,
  f: ReturnType<typeof useFormat>,
  d: Meeting['decisions'][number],
): string | null {
  if (d.effect === 'action_created') return t('meetings.decisions.created', { what: d.actionWhat ?? '' });
  if (d.effect === 'action_changed') {
    const c = d.actionChange ?? {};
    const parts = [
      c.status ? t('meetings.decisions.changedStatus', { status: t(`plan.actions.status.${c.status}`) }) : null,
      c.dueDate !== undefined
        ? c.dueDate
          ? t('meetings.decisions.changedDue', { date: f.date(c.dueDate) })
          : t('meetings.decisions.dueRemoved')
        : null,
      c.responsible !== undefined
        ? t('meetings.decisions.changedResponsible', {
            name:
              c.responsible === 'child'
                ? t('plan.actions.childOption')
                : (c.responsible ?? t('meetings.decisions.nobody')),
          })
        : null,
    ].filter(Boolean);
    return t('meetings.decisions.changed', { what: d.actionWhat ?? '', changes: parts.join(', ') });
  }
  return null;
}
