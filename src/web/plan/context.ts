import type { TFunction } from 'i18next';
import { roleTitle } from '../../ui/labels.js';
import type { Plan, PlanView, TeamMember } from './plan-api.js';

/** What every section of the plan page works with. */
export interface PlanContext {
  childId: string;
  view: PlanView;
  plan: Plan;
  /** Loads the plan view again (the page keeps showing the old one meanwhile). */
  refresh: () => Promise<void>;
  /** The assignment the user acts in. */
  myAssignmentId: string;
  editable: boolean;
}

/** "Anna Lindqvist, Lärare" */
export function memberLabel(
  t: TFunction,
  m: Pick<TeamMember, 'name' | 'role' | 'title'> & { unitName?: string | null },
): string {
  return [m.name, roleTitle(t, m), m.unitName].filter(Boolean).join(', ');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (s: string): boolean => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
