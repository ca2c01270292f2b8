/** Who a meeting invites: the team, the child, each guardian ("p:<assignmentId>", "child", "g:<guardianId>"). */
import type { TFunction } from 'i18next';
import type { Option } from '../../components/form/index.js';
import { memberLabel } from '../context.js';
import type { Attendance, MeetingInvitee } from '../meetings-api.js';
import type { PlanView } from '../plan-api.js';

/** Who can be invited, as checkbox options. */
export function inviteeOptions(t: TFunction, view: PlanView): Option[] {
  return [
    ...view.team.map((m) => ({ value: `p:${m.assignmentId}`, label: memberLabel(t, m) })),
    { value: 'child', label: t('meetings.invitees.theChild') },
    ...view.guardians.map((g) => ({
      value: `g:${g.guardianId}`,
      label: t('meetings.invitees.guardian', { name: g.name }),
    })),
  ];
}

export const inviteeKey = (i: MeetingInvitee) =>
  i.kind === 'professional' ? `p:${i.assignmentId}` : i.kind === 'guardian' ? `g:${i.guardianId}` : 'child';

/** The invitee as the API takes it, from its key (with its attendance when known). */
export function inviteeChoice(key: string, attendance?: Attendance) {
  const a = attendance ? { attendance } : {};
  if (key === 'child') return { kind: 'child' as const, ...a };
  if (key.startsWith('g:')) return { kind: 'guardian' as const, guardianId: key.slice(2), ...a };
  return { kind: 'professional' as const, assignmentId: key.slice(2), ...a };
}

export function inviteeName(t: TFunction, i: MeetingInvitee): string {
  if (i.kind === 'child') return t('meetings.invitees.theChild');
  if (i.kind === 'guardian') return t('meetings.invitees.guardian', { name: i.name });
  return [i.name, i.title, i.unitName].filter(Boolean).join(', ');
}
