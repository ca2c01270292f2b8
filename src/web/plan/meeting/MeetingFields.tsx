/** The fields of the meeting form (plan a meeting, change it). */
import type { TFunction } from 'i18next';
import {
  CheckboxField,
  DateField,
  type Errors,
  Field,
  fieldAria,
  TextAreaField,
  TextField,
} from '../../components/form/index.js';
import type { PlanView } from '../plan-api.js';
import { inviteeOptions } from './invitees.js';
import type { MeetingValues } from './meeting-form.js';

interface FieldsProps {
  t: TFunction;
  view: PlanView;
  v: MeetingValues;
  set: (v: MeetingValues) => void;
  e: Errors;
  prefix: string;
}

export function MeetingFields({ t, view, v, set, e, prefix }: FieldsProps) {
  return (
    <>
      <DateField
        id={`${prefix}-date`}
        label={t('meetings.form.date')}
        error={e.date}
        value={v.date}
        required
        onChange={(date) => set({ ...v, date })}
      />
      <TimeField
        id={`${prefix}-startTime`}
        label={t('meetings.form.startTime')}
        help={t('meetings.form.timeHelp')}
        error={e.startTime}
        value={v.startTime}
        required
        onChange={(startTime) => set({ ...v, startTime })}
      />
      <TimeField
        id={`${prefix}-endTime`}
        label={t('meetings.form.endTime')}
        error={e.endTime}
        value={v.endTime}
        onChange={(endTime) => set({ ...v, endTime })}
      />
      <CheckboxField
        id={`${prefix}-digital`}
        label={t('meetings.form.digital')}
        help={t('meetings.form.digitalHelp')}
        checked={v.digital}
        onChange={(digital) => set({ ...v, digital })}
      />
      <TextField
        id={`${prefix}-place`}
        label={t('meetings.form.place')}
        help={t('meetings.form.placeHelp')}
        error={e.place}
        value={v.place}
        onChange={(place) => set({ ...v, place })}
      />
      <TextAreaField
        id={`${prefix}-purpose`}
        label={t('meetings.form.purpose')}
        error={e.purpose}
        value={v.purpose}
        required
        onChange={(purpose) => set({ ...v, purpose })}
      />
      <TextAreaField
        id={`${prefix}-agenda`}
        label={t('meetings.form.agenda')}
        help={t('meetings.form.agendaHelp')}
        value={v.agenda}
        rows={4}
        onChange={(agenda) => set({ ...v, agenda })}
      />
      <InviteesFieldset t={t} view={view} v={v} set={set} e={e} prefix={prefix} />
    </>
  );
}

/** A time of day ("14:30") in the field kit's box. */
function TimeField(p: {
  id: string;
  label: string;
  help?: string;
  error: string | undefined;
  value: string;
  required?: boolean;
  onChange: (v: string) => void;
}) {
  return (
    <Field id={p.id} label={p.label} help={p.help} error={p.error}>
      <input
        id={p.id}
        type="time"
        className="input-date"
        required={p.required}
        value={p.value}
        onChange={(ev) => p.onChange(ev.target.value)}
        {...fieldAria(p)}
      />
    </Field>
  );
}

/** Who is invited; the fieldset itself takes focus from the error summary. */
function InviteesFieldset({ t, view, v, set, e, prefix }: FieldsProps) {
  const options = inviteeOptions(t, view);
  return (
    <fieldset
      id={`${prefix}-invitees`}
      tabIndex={-1}
      className={`fieldset${e.invitees ? ' field-invalid' : ''}`}
      aria-describedby={`${prefix}-invitees-help`}
    >
      <legend>{t('meetings.form.invitees')}</legend>
      <p id={`${prefix}-invitees-help`} className="help">
        {t('meetings.form.inviteesHelp')}
      </p>
      {e.invitees ? <p className="field-error">{e.invitees}</p> : null}
      <ul className="checkbox-list plain-list">
        {options.map((o) => (
          <li key={o.value}>
            <CheckboxField
              id={`${prefix}-invite-${o.value.replace(':', '-')}`}
              label={o.label}
              checked={v.invitees.includes(o.value)}
              onChange={(on) =>
                set({ ...v, invitees: on ? [...v.invitees, o.value] : v.invitees.filter((x) => x !== o.value) })
              }
            />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
