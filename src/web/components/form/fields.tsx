/**
 * The field kit: every input in the app is a labelled control tied to its help and error texts by
 * aria-describedby, marked aria-invalid when in error, in the same box with the same ids
 * (`${id}-help`, `${id}-error`), so the error summary can link to it and screen readers read it alike.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { Link } from '../../router.js';
import { describedBy, FieldError } from './errors.js';

export interface FieldProps {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
}

/** Where the field's box sits in the form: full width (text) or its natural width (dates, short lists). */
interface Box {
  wide?: boolean;
  /** Extra classes on the field's box. */
  className?: string;
}

export const helpId = (id: string) => `${id}-help`;
export const errorId = (id: string) => `${id}-error`;

/** aria-describedby and aria-invalid for the control of a field. */
export function fieldAria(p: { id: string; help?: ReactNode; error?: string | undefined }) {
  return {
    'aria-describedby': describedBy(p.help ? helpId(p.id) : null, p.error ? errorId(p.id) : null),
    'aria-invalid': p.error ? (true as const) : undefined,
  };
}

const boxClass = (base: string, p: Box & { error?: string | undefined }) =>
  [base, p.wide ? 'field-wide' : null, p.className, p.error ? 'field-invalid' : null].filter(Boolean).join(' ');

function Help({ id, help, className = 'help' }: { id: string; help: ReactNode; className?: string }) {
  return help ? (
    <p id={helpId(id)} className={className}>
      {help}
    </p>
  ) : null;
}

/** A field's box: label, help, error, then the control (children). */
export function Field(p: FieldProps & Box & { children: ReactNode }) {
  return (
    <div className={boxClass('field', p)}>
      <label htmlFor={p.id}>{p.label}</label>
      <Help id={p.id} help={p.help} />
      <FieldError id={errorId(p.id)} message={p.error} />
      {p.children}
    </div>
  );
}

interface Value<T = string> {
  value: T;
  onChange: (v: T) => void;
  required?: boolean;
  name?: string;
}

type Extra<A> = Omit<A, 'id' | 'value' | 'onChange' | 'required' | 'name' | 'className' | 'children'>;

export function TextAreaField(
  p: FieldProps & Box & Value & { rows?: number; control?: Extra<TextareaHTMLAttributes<HTMLTextAreaElement>> },
) {
  return (
    <Field {...p} wide={p.wide ?? true}>
      <textarea
        {...p.control}
        id={p.id}
        name={p.name}
        rows={p.rows ?? 3}
        required={p.required}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        {...fieldAria(p)}
      />
    </Field>
  );
}

type InputExtra = { control?: Extra<InputHTMLAttributes<HTMLInputElement>>; inputClassName?: string | null };

function Input(p: FieldProps & Value & InputExtra & { type: string; defaultClass: string }) {
  const className = p.inputClassName === undefined ? p.defaultClass : (p.inputClassName ?? undefined);
  return (
    <input
      {...p.control}
      id={p.id}
      name={p.name}
      type={p.type}
      className={className}
      required={p.required}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      {...fieldAria(p)}
    />
  );
}

export function TextField(
  p: FieldProps & Box & Value & InputExtra & { type?: 'text' | 'search' | 'email' | 'number' },
) {
  return (
    <Field {...p} wide={p.wide ?? true}>
      <Input {...p} type={p.type ?? 'text'} defaultClass="input-text" />
    </Field>
  );
}

