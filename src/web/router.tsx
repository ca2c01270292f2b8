/**
 * A tiny router on the History API. Paths carry ids only, never personal data. After a navigation
 * the new page's h1 takes focus, so a screen reader announces the page like a full page load.
 */
import {
  useEffect,
  useRef,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { matchReportRoute, type ReportRoute } from './reports/paths.js';
import { matchPrivacyRoute, type PrivacyRoute } from './privacy/paths.js';
import { matchServingRoute, type ServingRoute } from './serving/paths.js';
import { type AdminRoute, matchAdminRoute } from './admin/paths.js';

export type Route =
  | { name: 'login' }
  | { name: 'chooseAssignment' }
  | { name: 'myChildren' }
  | { name: 'child'; childId: string }
  | { name: 'wheel'; childId: string }
  | { name: 'wheelNew'; childId: string }
  | { name: 'wheelAssessment'; childId: string; assessmentId: string }
  | { name: 'newConcern'; childId: string }
  | { name: 'concern'; childId: string; concernId: string }
  | { name: 'todo' }
  | { name: 'plan'; childId: string }
  | { name: 'earlierPlan'; childId: string; planId: string }
  | { name: 'meetingNew'; childId: string }
  | { name: 'meeting'; childId: string; meetingId: string }
  | { name: 'reviewNew'; childId: string }
  | { name: 'consultation' }
  | { name: 'consultationNew' }
  | { name: 'consultationCase'; caseId: string }
  | { name: 'attendance' }
  | { name: 'attendanceAlert'; childId: string; alertId: string }
  | { name: 'followup' }
  | { name: 'followupMunicipality'; code: string }
  | { name: 'followupSchool'; schoolId: string }
  | { name: 'followupIndicator'; indicatorId: string }
  | { name: 'followupEquity' }
  | { name: 'followupAdmin' }
  | { name: 'followupAdminSurvey' }
  | { name: 'followupAdminIndicators' }
  | { name: 'followupAdminIndicator'; key: string | null }
  | { name: 'kpi' }
  | ReportRoute
  | PrivacyRoute
  | ServingRoute
  | AdminRoute
  | { name: 'notFound' };

export const paths = {
  login: '/login',
  chooseAssignment: '/valj-uppdrag',
  myChildren: '/',
  child: (id: string) => `/barn/${encodeURIComponent(id)}`,
  wheel: (id: string) => `/barn/${encodeURIComponent(id)}/hjulet`,
  wheelNew: (id: string) => `/barn/${encodeURIComponent(id)}/hjulet/ny`,
  wheelAssessment: (id: string, assessmentId: string) =>
    `/barn/${encodeURIComponent(id)}/hjulet/${encodeURIComponent(assessmentId)}`,
  newConcern: (childId: string) => `/barn/${encodeURIComponent(childId)}/oro/ny`,
  concern: (childId: string, concernId: string) =>
    `/barn/${encodeURIComponent(childId)}/oro/${encodeURIComponent(concernId)}`,
  todo: '/att-gora',
  plan: (childId: string) => `/barn/${encodeURIComponent(childId)}/plan`,
  earlierPlan: (childId: string, planId: string) =>
    `/barn/${encodeURIComponent(childId)}/plan/tidigare/${encodeURIComponent(planId)}`,
  meetingNew: (childId: string) => `/barn/${encodeURIComponent(childId)}/plan/moten/ny`,
  meeting: (childId: string, meetingId: string) =>
    `/barn/${encodeURIComponent(childId)}/plan/moten/${encodeURIComponent(meetingId)}`,
  reviewNew: (childId: string) => `/barn/${encodeURIComponent(childId)}/plan/uppfoljning/ny`,
  consultation: '/konsultation',
  consultationNew: '/konsultation/ny',
  consultationCase: (caseId: string) => `/konsultation/${encodeURIComponent(caseId)}`,
  attendance: '/narvaro',
  followupAdmin: '/uppfoljning/admin',
  followupAdminSurvey: '/uppfoljning/admin/enkat',
  followupAdminIndicators: '/uppfoljning/admin/indikatorer',
  followupAdminIndicatorNew: '/uppfoljning/admin/indikatorer/ny',
  followupAdminIndicator: (key: string) => `/uppfoljning/admin/indikatorer/${encodeURIComponent(key)}`,
  kpi: '/nyckeltal',
  attendanceAlert: (childId: string, alertId: string) =>
    `/barn/${encodeURIComponent(childId)}/narvarolarm/${encodeURIComponent(alertId)}`,
  followup: '/uppfoljning',
};

export function matchRoute(pathname: string): Route {
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (p === '/') return { name: 'myChildren' };
  if (p === paths.login) return { name: 'login' };
  if (p === paths.chooseAssignment) return { name: 'chooseAssignment' };
  const child = /^\/barn\/([^/]+)$/.exec(p);
  if (child) return { name: 'child', childId: decodeURIComponent(child[1]!) };
  const wheel = /^\/barn\/([^/]+)\/hjulet(?:\/([^/]+))?$/.exec(p);
  if (wheel) {
    const childId = decodeURIComponent(wheel[1]!);
    if (wheel[2] === undefined) return { name: 'wheel', childId };
    if (wheel[2] === 'ny') return { name: 'wheelNew', childId };
    return { name: 'wheelAssessment', childId, assessmentId: decodeURIComponent(wheel[2]) };
  }
  if (p === paths.todo) return { name: 'todo' };
  const plan = /^\/barn\/([^/]+)\/plan$/.exec(p);
  if (plan) return { name: 'plan', childId: decodeURIComponent(plan[1]!) };
  const earlierPlan = /^\/barn\/([^/]+)\/plan\/tidigare\/([^/]+)$/.exec(p);
  if (earlierPlan)
    return {
      name: 'earlierPlan',
      childId: decodeURIComponent(earlierPlan[1]!),
      planId: decodeURIComponent(earlierPlan[2]!),
    };
  const meeting = /^\/barn\/([^/]+)\/plan\/moten\/([^/]+)$/.exec(p);
  if (meeting) {
    const childId = decodeURIComponent(meeting[1]!);
    return meeting[2] === 'ny'
      ? { name: 'meetingNew', childId }
      : { name: 'meeting', childId, meetingId: decodeURIComponent(meeting[2]!) };
  }
  const reviewNew = /^\/barn\/([^/]+)\/plan\/uppfoljning\/ny$/.exec(p);
  if (reviewNew) return { name: 'reviewNew', childId: decodeURIComponent(reviewNew[1]!) };
  if (p === paths.consultation) return { name: 'consultation' };
  if (p === paths.consultationNew) return { name: 'consultationNew' };
  const consultationCase = /^\/konsultation\/([^/]+)$/.exec(p);
  if (consultationCase) return { name: 'consultationCase', caseId: decodeURIComponent(consultationCase[1]!) };
  if (p === paths.attendance) return { name: 'attendance' };
  if (p === paths.followupAdmin) return { name: 'followupAdmin' };
  if (p === paths.followupAdminSurvey) return { name: 'followupAdminSurvey' };
  if (p === paths.followupAdminIndicators) return { name: 'followupAdminIndicators' };
  if (p === paths.followupAdminIndicatorNew) return { name: 'followupAdminIndicator', key: null };
  const indicatorKey = /^\/uppfoljning\/admin\/indikatorer\/([^/]+)$/.exec(p);
  if (indicatorKey) return { name: 'followupAdminIndicator', key: decodeURIComponent(indicatorKey[1]!) };
  if (p === paths.kpi) return { name: 'kpi' };
  const attendanceAlert = /^\/barn\/([^/]+)\/narvarolarm\/([^/]+)$/.exec(p);
  if (attendanceAlert)
    return {
      name: 'attendanceAlert',
      childId: decodeURIComponent(attendanceAlert[1]!),
      alertId: decodeURIComponent(attendanceAlert[2]!),
    };
  if (p === paths.followup) return { name: 'followup' };
  if (p === `${paths.followup}/jamlikhet`) return { name: 'followupEquity' };
  const followup = /^\/uppfoljning\/(kommun|skola|indikator)\/([^/]+)$/.exec(p);
  if (followup) {
    const id = decodeURIComponent(followup[2]!);
    return followup[1] === 'kommun'
      ? { name: 'followupMunicipality', code: id }
      : followup[1] === 'skola'
        ? { name: 'followupSchool', schoolId: id }
        : { name: 'followupIndicator', indicatorId: id };
  }
  const newConcern = /^\/barn\/([^/]+)\/oro\/ny$/.exec(p);
  if (newConcern) return { name: 'newConcern', childId: decodeURIComponent(newConcern[1]!) };
  const concern = /^\/barn\/([^/]+)\/oro\/([^/]+)$/.exec(p);
  if (concern)
    return { name: 'concern', childId: decodeURIComponent(concern[1]!), concernId: decodeURIComponent(concern[2]!) };
  return (
    matchReportRoute(p) ?? matchPrivacyRoute(p) ?? matchServingRoute(p) ?? matchAdminRoute(p) ?? { name: 'notFound' }
  );
}

const listeners = new Set<() => void>();
let focusPending = false;

function notify(): void {
  for (const l of listeners) l();
}

window.addEventListener('popstate', () => {
  focusPending = true;
  notify();
});

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/**
 * Goes to `to`. A user's navigation pushes history and moves focus to the next page's heading; a
 * redirect (replace) keeps whatever focus intent there already was, so the first page load does
 * not steal focus from the skip link.
 */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) {
    // Same page (e.g. "Mina barn" in the menu while on Mina barn): just move focus to its heading.
    if (!opts.replace) document.getElementById('page-heading')?.focus();
    return;
  }
  if (opts.replace) window.history.replaceState(null, '', to);
  else {
    window.history.pushState(null, '', to);
    focusPending = true;
  }
  window.scrollTo(0, 0);
  notify();
}

