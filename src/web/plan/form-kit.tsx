/**
 * The plan page's form kit: labelled fields tied to their help and error texts, and one form
 * component for adding and changing plan items. A change that meets someone else's newer version
 * (412) shows who changed it and their version, keeps the user's edit, and lets them apply it again
 * on top of theirs (only the fields they changed are sent, so the other person's changes survive).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ConflictNotice } from '../components/ConflictNotice.js';
import { ErrorMessage } from '../components/Status.js';
import { describedBy, ErrorSummary, FieldError, type Errors, useErrorSummary } from '../components/form.js';
import { useTimestamp } from '../concerns/time.js';
import { theirs as theirVersion } from './plan-api.js';

export type { Errors };

interface FieldProps {
  id: string;
  label: string;
  help?: string | undefined;
  error?: string | undefined;
}

const helpId = (id: string) => `${id}-help`;
const errorId = (id: string) => `${id}-error`;

function Label({ id, label, help, error }: FieldProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p id={helpId(id)} className="help">
          {help}
        </p>
      ) : null}
      <FieldError id={errorId(id)} message={error} />
    </>
  );
}

const aria = (p: FieldProps) => ({
  'aria-describedby': describedBy(p.help && helpId(p.id), p.error && errorId(p.id)),
  'aria-invalid': p.error ? (true as const) : undefined,
});

export function TextAreaField(
  p: FieldProps & { value: string; onChange: (v: string) => void; rows?: number; required?: boolean },
) {
  return (
    <div className={`field field-wide${p.error ? ' field-invalid' : ''}`}>
      <Label {...p} />
      <textarea
        id={p.id}
        rows={p.rows ?? 3}
        required={p.required}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        {...aria(p)}
      />
    </div>
  );
}

export function TextField(p: FieldProps & { value: string; onChange: (v: string) => void; required?: boolean }) {
  return (
    <div className={`field field-wide${p.error ? ' field-invalid' : ''}`}>
      <Label {...p} />
      <input
        id={p.id}
        type="text"
        className="input-text"
        required={p.required}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        {...aria(p)}
      />
    </div>
  );
}

export function DateField(p: FieldProps & { value: string; onChange: (v: string) => void; required?: boolean }) {
  return (
    <div className={`field${p.error ? ' field-invalid' : ''}`}>
      <Label {...p} />
      <input
        id={p.id}
        type="date"
        className="input-date"
        required={p.required}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        {...aria(p)}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  p: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    options: Option[];
    placeholder?: string;
    required?: boolean;
  },
) {
  return (
    <div className={`field field-wide${p.error ? ' field-invalid' : ''}`}>
      <Label {...p} />
      <select
        id={p.id}
        className="input-select"
        required={p.required}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        {...aria(p)}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({
  id,
  label,
  help,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  help?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={help ? helpId(id) : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p id={helpId(id)} className="help checkbox-help">
          {help}
        </p>
      ) : null}
    </div>
  );
}

export function RadioField(p: {
  id: string;
  legend: string;
  help?: string;
  error?: string | undefined;
  value: string;
  onChange: (v: string) => void;
  options: (Option & { help?: string })[];
}) {
  return (
    <fieldset
      className={`fieldset${p.error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(p.help && helpId(p.id), p.error && errorId(p.id))}
    >
      <legend>{p.legend}</legend>
      {p.help ? (
        <p id={helpId(p.id)} className="help">
          {p.help}
        </p>
      ) : null}
      <FieldError id={errorId(p.id)} message={p.error} />
      <ul className="radio-list">
        {p.options.map((o, i) => (
          <li key={o.value} className="radio">
            <input
              id={i === 0 ? p.id : `${p.id}-${o.value}`}
              type="radio"
              name={p.id}
              value={o.value}
              checked={p.value === o.value}
              onChange={() => p.onChange(o.value)}
              aria-describedby={o.help ? `${p.id}-${o.value}-help` : undefined}
            />
            <label htmlFor={i === 0 ? p.id : `${p.id}-${o.value}`}>{o.label}</label>
            {o.help ? (
              <p id={`${p.id}-${o.value}-help`} className="help">
                {o.help}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

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
  const time = useTimestamp();
  const [values, setValues] = useState<V>(p.initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<{ current: Conflict & Record<string, unknown> } | null>(null);
  const [busy, setBusy] = useState(false);
  const { summary, showErrors } = useErrorSummary(setErrors);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Opening the form moves focus to its first field.
    formRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  async function save(version: number | undefined) {
    setFailure(null);
    const local = p.validate(values);
    if (Object.keys(local).length > 0) return showErrors(local);
    setErrors({});
    setBusy(true);
    try {
      const result = await p.save(values, version);
      setBusy(false);
      p.onSaved(result);
    } catch (err) {
      setBusy(false);
      const current = theirVersion<Conflict & Record<string, unknown>>(err);
      if (current) {
        setConflict({ current });
        return;
      }
      const apiErr = err instanceof ApiError ? err : new ApiError(0, null);
      const mapped = apiErr.status === 400 || apiErr.status === 409 ? p.serverErrors(apiErr) : null;
      if (mapped && Object.keys(mapped).length > 0) return showErrors(mapped);
      setFailure(apiErr);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(conflict?.current.version ?? p.version);
  }

  return (
    <section className="subpanel plan-form" aria-labelledby={`${p.prefix}-heading`}>
      <h3 id={`${p.prefix}-heading`}>{p.heading}</h3>
      {p.intro}
      {conflict ? (
        <ConflictNotice
          className="plan-conflict"
          heading={t('plan.conflict.heading')}
          focusKey={conflict}
          reapply={{
            label: t('plan.conflict.reapply'),
            disabled: busy,
            onClick: () => void save(conflict.current.version),
          }}
          discard={{ label: t('plan.conflict.discard'), onClick: p.onCancel }}
          theirVersion={
            p.describeTheirs ? (
              <div className="their-version">
                <p className="notice-heading">{t('plan.conflict.theirVersion')}</p>
                {p.describeTheirs(conflict.current)}
              </div>
            ) : null
          }
        >
          <p>
            {t('plan.conflict.text', {
              name: conflict.current.updatedBy?.name ?? t('plan.conflict.someone'),
              time: conflict.current.updatedAt ? time.dateTime(conflict.current.updatedAt) : '',
            })}
          </p>
        </ConflictNotice>
      ) : null}
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={(f) => `${p.prefix}-${f}`} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form ref={formRef} noValidate onSubmit={submit} className="form-stack concern-form plan-item-form">
        {p.fields(values, setValues, errors)}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('plan.form.saving') : p.submitLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={p.onCancel}>
            {t('plan.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * A status line that takes focus when something was saved, so keyboard and screen-reader users
 * hear it and continue from there.
 */
export function useAnnouncer(): [ReactNode, (text: string) => void] {
  const [text, setText] = useState<string | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  const node = text ? (
    <p ref={ref} className="notice notice-success plan-status" role="status" tabIndex={-1}>
      {text}
    </p>
  ) : null;
  function announce(s: string) {
    setText(s);
    window.setTimeout(() => ref.current?.focus(), 0);
  }
  return [node, announce];
}

/** Trimmed, or null when empty. */
export const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
