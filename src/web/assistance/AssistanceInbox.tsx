import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../api.js';
import { LoadStatus } from '../components/Status.js';
import { FormProblems, RadioField, SelectField, TextAreaField, useFormState } from '../components/form/index.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { assistanceApi, type AssistanceInboxItem } from './api.js';

/**
 * On Att göra, for the lead of a unit: requests for assistance to it, with only what the request
 * says — accept naming who joins the child's team, or decline with a reason. Nothing is shown to
 * anyone who leads no unit.
 */
export function AssistanceInbox({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const [status, setStatus] = useState('');
  const inbox = useLoad(`assistance-inbox:${assignmentId}:${round}`, assistanceApi.inbox);
  const done = (message: string) => {
    setStatus(message);
    setRound((r) => r + 1);
  };
  if (inbox.status === 'ok' && inbox.data.requests.length === 0 && !status) return null;
  return (
    <section className="panel" aria-labelledby="assistance-inbox-heading">
      <h2 id="assistance-inbox-heading">{t('assistance.inbox.heading')}</h2>
      <p role="status" className="status-line">
        {status}
      </p>
      <LoadStatus load={inbox} />
      {inbox.status === 'ok' ? (
        inbox.data.requests.length === 0 ? (
          <p>{t('assistance.inbox.none')}</p>
        ) : (
          <ul className="card-list">
            {inbox.data.requests.map((r) => (
              <InboxItem key={r.id} item={r} onDone={done} />
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}

function InboxItem({ item, onDone }: { item: AssistanceInboxItem; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `assistance-${item.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('assistance.inbox.about', { name: item.childName })}</h3>
      <p>
        {t('assistance.inbox.from', {
          name: item.sentBy.name,
          unit: item.fromUnitName ?? item.sentBy.unitName ?? '',
          date: f.date(item.sentAt),
          to: item.toUnit.name,
        })}
      </p>
      <blockquote className="prewrap">{item.message}</blockquote>
      <AcceptForm item={item} onDone={onDone} />
      <DeclineForm item={item} onDone={onDone} />
    </li>
  );
}

function AcceptForm({ item, onDone }: { item: AssistanceInboxItem; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [who, setWho] = useState('');
  const [role, setRole] = useState<'member' | 'contact_person'>('member');
  const form = useFormState();
  const id = (f: string) => `accept-${item.id}-${f}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.begin(who ? {} : { assignmentId: t('assistance.inbox.errors.who') })) return;
    try {
      await assistanceApi.accept(item.id, { assignmentId: who, teamRole: role });
      onDone(t('assistance.inbox.accepted', { name: item.childName }));
    } catch (err) {
      const reason = asApiError(err).body?.details?.reason;
      if (reason === 'basis_no_longer_holds') form.showErrors({ assignmentId: t('assistance.inbox.errors.basis') });
      else form.fail(err);
      form.setBusy(false);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form-stack">
      <h4>{t('assistance.inbox.acceptHeading')}</h4>
      <FormProblems form={form} fieldId={id} />
      <SelectField
        id={id('assignmentId')}
        label={t('assistance.inbox.who')}
        placeholder={t('assistance.send.choose')}
        value={who}
        onChange={setWho}
        error={form.errors.assignmentId}
        options={item.candidates.map((c) => ({
          value: c.assignmentId,
          label: c.title ? `${c.name}, ${c.title}` : c.name,
        }))}
      />
      <RadioField
        id={id('teamRole')}
        legend={t('assistance.inbox.role')}
        value={role}
        onChange={(v) => setRole(v as 'member' | 'contact_person')}
        options={[
          { value: 'member', label: t('assistance.role.member') },
          { value: 'contact_person', label: t('assistance.role.contact_person') },
        ]}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {t('assistance.inbox.accept')}
          <span className="visually-hidden"> – {item.childName}</span>
        </button>
      </div>
    </form>
  );
}

function DeclineForm({ item, onDone }: { item: AssistanceInboxItem; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const form = useFormState();
  const id = (f: string) => `decline-${item.id}-${f}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.begin(reason.trim().length >= 5 ? {} : { reason: t('assistance.inbox.errors.reason') })) return;
    try {
      await assistanceApi.decline(item.id, { reason });
      onDone(t('assistance.inbox.declined', { name: item.childName }));
    } catch (err) {
      form.fail(err);
      form.setBusy(false);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form-stack">
      <h4>{t('assistance.inbox.declineHeading')}</h4>
      <FormProblems form={form} fieldId={id} />
      <TextAreaField
        id={id('reason')}
        label={t('assistance.inbox.reason')}
        value={reason}
        onChange={setReason}
        error={form.errors.reason}
        rows={3}
      />
      <div className="button-row">
        <button type="submit" className="button button-secondary" disabled={form.busy}>
          {t('assistance.inbox.decline')}
          <span className="visually-hidden"> – {item.childName}</span>
        </button>
      </div>
    </form>
  );
}
