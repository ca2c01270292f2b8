/**
 * What every form shows when something is wrong: an error summary that takes focus (each error links
 * to its field), the field's own error text, and the state a form keeps while it sends (errors, the
 * generic failure, busy).
 */
import { forwardRef, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, asApiError } from '../../api.js';
import { ErrorMessage } from '../Status.js';

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

export { asApiError };

export interface FormState {
  errors: Errors;
  setErrors: (e: Errors) => void;
  /** Set errors and move focus to the summary. */
  showErrors: (e: Errors) => void;
  summary: RefObject<HTMLDivElement | null>;
  /** The generic error (what is not a field's), shown under the summary. */
  failure: ApiError | null;
  setFailure: (e: ApiError | null) => void;
  /** Show anything thrown as the generic error. */
  fail: (err: unknown) => void;
  busy: boolean;
  setBusy: (b: boolean) => void;
  /**
   * Starts sending: clears the last failure; with problems, shows them and answers false; else clears
   * the errors, marks the form busy and answers true.
   */
  begin: (problems: Errors) => boolean;
}

/** The state every form keeps while the user fills it in and sends it. */
export function useFormState(): FormState {
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { summary, showErrors } = useErrorSummary(setErrors);
  return {
    errors,
    setErrors,
    showErrors,
    summary,
    failure,
    setFailure,
    fail: (err) => setFailure(asApiError(err)),
    busy,
    setBusy,
    begin(problems) {
      setFailure(null);
      if (Object.keys(problems).length > 0) {
        showErrors(problems);
        return false;
      }
      setErrors({});
      setBusy(true);
      return true;
    },
  };
}

/** The error summary and the generic error, in the place every form shows them (above the form). */
export function FormProblems({ form, fieldId }: { form: FormState; fieldId: (field: string) => string }) {
  return (
    <>
      <ErrorSummary ref={form.summary} errors={Object.entries(form.errors)} fieldId={fieldId} />
      {form.failure ? <ErrorMessage error={form.failure} /> : null}
    </>
  );
}
