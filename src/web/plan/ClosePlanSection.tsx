/**
 * The plan page's "Avsluta planen" (Close): close the active plan with a coded reason (and a text
 * for "other"), or — when it is closed — say why and when, and reopen it with a reason. The closed
 * plan stays readable; every other section hides its edit buttons (ctx.editable is false).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n.js';
import type { PlanContext } from './context.js';
import { CLOSE_REASONS, meetingApi, type CloseReason } from './meetings-api.js';
import type { PlanView } from './plan-api.js';
import { useTimestamp } from '../components/time.js';
import { ItemForm, RadioField, TextAreaField, type Errors } from '../components/form/index.js';
import { useAnnouncer } from '../components/announce.js';
import { errorField } from '../api.js';

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
  const f = useFormat();
  const time = useTimestamp();
  const [open, setOpen] = useState(false);
  const [drawingUp, setDrawingUp] = useState(false);
  const [status, announce] = useAnnouncer();
  const { plan } = ctx;
  const closed = plan.status === 'closed';
  const last = plan.statusHistory.at(-1);
  const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);
  const reasonWords = (code: CloseReason | null, text: string | null) =>
    [code ? t(`planClose.reason.${code}`) : null, text].filter(Boolean).join(': ');
  return (
    <section aria-labelledby="plan-close-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="plan-close-heading">{closed ? t('planClose.closedHeading') : t('planClose.heading')}</h2>
        {!open && !closed && ctx.editable && !historyOnly ? (
          <button
            id="plan-close-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {t('planClose.open')}
          </button>
        ) : null}
        {!open && !drawingUp && closed && !historyOnly ? (
          <span className="button-row no-print">
            <button
              id="plan-reopen-open"
              type="button"
              className="button button-secondary"
              onClick={() => setOpen(true)}
            >
              {t('planClose.reopen')}
            </button>
            {newPlanForm ? (
              <button
                id="plan-new-open"
                type="button"
                className="button button-primary"
                onClick={() => setDrawingUp(true)}
              >
                {t('planClose.newPlan.open')}
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
      {status}
      {closed && last?.statusAfter === 'closed' ? (
        <p>
          {t('planClose.closedOn', { date: f.date(time.day(last.changedAt)), name: last.changedBy.name })}{' '}
          <strong>{reasonWords(last.reasonCode, last.reasonText)}</strong>
        </p>
      ) : null}
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
          serverErrors={(err): Errors | null => {
            if (errorField(err) === 'reasonText') return { reasonText: t('planClose.textRequired') };
            if (err.status === 409) return { reason: t('planClose.alreadyClosed') };
            return null;
          }}
          onSaved={() => {
            void ctx.refresh().then(() => {
              setOpen(false);
              announce(t('planClose.saved'));
            });
          }}
          onCancel={() => {
            setOpen(false);
            focusLater('plan-close-open');
          }}
        />
      ) : null}
      {open && closed ? (
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
          serverErrors={(err): Errors | null => {
            if (err.status === 409)
              return {
                reason:
                  err.body?.details?.reason === 'active_plan_exists'
                    ? t('planClose.anotherActive')
                    : t('planClose.notClosed'),
              };
            if (errorField(err) === 'reason') return { reason: t('planClose.reopenReasonRequired') };
            return null;
          }}
          onSaved={() => {
            void ctx.refresh().then(() => {
              setOpen(false);
              announce(t('planClose.reopened'));
            });
          }}
          onCancel={() => {
            setOpen(false);
            focusLater('plan-reopen-open');
          }}
        />
      ) : null}
      {plan.statusHistory.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="plan-status-caption" tabIndex={0}>
          <table className="data-table plan-table">
            <caption id="plan-status-caption">{t('planClose.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('planClose.columns.date')}</th>
                <th scope="col">{t('planClose.columns.change')}</th>
                <th scope="col">{t('planClose.columns.reason')}</th>
                <th scope="col">{t('planClose.columns.by')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.statusHistory.map((h) => (
                <tr key={h.id}>
                  <th scope="row" className="nowrap-md">
                    {f.date(time.day(h.changedAt))}
                  </th>
                  <td>{h.statusAfter === 'closed' ? t('planClose.closedWord') : t('planClose.reopenedWord')}</td>
                  <td className="prewrap">{reasonWords(h.reasonCode, h.reasonText)}</td>
                  <td>{h.changedBy.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
