/**
 * Correcting a person: names, e-mail, phone and login id, sent with the version the page was
 * loaded with (a 412 says someone — or an import — changed it first). Only changed fields are sent.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api.js';
import { FormProblems, SubmitRow, TextField, useFormState } from '../components/form/index.js';
import { type AdminPerson, adminApi } from './api.js';
import { serverFieldErrors, useFocusWhenOpen } from './common.js';

export function PersonForm({ person, onDone }: { person: AdminPerson; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const form = useFormState();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<PersonValues>({
    givenName: person.givenName,
    familyName: person.familyName,
    email: person.email ?? '',
    phone: person.phone ?? '',
    oidcSubject: person.oidcSubject ?? '',
  });
  const { givenName, familyName, email, phone, oidcSubject: subject } = values;
  const fieldId = (f: string) => `edit-person-${f}`;
  const headingRef = useFocusWhenOpen<HTMLHeadingElement>(open);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = personProblems(values, t);
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
        <PersonFields values={values} set={setValues} fieldId={fieldId} errors={form.errors} />
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

/** A person's names, contact details and login id, as the create and the correct forms both edit them. */
export interface PersonValues {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  oidcSubject: string;
}

export function emptyPerson(): PersonValues {
  return { givenName: '', familyName: '', email: '', phone: '', oidcSubject: '' };
}

/** Both names are required. */
export function personProblems(v: PersonValues, t: TFunction): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!v.givenName.trim()) problems.givenName = t('admin.people.givenNameMissing');
  if (!v.familyName.trim()) problems.familyName = t('admin.people.familyNameMissing');
  return problems;
}

export function PersonFields({
  values,
  set,
  fieldId,
  errors,
}: {
  values: PersonValues;
  set: (v: PersonValues) => void;
  fieldId: (field: string) => string;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const field = (name: keyof PersonValues) => ({
    id: fieldId(name),
    value: values[name],
    onChange: (v: string) => set({ ...values, [name]: v }),
    error: errors[name],
  });
  return (
    <>
      <TextField {...field('givenName')} label={t('admin.people.givenName')} required />
      <TextField {...field('familyName')} label={t('admin.people.familyName')} required />
      <TextField {...field('email')} type="email" label={t('admin.people.email')} />
      <TextField {...field('phone')} label={t('admin.people.phone')} wide={false} />
      <TextField
        {...field('oidcSubject')}
        label={t('admin.people.oidcSubject')}
        help={t('admin.people.oidcSubjectHelp')}
      />
    </>
  );
}
