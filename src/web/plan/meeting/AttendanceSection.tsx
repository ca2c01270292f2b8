/** The invitation list and who came: a table, and the form that records attendance. */
import { useTranslation } from 'react-i18next';
import { ItemForm, type Option, SelectField } from '../../components/form/index.js';
import { ATTENDANCE, type Attendance, type Meeting, meetingApi } from '../meetings-api.js';
import { inviteeChoice, inviteeKey, inviteeName } from './invitees.js';
import type { SectionProps } from './sections.js';

export function AttendanceSection(p: SectionProps) {
  const { t } = useTranslation();
  const { m, editable, open, setOpen } = p;
  return (
    <section aria-labelledby="meeting-attendance-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="meeting-attendance-heading">{t('meetings.attendance.heading')}</h2>
        {editable && !open && m.invitees.length > 0 ? (
          <button
            id="meeting-attendance-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {t('meetings.attendance.record')}
          </button>
        ) : null}
      </div>
      {open ? <AttendanceForm {...p} /> : null}
      {m.invitees.length === 0 ? <p className="muted">{t('meetings.attendance.nobody')}</p> : <AttendanceTable m={m} />}
    </section>
  );
}

function AttendanceForm({ childId, m, setOpen, saved }: SectionProps) {
  const { t } = useTranslation();
  const options: Option[] = ATTENDANCE.map((a) => ({ value: a, label: t(`meetings.attendance.${a}`) }));
  return (
    <ItemForm<{ attendance: Attendance[] }, Meeting>
      prefix="meeting-attendance"
      heading={t('meetings.attendance.formHeading')}
      initial={{ attendance: m.invitees.map((i) => i.attendance) }}
      version={m.version}
      validate={() => ({})}
      fields={(v, set) => (
        <>
          {m.invitees.map((i, k) => (
            <SelectField
              key={inviteeKey(i)}
              id={`meeting-attendance-${k}`}
              label={inviteeName(t, i)}
              value={v.attendance[k] ?? 'invited'}
              options={options}
              onChange={(a) => set({ attendance: v.attendance.map((x, j) => (j === k ? (a as Attendance) : x)) })}
            />
          ))}
        </>
      )}
      submitLabel={t('meetings.attendance.submit')}
      save={(v, version) =>
        meetingApi.update(childId, m.id, version ?? m.version, {
          invitees: m.invitees.map((i, k) => inviteeChoice(inviteeKey(i), v.attendance[k] ?? i.attendance)),
        })
      }
      serverErrors={() => null}
      onSaved={() => saved(t('meetings.attendance.saved'))}
      onCancel={() => setOpen(false)}
    />
  );
}

function AttendanceTable({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-labelledby="meeting-attendance-caption" tabIndex={0}>
      <table className="data-table plan-table">
        <caption id="meeting-attendance-caption">
          {t('meetings.attendance.caption', { count: m.invitees.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('meetings.attendance.who')}</th>
            <th scope="col">{t('meetings.attendance.status')}</th>
          </tr>
        </thead>
        <tbody>
          {m.invitees.map((i) => (
            <tr key={inviteeKey(i)}>
              <th scope="row">{inviteeName(t, i)}</th>
              <td>{t(`meetings.attendance.${i.attendance}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
