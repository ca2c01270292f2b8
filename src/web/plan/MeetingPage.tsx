/**
 * /barn/:id/plan/moten/ny and /barn/:id/plan/moten/:meetingId — a network meeting on the child's
 * plan (Meet): when and where, purpose, agenda, who is invited (the team, the child, each guardian)
 * with their attendance, the notes written in the meeting, and decisions that create or change
 * actions in the plan. Every change is versioned (412 → re-apply on top of theirs, via ItemForm).
 * Read-only when the plan is closed or the meeting cancelled.
 */
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, errorField } from '../api.js';
import { ErrorMessage, Loading, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { isIsoDate, memberLabel } from './context.js';
import {
  ATTENDANCE,
  meetingApi,
  setPlanFlash,
  takePlanFlash,
  type Attendance,
  type DecisionBody,
  type Meeting,
  type MeetingDecisionResult,
  type MeetingInvitee,
} from './meetings-api.js';
import { ACTION_STATUSES, planApi, type ActionStatus, type PlanView } from './plan-api.js';
import { swedishToday } from '../components/time.js';
import {
  CheckboxField,
  DateField,
  ItemForm,
  orNull,
  RadioField,
  SelectField,
  TextAreaField,
  TextField,
  type Errors,
  type Option,
  asApiError,
} from '../components/form/index.js';
import { useAnnouncer } from '../components/announce.js';
import { responsibleChoice, responsibleOptions } from './responsible.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function MeetingPage({ childId, meetingId }: { childId: string; meetingId: string | null }) {
  if (!UUID.test(childId) || (meetingId !== null && !UUID.test(meetingId))) return <NotFoundPage />;
  return meetingId === null ? (
    <NewMeeting childId={childId} />
  ) : (
    <LoadedMeeting childId={childId} meetingId={meetingId} />
  );
}

/** Who can be invited: the team, the child, each guardian ("p:<assignmentId>", "child", "g:<guardianId>"). */
function inviteeOptions(t: TFunction, view: PlanView): Option[] {
  return [
    ...view.team.map((m) => ({ value: `p:${m.assignmentId}`, label: memberLabel(t, m) })),
    { value: 'child', label: t('meetings.invitees.theChild') },
    ...view.guardians.map((g) => ({
      value: `g:${g.guardianId}`,
      label: t('meetings.invitees.guardian', { name: g.name }),
    })),
  ];
}
const inviteeKey = (i: MeetingInvitee) =>
  i.kind === 'professional' ? `p:${i.assignmentId}` : i.kind === 'guardian' ? `g:${i.guardianId}` : 'child';
/** The meeting as the API takes it (create and change send the same fields). */
function meetingBody(v: MeetingValues, invitee: (key: string) => ReturnType<typeof inviteeChoice>) {
  return {
    date: v.date,
    startTime: v.startTime,
    endTime: v.endTime || null,
    digital: v.digital,
    place: orNull(v.place),
    purpose: v.purpose,
    agenda: agendaLines(v.agenda),
    invitees: v.invitees.map(invitee),
  };
}

function inviteeChoice(key: string, attendance?: Attendance) {
  const a = attendance ? { attendance } : {};
  if (key === 'child') return { kind: 'child' as const, ...a };
  if (key.startsWith('g:')) return { kind: 'guardian' as const, guardianId: key.slice(2), ...a };
  return { kind: 'professional' as const, assignmentId: key.slice(2), ...a };
}
export function inviteeName(t: TFunction, i: MeetingInvitee): string {
  if (i.kind === 'child') return t('meetings.invitees.theChild');
  if (i.kind === 'guardian') return t('meetings.invitees.guardian', { name: i.name });
  return [i.name, i.title, i.unitName].filter(Boolean).join(', ');
}

// ---------------------------------------------------------------------------------------------
// The meeting's own fields (plan a meeting, change it)

interface MeetingValues {
  date: string;
  startTime: string;
  endTime: string;
  digital: boolean;
  place: string;
  purpose: string;
  agenda: string;
  invitees: string[];
}

