import { useTranslation } from 'react-i18next';
import { api, loginUrl } from '../api.js';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { PageHeading, rememberedReturnTo } from '../router.js';

export function LoginPage({ mode }: { mode: 'demo' | 'production' }) {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  return (
    <>
      <PageHeading>{t('login.title')}</PageHeading>
      <p className="lead">{t('login.intro')}</p>
      {mode === 'demo' ? (
        <DemoUsers />
      ) : (
        <p>
          {/* A full navigation: the identity provider takes over from here. */}
          <a className="button button-primary" href={loginUrl({ returnTo: rememberedReturnTo() })}>
            {t('login.button')}
          </a>
        </p>
      )}
    </>
  );
}

function DemoUsers() {
  const { t } = useTranslation();
  const returnTo = rememberedReturnTo();
  // Staff only here: guardians and children log in to the family's Barnkompass (/familj).
  const users = useLoad('demo-users', async () => {
    const all = await api.demoUsers();
    return { users: all.users.filter((u) => u.kind === 'staff') };
  });
  return (
    <>
      <section className="notice notice-info" aria-labelledby="demo-notice-heading">
        <h2 id="demo-notice-heading" className="notice-heading">
          {t('login.demoNoticeHeading')}
        </h2>
        <p>{t('login.demoNotice')}</p>
      </section>
      <section aria-labelledby="demo-users-heading">
        <h2 id="demo-users-heading">{t('login.demoUsersHeading')}</h2>
        <LoadStatus load={users} />
        {users.status === 'ok' && users.data.users.length === 0 ? <p>{t('login.noDemoUsers')}</p> : null}
        {users.status === 'ok' && users.data.users.length > 0 ? (
          <ul className="card-list demo-users">
            {users.data.users.map((u) => (
              <li key={u.id} className="card">
                <a className="card-title" href={loginUrl({ hint: u.id, returnTo })}>
                  {u.name}
                </a>
                {u.titles.length > 0 ? (
                  <p className="card-meta">
                    <span className="visually-hidden">{t('login.titles')}: </span>
                    {u.titles.join(', ')}
                  </p>
                ) : null}
                {u.organisations.length > 0 ? (
                  <p className="card-meta muted">
                    <span className="visually-hidden">{t('login.organisations')}: </span>
                    {u.organisations.join(', ')}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
