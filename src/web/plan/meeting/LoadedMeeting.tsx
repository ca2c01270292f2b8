/** /barn/:id/plan/moten/:meetingId — one meeting: its facts, attendance, notes and decisions. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, asApiError } from '../../api.js';
import { useAnnouncer } from '../../components/announce.js';
import { ErrorMessage, Loading } from '../../components/Status.js';
import { useDocumentTitle } from '../../hooks.js';
import { NotFoundPage } from '../../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../../router.js';
import { type Meeting, meetingApi, takePlanFlash } from '../meetings-api.js';
import { type PlanView, planApi } from '../plan-api.js';
import { AttendanceSection } from './AttendanceSection.js';
import { DecisionsSection } from './DecisionsSection.js';
import { MeetingFactsSection } from './MeetingFacts.js';
import { NotesSection } from './NotesSection.js';
import type { Open } from './sections.js';

export function LoadedMeeting({ childId, meetingId }: { childId: string; meetingId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('meetings.page.title'));
  // Loaded again after every change, while the page keeps showing what it has (focus and status stay).
  const [data, setData] = useState<{ view: PlanView; meeting: Meeting } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(async () => {
    try {
      const [view, meeting] = await Promise.all([planApi.view(childId), meetingApi.get(childId, meetingId)]);
      setData({ view, meeting });
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  }, [childId, meetingId]);
  useEffect(() => {
    void load();
  }, [load]);
  // "The meeting is planned" after the new-meeting form navigated here.
  const [flash] = useState(() => takePlanFlash());
  if (error?.isNotFound) return <NotFoundPage />;
  // A meeting of an earlier plan leads back to that plan.
  const earlierPlanId = data && data.view.plan?.id !== data.meeting.planId ? data.meeting.planId : null;
  return (
    <article aria-labelledby="page-heading" className="plan-page meeting-page">
      <p className="breadcrumb">
        {earlierPlanId ? (
          <Link to={paths.earlierPlan(childId, earlierPlanId)}>{t('meetings.page.backEarlier')}</Link>
        ) : (
          <Link to={paths.plan(childId)}>{t('meetings.page.back')}</Link>
        )}
      </p>
      <PageHeading>{t('meetings.page.title')}</PageHeading>
      {flash ? (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      ) : null}
      {!data && !error ? <Loading /> : null}
      {error ? <ErrorMessage error={error} onRetry={() => void load()} /> : null}
      {data ? <MeetingView childId={childId} view={data.view} meeting={data.meeting} reload={load} /> : null}
    </article>
  );
}

function MeetingView({
  childId,
  view,
  meeting: m,
  reload,
}: {
  childId: string;
  view: PlanView;
  meeting: Meeting;
  reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [status, announce] = useAnnouncer();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const plan = view.plan;
  // Only a meeting of the current plan, while it is active, is changed here.
  const ofCurrentPlan = plan?.id === m.planId;
  const editable = ofCurrentPlan && plan?.status === 'active' && m.status !== 'cancelled';
  const close = (focusId: string) => {
    setOpen(null);
    window.setTimeout(() => document.getElementById(focusId)?.focus(), 0);
  };
  const saved = (message: string) => {
    void reload().then(() => {
      setOpen(null);
      announce(message);
    });
  };
  /** Opens the section's form, or closes it and gives focus back to its button. */
  const opener = (which: Exclude<Open, null>, buttonId: string) => (o: boolean) =>
    o ? setOpen(which) : close(buttonId);

  async function markHeld() {
    setFailure(null);
    try {
      await meetingApi.update(childId, m.id, m.version, { status: 'held' });
      saved(t('meetings.held.saved'));
    } catch (err) {
      setFailure(asApiError(err));
    }
  }

  const section = { childId, m, editable, saved };
  return (
    <>
      {status}
      {failure ? <ErrorMessage error={failure} onRetry={() => void reload()} /> : null}
      {!ofCurrentPlan ? (
        <p className="notice notice-warning" role="note">
          {t('meetings.page.earlierPlan')}
        </p>
      ) : plan?.status === 'closed' ? (
        <p className="notice notice-warning" role="note">
          {t('meetings.page.planClosed')}
        </p>
      ) : null}
      <MeetingFactsSection
        {...section}
        view={view}
        open={open}
        setOpen={setOpen}
        close={close}
        onMarkHeld={() => void markHeld()}
      />
      <AttendanceSection
        {...section}
        open={open === 'attendance'}
        setOpen={opener('attendance', 'meeting-attendance-open')}
      />
      <NotesSection {...section} open={open === 'notes'} setOpen={opener('notes', 'meeting-notes-open')} />
      <DecisionsSection
        {...section}
        view={view}
        open={open === 'decision'}
        setOpen={opener('decision', 'meeting-decision-open')}
        reload={reload}
      />
    </>
  );
}
