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

export function Header({ session, route }: { session: SessionInfo | null; route: Route }) {
  const { t } = useTranslation();
  const [loggingOut, setLoggingOut] = useState(false);
  const loggedIn = session?.authenticated && session.person;
  const assignment = session?.assignment ?? null;

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
    <header className="site-header">
      <div className="header-bar container">
        <Link to={paths.myChildren} className="brand">
          <img src="/favicon.svg" alt="" className="brand-mark" width="28" height="28" />
          <span>{t('app.name')}</span>
        </Link>
        <div className="header-tools">
          {loggedIn && session.person ? (
            <div className="user-info">
              <p className="user-name">
                <span className="visually-hidden">{t('header.loggedInAs')} </span>
                {session.person.givenName} {session.person.familyName}
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
          ) : null}
          <LanguageSwitch />
          {loggedIn ? (
            <button
              type="button"
              className="button button-secondary logout"
              onClick={() => void logout()}
              disabled={loggingOut}
            >
              {loggingOut ? t('header.loggingOut') : t('header.logout')}
            </button>
          ) : null}
        </div>
      </div>
      {loggedIn && assignment ? (
        <nav className="main-nav" aria-label={t('app.mainNav')}>
          <ul className="container">
            {roleKind(assignment.role) === 'case' || roleKind(assignment.role) === 'admin' ? (
              <li>
                <Link to={paths.myChildren} aria-current={route.name === 'myChildren' ? 'page' : undefined}>
                  {t('header.myChildren')}
                </Link>
              </li>
            ) : null}
            {FOLLOWUP_NAV_ROLES.has(assignment.role) ? (
              <li>
                <Link to={paths.followup} aria-current={route.name.startsWith('followup') ? 'page' : undefined}>
                  {t('followup.nav.main')}
                </Link>
              </li>
            ) : null}
            <li>
              <Link to={paths.todo} aria-current={route.name === 'todo' ? 'page' : undefined}>
                {t('todo.nav')}
              </Link>
            </li>
            {roleKind(assignment.role) === 'case' ? (
              <li>
                <Link to={paths.consultation} aria-current={route.name === 'consultation' ? 'page' : undefined}>
                  {t('consultation.nav')}
                </Link>
              </li>
            ) : null}
            {!NON_FILING_ROLES.has(assignment.role) ? (
              <li>
                <Link to={reportPaths.reports} aria-current={route.name.startsWith('report') ? 'page' : undefined}>
                  {t('report.nav')}
                </Link>
              </li>
            ) : null}
            {BREAK_GLASS_ROLES.has(assignment.role) ? (
              <li>
                <Link to={privacyPaths.breakGlass} aria-current={route.name === 'breakGlass' ? 'page' : undefined}>
                  {t('breakGlass.nav')}
                </Link>
              </li>
            ) : null}
            {assignment.role === LOG_REVIEWER ? (
              <li>
                <Link to={reportPaths.logReview} aria-current={route.name.startsWith('logReview') ? 'page' : undefined}>
                  {t('logReview.nav')}
                </Link>
              </li>
            ) : null}
            {KPI_ROLES.has(assignment.role) ? (
              <li>
                <Link to={paths.kpi} aria-current={route.name === 'kpi' ? 'page' : undefined}>
                  {t('kpi.title')}
                </Link>
              </li>
            ) : null}
            {ANALYST_ROLES.has(assignment.role) ? (
              <li>
                <Link
                  to={paths.followupAdmin}
                  aria-current={route.name.startsWith('followupAdmin') ? 'page' : undefined}
                >
                  {t('followupAdmin.nav.short')}
                </Link>
              </li>
            ) : null}
            {ATTENDANCE_ROLES.has(assignment.role) ? (
              <li>
                <Link to={paths.attendance} aria-current={route.name === 'attendance' ? 'page' : undefined}>
                  {t('attendance.nav')}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
