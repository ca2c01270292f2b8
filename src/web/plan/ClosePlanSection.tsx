/**
 * The plan page's "Avsluta planen" (Close): close the active plan with a coded reason (and a text
 * for "other"), or — when it is closed — say why and when, and reopen it with a reason. The closed
 * plan stays readable; every other section hides its edit buttons (ctx.editable is false).
 */
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, errorField } from '../api.js';
import { useAnnouncer } from '../components/announce.js';
import { type Errors, ItemForm, RadioField, TextAreaField } from '../components/form/index.js';
import { useTimestamp } from '../components/time.js';
import { useFormat } from '../i18n.js';
import type { PlanContext } from './context.js';
import { CLOSE_REASONS, type CloseReason, meetingApi } from './meetings-api.js';
import { HistoryTable } from './page/HistoryTable.js';
import { focusLater } from './page/usePlanData.js';
import type { Plan, PlanView } from './plan-api.js';

const reasonWords = (t: TFunction, code: CloseReason | null, text: string | null) =>
  [code ? t(`planClose.reason.${code}`) : null, text].filter(Boolean).join(': ');

/**
 * newPlanForm: on a closed plan, the form that draws up a new plan (the choice beside reopening).
 * historyOnly: an earlier plan's page — the closing and its history, no buttons.
 */