/** Called by a page's heading when it appears: true once after each user navigation. */
function takeFocusIntent(): boolean {
  const v = focusPending;
  focusPending = false;
  return v;
}

/** The page's h1: receives focus after navigation (tabIndex -1 makes it focusable by script only). */
export function PageHeading({ children, id = 'page-heading' }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocusIntent()) ref.current?.focus();
  }, []);
  return (
    <h1 id={id} ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link that navigates without reloading; ctrl/cmd/middle-click still open a new tab. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  function handle(e: MouseEvent<HTMLAnchorElement>) {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}

const RETURN_KEY = 'barnkompass.returnTo';
/** Later pages a login may return to (ids only in their paths). */
const RETURNABLE = new Set<Route['name']>([
  'plan',
  'consultation',
  'consultationNew',
  'consultationCase',
  'attendance',
  'attendanceAlert',
  'followup',
  'followupMunicipality',
  'followupSchool',
  'followupIndicator',
  'followupEquity',
]);

/**
 * The page someone wanted before being sent to log in, so that login brings them back. Kept in
 * sessionStorage (this tab only); app paths carry ids only, never personal data.
 */
export function rememberReturnTo(pathname: string): void {
  const r = matchRoute(pathname);
  try {
    if (
      r.name === 'child' ||
      r.name === 'wheel' ||
      r.name === 'wheelNew' ||
      r.name === 'wheelAssessment' ||
      r.name === 'chooseAssignment' ||
      r.name === 'newConcern' ||
      r.name === 'concern' ||
      r.name === 'todo' ||
      RETURNABLE.has(r.name)
    )
      window.sessionStorage.setItem(RETURN_KEY, pathname);
    else window.sessionStorage.removeItem(RETURN_KEY);
  } catch {
    // Storage disabled: login lands on Mina barn.
  }
}

export function rememberedReturnTo(): string | null {
  try {
    return window.sessionStorage.getItem(RETURN_KEY);
  } catch {
    return null;
  }
}

export function forgetReturnTo(): void {
  try {
    window.sessionStorage.removeItem(RETURN_KEY);
  } catch {
    // nothing to forget
  }
}

/** Replaces the current address (used by guards: not logged in → /login, and so on). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
