import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionInfo } from '../api.js';
import { roleTitle } from '../../ui/labels.js';
import { assignmentPlace, roleKind } from '../labels.js';
import { ATTENDANCE_ROLES } from '../attendance/roles.js';
import { ANALYST_ROLES, KPI_ROLES } from '../followup-admin/roles.js';
import { FOLLOWUP_NAV_ROLES } from '../followup/roles.js';
import { Link, paths, type Route } from '../router.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LOG_REVIEWER, NON_FILING_ROLES } from '../reports/api.js';
import { reportPaths } from '../reports/paths.js';
import { BREAK_GLASS_ROLES } from '../privacy/api.js';
import { privacyPaths } from '../privacy/paths.js';
import { NON_SERVING_ROLES } from '../serving/api.js';
import { servingPaths } from '../serving/paths.js';
import { ADMIN_NAV_ROLES, adminPaths } from '../admin/paths.js';

export function Header({ session, route }: { session: SessionInfo | null; route: Route }) {
  const { t } = useTranslation();
  const loggedIn = session?.authenticated && session.person;
  const assignment = session?.assignment ?? null;

  return (
    <header className="site-header">
      <div className="header-bar container">
        <Link to={paths.myChildren} className="brand">
          <img src="/favicon.svg" alt="" className="brand-mark" width="28" height="28" />
          <span>{t('app.name')}</span>
        </Link>
        <div className="header-tools">
          {loggedIn && session.person ? <UserInfo person={session.person} session={session} route={route} /> : null}
          <LanguageSwitch />
          {loggedIn ? <LogoutButton /> : null}
        </div>
      </div>
      {loggedIn && assignment ? <MainNav role={assignment.role} route={route} /> : null}
    </header>
  );
}

function UserInfo({
  person,
  session,
  route,
}: {
  person: NonNullable<SessionInfo['person']>;
  session: SessionInfo;
  route: Route;
}) {
  const { t } = useTranslation();
  const assignment = session.assignment;
  return (
    <div className="user-info">
      <p className="user-name">
        <span className="visually-hidden">{t('header.loggedInAs')} </span>
        {person.givenName} {person.familyName}
      </p>
      {assignment ? (
        <p className="user-assignment">
          <span className="visually-hidden">{t('header.assignment')}: </span>
          {roleTitle(t, assignment)}, {assignmentPlace(assignment)}
        </p>
      ) : null}
      {session.assignments.length > 1 && route.name !== 'chooseAssignment' ? (
        <Link to={paths.chooseAssignment} className="switch-assignment">
          {t('header.switchAssignment')}
        </Link>
      ) : null}
    </div>
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  const [loggingOut, setLoggingOut] = useState(false);

  async function logout() {
    setLoggingOut(true);
    try {
      const { redirectTo } = await api.logout();
      // A full page load: nothing of the session stays in memory.
      window.location.assign(redirectTo.startsWith('/') || redirectTo.startsWith('http') ? redirectTo : '/');
    } catch {
      window.location.assign(paths.login);
    }
  }

  return (
    <button
      type="button"
      className="button button-secondary logout"
      onClick={() => void logout()}
      disabled={loggingOut}
    >
      {loggingOut ? t('header.loggingOut') : t('header.logout')}
    </button>
  );
}

/** The main navigation: one item per area the assignment's role may use. */
function MainNav({ role, route }: { role: string; route: Route }) {
  const { t } = useTranslation();
  const kind = roleKind(role);
  return (
    <nav className="main-nav" aria-label={t('app.mainNav')}>
      <ul className="container">
        {kind === 'case' || kind === 'admin' ? (
          <NavItem to={paths.myChildren} current={route.name === 'myChildren'} label={t('header.myChildren')} />
        ) : null}
        {FOLLOWUP_NAV_ROLES.has(role) ? (
          <NavItem to={paths.followup} current={route.name.startsWith('followup')} label={t('followup.nav.main')} />
        ) : null}
        <NavItem to={paths.todo} current={route.name === 'todo'} label={t('todo.nav')} />
        {!NON_SERVING_ROLES.has(role) ? (
          <NavItem to={servingPaths.find} current={route.name.startsWith('serving')} label={t('servingConcern.nav')} />
        ) : null}
        {kind === 'case' ? (
          <NavItem to={paths.consultation} current={route.name === 'consultation'} label={t('consultation.nav')} />
        ) : null}
        {!NON_FILING_ROLES.has(role) ? (
          <NavItem to={reportPaths.reports} current={route.name.startsWith('report')} label={t('report.nav')} />
        ) : null}
        {BREAK_GLASS_ROLES.has(role) ? (
          <NavItem to={privacyPaths.breakGlass} current={route.name === 'breakGlass'} label={t('breakGlass.nav')} />
        ) : null}
        {role === LOG_REVIEWER ? (
          <NavItem to={reportPaths.logReview} current={route.name.startsWith('logReview')} label={t('logReview.nav')} />
        ) : null}
        {KPI_ROLES.has(role) ? <NavItem to={paths.kpi} current={route.name === 'kpi'} label={t('kpi.title')} /> : null}
        {ANALYST_ROLES.has(role) ? (
          <NavItem
            to={paths.followupAdmin}
            current={route.name.startsWith('followupAdmin')}
            label={t('followupAdmin.nav.short')}
          />
        ) : null}
        {ADMIN_NAV_ROLES.has(role) ? (
          <NavItem to={adminPaths.units} current={route.name.startsWith('admin')} label={t('admin.nav.main')} />
        ) : null}
        {ATTENDANCE_ROLES.has(role) ? (
          <NavItem to={paths.attendance} current={route.name === 'attendance'} label={t('attendance.nav')} />
        ) : null}
      </ul>
    </nav>
  );
}

function NavItem({ to, current, label }: { to: string; current: boolean; label: string }) {
  return (
    <li>
      <Link to={to} aria-current={current ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
}
