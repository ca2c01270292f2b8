import { useTranslation } from 'react-i18next';
import type { DemoUser } from '../../contract/dev.js';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { PageHeading } from '../router.js';
import { familyApi, familyLoginUrl } from './api.js';

/** The family's login: BankID or Freja through the broker; in the demo also the demo families. */
export function FamilyLoginPage({ mode }: { mode: 'production' | 'demo' }) {
  const { t } = useTranslation();
  useDocumentTitle(t('family.loginTitle'));
  return (
    <>
      <PageHeading>{t('family.brand')}</PageHeading>
      <p className="family-lead">{t('family.loginIntro')}</p>
      <p>
        <a className="button button-primary family-login-button" href={familyLoginUrl()}>
          {t('family.loginButton')}
        </a>
      </p>
      <p className="muted">{t('family.loginPrivacy')}</p>
      {mode === 'demo' ? <DemoFamilies /> : null}
    </>
  );
}

function DemoFamilies() {
  const { t } = useTranslation();
  const users = useLoad('demo-family', familyApi.demoFamily);
  const list = (kind: DemoUser['kind']) => (users.status === 'ok' ? users.data.filter((u) => u.kind === kind) : []);
  return (
    <section className="notice notice-info" aria-labelledby="demo-family-heading">
      <h2 id="demo-family-heading" className="notice-heading">
        {t('family.demoHeading')}
      </h2>
      <p>{t('family.demoNotice')}</p>
      <LoadStatus load={users} />
      {users.status === 'ok' && users.data.length === 0 ? <p>{t('family.noDemoFamily')}</p> : null}
      {(['guardian', 'child'] as const).map((kind) =>
        list(kind).length > 0 ? (
          <section key={kind} aria-labelledby={`demo-${kind}`}>
            <h3 id={`demo-${kind}`}>{t(kind === 'guardian' ? 'family.demoGuardians' : 'family.demoChildren')}</h3>
            <ul className="card-list family-demo-list">
              {list(kind).map((u) => (
                <li key={u.id} className="card">
                  <a className="card-title" href={familyLoginUrl(u)}>
                    {u.name}
                  </a>
                  <p className="card-meta">{u.titles.join(', ')}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </section>
  );
}
