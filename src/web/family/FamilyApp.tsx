import { useTranslation } from 'react-i18next';
import { SkipLink } from '../components/SkipLink.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { LoadStatus } from '../components/Status.js';
import { useLoad } from '../hooks.js';
import { Link, navigate, usePathname } from '../router.js';
import { familyApi, familyPaths } from './api.js';
import { FamilyChildPage } from './FamilyChildPage.js';
import { FamilyLoginPage } from './FamilyLoginPage.js';
import { FamilyLogPage } from './FamilyLogPage.js';
import { FamilyStartPage } from './FamilyStartPage.js';

/**
 * The family's own Barnkompass (`/familj`): its own frame — no staff menu, the family's session
 * only — built for a phone first. Who is logged in decides between the login and the pages.
 */
export function FamilyApp() {
  const { t } = useTranslation();
  const pathname = usePathname();
  const me = useLoad(`family-me:${pathname === familyPaths.start ? 'start' : 'page'}`, familyApi.me);
  const loggedIn = me.status === 'ok' && me.data.authenticated;
  return (
    <div className="family">
      <SkipLink />
      <header className="site-header family-header">
        <div className="header-bar container">
          <Link to={familyPaths.start} className="brand">
            <img src="/favicon.svg" alt="" className="brand-mark" width="28" height="28" />
            <span>{t('family.brand')}</span>
          </Link>
          <div className="header-tools">
            {loggedIn && me.data.citizen ? (
              <p className="user-name">
                <span className="visually-hidden">{t('header.loggedInAs')} </span>
                {me.data.citizen.givenName}
              </p>
            ) : null}
            <LanguageSwitch />
            {loggedIn ? <LogoutButton /> : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container main family-main">
        <LoadStatus load={me} />
        {me.status === 'ok' ? (
          loggedIn ? (
            <FamilyPage pathname={pathname} />
          ) : (
            <FamilyLoginPage mode={me.data.mode} />
          )
        ) : null}
      </main>
    </div>
  );
}

function FamilyPage({ pathname }: { pathname: string }) {
  const log = /^\/familj\/barn\/([0-9a-f-]{36})\/logg$/.exec(pathname);
  if (log) return <FamilyLogPage key={log[1]} childId={log[1]!} />;
  const child = /^\/familj\/barn\/([0-9a-f-]{36})$/.exec(pathname);
  if (child) return <FamilyChildPage key={child[1]} childId={child[1]!} />;
  return <FamilyStartPage />;
}

function LogoutButton() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={async () => {
        const r = await familyApi.logout().catch(() => ({ redirectTo: familyPaths.start }));
        navigate(r.redirectTo, { replace: true });
        window.location.reload();
      }}
    >
      {t('family.logout')}
    </button>
  );
}
