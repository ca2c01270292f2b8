/**
 * /barn/:id/plan — "Barnets plan" (Collaborate / samarbeta): the plan's facts, the child's own
 * voice, the guardians' views, services taking part with their contact persons, needs per wellbeing
 * indicator, goals, actions (overdue said in words), disagreements, the level with its history and
 * a change form that needs a reason, and the coordinator and barnets bästa-ansvarig roles with the
 * two-step handover. Every change is versioned (412 → re-apply on top of theirs). Prints well.
 */
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError, type ChildOverview, errorField } from '../api.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDownload } from '../components/Download.js';
import { SupportLevel } from '../components/SupportLevel.js';
import { useDocumentTitle } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { roleTitle } from '../../ui/labels.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { Link, PageHeading, paths } from '../router.js';
import { useSession } from '../session.js';
import { isIsoDate, memberLabel, type PlanContext } from './context.js';
import { ActionsSection } from './PlanActions.js';
import { GoalsSection, NeedsSection, ServicesSection } from './PlanItems.js';
import { DisagreementsSection, GuardianViewsSection, VoiceSection } from './PlanVoices.js';
import { ClosePlanSection } from './ClosePlanSection.js';
import { takePlanFlash } from './meetings-api.js';
import { MeetingsSection, ReviewsSection } from './MeetingsSection.js';
import {
  namedActions,
  planApi,
  type HandoverCandidates,
  type HandoverRole,
  type Plan,
  type PlanLevelResult,
  type PlanSummary,
  type PlanView,
} from './plan-api.js';
import { swedishToday, useTimestamp } from '../components/time.js';
import {
  CheckboxField,
  DateField,
  ItemForm,
  orNull,
  RadioField,
  SelectField,
  TextAreaField,
  type Errors,
  type Option,
  asApiError,
} from '../components/form/index.js';
import { useAnnouncer } from '../components/announce.js';

