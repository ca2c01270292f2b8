import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { familyApi, type PortalConsent } from './api.js';

/**
 * The child's consents as the family sees them — what is shared with whom, why and until when, who
 * said what — and withdrawing one (with a confirmation): it takes effect for the staff at once.
 */
export function FamilyConsents({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const load = useLoad(`family-consents:${childId}`, () => familyApi.consents(childId));
  const [after, setAfter] = useState<PortalConsent[] | null>(null);
  const consents = after ?? (load.status === 'ok' ? load.data.consents : []);
  return (
    <section aria-labelledby="consents-heading" className="family-section">
      <h2 id="consents-heading">{t('family.consentsHeading')}</h2>
      <p>{t('family.consentsIntro')}</p>
      <LoadStatus load={load} />
      {load.status === 'ok' && consents.length === 0 ? <p>{t('family.noConsents')}</p> : null}
      <ul className="card-list">
        {consents.map((c) => (
          <ConsentCard key={c.id} consent={c} childId={childId} onChanged={setAfter} />
        ))}
      </ul>
    </section>
  );
}

function ConsentCard({
  consent: c,
  childId,
  onChanged,
}: {
  consent: PortalConsent;
  childId: string;
  onChanged: (list: PortalConsent[]) => void;
}) {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
  const { date } = useFormat();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `consent-${c.id}`;
  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      onChanged((await familyApi.withdrawConsent(childId, c.id)).consents);
      setConfirming(false);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className="card">
      <h3 id={headingId} className="card-title">
        {c.purpose}
      </h3>
      <p className="card-meta">{tt(`consent.status.${c.status}`)}</p>
      <dl className="family-facts">
        <dt>{t('family.consentWhat')}</dt>
        <dd>
          {c.dataCategories.map((k) => tt(`privacy.category.${k}`)).join(', ')} ({' '}
          {c.sourceDomains.map((d) => tt(`privacy.domain.${d}`)).join(', ')})
        </dd>
        <dt>{t('family.consentWho')}</dt>
        <dd>{c.recipients.join(', ')}</dd>
        <dt>{t('family.consentWhen')}</dt>
        <dd>{t('family.consentPeriod', { from: date(c.validFrom), to: date(c.validTo) })}</dd>
        <dt>{t('family.consentSaid')}</dt>
        <dd>
          <ul className="family-list">
            {c.parties.map((p, i) => (
              <li key={i}>
                {p.kind === 'child' ? t('consent.theChild') : (p.givenName ?? '')}:{' '}
                {tt(`consent.position.${p.position}`)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {error ? <ErrorMessage error={error} /> : null}
      {c.mayWithdraw && !confirming ? (
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          {t('family.withdraw')}
        </button>
      ) : null}
      {confirming ? (
        <div className="notice notice-warning" role="group" aria-labelledby={`${headingId}-confirm`}>
          <p id={`${headingId}-confirm`}>{t('family.withdrawConfirm')}</p>
          <p className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void withdraw()}>
              {t('family.withdrawYes')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('family.withdrawNo')}
            </button>
          </p>
        </div>
      ) : null}
    </li>
  );
}
