/**
 * A form for one versioned item (a plan item, a meeting, a review, …): error summary, focus on its
 * first field when it opens, and a change that meets someone else's newer version (412) shows who
 * changed it and their version, keeps the user's edit, and lets them apply it again on top of theirs
 * (only the fields they changed are sent, so the other person's changes survive).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api.js';
import { ConflictNotice } from '../ConflictNotice.js';
import { useConflict } from '../useVersionedResource.js';
import { useTimestamp } from '../time.js';
import { asApiError, FormProblems, type Errors, useFormState } from './errors.js';
import { SubmitRow } from './fields.js';

/** Someone else's newer version of what the user was changing (a 412 answer). */
export interface Conflict {
  version: number;
  updatedAt?: string;
  updatedBy?: { name: string };
}

export interface ItemFormProps<V, R> {
  /** Prefix of the field ids; `${prefix}-${field}`. */
  prefix: string;
  heading: string;
  intro?: ReactNode;
  initial: V;
  /** Checks before sending (the server checks again); field → message. */
  validate: (v: V) => Errors;
  fields: (v: V, set: (v: V) => void, errors: Errors) => ReactNode;
  submitLabel: string;
  /** Create (version undefined) or change on top of `version`. */
  save: (v: V, version: number | undefined) => Promise<R>;
  /** The version the user started from (changes); undefined for a new item. */
  version?: number;
  /** A 400 answer → field errors in the user's language (null: show the generic error). */
  serverErrors: (err: ApiError) => Errors | null;
  /** Their version, in words, after a 412. */
  describeTheirs?: (current: unknown) => ReactNode;
  onSaved: (result: R) => void;
  onCancel: () => void;
}

/** A form for one plan item: error summary, 412 handling with re-apply, focus on open. */
export function ItemForm<V, R>(p: ItemFormProps<V, R>) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(p.initial);
  const form = useFormState();
  const { showErrors, setBusy } = form;
  const conflict = useConflict<Conflict & Record<string, unknown>>();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Opening the form moves focus to its first field.
    formRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  async function save(version: number | undefined) {
    form.setFailure(null);
    const local = p.validate(values);
    if (Object.keys(local).length > 0) return showErrors(local);
    form.setErrors({});
    setBusy(true);
    try {
      const result = await p.save(values, version);
      setBusy(false);
      p.onSaved(result);
    } catch (err) {
      setBusy(false);
      if (conflict.caught(err)) return;
      const apiErr = asApiError(err);
      const mapped = apiErr.status === 400 || apiErr.status === 409 ? p.serverErrors(apiErr) : null;
      if (mapped && Object.keys(mapped).length > 0) return showErrors(mapped);
      form.setFailure(apiErr);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(conflict.theirs?.version ?? p.version);
  }

  return (
    <section className="subpanel plan-form" aria-labelledby={`${p.prefix}-heading`}>
      <h3 id={`${p.prefix}-heading`}>{p.heading}</h3>
      {p.intro}
      {conflict.theirs ? <ItemConflict theirs={conflict.theirs} busy={form.busy} form={p} save={save} /> : null}
      <FormProblems form={form} fieldId={(f) => `${p.prefix}-${f}`} />
      <form ref={formRef} noValidate onSubmit={submit} className="form-stack concern-form plan-item-form">
        {p.fields(values, setValues, form.errors)}
        <SubmitRow
          label={p.submitLabel}
          busyLabel={t('plan.form.saving')}
          busy={form.busy}
          cancel={{ label: t('plan.form.cancel'), onClick: p.onCancel }}
        />
      </form>
    </section>
  );
}

function ItemConflict<V, R>({
  theirs,
  busy,
  form: p,
  save,
}: {
  theirs: Conflict & Record<string, unknown>;
  busy: boolean;
  form: ItemFormProps<V, R>;
  save: (version: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const time = useTimestamp();
  return (
    <ConflictNotice
      className="plan-conflict"
      heading={t('plan.conflict.heading')}
      focusKey={theirs}
      reapply={{ label: t('plan.conflict.reapply'), disabled: busy, onClick: () => void save(theirs.version) }}
      discard={{ label: t('plan.conflict.discard'), onClick: p.onCancel }}
      theirVersion={
        p.describeTheirs ? (
          <div className="their-version">
            <p className="notice-heading">{t('plan.conflict.theirVersion')}</p>
            {p.describeTheirs(theirs)}
          </div>
        ) : null
      }
    >
      <p>
        {t('plan.conflict.text', {
          name: theirs.updatedBy?.name ?? t('plan.conflict.someone'),
          time: theirs.updatedAt ? time.dateTime(theirs.updatedAt) : '',
        })}
      </p>
    </ConflictNotice>
  );
}
