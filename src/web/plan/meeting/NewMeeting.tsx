/** /barn/:id/plan/moten/ny — plan a new meeting on the child's active plan. */
import { useTranslation } from 'react-i18next';
import { ItemForm } from '../../components/form/index.js';
import { LoadStatus } from '../../components/Status.js';
import { swedishToday } from '../../components/time.js';
import { useDocumentTitle, useLoad } from '../../hooks.js';
import { NotFoundPage } from '../../pages/NotFoundPage.js';
import { Link, navigate, PageHeading, paths } from '../../router.js';
import { type Meeting, meetingApi, setPlanFlash } from '../meetings-api.js';
import { type PlanView, planApi } from '../plan-api.js';
import { inviteeChoice } from './invitees.js';
import { type MeetingValues, meetingBody, meetingServerErrors, validateMeeting } from './meeting-form.js';
import { MeetingFields } from './MeetingFields.js';

export function NewMeeting({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('meetings.page.newTitle'));
  const state = useLoad(`meeting-new:${childId}`, () => planApi.view(childId));
  if (state.status === 'error' && state.error.isNotFound) return <NotFoundPage />;
  const view = state.status === 'ok' ? state.data : null;
  return (
    <article aria-labelledby="page-heading" className="plan-page meeting-page">
      <p className="breadcrumb">
        <Link to={paths.plan(childId)}>{t('meetings.page.back')}</Link>
      </p>
      <PageHeading>{t('meetings.page.newTitle')}</PageHeading>
      <LoadStatus load={state} />
      {view && (!view.plan || view.plan.status !== 'active') ? (
        <p className="notice notice-warning">{t('meetings.page.noActivePlan')}</p>
      ) : null}
      {view?.plan?.status === 'active' ? <NewMeetingForm childId={childId} view={view} /> : null}
    </article>
  );
}

function NewMeetingForm({ childId, view }: { childId: string; view: PlanView }) {
  const { t } = useTranslation();
  return (
    <ItemForm<MeetingValues, Meeting>
      prefix="meeting-new"
      heading={t('meetings.form.heading')}
      intro={<p className="muted">{t('meetings.form.intro')}</p>}
      initial={{
        date: swedishToday(),
        startTime: '',
        endTime: '',
        digital: false,
        place: '',
        purpose: '',
        agenda: '',
        invitees: view.coordinator ? [`p:${view.coordinator.assignmentId}`, 'child'] : ['child'],
      }}
      validate={(v) => validateMeeting(t, v)}
      fields={(v, set, e) => <MeetingFields t={t} view={view} v={v} set={set} e={e} prefix="meeting-new" />}
      submitLabel={t('meetings.form.submit')}
      save={(v) =>
        meetingApi.create(
          childId,
          meetingBody(v, (k) => inviteeChoice(k)),
        )
      }
      serverErrors={(err) => meetingServerErrors(t, err)}
      onSaved={(m) => {
        setPlanFlash(t('meetings.form.saved'));
        navigate(paths.meeting(childId, m.id));
      }}
      onCancel={() => navigate(paths.plan(childId))}
    />
  );
}
