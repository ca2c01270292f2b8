/** The meeting's facts (when, where, status, who planned it), its agenda, and the forms that change it or cancel it. */
import { useTranslation } from 'react-i18next';
import { ItemForm, orNull, TextAreaField } from '../../components/form/index.js';
import { swedishToday } from '../../components/time.js';
import { useFormat } from '../../i18n.js';
import { type Meeting, meetingApi } from '../meetings-api.js';
import type { PlanView } from '../plan-api.js';
import { inviteeChoice, inviteeKey } from './invitees.js';
import { type MeetingValues, meetingBody, meetingServerErrors, validateMeeting } from './meeting-form.js';
import { MeetingFields } from './MeetingFields.js';
import type { Open, SectionProps } from './sections.js';

interface FactsProps extends Omit<SectionProps, 'open' | 'setOpen'> {
  view: PlanView;
  open: Open;
  setOpen: (o: Open) => void;
  /** Closes the open form and gives focus to the button with this id. */
  close: (focusId: string) => void;
  onMarkHeld: () => void;
}

export function MeetingFactsSection(p: FactsProps) {
  const { t } = useTranslation();
  const { m, open } = p;
  return (
    <section aria-labelledby="meeting-facts-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="meeting-facts-heading">{m.purpose}</h2>
        {p.editable && open === null ? <FactsButtons m={m} setOpen={p.setOpen} onMarkHeld={p.onMarkHeld} /> : null}
      </div>
      <MeetingFacts m={m} />
      {open === 'edit' && p.view.plan ? <EditMeetingForm {...p} /> : null}
      {open === 'cancel' ? <CancelMeetingForm {...p} /> : null}
      <h3 className="subheading">{t('meetings.facts.agenda')}</h3>
      {m.agenda.length > 0 ? (
        <ol className="agenda-list">
          {m.agenda.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('meetings.facts.noAgenda')}</p>
      )}
    </section>
  );
}

/** Change, mark as held (from its day on), cancel. */
function FactsButtons({ m, setOpen, onMarkHeld }: { m: Meeting; setOpen: (o: Open) => void; onMarkHeld: () => void }) {
  const { t } = useTranslation();
  const today = swedishToday();
  return (
    <div className="button-row no-print">
      <button id="meeting-edit-open" type="button" className="button button-secondary" onClick={() => setOpen('edit')}>
        {t('meetings.page.edit')}
      </button>
      {m.status === 'planned' && m.date <= today ? (
        <button id="meeting-held" type="button" className="button button-primary" onClick={onMarkHeld}>
          {t('meetings.held.mark')}
        </button>
      ) : null}
      {m.status === 'planned' ? (
        <button
          id="meeting-cancel-open"
          type="button"
          className="button button-secondary"
          onClick={() => setOpen('cancel')}
        >
          {t('meetings.cancel.open')}
        </button>
      ) : null}
    </div>
  );
}

function MeetingFacts({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <dl className="facts">
      <div>
        <dt>{t('meetings.facts.when')}</dt>
        <dd>
          {m.endTime
            ? t('meetings.facts.whenValue', { date: f.date(m.date), start: m.startTime, end: m.endTime })
            : t('meetings.facts.whenStart', { date: f.date(m.date), start: m.startTime })}
        </dd>
      </div>
      <div>
        <dt>{t('meetings.facts.where')}</dt>
        <dd>
          {m.digital
            ? m.place
              ? t('meetings.facts.digitalAnd', { place: m.place })
              : t('meetings.facts.digital')
            : m.place}
        </dd>
      </div>
      <div>
        <dt>{t('meetings.facts.status')}</dt>
        <dd>
          <span
            className={`status status-${m.status === 'cancelled' ? 'overdue' : m.status === 'held' ? 'done' : 'open'}`}
          >
            {t(`meetings.status.${m.status}`)}
          </span>
          {m.cancelledReason ? <span className="block">{m.cancelledReason}</span> : null}
        </dd>
      </div>
      <div>
        <dt>{t('meetings.facts.createdBy')}</dt>
        <dd>{m.createdBy.name}</dd>
      </div>
    </dl>
  );
}

function EditMeetingForm({ childId, view, m, close, saved }: FactsProps) {
  const { t } = useTranslation();
  return (
    <ItemForm<MeetingValues, Meeting>
      prefix="meeting-edit"
      heading={t('meetings.page.editHeading')}
      initial={{
        date: m.date,
        startTime: m.startTime,
        endTime: m.endTime ?? '',
        digital: m.digital,
        place: m.place ?? '',
        purpose: m.purpose,
        agenda: m.agenda.join('\n'),
        invitees: m.invitees.map(inviteeKey),
      }}
      version={m.version}
      validate={(v) => validateMeeting(t, v)}
      fields={(v, set, e) => <MeetingFields t={t} view={view} v={v} set={set} e={e} prefix="meeting-edit" />}
      submitLabel={t('plan.form.saveChanges')}
      save={(v, version) => {
        const attendanceOf = new Map(m.invitees.map((i) => [inviteeKey(i), i.attendance]));
        return meetingApi.update(
          childId,
          m.id,
          version ?? m.version,
          meetingBody(v, (k) => inviteeChoice(k, attendanceOf.get(k))),
        );
      }}
      serverErrors={(err) => meetingServerErrors(t, err)}
      describeTheirs={(c) => <p>{(c as Meeting).purpose}</p>}
      onSaved={() => saved(t('plan.form.saved'))}
      onCancel={() => close('meeting-edit-open')}
    />
  );
}

function CancelMeetingForm({ childId, m, close, saved }: FactsProps) {
  const { t } = useTranslation();
  return (
    <ItemForm<{ reason: string }, Meeting>
      prefix="meeting-cancel"
      heading={t('meetings.cancel.heading')}
      initial={{ reason: '' }}
      version={m.version}
      validate={() => ({})}
      fields={(v, set) => (
        <TextAreaField
          id="meeting-cancel-reason"
          label={t('meetings.cancel.reason')}
          value={v.reason}
          onChange={(reason) => set({ reason })}
        />
      )}
      submitLabel={t('meetings.cancel.submit')}
      save={(v, version) =>
        meetingApi.update(childId, m.id, version ?? m.version, {
          status: 'cancelled',
          cancelledReason: orNull(v.reason),
        })
      }
      serverErrors={() => null}
      onSaved={() => saved(t('meetings.cancel.saved'))}
      onCancel={() => close('meeting-cancel-open')}
    />
  );
}
