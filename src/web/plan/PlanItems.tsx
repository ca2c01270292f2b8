import { useTranslation } from 'react-i18next';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../core/wheel.js';
import { DateField, type Errors, SelectField, TextAreaField } from '../components/form/index.js';
import { swedishToday } from '../components/time.js';
import { isIsoDate, type PlanContext } from './context.js';
import { itemText } from '../../ui/plan/item-kinds.js';
import { planApi, type PlanGoal, type PlanNeed } from './plan-api.js';
import { PlanItemSection, required, useItemFormat } from './PlanItemSection.js';

/** What a kind's form fields get: new or change, the values, their setter and the errors. */
export interface FieldProps<V> {
  mode: 'new' | 'edit';
  v: V;
  set: (v: V) => void;
  e: Errors;
}

/** Only what changed, or (when nothing did) the fallback, so the change is still a versioned save. */
export const changedOr = <B extends object>(body: B, fallback: B): B =>
  Object.keys(body).length > 0 ? body : fallback;

// ---------------------------------------------------------------------------------------------
// Needs per indicator

interface NeedValues {
  indicator: string;
  description: string;
}

function NeedFields({ mode, v, set, e }: FieldProps<NeedValues>) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const indicatorOptions = WHEEL_INDICATORS.map((i) => ({ value: i, label: itemText.indicator(f, i) }));
  return (
    <>
      <SelectField
        id={`plan-need-${mode}-indicator`}
        label={t('plan.needs.indicator')}
        help={t('plan.needs.indicatorHelp')}
        error={e.indicator}
        value={v.indicator}
        placeholder={t('plan.form.choose')}
        options={indicatorOptions}
        onChange={(indicator) => set({ ...v, indicator })}
      />
      <TextAreaField
        id={`plan-need-${mode}-description`}
        label={t('plan.needs.description')}
        error={e.description}
        value={v.description}
        required
        onChange={(description) => set({ ...v, description })}
      />
    </>
  );
}

