import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionInfo } from './api.js';
import { Header } from './components/Header.js';
import { ErrorMessage, Loading } from './components/Status.js';
import { ChildOverviewPage } from './pages/ChildOverviewPage.js';
import { WheelFormPage } from './wheel/WheelFormPage.js';
import { WheelPage } from './wheel/WheelPage.js';
import { ConcernPage } from './concerns/ConcernPage.js';
import { NewConcernPage } from './concerns/NewConcernPage.js';
import { TodoPage } from './concerns/TodoPage.js';
import { EarlierPlanPage, PlanPage } from './plan/PlanPage.js';
import { MeetingPage } from './plan/MeetingPage.js';
import { ReviewPage } from './plan/ReviewPage.js';
import { ConsultationCasePage } from './consultation/ConsultationCasePage.js';
import { ConsultationListPage } from './consultation/ConsultationListPage.js';
import { NewConsultationPage } from './consultation/NewConsultationPage.js';
import { AttendancePage } from './attendance/AttendancePage.js';
import { AttendanceAlertPage } from './attendance/AttendanceAlertPage.js';
import { FollowupAdminPage } from './followup-admin/FollowupAdminPage.js';
import { SurveyImportPage } from './followup-admin/SurveyImportPage.js';
import { IndicatorFormPage } from './followup-admin/IndicatorFormPage.js';
import { IndicatorsPage } from './followup-admin/IndicatorsPage.js';
import { KpiPage } from './followup-admin/KpiPage.js';
import { AnalystOnly } from './followup-admin/AnalystOnly.js';
import { FollowupEquityPage } from './followup/EquityPage.js';
import { FollowupIndicatorPage } from './followup/IndicatorPage.js';
import { FollowupOverviewPage } from './followup/OverviewPage.js';
import { FollowupSchoolPage } from './followup/SchoolPage.js';
import { roleKind } from './labels.js';
import { ChooseAssignmentPage } from './pages/ChooseAssignmentPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { MyChildrenPage } from './pages/MyChildrenPage.js';
import { NoAssignmentPage, NotFoundPage } from './pages/NotFoundPage.js';
import { forgetReturnTo, matchRoute, paths, Redirect, rememberReturnTo, usePathname, type Route } from './router.js';
import { SessionProvider, useSession } from './session.js';
import { ReportsPage } from './reports/ReportsPage.js';
import { PrivacyPage } from './privacy/PrivacyPage.js';
import { NewConsentPage } from './privacy/NewConsentPage.js';
import { NewDisclosurePage } from './privacy/NewDisclosurePage.js';
import { BreakGlassPage } from './privacy/BreakGlassPage.js';
import { NewReportPage } from './reports/NewReportPage.js';
import { InboxPage } from './reports/InboxPage.js';
import { ReportPage } from './reports/ReportPage.js';
import { reportPaths } from './reports/paths.js';
import { LogReviewPage } from './logreview/LogReviewPage.js';
import { SamplePage } from './logreview/SamplePage.js';
import { LogExtractPage } from './logreview/LogExtractPage.js';
import { FindChildPage } from './serving/FindChildPage.js';
import { RaiseConcernPage } from './serving/RaiseConcernPage.js';
import { ReceiptPage } from './serving/ReceiptPage.js';
import { adminPage } from './admin/pages.js';
import { FamilyApp } from './family/FamilyApp.js';
import { SkipLink } from './components/SkipLink.js';

export function App() {
  // The family's own Barnkompass has its own frame and session (family/FamilyApp.tsx).
  if (usePathname().startsWith('/familj')) return <FamilyApp />;
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const route = matchRoute(usePathname());
  const { state } = useSession();
  const session = state.status === 'ready' ? state.session : null;
  const authenticated = session?.authenticated ?? false;
  useEffect(() => {
    if (authenticated) forgetReturnTo();
  }, [authenticated]);
  return (
    <>
      <SkipLink />
      <Header session={session} route={route} />
      <main id="main" tabIndex={-1} className="container main">
        <Page route={route} />
      </main>
      <Footer />
    </>
  );
}

