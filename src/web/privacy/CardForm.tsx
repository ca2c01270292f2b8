/** A small form inside a card (withdraw a consent, review an emergency access): state, sending, layout. */
import type { ReactNode } from 'react';
import { ErrorMessage } from '../components/Status.js';
import { asApiError, type Errors, ErrorSummary, type FormState, useFormState } from '../components/form/index.js';

/** The form's state, and `send`: with problems show them, else call the server and then `onDone`. */
export function useCardForm(onDone: () => void) {
  const form = useFormState();
  async function send(problems: Errors, call: () => Promise<unknown>) {
    form.setFailure(null);
    if (Object.keys(problems).length > 0) return form.showErrors(problems);
    form.setBusy(true);
    try {
      await call();
      onDone();
    } catch (caught) {
      form.setBusy(false);
      form.setFailure(asApiError(caught));
    }
  }
  return { ...form, send };
}

/** Heading, optional intro, error summary and generic error, then the fields and buttons. */
export function CardForm({
  prefix,
  heading,
  intro,
  form,
  fieldId,
  onSubmit,
  children,
}: {
  prefix: string;
  heading: string;
  intro?: ReactNode;
  form: FormState;
  fieldId: (field: string) => string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      className="form-stack subpanel"
      aria-labelledby={`${prefix}-heading`}
    >
      <h4 id={`${prefix}-heading`}>{heading}</h4>
      {intro}
      <ErrorSummary ref={form.summary} errors={Object.entries(form.errors)} fieldId={fieldId} />
      {form.failure ? <ErrorMessage error={form.failure} /> : null}
      {children}
    </form>
  );
}