function validateMeeting(t: TFunction, v: MeetingValues): Errors {
  const e: Errors = {};
  if (!v.date) e.date = t('meetings.form.dateRequired');
  else if (!isIsoDate(v.date)) e.date = t('plan.form.invalidDate');
  if (!TIME.test(v.startTime)) e.startTime = t('meetings.form.timeInvalid');
  if (v.endTime && !TIME.test(v.endTime)) e.endTime = t('meetings.form.timeInvalid');
  else if (v.endTime && TIME.test(v.startTime) && v.endTime <= v.startTime)
    e.endTime = t('meetings.form.endBeforeStart');
  if (!v.digital && !v.place.trim()) e.place = t('meetings.form.placeRequired');
  if (!v.purpose.trim()) e.purpose = t('meetings.form.purposeRequired');
  return e;
}

function meetingServerErrors(t: TFunction, err: ApiError): Errors | null {
  const f = errorField(err);
  if (!f) return null;
  if (f === 'place') return { place: t('meetings.form.placeRequired') };
  if (f === 'endTime') return { endTime: t('meetings.form.endBeforeStart') };
  if (f === 'startTime') return { startTime: t('meetings.form.timeInvalid') };
  if (f === 'date') return { date: t('plan.form.invalidDate') };
  if (f === 'purpose') return { purpose: t('meetings.form.purposeRequired') };
  if (f.startsWith('invitees')) return { invitees: t('meetings.form.inviteesInvalid') };
  return null;
}

const agendaLines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function MeetingFields({
  t,
  view,
  v,
  set,
  e,
  prefix,
}: {
  t: TFunction;
  view: PlanView;
  v: MeetingValues;
  set: (v: MeetingValues) => void;
  e: Errors;
  prefix: string;
}) {
  const options = inviteeOptions(t, view);
  return (
    <>
      <DateField
        id={`${prefix}-date`}
        label={t('meetings.form.date')}
        error={e.date}
        value={v.date}
        required
        onChange={(date) => set({ ...v, date })}
      />
      <div className={`field${e.startTime ? ' field-invalid' : ''}`}>
        <label htmlFor={`${prefix}-startTime`}>{t('meetings.form.startTime')}</label>
        <p id={`${prefix}-startTime-help`} className="help">
          {t('meetings.form.timeHelp')}
        </p>
        {e.startTime ? (
          <p id={`${prefix}-startTime-error`} className="field-error">
            {e.startTime}
          </p>
        ) : null}
        <input
          id={`${prefix}-startTime`}
          type="time"
          className="input-date"
          required
          value={v.startTime}
          aria-invalid={e.startTime ? true : undefined}
          aria-describedby={`${prefix}-startTime-help${e.startTime ? ` ${prefix}-startTime-error` : ''}`}
          onChange={(ev) => set({ ...v, startTime: ev.target.value })}
        />
      </div>
      <div className={`field${e.endTime ? ' field-invalid' : ''}`}>
        <label htmlFor={`${prefix}-endTime`}>{t('meetings.form.endTime')}</label>
        {e.endTime ? (
          <p id={`${prefix}-endTime-error`} className="field-error">
            {e.endTime}
          </p>
        ) : null}
        <input
          id={`${prefix}-endTime`}
          type="time"
          className="input-date"
          value={v.endTime}
          aria-invalid={e.endTime ? true : undefined}
          aria-describedby={e.endTime ? `${prefix}-endTime-error` : undefined}
          onChange={(ev) => set({ ...v, endTime: ev.target.value })}
        />
      </div>
      <CheckboxField
        id={`${prefix}-digital`}
        label={t('meetings.form.digital')}
        help={t('meetings.form.digitalHelp')}
        checked={v.digital}
        onChange={(digital) => set({ ...v, digital })}
      />
      <TextField
        id={`${prefix}-place`}
        label={t('meetings.form.place')}
        help={t('meetings.form.placeHelp')}
        error={e.place}
        value={v.place}
        onChange={(place) => set({ ...v, place })}
      />
      <TextAreaField
        id={`${prefix}-purpose`}
        label={t('meetings.form.purpose')}
        error={e.purpose}
        value={v.purpose}
        required
        onChange={(purpose) => set({ ...v, purpose })}
      />
      <TextAreaField
        id={`${prefix}-agenda`}
        label={t('meetings.form.agenda')}
        help={t('meetings.form.agendaHelp')}
        value={v.agenda}
        rows={4}
        onChange={(agenda) => set({ ...v, agenda })}
      />
      <fieldset
        id={`${prefix}-invitees`}
        tabIndex={-1}
        className={`fieldset${e.invitees ? ' field-invalid' : ''}`}
        aria-describedby={`${prefix}-invitees-help`}
      >
        <legend>{t('meetings.form.invitees')}</legend>
        <p id={`${prefix}-invitees-help`} className="help">
          {t('meetings.form.inviteesHelp')}
        </p>
        {e.invitees ? <p className="field-error">{e.invitees}</p> : null}
        <ul className="checkbox-list plain-list">
          {options.map((o) => (
            <li key={o.value}>
              <CheckboxField
                id={`${prefix}-invite-${o.value.replace(':', '-')}`}
                label={o.label}
                checked={v.invitees.includes(o.value)}
                onChange={(on) =>
                  set({ ...v, invitees: on ? [...v.invitees, o.value] : v.invitees.filter((x) => x !== o.value) })
                }
              />
            </li>
          ))}
        </ul>
      </fieldset>
    </>
  );
}