/** Where each address leads, given who is logged in and in which assignment. */
function Page({ route }: { route: Route }) {
  const { state, refresh } = useSession();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={() => void refresh()} />;
  const session = state.session;

  if (route.name === 'login')
    return session.authenticated ? <Redirect to={paths.myChildren} /> : <LoginPage mode={session.mode} />;
  if (!session.authenticated) return <ToLogin />;
  if (session.assignments.length === 0) return <NoAssignmentPage />;
  if (!session.assignment) {
    if (session.assignments.length === 1) return <AutoSelect session={session} />;
    if (route.name !== 'chooseAssignment') return <Redirect to={paths.chooseAssignment} />;
  }
  return (
    childPage(route, session) ??
    servicePage(route, session) ??
    recordPage(route, session) ??
    adminPage(route, session) ?? <NotFoundPage />
  );
}

/** The start pages and everything about one child (overview, wheel, concerns, plan). */
function childPage(route: Route, session: SessionInfo): ReactNode | undefined {
  switch (route.name) {
    case 'chooseAssignment':
      return <ChooseAssignmentPage session={session} />;
    case 'myChildren':
      // Analysts and managers follow populations, not children: they start on the follow-up.
      // Log reviewers start on their samples.
      if (roleKind(session.assignment?.role ?? '') === 'population') return <Redirect to={paths.followup} />;
      if (roleKind(session.assignment?.role ?? '') === 'oversight') return <Redirect to={reportPaths.logReview} />;
      return <MyChildrenPage session={session} />;
    case 'child':
      // Keyed by id: another child is a fresh page (state, focus, title).
      return <ChildOverviewPage key={route.childId} childId={route.childId} />;
    case 'wheel':
      return <WheelPage key={route.childId} childId={route.childId} />;
    case 'wheelNew':
      return <WheelFormPage key={`${route.childId}:new`} childId={route.childId} assessmentId={null} />;
    case 'wheelAssessment':
      return (
        <WheelFormPage
          key={`${route.childId}:${route.assessmentId}`}
          childId={route.childId}
          assessmentId={route.assessmentId}
        />
      );
    case 'newConcern':
      return <NewConcernPage key={`${route.childId}:new-concern`} childId={route.childId} />;
    case 'concern':
      return (
        <ConcernPage key={`${route.childId}:${route.concernId}`} childId={route.childId} concernId={route.concernId} />
      );
    case 'plan':
      return <PlanPage key={`${route.childId}:plan:${session.assignment?.id ?? ''}`} childId={route.childId} />;
    case 'earlierPlan':
      return (
        <EarlierPlanPage
          key={`${route.childId}:plan:${route.planId}:${session.assignment?.id ?? ''}`}
          childId={route.childId}
          planId={route.planId}
        />
      );
    case 'meetingNew':
      return <MeetingPage key={`${route.childId}:meeting:new`} childId={route.childId} meetingId={null} />;
    case 'meeting':
      return (
        <MeetingPage
          key={`${route.childId}:meeting:${route.meetingId}`}
          childId={route.childId}
          meetingId={route.meetingId}
        />
      );
    case 'reviewNew':
      return <ReviewPage key={`${route.childId}:review:${session.assignment?.id ?? ''}`} childId={route.childId} />;
    default:
      return undefined;
  }
}

