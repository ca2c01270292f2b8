/** The plan's level: the current one, the form that changes it (with a reason), and its history. */
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, errorField } from '../../api.js';
import { useAnnouncer } from '../../components/announce.js';
import { type Errors, ItemForm, RadioField, TextAreaField } from '../../components/form/index.js';
import { SupportLevel } from '../../components/SupportLevel.js';
import type { PlanContext } from '../context.js';
import { namedActions, type Plan, planApi, type PlanLevelResult } from '../plan-api.js';
import { levelOptions } from './CreatePlanForm.js';
import { HistoryTable } from './HistoryTable.js';
import { focusLater } from './usePlanData.js';

interface LevelValues {
  level: string;
  reason: string;
}

const quotedActions = (actions: { what: string }[]) => actions.map((a) => `”${a.what}”`).join(', ');

export function LevelSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [status, announce] = useAnnouncer();
  const { plan } = ctx;
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
        <LevelForm
          ctx={ctx}
          onSaved={(level) => {
            setOpen(false);
            announce(t('plan.level.saved', { level: t(`supportLevel.${level as 1 | 2 | 3}`) }));
          }}
          onCancel={() => {
            setOpen(false);
            void ctx.refresh();
            focusLater('plan-level-open');
          }}
        />
      ) : null}
      <LevelHistory plan={plan} />
    </section>
  );
}

function validateLevel(t: TFunction, ctx: PlanContext, v: LevelValues): Errors {
  const { plan, view } = ctx;
  const incomplete = plan.actions.filter((a) => a.status !== 'cancelled' && (!a.responsible || !a.dueDate));
  const e: Errors = {};
  if (!v.level) e.level = t('plan.level.chooseRequired');
  else if (Number(v.level) === plan.level) e.level = t('plan.level.same');
  else if (v.level === '3' && !view.coordinator) e.level = t('plan.level.coordinatorRequired');
  else if (v.level === '3' && incomplete.length > 0)
    e.level = t('plan.level.actionsMissing', { actions: quotedActions(incomplete) });
  if (!v.reason.trim()) e.reason = t('plan.level.reasonRequired');
  return e;
}

function levelServerErrors(t: TFunction, err: ApiError): Errors | null {
  const actions = namedActions(err);
  if (actions.length > 0) return { level: t('plan.level.actionsMissing', { actions: quotedActions(actions) }) };
  const field = errorField(err);
  if (field === 'level')
    return {
      level: err.body?.message.includes('coordinator') ? t('plan.level.coordinatorRequired') : t('plan.level.same'),
    };
  if (field === 'reason') return { reason: t('plan.level.reasonRequired') };
  return null;
}

function LevelForm({
  ctx,
  onSaved,
  onCancel,
}: {
  ctx: PlanContext;
  /** After the plan is read again, with the new level. */
  onSaved: (level: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { plan } = ctx;
  return (
    <ItemForm<LevelValues, PlanLevelResult>
      prefix="plan-level"
      heading={t('plan.level.formHeading')}
      intro={<p className="muted">{t('plan.level.intro')}</p>}
      initial={{ level: '', reason: '' }}
      version={plan.version}
      validate={(v) => validateLevel(t, ctx, v)}
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
      serverErrors={(err) => levelServerErrors(t, err)}
      describeTheirs={(c) => (
        <p>
          <SupportLevel level={(c as { level: number }).level} />
        </p>
      )}
      onSaved={(r) => void ctx.refresh().then(() => onSaved(r.plan.level))}
      onCancel={onCancel}
    />
  );
}

function LevelHistory({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <HistoryTable
      captionId="plan-level-caption"
      caption={t('plan.level.historyCaption')}
      columns={[
        t('plan.level.columns.date'),
        t('plan.level.columns.change'),
        t('plan.level.columns.reason'),
        t('plan.level.columns.by'),
      ]}
      changes={plan.levelHistory}
      change={(h) =>
        h.levelBefore === null
          ? t('plan.level.createdAt', { level: h.levelAfter })
          : t('plan.level.changed', { before: h.levelBefore, after: h.levelAfter })
      }
      reason={(h) => h.reason}
    />
  );
}