function NewMeeting({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('meetings.page.newTitle'));
  const state = useLoad(`meeting-new:${childId}`, () => planApi.view(childId));
  if (state.status === 'error' && state.error.isNotFound) return <NotFoundPage />;
  const view = state.status === 'ok' ? state.data : null;
  const today = swedishToday();
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
      {view?.plan?.status === 'active' ? (
        <ItemForm<MeetingValues, Meeting>
          prefix="meeting-new"
          heading={t('meetings.form.heading')}
          intro={<p className="muted">{t('meetings.form.intro')}</p>}
          initial={{
            date: today,
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
      ) : null}
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// One meeting

type Open = null | 'edit' | 'attendance' | 'notes' | 'decision' | 'cancel' | 'held';

function LoadedMeeting({ childId, meetingId }: { childId: string; meetingId: string }) {
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
  const f = useFormat();
  const [open, setOpen] = useState<Open>(null);
  const [status, announce] = useAnnouncer();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const plan = view.plan;
  // Only a meeting of the current plan, while it is active, is changed here.
  const ofCurrentPlan = plan?.id === m.planId;
  const editable = ofCurrentPlan && plan?.status === 'active' && m.status !== 'cancelled';
  const today = swedishToday();
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
  const statusText = t(`meetings.status.${m.status}`);

  async function markHeld() {
    setFailure(null);
    try {
      await meetingApi.update(childId, m.id, m.version, { status: 'held' });
      saved(t('meetings.held.saved'));
    } catch (err) {
      setFailure(asApiError(err));
    }
  }

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
      <section aria-labelledby="meeting-facts-heading" className="panel plan-section">
        <div className="section-head">
          <h2 id="meeting-facts-heading">{m.purpose}</h2>
          {editable && open === null ? (
            <div className="button-row no-print">
              <button
                id="meeting-edit-open"
                type="button"
                className="button button-secondary"
                onClick={() => setOpen('edit')}
              >
                {t('meetings.page.edit')}
              </button>
              {m.status === 'planned' && m.date <= today ? (
                <button
                  id="meeting-held"
                  type="button"
                  className="button button-primary"
                  onClick={() => void markHeld()}
                >
                  {t('meetings.held.mark')}
                </button>
              ) : null}
              {m.status === 'planned' ? (
                <button
                  id="meeting-cancel-open"
                  type="button"
                  className="button button-secondary"
                  onClick={() => setOpen('cancel')}
                >
                  {t('meetings.cancel.open')}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
        <dl className="facts">
          <div>
            <dt>{t('meetings.facts.when')}</dt>
            <dd>
              {m.endTime
                ? t('meetings.facts.whenValue', { date: f.date(m.date), start: m.startTime, end: m.endTime })
                : t('meetings.facts.whenStart', { date: f.date(m.date), start: m.startTime })}
            </dd>
          </div>
          <div>
            <dt>{t('meetings.facts.where')}</dt>
            <dd>
              {m.digital
                ? m.place
                  ? t('meetings.facts.digitalAnd', { place: m.place })
                  : t('meetings.facts.digital')
                : m.place}
            </dd>
          </div>
          <div>
            <dt>{t('meetings.facts.status')}</dt>
            <dd>
              <span
                className={`status status-${m.status === 'cancelled' ? 'overdue' : m.status === 'held' ? 'done' : 'open'}`}
              >
                {statusText}
              </span>
              {m.cancelledReason ? <span className="block">{m.cancelledReason}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t('meetings.facts.createdBy')}</dt>
            <dd>{m.createdBy.name}</dd>
          </div>
        </dl>
        {open === 'edit' && plan ? (
          <ItemForm<MeetingValues, Meeting>
            prefix="meeting-edit"
            heading={t('meetings.page.editHeading')}
            initial={{
              date: m.date,
              startTime: m.startTime,
              endTime: m.endTime ?? '',
              digital: m.digital,
              place: m.place ?? '',
              purpose: m.purpose,
              agenda: m.agenda.join('\n'),
              invitees: m.invitees.map(inviteeKey),
            }}
            version={m.version}
            validate={(v) => validateMeeting(t, v)}
            fields={(v, set, e) => <MeetingFields t={t} view={view} v={v} set={set} e={e} prefix="meeting-edit" />}
            submitLabel={t('plan.form.saveChanges')}
            save={(v, version) => {
              const attendanceOf = new Map(m.invitees.map((i) => [inviteeKey(i), i.attendance]));
              return meetingApi.update(
                childId,
                m.id,
                version ?? m.version,
                meetingBody(v, (k) => inviteeChoice(k, attendanceOf.get(k))),
              );
            }}
            serverErrors={(err) => meetingServerErrors(t, err)}
            describeTheirs={(c) => <p>{(c as Meeting).purpose}</p>}
            onSaved={() => saved(t('plan.form.saved'))}
            onCancel={() => close('meeting-edit-open')}
          />
        ) : null}
        {open === 'cancel' ? (
          <ItemForm<{ reason: string }, Meeting>
            prefix="meeting-cancel"
            heading={t('meetings.cancel.heading')}
            initial={{ reason: '' }}
            version={m.version}
            validate={() => ({})}
            fields={(v, set) => (
              <TextAreaField
                id="meeting-cancel-reason"
                label={t('meetings.cancel.reason')}
                value={v.reason}
                onChange={(reason) => set({ reason })}
              />
            )}
            submitLabel={t('meetings.cancel.submit')}
            save={(v, version) =>
              meetingApi.update(childId, m.id, version ?? m.version, {
                status: 'cancelled',
                cancelledReason: orNull(v.reason),
              })
            }
            serverErrors={() => null}
            onSaved={() => saved(t('meetings.cancel.saved'))}
            onCancel={() => close('meeting-cancel-open')}
          />
        ) : null}
        <h3 className="subheading">{t('meetings.facts.agenda')}</h3>
        {m.agenda.length > 0 ? (
          <ol className="agenda-list">
            {m.agenda.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t('meetings.facts.noAgenda')}</p>
        )}
      </section>

      <AttendanceSection
        childId={childId}
        m={m}
        editable={editable}
        open={open === 'attendance'}
        setOpen={(o) => (o ? setOpen('attendance') : close('meeting-attendance-open'))}
        saved={saved}
      />

      <section aria-labelledby="meeting-notes-heading" className="panel plan-section">
        <div className="section-head">
          <h2 id="meeting-notes-heading">{t('meetings.notes.heading')}</h2>
          {editable && open !== 'notes' ? (
            <button
              id="meeting-notes-open"
              type="button"
              className="button button-secondary no-print"
              onClick={() => setOpen('notes')}
            >
              {m.notes ? t('meetings.notes.edit') : t('meetings.notes.write')}
            </button>
          ) : null}
        </div>
        {open === 'notes' ? (
          <ItemForm<{ notes: string }, Meeting>
            prefix="meeting-notes"
            heading={t('meetings.notes.formHeading')}
            initial={{ notes: m.notes ?? '' }}
            version={m.version}
            validate={() => ({})}
            fields={(v, set) => (
              <TextAreaField
                id="meeting-notes-notes"
                label={t('meetings.notes.label')}
                help={t('meetings.notes.help')}
                rows={10}
                value={v.notes}
                onChange={(notes) => set({ notes })}
              />
            )}
            submitLabel={t('meetings.notes.submit')}
            save={(v, version) => meetingApi.update(childId, m.id, version ?? m.version, { notes: orNull(v.notes) })}
            serverErrors={() => null}
            describeTheirs={(c) => <p className="prewrap">{(c as Meeting).notes ?? ''}</p>}
            onSaved={() => saved(t('meetings.notes.saved'))}
            onCancel={() => close('meeting-notes-open')}
          />
        ) : m.notes ? (
          <p className="prewrap">{m.notes}</p>
        ) : (
          <p className="muted">{t('meetings.notes.none')}</p>
        )}
      </section>

      <DecisionsSection
        childId={childId}
        view={view}
        m={m}
        editable={editable}
        open={open === 'decision'}
        setOpen={(o) => (o ? setOpen('decision') : close('meeting-decision-open'))}
        saved={saved}
        reload={reload}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Invitation list and attendance

function AttendanceSection({
  childId,
  m,
  editable,
  open,
  setOpen,
  saved,
}: {
  childId: string;
  m: Meeting;
  editable: boolean;
  open: boolean;
  setOpen: (o: boolean) => void;
  saved: (s: string) => void;
}) {
  const { t } = useTranslation();
  const options: Option[] = ATTENDANCE.map((a) => ({ value: a, label: t(`meetings.attendance.${a}`) }));
  return (
    <section aria-labelledby="meeting-attendance-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="meeting-attendance-heading">{t('meetings.attendance.heading')}</h2>
        {editable && !open && m.invitees.length > 0 ? (
          <button
            id="meeting-attendance-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {t('meetings.attendance.record')}
          </button>
        ) : null}
      </div>
      {open ? (
        <ItemForm<{ attendance: Attendance[] }, Meeting>
          prefix="meeting-attendance"
          heading={t('meetings.attendance.formHeading')}
          initial={{ attendance: m.invitees.map((i) => i.attendance) }}
          version={m.version}
          validate={() => ({})}
          fields={(v, set) => (
            <>
              {m.invitees.map((i, k) => (
                <SelectField
                  key={inviteeKey(i)}
                  id={`meeting-attendance-${k}`}
                  label={inviteeName(t, i)}
                  value={v.attendance[k] ?? 'invited'}
                  options={options}
                  onChange={(a) => set({ attendance: v.attendance.map((x, j) => (j === k ? (a as Attendance) : x)) })}
                />
              ))}
            </>
          )}
          submitLabel={t('meetings.attendance.submit')}
          save={(v, version) =>
            meetingApi.update(childId, m.id, version ?? m.version, {
              invitees: m.invitees.map((i, k) => inviteeChoice(inviteeKey(i), v.attendance[k] ?? i.attendance)),
            })
          }
          serverErrors={() => null}
          onSaved={() => saved(t('meetings.attendance.saved'))}
          onCancel={() => setOpen(false)}
        />
      ) : null}
      {m.invitees.length === 0 ? (
        <p className="muted">{t('meetings.attendance.nobody')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="meeting-attendance-caption" tabIndex={0}>
          <table className="data-table plan-table">
            <caption id="meeting-attendance-caption">
              {t('meetings.attendance.caption', { count: m.invitees.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.attendance.who')}</th>
                <th scope="col">{t('meetings.attendance.status')}</th>
              </tr>
            </thead>
            <tbody>
              {m.invitees.map((i) => (
                <tr key={inviteeKey(i)}>
                  <th scope="row">{inviteeName(t, i)}</th>
                  <td>{t(`meetings.attendance.${i.attendance}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Decisions

interface DecisionValues {
  text: string;
  effect: string; // 'none' | 'create' | 'change'
  what: string;
  responsible: string; // '' | 'child' | 'p:<assignmentId>' | 'g:<guardianId>'
  dueDate: string;
  actionId: string;
  status: string;
}

function DecisionsSection({
  childId,
  view,
  m,
  editable,
  open,
  setOpen,
  saved,
  reload,
}: {
  childId: string;
  view: PlanView;
  m: Meeting;
  editable: boolean;
  open: boolean;
  setOpen: (o: boolean) => void;
  saved: (s: string) => void;
  reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const plan = view.plan!;
  const today = swedishToday();
  const level3 = plan.level === 3;
  const responsible = responsibleOptions(t, view);
  const actionOptions: Option[] = plan.actions.map((a) => ({
    value: a.id,
    label: `${a.what} (${t(`plan.actions.status.${a.status}`)})`,
  }));
  const effectText = (d: Meeting['decisions'][number]) => {
    if (d.effect === 'action_created') return t('meetings.decisions.created', { what: d.actionWhat ?? '' });
    if (d.effect === 'action_changed') {
      const c = d.actionChange ?? {};
      const parts = [
        c.status ? t('meetings.decisions.changedStatus', { status: t(`plan.actions.status.${c.status}`) }) : null,
        c.dueDate !== undefined
          ? c.dueDate
            ? t('meetings.decisions.changedDue', { date: f.date(c.dueDate) })
            : t('meetings.decisions.dueRemoved')
          : null,
        c.responsible !== undefined
          ? t('meetings.decisions.changedResponsible', {
              name:
                c.responsible === 'child'
                  ? t('plan.actions.childOption')
                  : (c.responsible ?? t('meetings.decisions.nobody')),
            })
          : null,
      ].filter(Boolean);
      return t('meetings.decisions.changed', { what: d.actionWhat ?? '', changes: parts.join(', ') });
    }
    return null;
  };
  return (
    <section aria-labelledby="meeting-decisions-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="meeting-decisions-heading">{t('meetings.decisions.heading')}</h2>
        {editable && !open ? (
          <button
            id="meeting-decision-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {t('meetings.decisions.add')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('meetings.decisions.intro')}</p>
      {open ? (
        <ItemForm<DecisionValues, MeetingDecisionResult>
          prefix="meeting-decision"
          heading={t('meetings.decisions.formHeading')}
          initial={{ text: '', effect: 'none', what: '', responsible: '', dueDate: '', actionId: '', status: '' }}
          version={m.version}
          validate={(v) => {
            const e: Errors = {};
            if (!v.text.trim()) e.text = t('meetings.decisions.textRequired');
            if (v.effect === 'create') {
              if (!v.what.trim()) e.what = t('plan.actions.whatRequired');
              if (v.dueDate && !isIsoDate(v.dueDate)) e.dueDate = t('plan.form.invalidDate');
              else if (v.dueDate && v.dueDate < today) e.dueDate = t('plan.form.datePast');
              if (level3 && !v.responsible) e.responsible = t('meetings.decisions.level3Responsible');
              if (level3 && !v.dueDate && !e.dueDate) e.dueDate = t('meetings.decisions.level3Due');
            }
            if (v.effect === 'change') {
              if (!v.actionId) e.actionId = t('meetings.decisions.actionRequired');
              if (!v.status && !v.dueDate && !v.responsible) e.status = t('meetings.decisions.changeRequired');
              if (v.dueDate && !isIsoDate(v.dueDate)) e.dueDate = t('plan.form.invalidDate');
            }
            return e;
          }}
          fields={(v, set, e) => (
            <>
              <TextAreaField
                id="meeting-decision-text"
                label={t('meetings.decisions.text')}
                help={t('meetings.decisions.textHelp')}
                error={e.text}
                value={v.text}
                required
                onChange={(text) => set({ ...v, text })}
              />
              <RadioField
                id="meeting-decision-effect"
                legend={t('meetings.decisions.effect')}
                value={v.effect}
                options={[
                  { value: 'none', label: t('meetings.decisions.effectNone') },
                  { value: 'create', label: t('meetings.decisions.effectCreate') },
                  ...(plan.actions.length > 0
                    ? [{ value: 'change', label: t('meetings.decisions.effectChange') }]
                    : []),
                ]}
                onChange={(effect) => set({ ...v, effect })}
              />
              {v.effect === 'create' ? (
                <>
                  <TextAreaField
                    id="meeting-decision-what"
                    label={t('plan.actions.what')}
                    error={e.what}
                    value={v.what}
                    required
                    onChange={(what) => set({ ...v, what })}
                  />
                  <SelectField
                    id="meeting-decision-responsible"
                    label={t('plan.actions.responsible')}
                    error={e.responsible}
                    value={v.responsible}
                    placeholder={t('plan.form.choose')}
                    options={responsible}
                    onChange={(responsible) => set({ ...v, responsible })}
                  />
                  <DateField
                    id="meeting-decision-dueDate"
                    label={t('plan.actions.dueDate')}
                    error={e.dueDate}
                    value={v.dueDate}
                    onChange={(dueDate) => set({ ...v, dueDate })}
                  />
                </>
              ) : null}
              {v.effect === 'change' ? (
                <>
                  <SelectField
                    id="meeting-decision-actionId"
                    label={t('meetings.decisions.action')}
                    error={e.actionId}
                    value={v.actionId}
                    placeholder={t('plan.form.choose')}
                    options={actionOptions}
                    onChange={(actionId) => set({ ...v, actionId })}
                  />
                  <SelectField
                    id="meeting-decision-status"
                    label={t('meetings.decisions.newStatus')}
                    error={e.status}
                    value={v.status}
                    placeholder={t('meetings.decisions.unchanged')}
                    options={ACTION_STATUSES.map((s: ActionStatus) => ({
                      value: s,
                      label: t(`plan.actions.status.${s}`),
                    }))}
                    onChange={(status) => set({ ...v, status })}
                  />
                  <DateField
                    id="meeting-decision-dueDate"
                    label={t('meetings.decisions.newDueDate')}
                    error={e.dueDate}
                    value={v.dueDate}
                    onChange={(dueDate) => set({ ...v, dueDate })}
                  />
                  <SelectField
                    id="meeting-decision-responsible"
                    label={t('meetings.decisions.newResponsible')}
                    error={e.responsible}
                    value={v.responsible}
                    placeholder={t('meetings.decisions.unchanged')}
                    options={responsible}
                    onChange={(responsible) => set({ ...v, responsible })}
                  />
                </>
              ) : null}
            </>
          )}
          submitLabel={t('meetings.decisions.submit')}
          save={(v, version) => {
            let action: DecisionBody['action'];
            if (v.effect === 'create')
              action = {
                kind: 'create',
                what: v.what,
                responsible: responsibleChoice(v.responsible),
                dueDate: v.dueDate || null,
              };
            if (v.effect === 'change')
              action = {
                kind: 'change',
                actionId: v.actionId,
                // The action as this page shows it: a change by someone else since is not overwritten (409).
                actionVersion: plan.actions.find((x) => x.id === v.actionId)?.version ?? 0,
                ...(v.status ? { status: v.status as ActionStatus } : {}),
                ...(v.dueDate ? { dueDate: v.dueDate } : {}),
                ...(v.responsible ? { responsible: responsibleChoice(v.responsible) } : {}),
              };
            return meetingApi.decide(childId, m.id, version ?? m.version, {
              text: v.text,
              ...(action ? { action } : {}),
            });
          }}
          serverErrors={(err): Errors | null => {
            if (err.status === 409 && err.body?.details?.reason === 'action_changed') {
              void reload();
              return { actionId: t('meetings.decisions.actionChanged') };
            }
            if (err.status === 409)
              return {
                text:
                  err.body?.details?.reason === 'plan_closed'
                    ? t('meetings.decisions.planClosed')
                    : t('meetings.page.cancelled'),
              };
            const field = errorField(err);
            if (!field) return null;
            if (field === 'action.dueDate' || field === 'dueDate') return { dueDate: t('plan.form.datePast') };
            if (field === 'action.actionId') return { actionId: t('meetings.decisions.actionRequired') };
            if (field === 'responsible' || field.startsWith('action.responsible'))
              return { responsible: t('meetings.decisions.level3Responsible') };
            if (field === 'text') return { text: t('meetings.decisions.textRequired') };
            return { text: err.body?.message ?? t('meetings.decisions.textRequired') };
          }}
          onSaved={(r) =>
            saved(
              r.action
                ? t('meetings.decisions.savedWithAction', { what: r.action.what })
                : t('meetings.decisions.saved'),
            )
          }
          onCancel={() => setOpen(false)}
        />
      ) : null}
      {m.decisions.length === 0 ? (
        <p className="muted">{t('meetings.decisions.none')}</p>
      ) : (
        <ol className="plain-list decision-list">
          {m.decisions.map((d) => (
            <li key={d.id} className="plan-card">
              <p className="prewrap">{d.text}</p>
              {effectText(d) ? <p className="decision-effect">{effectText(d)}</p> : null}
              <p className="muted small">{t('meetings.decisions.by', { name: d.decidedBy.name })}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
