/** The meeting's own fields (plan a meeting, change it): values, checks and what the API takes. */
import type { TFunction } from 'i18next';
import { type ApiError, errorField } from '../../api.js';
import { type Errors, orNull } from '../../components/form/index.js';
import { isIsoDate } from '../context.js';
import type { inviteeChoice } from './invitees.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface MeetingValues {
  date: string;
  startTime: string;
  endTime: string;
  digital: boolean;
  place: string;
  purpose: string;
  agenda: string;
  invitees: string[];
}

export function validateMeeting(t: TFunction, v: MeetingValues): Errors {
  const e: Errors = {};
  if (!v.date) e.date = t('meetings.form.dateRequired');
  else if (!isIsoDate(v.date)) e.date = t('plan.form.invalidDate');
  if (!TIME.test(v.startTime)) e.startTime = t('meetings.form.timeInvalid');
  if (v.endTime && !TIME.test(v.endTime)) e.endTime = t('meetings.form.timeInvalid');
  else if (v.endTime && TIME.test(v.startTime) && v.endTime <= v.startTime)
    e.endTime = t('meetings.form.endBeforeStart');
  if (!v.digital && !v.place.trim()) e.place = t('meetings.form.placeRequired');
  if (!v.purpose.trim()) e.purpose = t('meetings.form.purposeRequired');
  return e;
}

export function meetingServerErrors(t: TFunction, err: ApiError): Errors | null {
  const f = errorField(err);
  if (!f) return null;
  if (f === 'place') return { place: t('meetings.form.placeRequired') };
  if (f === 'endTime') return { endTime: t('meetings.form.endBeforeStart') };
  if (f === 'startTime') return { startTime: t('meetings.form.timeInvalid') };
  if (f === 'date') return { date: t('plan.form.invalidDate') };
  if (f === 'purpose') return { purpose: t('meetings.form.purposeRequired') };
  if (f.startsWith('invitees')) return { invitees: t('meetings.form.inviteesInvalid') };
  return null;
}

const agendaLines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The meeting as the API takes it (create and change send the same fields). */
export function meetingBody(v: MeetingValues, invitee: (key: string) => ReturnType<typeof inviteeChoice>) {
  return {
    date: v.date,
    startTime: v.startTime,
    endTime: v.endTime || null,
    digital: v.digital,
    place: orNull(v.place),
    purpose: v.purpose,
    agenda: agendaLines(v.agenda),
    invitees: v.invitees.map(invitee),
  };
}