export function NeedsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const { plan } = ctx;
  return (
    <PlanItemSection<PlanNeed, NeedValues, PlanNeed>
      ctx={ctx}
      kind={{
        kind: 'needs',
        prefix: 'plan-need',
        headingId: 'plan-needs-heading',
        items: plan.needs,
        initial: { indicator: '', description: '' },
        fields: (mode) => (v, set, e) => <NeedFields mode={mode} v={v} set={set} e={e} />,
        validate: (v) => ({
          ...(v.indicator ? {} : { indicator: t('plan.needs.indicatorRequired') }),
          ...(required(v.description) ? { description: t('plan.needs.descriptionRequired') } : {}),
        }),
        messages: { indicator: t('plan.needs.indicatorRequired'), description: t('plan.needs.descriptionRequired') },
        create: (v) =>
          planApi.addNeed(ctx.childId, { indicator: v.indicator as WheelIndicator, description: v.description }),
        added: (r) => t('plan.needs.added', { indicator: itemText.indicator(f, r.indicator) }),
        list: (items, edit) => (
          <dl className="plan-needs">
            {WHEEL_INDICATORS.map((i) => [i, items.filter((n) => n.indicator === i)] as const)
              .filter(([, list]) => list.length > 0)
              .map(([indicator, list]) => (
                <div key={indicator}>
                  <dt>{itemText.indicator(f, indicator)}</dt>
                  {list.map((n) => (
                    <dd key={n.id}>
                      <span className="prewrap">{n.description}</span> {edit(n, n.description)}
                    </dd>
                  ))}
                </div>
              ))}
          </dl>
        ),
        change: {
          heading: () => t('plan.needs.editHeading'),
          valuesOf: (x) => ({ indicator: x.indicator, description: x.description }),
          save: (x, v, version) =>
            planApi.updateNeed(
              ctx.childId,
              x.id,
              version,
              changedOr(
                {
                  ...(v.indicator !== x.indicator ? { indicator: v.indicator as WheelIndicator } : {}),
                  ...(v.description.trim() !== x.description ? { description: v.description } : {}),
                },
                { description: v.description },
              ),
            ),
          theirs: (c) => {
            const x = c as PlanNeed;
            return (
              <p>
                {itemText.indicator(f, x.indicator)}: {x.description}
              </p>
            );
          },
        },
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Goals

interface GoalValues {
  description: string;
  needId: string;
  targetDate: string;
}

function GoalFields({ ctx, mode, v, set, e }: FieldProps<GoalValues> & { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const needOptions = ctx.plan.needs.map((n) => ({ value: n.id, label: itemText.need(f, n) }));
  return (
    <>
      <TextAreaField
        id={`plan-goal-${mode}-description`}
        label={t('plan.goals.description')}
        help={t('plan.goals.descriptionHelp')}
        error={e.description}
        value={v.description}
        required
        onChange={(description) => set({ ...v, description })}
      />
      <SelectField
        id={`plan-goal-${mode}-needId`}
        label={t('plan.goals.need')}
        error={e.needId}
        value={v.needId}
        placeholder={t('plan.goals.noNeed')}
        options={needOptions}
        onChange={(needId) => set({ ...v, needId })}
      />
      <DateField
        id={`plan-goal-${mode}-targetDate`}
        label={t('plan.goals.targetDate')}
        error={e.targetDate}
        value={v.targetDate}
        onChange={(targetDate) => set({ ...v, targetDate })}
      />
    </>
  );
}

export function GoalsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const { plan } = ctx;
  const today = swedishToday();
  const needOf = (id: string | null) => plan.needs.find((n) => n.id === id);
  return (
    <PlanItemSection<PlanGoal, GoalValues, PlanGoal>
      ctx={ctx}
      kind={{
        kind: 'goals',
        prefix: 'plan-goal',
        headingId: 'plan-goals-heading',
        items: plan.goals,
        initial: { description: '', needId: '', targetDate: '' },
        fields: (mode) => (v, set, e) => <GoalFields ctx={ctx} mode={mode} v={v} set={set} e={e} />,
        validate: (v, x) => ({
          ...(required(v.description) ? { description: t('plan.goals.descriptionRequired') } : {}),
          ...(v.targetDate && !isIsoDate(v.targetDate)
            ? { targetDate: t('plan.form.invalidDate') }
            : v.targetDate && v.targetDate < today && v.targetDate !== (x?.targetDate ?? undefined)
              ? { targetDate: t('plan.form.datePast') }
              : {}),
        }),
        messages: {
          description: t('plan.goals.descriptionRequired'),
          targetDate: t('plan.form.datePast'),
          needId: t('plan.form.invalid'),
        },
        create: (v) => {
          const need = needOf(v.needId);
          return planApi.addGoal(ctx.childId, {
            description: v.description,
            needId: v.needId || null,
            indicators: need ? [need.indicator] : [],
            targetDate: v.targetDate || null,
          });
        },
        added: () => t('plan.goals.added'),
        list: (items, edit) => (
          <ol className="plan-goals">
            {items.map((g) => (
              <li key={g.id}>
                <span className="prewrap">{g.description}</span>
                <span className="block muted small">{itemText.goalMeta(f, g, needOf(g.needId))}</span>
                {edit(g, g.description)}
              </li>
            ))}
          </ol>
        ),
        change: {
          heading: () => t('plan.goals.editHeading'),
          valuesOf: (x) => ({ description: x.description, needId: x.needId ?? '', targetDate: x.targetDate ?? '' }),
          save: (x, v, version) => {
            const need = needOf(v.needId);
            const needChanged = (v.needId || null) !== x.needId;
            return planApi.updateGoal(ctx.childId, x.id, version, {
              description: v.description,
              ...(needChanged ? { needId: v.needId || null, ...(need ? { indicators: [need.indicator] } : {}) } : {}),
              ...((v.targetDate || null) !== x.targetDate ? { targetDate: v.targetDate || null } : {}),
            });
          },
          theirs: (c) => <p className="prewrap">{(c as PlanGoal).description}</p>,
        },
      }}
    />
  );
}
