import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import type { Load } from '../hooks.js';

/** A polite live region: screen readers hear "Laddar …" without losing their place. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

/** An error the user should notice at once (role="alert"), with a way to try again. */
export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice-error">
      <p>{error.status === 0 ? t('errors.network') : t('errors.generic')}</p>
      {error.requestId ? <p className="small">{t('errors.requestId', { requestId: error.requestId })}</p> : null}
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** While a load is under way: "Laddar …"; when it failed: the error with "try again"; else nothing. */
export function LoadStatus({ load }: { load: Load<unknown> & { reload(): void } }) {
  if (load.status === 'loading') return <Loading />;
  if (load.status === 'error') return <ErrorMessage error={load.error} onRetry={load.reload} />;
  return null;
}
