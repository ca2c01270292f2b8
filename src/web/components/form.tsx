/**
 * Form helpers shared by every form in the app: an error summary that takes focus (each error links
 * to its field), the hook that shows it, and the ids that tie a field to its help and error text.
 */
import { forwardRef, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export type Errors = Record<string, string>;

/** aria-describedby from the ids that apply (help text first, then the error). */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean) as string[];
  return list.length > 0 ? list.join(' ') : undefined;
}

/** The field's error text, tied to it by id; read out when the summary is. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

/**
 * "Rätta det här innan du sparar": one link per error, each moving focus to its field. Focus the
 * summary itself after a failed submit so screen readers hear it at once.
 */
export const ErrorSummary = forwardRef<
  HTMLDivElement,
  { errors: [string, string][]; fieldId: (field: string) => string }
>(function ErrorSummary({ errors, fieldId }, ref) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  const go = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    // Not a #hash navigation: the router owns the address.
    e.preventDefault();
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };
  return (
    <div ref={ref} className="notice notice-error error-summary" role="alert" tabIndex={-1}>
      <p className="notice-heading">{t('concern.form.errorSummary')}</p>
      <ul>
        {errors.map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldId(field)}`} onClick={(e) => go(e, fieldId(field))}>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
});

/**
 * Shows a set of errors and, once the summary has rendered, moves focus to it so screen readers
 * read the errors out at once. Pass the form's own setErrors.
 */
export function useErrorSummary(setErrors: (e: Errors) => void) {
  const summary = useRef<HTMLDivElement>(null);
  function showErrors(e: Errors) {
    setErrors(e);
    window.setTimeout(() => summary.current?.focus(), 0);
  }
  return { summary, showErrors };
}