/** Shared services: to-do, consultation, attendance, follow-up and its administration, KPIs. */
function servicePage(route: Route, session: SessionInfo): ReactNode | undefined {
  switch (route.name) {
    case 'todo':
      return <TodoPage assignmentId={session.assignment?.id ?? ''} />;
    case 'servingFind':
      return <FindChildPage key={session.assignment?.id ?? ''} />;
    case 'servingRaise':
      return <RaiseConcernPage key={`${session.assignment?.id ?? ''}:${route.childId}`} childId={route.childId} />;
    case 'servingReceipt':
      return <ReceiptPage key={route.concernId} concernId={route.concernId} />;
    case 'consultation':
      return <ConsultationListPage key={session.assignment?.id ?? ''} />;
    case 'consultationNew':
      return <NewConsultationPage key={session.assignment?.id ?? ''} />;
    case 'consultationCase':
      return <ConsultationCasePage key={`${session.assignment?.id ?? ''}:${route.caseId}`} caseId={route.caseId} />;
    case 'attendance':
      return <AttendancePage key={session.assignment?.id ?? ''} session={session} />;
    case 'attendanceAlert':
      return (
        <AttendanceAlertPage
          key={`${route.childId}:${route.alertId}`}
          childId={route.childId}
          alertId={route.alertId}
        />
      );
    case 'followup':
      return <FollowupOverviewPage key="county" />;
    case 'followupMunicipality':
      return <FollowupOverviewPage key={`m:${route.code}`} municipality={route.code} />;
    case 'followupSchool':
      return <FollowupSchoolPage key={route.schoolId} schoolId={route.schoolId} />;
    case 'followupIndicator':
      return <FollowupIndicatorPage key={route.indicatorId} indicatorId={route.indicatorId} />;
    case 'followupEquity':
      return <FollowupEquityPage />;
    case 'followupAdmin':
      return (
        <AnalystOnly session={session}>
          <FollowupAdminPage />
        </AnalystOnly>
      );
    case 'followupAdminSurvey':
      return (
        <AnalystOnly session={session}>
          <SurveyImportPage />
        </AnalystOnly>
      );
    case 'followupAdminIndicators':
      return (
        <AnalystOnly session={session}>
          <IndicatorsPage />
        </AnalystOnly>
      );
    case 'followupAdminIndicator':
      return (
        <AnalystOnly session={session}>
          <IndicatorFormPage key={route.key ?? 'new'} indicatorKey={route.key} />
        </AnalystOnly>
      );
    case 'kpi':
      return <KpiPage key={session.assignment?.id ?? ''} session={session} />;
    default:
      return undefined;
  }
}

/** Reports, log review and privacy records. */
function recordPage(route: Route, session: SessionInfo): ReactNode | undefined {
  switch (route.name) {
    case 'reports':
      return <ReportsPage key={session.assignment?.id ?? ''} />;
    case 'reportNew':
      return <NewReportPage key={`${session.assignment?.id ?? ''}:${route.childId ?? ''}`} childId={route.childId} />;
    case 'reportInbox':
      return <InboxPage key={session.assignment?.id ?? ''} />;
    case 'report':
      return <ReportPage key={`${session.assignment?.id ?? ''}:${route.reportId}`} reportId={route.reportId} />;
    case 'logReview':
      return <LogReviewPage key={session.assignment?.id ?? ''} />;
    case 'logReviewSample':
      return <SamplePage key={`${session.assignment?.id ?? ''}:${route.sampleId}`} sampleId={route.sampleId} />;
    case 'privacy':
      return <PrivacyPage key={`${session.assignment?.id ?? ''}:${route.childId}`} childId={route.childId} />;
    case 'consentNew':
      return <NewConsentPage key={`${session.assignment?.id ?? ''}:${route.childId}`} childId={route.childId} />;
    case 'disclosureNew':
      return <NewDisclosurePage key={`${session.assignment?.id ?? ''}:${route.childId}`} childId={route.childId} />;
    case 'breakGlass':
      return <BreakGlassPage key={session.assignment?.id ?? ''} assignmentId={session.assignment?.id ?? ''} />;
    case 'logExtract':
      return <LogExtractPage key={`${session.assignment?.id ?? ''}:${route.childId}`} childId={route.childId} />;
    default:
      return undefined;
  }
}

/** Not logged in: remember where the user was going, then show the login page. */
function ToLogin() {
  const pathname = window.location.pathname;
  useEffect(() => {
    rememberReturnTo(pathname);
  }, [pathname]);
  return <Redirect to={paths.login} />;
}

/** With exactly one assignment there is nothing to choose: select it and carry on. */
function AutoSelect({ session }: { session: SessionInfo }) {
  const { refresh } = useSession();
  const only = session.assignments[0]!;
  useEffect(() => {
    void api.selectAssignment(only.id).then(
      () => refresh(),
      () => refresh(),
    );
  }, [only.id, refresh]);
  return <Loading />;
}

function Footer(): ReactNode {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('app.footer')}</p>
      </div>
    </footer>
  );
}