export function DateField(p: FieldProps & Box & Value & InputExtra) {
  return (
    <Field {...p}>
      <Input {...p} type="date" defaultClass="input-date" />
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  p: FieldProps &
    Box &
    Value & {
      options: Option[];
      /** The empty first choice ("Välj …"); none when undefined. */
      placeholder?: string;
      selectClassName?: string | null;
      control?: Extra<SelectHTMLAttributes<HTMLSelectElement>>;
    },
) {
  return (
    <Field {...p} wide={p.wide ?? true}>
      <select
        {...p.control}
        id={p.id}
        name={p.name}
        className={p.selectClassName === undefined ? 'input-select' : (p.selectClassName ?? undefined)}
        required={p.required}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        {...fieldAria(p)}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** One checkbox with its label after it, and its help after that. */
export function CheckboxField(
  p: Omit<FieldProps, 'error'> &
    Box & {
      checked: boolean;
      onChange: (v: boolean) => void;
      name?: string;
      /** Inside a field box (a row of the form) rather than a bare checkbox line. */
      boxed?: boolean;
      disabled?: boolean;
      /** The help's class (default: indented under the label). */
      helpClassName?: string;
    },
) {
  return (
    <div className={p.boxed ? boxClass('field', { ...p, className: ['checkbox', p.className].join(' ') }) : 'checkbox'}>
      <input
        id={p.id}
        name={p.name}
        type="checkbox"
        checked={p.checked}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.checked)}
        aria-describedby={p.help ? helpId(p.id) : undefined}
      />
      <label htmlFor={p.id}>{p.label}</label>
      <Help id={p.id} help={p.help} className={p.helpClassName ?? 'help checkbox-help'} />
    </div>
  );
}

/** A group of controls under a legend, with the group's help and error. */
export function Fieldset(
  p: { id: string; legend: ReactNode; help?: ReactNode; error?: string | undefined; className?: string } & {
    children: ReactNode;
  },
) {
  return (
    <fieldset
      className={['fieldset', p.className, p.error ? 'field-invalid' : null].filter(Boolean).join(' ')}
      aria-describedby={describedBy(p.help ? helpId(p.id) : null, p.error ? errorId(p.id) : null)}
    >
      <legend>{p.legend}</legend>
      <Help id={p.id} help={p.help} />
      <FieldError id={errorId(p.id)} message={p.error} />
      {p.children}
    </fieldset>
  );
}

/** The first option's id is the group's own id (where the error summary sends focus) unless given. */
const defaultOptionId = (id: string) => (value: string, index: number) => (index === 0 ? id : `${id}-${value}`);

export function RadioField(p: {
  id: string;
  legend: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (v: string) => void;
  options: (Option & { help?: ReactNode })[];
  optionId?: (value: string, index: number) => string;
  name?: string;
  className?: string;
  listClassName?: string;
  /** Shown under the choices, inside the group (e.g. what to do now that "yes" is chosen). */
  children?: ReactNode;
}) {
  const optionId = p.optionId ?? defaultOptionId(p.id);
  return (
    <Fieldset id={p.id} legend={p.legend} help={p.help} error={p.error} className={p.className}>
      <ul className={p.listClassName ?? 'radio-list'}>
        {p.options.map((o, i) => (
          <li key={o.value} className="radio">
            <input
              id={optionId(o.value, i)}
              type="radio"
              name={p.name ?? p.id}
              value={o.value}
              checked={p.value === o.value}
              onChange={() => p.onChange(o.value)}
              aria-describedby={o.help ? `${p.id}-${o.value}-help` : undefined}
            />
            <label htmlFor={optionId(o.value, i)}>{o.label}</label>
            {o.help ? (
              <p id={`${p.id}-${o.value}-help`} className="help">
                {o.help}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {p.children}
    </Fieldset>
  );
}

/** Several checkboxes under one legend (e.g. the wheel's indicators); the values keep the options' order. */
export function CheckboxGroup<T extends string>(p: {
  id: string;
  legend: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  options: readonly { value: T; label: ReactNode }[];
  values: readonly T[];
  onChange: (v: T[]) => void;
  optionId: (value: T) => string;
  name?: string;
  className?: string;
  listClassName?: string;
  /** Ticking adds at the end (the order ticked) instead of keeping the options' order. */
  inTickedOrder?: boolean;
}) {
  // Ticking keeps the options' order (or the order ticked); unticking keeps the rest as they were.
  const toggle = (v: T, on: boolean) =>
    p.onChange(
      !on
        ? p.values.filter((x) => x !== v)
        : p.inTickedOrder
          ? [...p.values, v]
          : p.options.map((o) => o.value).filter((x) => x === v || p.values.includes(x)),
    );
  return (
    <Fieldset id={p.id} legend={p.legend} help={p.help} error={p.error} className={p.className}>
      <ul className={p.listClassName ?? 'checkbox-grid'}>
        {p.options.map((o) => (
          <li key={o.value} className="checkbox">
            <input
              id={p.optionId(o.value)}
              type="checkbox"
              name={p.name}
              value={o.value}
              checked={p.values.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <label htmlFor={p.optionId(o.value)}>{o.label}</label>
          </li>
        ))}
      </ul>
    </Fieldset>
  );
}

/**
 * The form's buttons: send (its label says "Sparar …" while busy) and, optionally, cancel (a button, or
 * a link back to where the user came from).
 */
export function SubmitRow(p: {
  label: string;
  busyLabel?: string;
  busy?: boolean;
  cancel?: { label: string; onClick: () => void } | { label: string; to: string };
  className?: string;
  /** A paragraph rather than a box (some pages' styles hang on it). */
  paragraph?: boolean;
}) {
  const Row = p.paragraph ? 'p' : 'div';
  return (
    <Row className={p.className ?? 'button-row'}>
      <button type="submit" className="button button-primary" disabled={p.busy}>
        {p.busy && p.busyLabel ? p.busyLabel : p.label}
      </button>
      {p.cancel && 'to' in p.cancel ? (
        <Link to={p.cancel.to} className="button button-secondary">
          {p.cancel.label}
        </Link>
      ) : p.cancel ? (
        <button type="button" className="button button-secondary" onClick={p.cancel.onClick}>
          {p.cancel.label}
        </button>
      ) : null}
    </Row>
  );
}

/** Trimmed, or null when empty. */
export const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
