/**
 * Correcting a person: names, e-mail, phone and login id, sent with the version the page was
 * loaded with (a 412 says someone — or an import — changed it first). Only changed fields are sent.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { FormProblems, SubmitRow, TextField, useFormState } from '../components/form/index.js';
import { type AdminPerson, adminApi } from './api.js';
import { serverFieldErrors, useFocusWhenOpen } from './common.js';

export function PersonForm({ person, onDone }: { person: AdminPerson; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const form = useFormState();
  const [open, setOpen] = useState(false);
  const [givenName, setGivenName] = useState(person.givenName);
  const [familyName, setFamilyName] = useState(person.familyName);
  const [email, setEmail] = useState(person.email ?? '');
  const [phone, setPhone] = useState(person.phone ?? '');
  const [subject, setSubject] = useState(person.oidcSubject ?? '');
  const fieldId = (f: string) => `edit-person-${f}`;
  const headingRef = useFocusWhenOpen<HTMLHeadingElement>(open);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!givenName.trim()) problems.givenName = t('admin.people.givenNameMissing');
    if (!familyName.trim()) problems.familyName = t('admin.people.familyNameMissing');
    const orNull = (v: string) => v.trim() || null;
    const changes = {
      ...(givenName.trim() !== person.givenName ? { givenName } : {}),
      ...(familyName.trim() !== person.familyName ? { familyName } : {}),
      ...(orNull(email) !== person.email ? { email: orNull(email) } : {}),
      ...(orNull(phone) !== person.phone ? { phone: orNull(phone) } : {}),
      ...(orNull(subject) !== person.oidcSubject ? { oidcSubject: orNull(subject) } : {}),
    };
    if (Object.keys(problems).length === 0 && Object.keys(changes).length === 0)
      problems.givenName = t('admin.person.nothingChanged');
    if (!form.begin(problems)) return;
    try {
      await adminApi.updatePerson(person.id, person.version, changes);
      setOpen(false);
      onDone(t('admin.person.updated'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) form.showErrors({ givenName: t('admin.changedElsewhere') });
      else {
        const fields = serverFieldErrors(err);
        if (Object.keys(fields).length > 0) form.showErrors(fields);
        else form.fail(err);
      }
    } finally {
      form.setBusy(false);
    }
  }

  if (!open)
    return (
      <p>
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          {t('admin.person.edit')}
        </button>
      </p>
    );
  return (
    <section className="admin-section" aria-labelledby="edit-person-heading">
      <h2 id="edit-person-heading" tabIndex={-1} ref={headingRef}>
        {t('admin.person.edit')}
      </h2>
      {person.source ? <p className="notice notice-warning">{t('admin.source.mayRevertLong')}</p> : null}
      <FormProblems form={form} fieldId={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form admin-form">
        <TextField
          id={fieldId('givenName')}
          label={t('admin.people.givenName')}
          value={givenName}
          onChange={setGivenName}
          required
          error={form.errors.givenName}
        />
        <TextField
          id={fieldId('familyName')}
          label={t('admin.people.familyName')}
          value={familyName}
          onChange={setFamilyName}
          required
          error={form.errors.familyName}
        />
        <TextField
          id={fieldId('email')}
          type="email"
          label={t('admin.people.email')}
          value={email}
          onChange={setEmail}
          error={form.errors.email}
        />
        <TextField
          id={fieldId('phone')}
          label={t('admin.people.phone')}
          value={phone}
          onChange={setPhone}
          wide={false}
          error={form.errors.phone}
        />
        <TextField
          id={fieldId('oidcSubject')}
          label={t('admin.people.oidcSubject')}
          help={t('admin.people.oidcSubjectHelp')}
          value={subject}
          onChange={setSubject}
          error={form.errors.oidcSubject}
        />
        <SubmitRow
          label={t('admin.person.save')}
          busyLabel={t('admin.saving')}
          busy={form.busy}
          cancel={{ label: t('admin.cancel'), onClick: () => setOpen(false) }}
        />
      </form>
    </section>
  );
}
