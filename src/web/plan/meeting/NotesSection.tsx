/** What was said in the meeting: the notes, and the form that writes or changes them. */
import { useTranslation } from 'react-i18next';
import { ItemForm, orNull, TextAreaField } from '../../components/form/index.js';
import { type Meeting, meetingApi } from '../meetings-api.js';
import type { SectionProps } from './sections.js';

export function NotesSection({ childId, m, editable, open, setOpen, saved }: SectionProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="meeting-notes-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="meeting-notes-heading">{t('meetings.notes.heading')}</h2>
        {editable && !open ? (
          <button
            id="meeting-notes-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {m.notes ? t('meetings.notes.edit') : t('meetings.notes.write')}
          </button>
        ) : null}
      </div>
      {open ? (
        <ItemForm<{ notes: string }, Meeting>
          prefix="meeting-notes"
          heading={t('meetings.notes.formHeading')}
          initial={{ notes: m.notes ?? '' }}
          version={m.version}
          validate={() => ({})}
          fields={(v, set) => (
            <TextAreaField
              id="meeting-notes-notes"
              label={t('meetings.notes.label')}
              help={t('meetings.notes.help')}
              rows={10}
              value={v.notes}
              onChange={(notes) => set({ notes })}
            />
          )}
          submitLabel={t('meetings.notes.submit')}
          save={(v, version) => meetingApi.update(childId, m.id, version ?? m.version, { notes: orNull(v.notes) })}
          serverErrors={() => null}
          describeTheirs={(c) => <p className="prewrap">{(c as Meeting).notes ?? ''}</p>}
          onSaved={() => saved(t('meetings.notes.saved'))}
          onCancel={() => setOpen(false)}
        />
      ) : m.notes ? (
        <p className="prewrap">{m.notes}</p>
      ) : (
        <p className="muted">{t('meetings.notes.none')}</p>
      )}
    </section>
  );
}