export function ClosePlanSection({
  ctx,
  newPlanForm,
  historyOnly = false,
}: {
  ctx: PlanContext;
  newPlanForm?: (onCancel: () => void) => ReactNode;
  historyOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [drawingUp, setDrawingUp] = useState(false);
  const [status, announce] = useAnnouncer();
  const { plan } = ctx;
  const closed = plan.status === 'closed';
  const done = (message: string) => {
    setOpen(false);
    announce(message);
  };
  const cancel = (focusId: string) => {
    setOpen(false);
    focusLater(focusId);
  };
  return (
    <section aria-labelledby="plan-close-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="plan-close-heading">{closed ? t('planClose.closedHeading') : t('planClose.heading')}</h2>
        {!open && !historyOnly ? (
          <CloseButtons
            ctx={ctx}
            drawingUp={drawingUp}
            withNewPlan={Boolean(newPlanForm)}
            onOpen={() => setOpen(true)}
            onDrawUp={() => setDrawingUp(true)}
          />
        ) : null}
      </div>
      {status}
      <ClosedNote plan={plan} />
      {historyOnly ? null : !closed ? (
        <p className="muted">{t('planClose.intro')}</p>
      ) : (
        <p className="muted">{newPlanForm ? t('planClose.newPlan.choice') : t('planClose.readOnly')}</p>
      )}
      {drawingUp && closed && newPlanForm
        ? newPlanForm(() => {
            setDrawingUp(false);
            focusLater('plan-new-open');
          })
        : null}
      {open && !closed ? (
        <CloseForm ctx={ctx} onSaved={() => done(t('planClose.saved'))} onCancel={() => cancel('plan-close-open')} />
      ) : null}
      {open && closed ? (
        <ReopenForm
          ctx={ctx}
          onSaved={() => done(t('planClose.reopened'))}
          onCancel={() => cancel('plan-reopen-open')}
        />
      ) : null}
      <StatusHistory plan={plan} />
    </section>
  );
}

/** "Close the plan" on an active plan; on a closed one, "reopen" and (on the plan page) "draw up a new plan". */
function CloseButtons({
  ctx,
  drawingUp,
  withNewPlan,
  onOpen,
  onDrawUp,
}: {
  ctx: PlanContext;
  drawingUp: boolean;
  withNewPlan: boolean;
  onOpen: () => void;
  onDrawUp: () => void;
}) {
  const { t } = useTranslation();
  if (ctx.plan.status !== 'closed')
    return ctx.editable ? (
      <button id="plan-close-open" type="button" className="button button-secondary no-print" onClick={onOpen}>
        {t('planClose.open')}
      </button>
    ) : null;
  if (drawingUp) return null;
  return (
    <span className="button-row no-print">
      <button id="plan-reopen-open" type="button" className="button button-secondary" onClick={onOpen}>
        {t('planClose.reopen')}
      </button>
      {withNewPlan ? (
        <button id="plan-new-open" type="button" className="button button-primary" onClick={onDrawUp}>
          {t('planClose.newPlan.open')}
        </button>
      ) : null}
    </span>
  );
}

/** When a closed plan was closed, by whom and why. */
function ClosedNote({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  const last = plan.statusHistory.at(-1);
  if (plan.status !== 'closed' || last?.statusAfter !== 'closed') return null;
  return (
    <p>
      {t('planClose.closedOn', { date: f.date(time.day(last.changedAt)), name: last.changedBy.name })}{' '}
      <strong>{reasonWords(t, last.reasonCode, last.reasonText)}</strong>
    </p>
  );
}

interface FormProps {
  ctx: PlanContext;
  /** After the plan is read again. */
  onSaved: () => void;
  onCancel: () => void;
}

function closeServerErrors(t: TFunction, err: ApiError): Errors | null {
  if (errorField(err) === 'reasonText') return { reasonText: t('planClose.textRequired') };
  if (err.status === 409) return { reason: t('planClose.alreadyClosed') };
  return null;
}

function CloseForm({ ctx, onSaved, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { plan } = ctx;
  return (
    <ItemForm<{ reason: string; reasonText: string }, PlanView>
      prefix="plan-close"
      heading={t('planClose.formHeading')}
      intro={<p className="muted">{t('planClose.formIntro')}</p>}
      initial={{ reason: '', reasonText: '' }}
      version={plan.version}
      validate={(v) => {
        const e: Errors = {};
        if (!v.reason) e.reason = t('planClose.reasonRequired');
        if (v.reason === 'other' && !v.reasonText.trim()) e.reasonText = t('planClose.textRequired');
        return e;
      }}
      fields={(v, set, e) => (
        <>
          <RadioField
            id="plan-close-reason"
            legend={t('planClose.reasonLegend')}
            error={e.reason}
            value={v.reason}
            options={CLOSE_REASONS.map((r) => ({ value: r, label: t(`planClose.reason.${r}`) }))}
            onChange={(reason) => set({ ...v, reason })}
          />
          <TextAreaField
            id="plan-close-reasonText"
            label={v.reason === 'other' ? t('planClose.textOther') : t('planClose.text')}
            error={e.reasonText}
            value={v.reasonText}
            required={v.reason === 'other'}
            onChange={(reasonText) => set({ ...v, reasonText })}
          />
        </>
      )}
      submitLabel={t('planClose.submit')}
      save={(v, version) =>
        meetingApi.close(ctx.childId, version ?? plan.version, {
          reason: v.reason as CloseReason,
          reasonText: v.reasonText.trim() || null,
        })
      }
      serverErrors={(err) => closeServerErrors(t, err)}
      onSaved={() => void ctx.refresh().then(onSaved)}
      onCancel={onCancel}
    />
  );
}

function reopenServerErrors(t: TFunction, err: ApiError): Errors | null {
  if (err.status === 409)
    return {
      reason:
        err.body?.details?.reason === 'active_plan_exists' ? t('planClose.anotherActive') : t('planClose.notClosed'),
    };
  if (errorField(err) === 'reason') return { reason: t('planClose.reopenReasonRequired') };
  return null;
}

function ReopenForm({ ctx, onSaved, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { plan } = ctx;
  return (
    <ItemForm<{ reason: string }, PlanView>
      prefix="plan-reopen"
      heading={t('planClose.reopenHeading')}
      initial={{ reason: '' }}
      version={plan.version}
      validate={(v): Errors => (v.reason.trim() ? {} : { reason: t('planClose.reopenReasonRequired') })}
      fields={(v, set, e) => (
        <TextAreaField
          id="plan-reopen-reason"
          label={t('planClose.reopenReason')}
          error={e.reason}
          value={v.reason}
          required
          onChange={(reason) => set({ reason })}
        />
      )}
      submitLabel={t('planClose.reopenSubmit')}
      save={(v, version) => meetingApi.reopen(ctx.childId, version ?? plan.version, v.reason)}
      serverErrors={(err) => reopenServerErrors(t, err)}
      onSaved={() => void ctx.refresh().then(onSaved)}
      onCancel={onCancel}
    />
  );
}

/** Every closing and reopening of the plan. */
function StatusHistory({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  if (plan.statusHistory.length === 0) return null;
  return (
    <HistoryTable
      captionId="plan-status-caption"
      caption={t('planClose.historyCaption')}
      columns={[
        t('planClose.columns.date'),
        t('planClose.columns.change'),
        t('planClose.columns.reason'),
        t('planClose.columns.by'),
      ]}
      changes={plan.statusHistory}
      change={(h) => (h.statusAfter === 'closed' ? t('planClose.closedWord') : t('planClose.reopenedWord'))}
      reason={(h) => reasonWords(t, h.reasonCode, h.reasonText)}
    />
  );
}
