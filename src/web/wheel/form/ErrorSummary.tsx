import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { type Errors, linkFor } from './ids.js';

/** The errors as links to their fields; takes focus after a failed save. */
export function WheelErrorSummary({
  errors,
  summaryRef,
}: {
  errors: Errors;
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const errorEntries = Object.entries(errors);
  if (errorEntries.length === 0) return null;
  return (
    <div
      ref={summaryRef}
      tabIndex={-1}
      role="alert"
      className="notice notice-error error-summary"
      aria-labelledby="error-summary-heading"
    >
      <p id="error-summary-heading" className="notice-heading">
        {t('wheel.form.errorSummary')}
      </p>
      <ul>
        {errorEntries.map(([key, message]) => (
          <li key={key}>
            <a
              href={`#${linkFor(key)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(linkFor(key))?.focus();
              }}
            >
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
