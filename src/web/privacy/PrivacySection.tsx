/**
 * On the child's page: the consents and disclosures in force now, in one sentence each, and the way
 * to the full "Samtycke och sekretess" page.
 */
import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link } from '../router.js';
import { privacyApi } from './api.js';
import { privacyPaths } from './paths.js';
import './privacy.css';

export function PrivacySection({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const view = useLoad(`privacy:${childId}`, () => privacyApi.view(childId));
  const consents = view.status === 'ok' ? view.data.consents.filter((c) => c.status === 'active') : [];
  const disclosures = view.status === 'ok' ? view.data.disclosures.filter((d) => d.active) : [];
  return (
    <section aria-labelledby="privacy-heading" className="panel privacy-section">
      <div className="section-head">
        <h2 id="privacy-heading">{t('privacy.sectionHeading')}</h2>
        <Link to={privacyPaths.child(childId)}>{t('privacy.openPage')}</Link>
      </div>
      <LoadStatus load={view} />
      {view.status === 'ok' ? (
        <>
          {consents.length === 0 && disclosures.length === 0 ? <p>{t('privacy.nothingShared')}</p> : null}
          <ul className="plain-list">
            {consents.map((c) => (
              <li key={c.id}>
                {t('privacy.consentLine', { units: c.recipients.map((u) => u.name).join(', '), to: f.date(c.validTo) })}
              </li>
            ))}
            {disclosures.map((d) => (
              <li key={d.id}>
                {t('privacy.disclosureLine', {
                  unit: d.recipient.name,
                  statute: d.legalBasis.statuteReference,
                  to: f.date(d.validTo),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
