import type { ReactNode } from 'react';

/** A labelled textarea (at most 4000 characters), with its error given by the caller. */
export function TextArea({
  id,
  label,
  value,
  onChange,
  rows = 3,
  invalid,
  describedBy,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
  invalid?: boolean;
  describedBy?: string;
  error?: ReactNode;
}) {
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {error}
      <textarea
        id={id}
        rows={rows}
        maxLength={4000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
