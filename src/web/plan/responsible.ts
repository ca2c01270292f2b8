/**
 * Who is responsible for an action, as a select holds it: '' (nobody yet), 'child', 'p:<assignmentId>'
 * (a professional on the team) or 'g:<guardianId>' (a guardian). Used by the plan's actions and by
 * meeting decisions that create or change one.
 */
import type { TFunction } from 'i18next';
import type { Option } from '../components/form/index.js';
import { memberLabel } from './context.js';
import type { PlanAction, PlanView } from './plan-api.js';

export function responsibleValue(a: PlanAction): string {
  const r = a.responsible;
  if (!r) return '';
  if (r.kind === 'professional') return `p:${r.assignmentId}`;
  if (r.kind === 'guardian') return `g:${r.guardianId}`;
  return 'child';
}

export function responsibleChoice(v: string) {
  if (v === '') return null;
  if (v === 'child') return { kind: 'child' as const };
  if (v.startsWith('p:')) return { kind: 'professional' as const, assignmentId: v.slice(2) };
  return { kind: 'guardian' as const, guardianId: v.slice(2) };
}

/** The team, then the guardians, then the child. */
export function responsibleOptions(t: TFunction, view: Pick<PlanView, 'team' | 'guardians'>): Option[] {
  return [
    ...view.team.map((m) => ({ value: `p:${m.assignmentId}`, label: memberLabel(t, m) })),
    ...view.guardians.map((g) => ({
      value: `g:${g.guardianId}`,
      label: t('plan.actions.guardianOption', { name: g.name }),
    })),
    { value: 'child', label: t('plan.actions.childOption') },
  ];
}