/** Why someone cannot receive a role (details.reason of the server's 400). */
const REASONS = [
  'already_holder',
  'no_such_assignment',
  'inactive',
  'no_case_role',
  'not_on_team_or_service',
  'adult',
  'wrong_role',
  'not_childs_principal',
  'not_home_kaa',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The plan's items in the order the plan reads: the voices first, then services, needs, goals, actions. */
function PlanItemSections({ ctx }: { ctx: PlanContext }) {
  return (
    <>
      <VoiceSection ctx={ctx} />
      <GuardianViewsSection ctx={ctx} />
      <ServicesSection ctx={ctx} />
      <NeedsSection ctx={ctx} />
      <GoalsSection ctx={ctx} />
      <ActionsSection ctx={ctx} />
    </>
  );
}

export function PlanPage({ childId }: { childId: string }) {
  return UUID.test(childId) ? <LoadedPlanPage childId={childId} /> : <NotFoundPage />;
}

/** Loads the child and the plan view; a refresh keeps showing the old view until the new one is there. */
function usePlanData(childId: string) {
  const [child, setChild] = useState<ChildOverview | null>(null);
  const [view, setView] = useState<PlanView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const refresh = useCallback(async () => {
    try {
      setView(await planApi.view(childId));
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  }, [childId]);
  const load = useCallback(() => {
    setError(null);
    api.child(childId).then(setChild, (err: unknown) => setError(asApiError(err)));
    void refresh();
  }, [childId, refresh]);
  useEffect(load, [load]);
  return { child, view, error, refresh, reload: load };
}

function LoadedPlanPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('plan.pageTitle'));
  const { state } = useSession();
  const session = state.status === 'ready' ? state.session : null;
  const { child, view, error, refresh, reload } = usePlanData(childId);
  const [status, announce] = useAnnouncer();
  // "The review is recorded" and the like, after a form on another page brought the user back here.
  const [flash] = useState(() => takePlanFlash());
  if (error?.isNotFound) return <NotFoundPage />;
  const plan = view?.plan ?? null;
  const ctx: PlanContext | null =
    view && plan
      ? {
          childId,
          view,
          plan,
          refresh,
          myAssignmentId: session?.assignment?.id ?? '',
          editable: plan.status === 'active',
        }
      : null;

  return (
    <article aria-labelledby="page-heading" className="plan-page">
      <p className="breadcrumb no-print">
        <Link to={paths.child(childId)}>{t('plan.back')}</Link>
      </p>
      <PageHeading>
        {child ? t('plan.heading', { name: `${child.givenName} ${child.familyName}` }) : t('plan.pageTitle')}
      </PageHeading>
      {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {!view && !error ? <Loading /> : null}
      {flash ? (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      ) : null}
      {status}
      {view && !plan ? (
        <NoPlan
          childId={childId}
          view={view}
          refresh={refresh}
          announce={announce}
          myAssignmentId={session?.assignment?.id ?? ''}
          myPersonId={session?.person?.id ?? ''}
        />
      ) : null}
      {ctx ? (
        <>
          <Overview ctx={ctx} child={child} />
          <LeadProposal view={ctx.view} />
          <PlanItemSections ctx={ctx} />
          <MeetingsSection ctx={ctx} />
          <ReviewsSection ctx={ctx} />
          <DisagreementsSection ctx={ctx} />
          <LevelSection ctx={ctx} />
          <RolesSection
            childId={childId}
            view={ctx.view}
            refresh={refresh}
            myAssignmentId={ctx.myAssignmentId}
            myPersonId={session?.person?.id ?? ''}
            editable={ctx.editable}
          />
          <ClosePlanSection
            ctx={ctx}
            newPlanForm={(onCancel) => (
              <CreatePlanForm
                childId={childId}
                view={ctx.view}
                refresh={refresh}
                announce={announce}
                onCancel={onCancel}
              />
            )}
          />
        </>
      ) : null}
      {view ? <EarlierPlans childId={childId} plans={view.earlierPlans ?? []} /> : null}
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// No plan yet: draw one up

interface CreateValues {
  level: string;
  reason: string;
  background: string;
  nextReviewDate: string;
}

function levelOptions(t: TFunction): (Option & { help: string })[] {
  return ([1, 2, 3] as const).map((l) => ({
    value: String(l),
    label: String(t(`supportLevel.${l}`)),
    help: String(t(`plan.level.help.${l}`)),
  }));
}

function NoPlan({
  childId,
  view,
  refresh,
  announce,
  myAssignmentId,
  myPersonId,
}: {
  childId: string;
  view: PlanView;
  refresh: () => Promise<void>;
  announce: (s: string) => void;
  myAssignmentId: string;
  myPersonId: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <section className="panel plan-section" aria-labelledby="plan-none-heading">
        <h2 id="plan-none-heading">{t('plan.none.heading')}</h2>
        <p>{t('plan.none.text')}</p>
        <p>
          <span className="label-inline">{t('child.supportLevel')}: </span>
          <SupportLevel level={view.supportLevel} />
        </p>
        {!open ? (
          <button id="plan-create-open" type="button" className="button button-primary" onClick={() => setOpen(true)}>
            {t('plan.none.create')}
          </button>
        ) : (
          <CreatePlanForm
            childId={childId}
            view={view}
            refresh={refresh}
            announce={announce}
            onCancel={() => {
              setOpen(false);
              window.setTimeout(() => document.getElementById('plan-create-open')?.focus(), 0);
            }}
          />
        )}
      </section>
      <RolesSection
        childId={childId}
        view={view}
        refresh={refresh}
        myAssignmentId={myAssignmentId}
        myPersonId={myPersonId}
        editable
      />
    </>
  );
}

/** The form that draws up a plan: when the child has none, and as the choice beside reopening a closed one. */
function CreatePlanForm({
  childId,
  view,
  refresh,
  announce,
  onCancel,
}: {
  childId: string;
  view: PlanView;
  refresh: () => Promise<void>;
  announce: (s: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const today = swedishToday();
  return (
    <ItemForm<CreateValues, PlanView>
      prefix="plan-create"
      heading={t('plan.create.heading')}
      intro={<p className="muted">{t('plan.create.intro')}</p>}
      initial={{ level: String(view.supportLevel), reason: '', background: '', nextReviewDate: '' }}
      validate={(v) => {
        const e: Errors = {};
        if (!v.level) e.level = t('plan.level.chooseRequired');
        else if (v.level === '3' && !view.coordinator) e.level = t('plan.level.coordinatorRequired');
        if (!v.reason.trim()) e.reason = t('plan.level.reasonRequired');
        if (v.nextReviewDate && !isIsoDate(v.nextReviewDate)) e.nextReviewDate = t('plan.form.invalidDate');
        else if (v.nextReviewDate && v.nextReviewDate < today) e.nextReviewDate = t('plan.form.datePast');
        return e;
      }}
      fields={(v, set, e) => (
        <>
          <RadioField
            id="plan-create-level"
            legend={t('plan.level.legend')}
            error={e.level}
            value={v.level}
            options={levelOptions(t)}
            onChange={(level) => set({ ...v, level })}
          />
          <TextAreaField
            id="plan-create-reason"
            label={t('plan.create.reason')}
            help={t('plan.create.reasonHelp')}
            error={e.reason}
            value={v.reason}
            required
            onChange={(reason) => set({ ...v, reason })}
          />
          <TextAreaField
            id="plan-create-background"
            label={t('plan.overview.background')}
            help={t('plan.overview.backgroundHelp')}
            value={v.background}
            onChange={(background) => set({ ...v, background })}
          />
          <DateField
            id="plan-create-nextReviewDate"
            label={t('plan.overview.nextReview')}
            help={t('plan.overview.nextReviewHelp')}
            error={e.nextReviewDate}
            value={v.nextReviewDate}
            onChange={(nextReviewDate) => set({ ...v, nextReviewDate })}
          />
        </>
      )}
      submitLabel={t('plan.create.submit')}
      save={(v) =>
        planApi.create(childId, {
          level: Number(v.level),
          reason: v.reason,
          background: orNull(v.background),
          nextReviewDate: v.nextReviewDate || null,
        })
      }
      serverErrors={(err): Errors | null => {
        if (err.status === 409) return { level: t('plan.create.exists') };
        const f = errorField(err);
        if (f === 'level') return { level: t('plan.level.coordinatorRequired') };
        if (f === 'reason') return { reason: t('plan.level.reasonRequired') };
        if (f === 'nextReviewDate') return { nextReviewDate: t('plan.form.datePast') };
        return null;
      }}
      onSaved={() => {
        void refresh().then(() => {
          announce(t('plan.create.saved'));
          window.setTimeout(() => document.getElementById('page-heading')?.focus(), 0);
        });
      }}
      onCancel={onCancel}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Earlier plans: the child's other plans, each readable on its own page

function EarlierPlans({ childId, plans }: { childId: string; plans: PlanSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  if (plans.length === 0) return null;
  return (
    <section className="panel plan-section" aria-labelledby="plan-earlier-heading">
      <h2 id="plan-earlier-heading">{t('planClose.earlier.heading')}</h2>
      <ul className="plan-earlier-list">
        {plans.map((p) => (
          <li key={p.id}>
            <Link to={paths.earlierPlan(childId, p.id)}>
              {t('planClose.earlier.link', { date: f.date(time.day(p.createdAt)) })}
            </Link>{' '}
            <span>
              {t('planClose.earlier.level', { level: p.level })}
              {p.closedAt ? ` · ${t('planClose.earlier.closed', { date: f.date(time.day(p.closedAt)) })}` : ''}
              {p.closeReason ? ` (${t(`planClose.reason.${p.closeReason}`)})` : ''}
              {p.status === 'active' ? ` · ${t('planClose.earlier.active')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /barn/:id/plan/tidigare/:planId — one earlier plan, read only (its items, level and closing history). */
export function EarlierPlanPage({ childId, planId }: { childId: string; planId: string }) {
  return UUID.test(childId) && UUID.test(planId) ? (
    <LoadedEarlierPlanPage childId={childId} planId={planId} />
  ) : (
    <NotFoundPage />
  );
}

function LoadedEarlierPlanPage({ childId, planId }: { childId: string; planId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('planClose.earlier.pageTitle'));
  const { state } = useSession();
  const session = state.status === 'ready' ? state.session : null;
  const { child, view, error, refresh, reload } = usePlanData(childId);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  useEffect(() => {
    planApi.read(childId, planId).then(setPlan, (err: unknown) => setPlanError(asApiError(err)));
  }, [childId, planId]);
  if (error?.isNotFound || planError?.isNotFound) return <NotFoundPage />;
  const ctx: PlanContext | null =
    view && plan
      ? { childId, view, plan, refresh, myAssignmentId: session?.assignment?.id ?? '', editable: false }
      : null;
  return (
    <article aria-labelledby="page-heading" className="plan-page">
      <p className="breadcrumb no-print">
        <Link to={paths.plan(childId)}>{t('planClose.earlier.back')}</Link>
      </p>
      <PageHeading>
        {child
          ? t('planClose.earlier.heading2', { name: `${child.givenName} ${child.familyName}` })
          : t('planClose.earlier.pageTitle')}
      </PageHeading>
      {error || planError ? <ErrorMessage error={(error ?? planError)!} onRetry={reload} /> : null}
      {!ctx && !error && !planError ? <Loading /> : null}
      {ctx ? (
        <>
          <p className="notice">
            {plan?.status === 'active' ? t('planClose.earlier.isActive') : t('planClose.earlier.readOnly')}
          </p>
          <Overview ctx={ctx} child={child} />
          <PlanItemSections ctx={ctx} />
          <DisagreementsSection ctx={ctx} />
          <MeetingsSection ctx={ctx} />
          <ReviewsSection ctx={ctx} />
          <LevelSection ctx={ctx} />
          <ClosePlanSection ctx={ctx} historyOnly />
        </>
      ) : null}
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// Overview: level, coordinator, review, SIP, background

interface FieldsValues {
  background: string;
  nextReviewDate: string;
  isSip: boolean;
}

function Overview({ ctx, child }: { ctx: PlanContext; child: ChildOverview | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  const [editing, setEditing] = useState(false);
  const [status, announce] = useAnnouncer();
  const pdf = useDownload('barnets-plan.pdf');
  const { plan, view } = ctx;
  const today = swedishToday();
  const sip = plan.sipReadiness;
  const missingSip = (
    ['actionsPresent', 'everyActionHasResponsibleAndDue', 'overallResponsible', 'followUp'] as const
  ).filter((k) => !sip[k]);
  return (
    <section aria-labelledby="plan-overview-heading" className="panel plan-section plan-overview">
      <div className="section-head">
        <h2 id="plan-overview-heading">{t('plan.overview.heading')}</h2>
        <div className="button-row no-print">
          {ctx.editable && !editing ? (
            <button
              id="plan-overview-edit"
              type="button"
              className="button button-secondary"
              onClick={() => setEditing(true)}
            >
              {t('plan.overview.edit')}
            </button>
          ) : null}
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            {t('plan.overview.print')}
          </button>
          {/* The tagged PDF of the plan (ids only in the URL; the file name carries no name). */}
          <a
            id="plan-pdf"
            className="button button-secondary"
            href={`/api/children/${ctx.childId}/plan/pdf`}
            download="barnets-plan.pdf"
            aria-describedby="plan-print-note"
            aria-disabled={pdf.busy || undefined}
            onClick={pdf.onClick}
          >
            {t('print.ui.pdf')}
          </a>
        </div>
      </div>
      <p id="plan-print-note" className="muted no-print">
        {t('print.ui.printOrPdf')} {t('print.ui.pdfHint')}
      </p>
      <div className="no-print">{pdf.notice}</div>
      {plan.status === 'closed' ? (
        <p className="notice notice-warning" role="note">
          {t('plan.overview.closed')}
        </p>
      ) : null}
      {status}
      <dl className="facts plan-facts">
        {child ? (
          <div className="print-only">
            <dt>{t('plan.overview.child')}</dt>
            <dd>
              {child.givenName} {child.familyName}, {f.date(child.birthDate)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('plan.overview.level')}</dt>
          <dd>
            <SupportLevel level={plan.level} />
          </dd>
        </div>
        <div>
          <dt>{t('plan.overview.coordinator')}</dt>
          <dd>
            {view.coordinator ? (
              memberLabel(t, view.coordinator)
            ) : (
              <span className="muted">{t('plan.roles.noCoordinator')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('plan.overview.lead')}</dt>
          <dd>
            {view.bestInterestLead ? (
              memberLabel(t, view.bestInterestLead)
            ) : (
              <span className="muted">{t('plan.roles.noLead')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('plan.overview.nextReview')}</dt>
          <dd>
            {plan.nextReviewDate ? (
              f.date(plan.nextReviewDate)
            ) : (
              <span className="muted">{t('plan.overview.noReview')}</span>
            )}
            {plan.nextReviewDate && plan.nextReviewDate < today ? (
              <span className="block status status-overdue">{t('plan.overview.reviewOverdue')}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('plan.overview.sip')}</dt>
          <dd>{plan.isSip ? t('plan.overview.isSip') : t('plan.overview.notSip')}</dd>
        </div>
        <div>
          <dt>{t('plan.overview.created')}</dt>
          <dd>{t('plan.overview.createdBy', { date: f.date(time.day(plan.createdAt)), name: plan.createdBy.name })}</dd>
        </div>
      </dl>
      <dl className="facts facts-stacked">
        <div>
          <dt>{t('plan.overview.background')}</dt>
          <dd className="prewrap">
            {plan.background ?? <span className="muted">{t('plan.overview.noBackground')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('plan.overview.sipReadiness')}</dt>
          <dd>
            {missingSip.length === 0
              ? t('plan.overview.sipComplete')
              : t('plan.overview.sipMissing', {
                  missing: missingSip.map((k) => t(`plan.overview.sipParts.${k}`)).join(', '),
                })}
          </dd>
        </div>
      </dl>
      {editing ? (
        <ItemForm<FieldsValues, PlanView>
          prefix="plan-fields"
          heading={t('plan.overview.editHeading')}
          initial={{ background: plan.background ?? '', nextReviewDate: plan.nextReviewDate ?? '', isSip: plan.isSip }}
          version={plan.version}
          validate={(v) => {
            const e: Errors = {};
            if (v.nextReviewDate && !isIsoDate(v.nextReviewDate)) e.nextReviewDate = t('plan.form.invalidDate');
            else if (v.nextReviewDate && v.nextReviewDate < today && v.nextReviewDate !== plan.nextReviewDate)
              e.nextReviewDate = t('plan.form.datePast');
            if (v.isSip && !plan.isSip && missingSip.filter((k) => k !== 'followUp').length > 0)
              e.isSip = t('plan.overview.sipNotReady');
            return e;
          }}
          fields={(v, set, e) => (
            <>
              <TextAreaField
                id="plan-fields-background"
                label={t('plan.overview.background')}
                help={t('plan.overview.backgroundHelp')}
                value={v.background}
                rows={4}
                onChange={(background) => set({ ...v, background })}
              />
              <DateField
                id="plan-fields-nextReviewDate"
                label={t('plan.overview.nextReview')}
                help={t('plan.overview.nextReviewHelp')}
                error={e.nextReviewDate}
                value={v.nextReviewDate}
                onChange={(nextReviewDate) => set({ ...v, nextReviewDate })}
              />
              {e.isSip ? (
                <p id="plan-fields-isSip-error" className="field-error">
                  {e.isSip}
                </p>
              ) : null}
              <CheckboxField
                id="plan-fields-isSip"
                label={t('plan.overview.sipCheckbox')}
                help={t('plan.overview.sipHelp')}
                checked={v.isSip}
                onChange={(isSip) => set({ ...v, isSip })}
              />
            </>
          )}
          submitLabel={t('plan.form.saveChanges')}
          save={(v, version) => {
            const body = {
              ...(orNull(v.background) !== plan.background ? { background: orNull(v.background) } : {}),
              ...((v.nextReviewDate || null) !== plan.nextReviewDate
                ? { nextReviewDate: v.nextReviewDate || null }
                : {}),
              ...(v.isSip !== plan.isSip ? { isSip: v.isSip } : {}),
            };
            return planApi.update(
              ctx.childId,
              version ?? plan.version,
              Object.keys(body).length > 0 ? body : { background: orNull(v.background) },
            );
          }}
          serverErrors={(err): Errors | null => {
            const field = errorField(err);
            if (field === 'isSip') return { isSip: t('plan.overview.sipNotReady') };
            if (field === 'nextReviewDate') return { nextReviewDate: t('plan.form.datePast') };
            return null;
          }}
          describeTheirs={(c) => <p className="prewrap">{(c as { background: string | null }).background ?? ''}</p>}
          onSaved={() => {
            void ctx.refresh().then(() => {
              setEditing(false);
              announce(t('plan.form.saved'));
            });
          }}
          onCancel={() => {
            setEditing(false);
            void ctx.refresh();
            window.setTimeout(() => document.getElementById('plan-overview-edit')?.focus(), 0);
          }}
        />
      ) : null}
    </section>
  );
}

/** A proposal when barnets bästa-ansvarig does not fit the child's age and schooling (or will not soon). */
function LeadProposal({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = view.bestInterestLeadProposal;
  if (!p.proposeChange) return null;
  const role = (r: string | null) => (r ? t(`role.${r as 'principal'}`) : t('plan.proposal.none'));
  return (
    <div className="notice notice-warning plan-proposal no-print" role="note" aria-labelledby="plan-proposal-heading">
      <p id="plan-proposal-heading" className="notice-heading">
        {t('plan.proposal.heading')}
      </p>
      <p>{t(`plan.proposal.stage.${p.stage}`, { role: role(p.role) })}</p>
      {view.bestInterestLead ? (
        <p>
          {t('plan.proposal.current', { name: view.bestInterestLead.name, role: roleTitle(t, view.bestInterestLead) })}
        </p>
      ) : (
        <p>{t('plan.proposal.nobody')}</p>
      )}
      {p.transition ? (
        <p>{t('plan.proposal.transition', { date: f.date(p.transition.on), role: role(p.transition.role) })}</p>
      ) : null}
      <p>{t('plan.proposal.how')}</p>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Level with its history

interface LevelValues {
  level: string;
  reason: string;
}

function LevelSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  const [open, setOpen] = useState(false);
  const [status, announce] = useAnnouncer();
  const { plan, view } = ctx;
  const incomplete = plan.actions.filter((a) => a.status !== 'cancelled' && (!a.responsible || !a.dueDate));
  return (
    <section aria-labelledby="plan-level-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="plan-level-heading">{t('plan.level.heading')}</h2>
        {ctx.editable && !open ? (
          <button
            id="plan-level-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {t('plan.level.change')}
          </button>
        ) : null}
      </div>
      <p>
        <span className="label-inline">{t('plan.level.current')}: </span>
        <SupportLevel level={plan.level} />
      </p>
      {status}
      {open ? (
        <ItemForm<LevelValues, PlanLevelResult>
          prefix="plan-level"
          heading={t('plan.level.formHeading')}
          intro={<p className="muted">{t('plan.level.intro')}</p>}
          initial={{ level: '', reason: '' }}
          version={plan.version}
          validate={(v) => {
            const e: Errors = {};
            if (!v.level) e.level = t('plan.level.chooseRequired');
            else if (Number(v.level) === plan.level) e.level = t('plan.level.same');
            else if (v.level === '3' && !view.coordinator) e.level = t('plan.level.coordinatorRequired');
            else if (v.level === '3' && incomplete.length > 0)
              e.level = t('plan.level.actionsMissing', { actions: incomplete.map((a) => `”${a.what}”`).join(', ') });
            if (!v.reason.trim()) e.reason = t('plan.level.reasonRequired');
            return e;
          }}
          fields={(v, set, e) => (
            <>
              <RadioField
                id="plan-level-level"
                legend={t('plan.level.legend')}
                error={e.level}
                value={v.level}
                options={levelOptions(t)}
                onChange={(level) => set({ ...v, level })}
              />
              <TextAreaField
                id="plan-level-reason"
                label={t('plan.level.reason')}
                help={t('plan.level.reasonHelp')}
                error={e.reason}
                value={v.reason}
                required
                onChange={(reason) => set({ ...v, reason })}
              />
            </>
          )}
          submitLabel={t('plan.level.submit')}
          save={(v, version) =>
            planApi.changeLevel(ctx.childId, version ?? plan.version, { level: Number(v.level), reason: v.reason })
          }
          serverErrors={(err): Errors | null => {
            const actions = namedActions(err);
            if (actions.length > 0)
              return {
                level: t('plan.level.actionsMissing', { actions: actions.map((a) => `”${a.what}”`).join(', ') }),
              };
            const field = errorField(err);
            if (field === 'level')
              return {
                level: err.body?.message.includes('coordinator')
                  ? t('plan.level.coordinatorRequired')
                  : t('plan.level.same'),
              };
            if (field === 'reason') return { reason: t('plan.level.reasonRequired') };
            return null;
          }}
          describeTheirs={(c) => (
            <p>
              <SupportLevel level={(c as { level: number }).level} />
            </p>
          )}
          onSaved={(r) => {
            void ctx.refresh().then(() => {
              setOpen(false);
              announce(t('plan.level.saved', { level: t(`supportLevel.${r.plan.level as 1 | 2 | 3}`) }));
            });
          }}
          onCancel={() => {
            setOpen(false);
            void ctx.refresh();
            window.setTimeout(() => document.getElementById('plan-level-open')?.focus(), 0);
          }}
        />
      ) : null}
      <div className="table-scroll" role="region" aria-labelledby="plan-level-caption" tabIndex={0}>
        <table className="data-table plan-table">
          <caption id="plan-level-caption">{t('plan.level.historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.level.columns.date')}</th>
              <th scope="col">{t('plan.level.columns.change')}</th>
              <th scope="col">{t('plan.level.columns.reason')}</th>
              <th scope="col">{t('plan.level.columns.by')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.levelHistory.map((h) => (
              <tr key={h.id}>
                <th scope="row" className="nowrap-md">
                  {f.date(time.day(h.changedAt))}
                </th>
                <td>
                  {h.levelBefore === null
                    ? t('plan.level.createdAt', { level: h.levelAfter })
                    : t('plan.level.changed', { before: h.levelBefore, after: h.levelAfter })}
                </td>
                <td className="prewrap">{h.reason}</td>
                <td>{h.changedBy.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The coordinator and barnets bästa-ansvarig: who holds them, open offers, offering

interface OfferValues {
  role: string;
  toAssignmentId: string;
  respondBy: string;
}

export function RolesSection({
  childId,
  view,
  refresh,
  myAssignmentId,
  myPersonId,
  editable,
}: {
  childId: string;
  view: PlanView;
  refresh: () => Promise<void>;
  myAssignmentId: string;
  myPersonId: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const [status, announce] = useAnnouncer();
  const [failure, setFailure] = useState<ApiError | null>(null);
  // Who may receive each role: asked for when the offer form opens (not with every plan read).
  const [candidates, setCandidates] = useState<HandoverCandidates | null>(null);
  const [candidatesError, setCandidatesError] = useState<ApiError | null>(null);
  const loadCandidates = useCallback(() => {
    setCandidatesError(null);
    setCandidates(null);
    planApi.handoverCandidates(childId).then(setCandidates, (err: unknown) => setCandidatesError(asApiError(err)));
  }, [childId]);
  useEffect(() => {
    if (open) loadCandidates();
  }, [open, loadCandidates]);
  const today = swedishToday();
  const onTeam = view.team.some((m) => m.assignmentId === myAssignmentId);
  // I may offer a role I hold, or appoint someone to a role nobody holds.
  const canOffer = (role: HandoverRole) => {
    const holder = role === 'coordinator' ? view.coordinator : view.bestInterestLead;
    return holder ? holder.assignmentId === myAssignmentId : onTeam;
  };
  const roles = (['coordinator', 'best_interest_lead'] as const).filter(
    (r) => canOffer(r) && !view.handovers.some((h) => h.role === r),
  );
  const holderText = (role: HandoverRole) => {
    const h = role === 'coordinator' ? view.coordinator : view.bestInterestLead;
    return h
      ? `${memberLabel(t, h)} (${t('plan.roles.since', { date: f.date(h.since) })})`
      : role === 'coordinator'
        ? t('plan.roles.noCoordinator')
        : t('plan.roles.noLead');
  };

  async function withdraw(id: string) {
    setFailure(null);
    try {
      await planApi.withdraw(childId, id);
      await refresh();
      announce(t('handover.withdrawn'));
    } catch (err) {
      setFailure(asApiError(err));
    }
  }

  return (
    <section aria-labelledby="plan-roles-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="plan-roles-heading">{t('plan.roles.heading')}</h2>
        {editable && !open && roles.length > 0 ? (
          <button
            id="plan-roles-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {t('handover.offer')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('plan.roles.intro')}</p>
      {status}
      {failure ? <ErrorMessage error={failure} /> : null}
      <dl className="facts">
        <div>
          <dt>{t('teamRole.coordinator')}</dt>
          <dd>{holderText('coordinator')}</dd>
        </div>
        <div>
          <dt>{t('teamRole.best_interest_lead')}</dt>
          <dd>{holderText('best_interest_lead')}</dd>
        </div>
      </dl>
      {view.handovers.length > 0 ? (
        <>
          <h3 className="subheading">{t('handover.pendingHeading')}</h3>
          <ul className="plain-list handover-list">
            {view.handovers.map((h) => (
              <li key={h.id} className="plan-card">
                <p>
                  {t('handover.pendingText', {
                    role: t(`teamRole.${h.role}`),
                    to: [h.to.name, h.to.title, h.to.unitName].filter(Boolean).join(', '),
                    date: f.date(h.respondBy),
                  })}
                </p>
                <p className="muted small">
                  {h.from ? t('handover.holderStays', { name: h.from.name }) : t('handover.vacant')}
                </p>
                {editable && (h.offeredBy.personId === myPersonId || h.from?.personId === myPersonId) ? (
                  <button type="button" className="button-link no-print" onClick={() => void withdraw(h.id)}>
                    {t('handover.withdraw')}
                    <span className="visually-hidden"> – {t(`teamRole.${h.role}`)}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {open && candidatesError ? (
        <>
          <ErrorMessage error={candidatesError} onRetry={loadCandidates} />
          <button
            type="button"
            className="button button-secondary no-print"
            onClick={() => {
              setOpen(false);
              window.setTimeout(() => document.getElementById('plan-roles-open')?.focus(), 0);
            }}
          >
            {t('plan.form.cancel')}
          </button>
        </>
      ) : null}
      {open && !candidates && !candidatesError ? <Loading /> : null}
      {open && candidates ? (
        <ItemForm<OfferValues, { status: string; to: { name: string } }>
          prefix="handover-offer"
          heading={t('handover.formHeading')}
          intro={<p className="muted">{t('handover.formIntro')}</p>}
          initial={{ role: roles[0] ?? 'coordinator', toAssignmentId: '', respondBy: '' }}
          validate={(v) => {
            const e: Errors = {};
            if (!v.toAssignmentId) e.toAssignmentId = t('handover.receiverRequired');
            if (v.respondBy && !isIsoDate(v.respondBy)) e.respondBy = t('plan.form.invalidDate');
            else if (v.respondBy && v.respondBy < today) e.respondBy = t('plan.form.datePast');
            return e;
          }}
          fields={(v, set, e) => {
            const receivers = candidates[v.role as HandoverRole] ?? [];
            return (
              <>
                <RadioField
                  id="handover-offer-role"
                  legend={t('handover.role')}
                  value={v.role}
                  options={roles.map((r) => ({
                    value: r,
                    label: t(`teamRole.${r}`),
                    help: t(`handover.roleHelp.${r}`),
                  }))}
                  onChange={(role) => set({ ...v, role, toAssignmentId: '' })}
                />
                <SelectField
                  id="handover-offer-toAssignmentId"
                  label={t('handover.receiver')}
                  help={t('handover.receiverHelp')}
                  error={e.toAssignmentId}
                  value={v.toAssignmentId}
                  placeholder={t('plan.form.choose')}
                  options={receivers.map((c) => ({
                    value: c.assignmentId,
                    label: `${memberLabel(t, c)}${c.assignmentId === myAssignmentId ? ` (${t('handover.me')})` : c.onTeam ? '' : ` (${t('handover.notOnTeam')})`}`,
                  }))}
                  onChange={(toAssignmentId) => set({ ...v, toAssignmentId })}
                />
                <DateField
                  id="handover-offer-respondBy"
                  label={t('handover.respondBy')}
                  help={t('handover.respondByHelp')}
                  error={e.respondBy}
                  value={v.respondBy}
                  onChange={(respondBy) => set({ ...v, respondBy })}
                />
              </>
            );
          }}
          submitLabel={t('handover.submit')}
          save={(v) =>
            planApi.offer(childId, {
              role: v.role as HandoverRole,
              toAssignmentId: v.toAssignmentId,
              ...(v.respondBy ? { respondBy: v.respondBy } : {}),
            })
          }
          serverErrors={(err): Errors | null => {
            const field = errorField(err);
            if (field === 'toAssignmentId') {
              const reason = String(err.body?.details?.reason ?? 'other');
              return {
                toAssignmentId: t(`handover.reason.${(REASONS.includes(reason) ? reason : 'other') as 'other'}`),
              };
            }
            if (field === 'respondBy') return { respondBy: t('plan.form.datePast') };
            if (err.status === 409) return { toAssignmentId: t('handover.alreadyPending') };
            return null;
          }}
          onSaved={(r) => {
            void refresh().then(() => {
              setOpen(false);
              announce(r.status === 'accepted' ? t('handover.youHoldIt') : t('handover.sent', { name: r.to.name }));
            });
          }}
          onCancel={() => {
            setOpen(false);
            window.setTimeout(() => document.getElementById('plan-roles-open')?.focus(), 0);
          }}
        />
      ) : null}
    </section>
  );
}
