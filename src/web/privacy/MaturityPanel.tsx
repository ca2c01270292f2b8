import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaturityJudgement } from '../../contract/portal.js';
import { type ApiError, request } from '../api.js';
import { TextAreaField } from '../components/form/fields.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';

const url = (childId: string) => `/api/children/${encodeURIComponent(childId)}/maturity-judgement`;

/**
 * The child's own login to Barnkompass för familjer: a professional on the team records the
 * judgement that the child is mature enough (no fixed age) — or takes it back.
 */
export function MaturityPanel({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const load = useLoad(`maturity:${childId}`, () =>
    request<{ judgement: MaturityJudgement | null }>('GET', url(childId)),
  );
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function act(method: 'POST' | 'DELETE') {
    if (method === 'POST' && reason.trim() === '') {
      setFieldError(t('maturity.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await request(method, url(childId), method === 'POST' ? { reason } : undefined);
      setReason('');
      load.reload();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  const j = load.status === 'ok' ? load.data.judgement : null;
  return (
    <section aria-labelledby="maturity-heading" className="panel">
      <h2 id="maturity-heading">{t('maturity.heading')}</h2>
      <p>{t('maturity.intro')}</p>
      <LoadStatus load={load} />
      {error ? <ErrorMessage error={error} /> : null}
      {load.status === 'ok' && j ? (
        <>
          <p>{t('maturity.inForce', { date: date(j.validFrom) })}</p>
          <p className="help">
            {t('maturity.reason')}: {j.reason}
          </p>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void act('DELETE')}>
            {t('maturity.withdraw')}
          </button>
        </>
      ) : null}
      {load.status === 'ok' && !j ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act('POST');
          }}
        >
          <TextAreaField
            id="maturity-reason"
            label={t('maturity.reasonLabel')}
            help={t('maturity.reasonHelp')}
            value={reason}
            onChange={setReason}
            error={fieldError}
            required
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('maturity.record')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
