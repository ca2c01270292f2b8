import { useTranslation } from 'react-i18next';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../core/wheel.js';
import {
  CheckboxField,
  DateField,
  type Errors,
  type Option,
  orNull,
  SelectField,
  TextAreaField,
} from '../components/form/index.js';
import { swedishToday } from '../components/time.js';
import { isIsoDate, memberLabel, type PlanContext } from './context.js';
import { itemText } from './item-kinds.js';
import { planApi, type PlanGoal, type PlanNeed, type PlanService } from './plan-api.js';
import { ItemTable, PlanItemSection, required, useItemFormat } from './PlanItemSection.js';

/** Only what changed, or (when nothing did) the fallback, so the change is still a versioned save. */
export const changedOr = <B extends object>(body: B, fallback: B): B =>
  Object.keys(body).length > 0 ? body : fallback;

// ---------------------------------------------------------------------------------------------
// Services taking part

interface ServiceValues {
  unitId: string;
  contactAssignmentId: string;
  contribution: string;
  ended: boolean;
}

export function ServicesSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const { plan, view } = ctx;
  const taking = new Set(plan.services.filter((x) => !x.endedOn).map((x) => x.unit.id));
  // The units of the team: the services that can take part (their contact person is on the team).
  const units = [
    ...new Map(
      view.team
        .filter((m) => m.unitId)
        .map((m) => [m.unitId!, { id: m.unitId!, name: `${m.unitName ?? ''}, ${m.organisationName}` }]),
    ).values(),
  ];
  const contactsIn = (unitId: string): Option[] =>
    view.team.filter((m) => m.unitId === unitId).map((m) => ({ value: m.assignmentId, label: memberLabel(t, m) }));
  const fields = (mode: 'new' | 'edit') => (v: ServiceValues, set: (v: ServiceValues) => void, e: Errors) => (
    <>
      {mode === 'new' ? (
        <SelectField
          id="plan-service-new-unitId"
          label={t('plan.services.unit')}
          help={t('plan.services.unitHelp')}
          error={e.unitId}
          value={v.unitId}
          placeholder={t('plan.form.choose')}
          options={units.filter((u) => !taking.has(u.id)).map((u) => ({ value: u.id, label: u.name }))}
          onChange={(unitId) => set({ ...v, unitId, contactAssignmentId: contactsIn(unitId)[0]?.value ?? '' })}
        />
      ) : null}
      <SelectField
        id={`plan-service-${mode}-contactAssignmentId`}
        label={t('plan.services.contact')}
        help={t('plan.services.contactHelp')}
        error={e.contactAssignmentId}
        value={v.contactAssignmentId}
        placeholder={t('plan.form.choose')}
        options={contactsIn(v.unitId)}
        onChange={(contactAssignmentId) => set({ ...v, contactAssignmentId })}
      />
      <TextAreaField
        id={`plan-service-${mode}-contribution`}
        label={t('plan.services.contribution')}
        help={t('plan.services.contributionHelp')}
        value={v.contribution}
        onChange={(contribution) => set({ ...v, contribution })}
      />
      {mode === 'edit' ? (
        <CheckboxField
          id="plan-service-edit-ended"
          label={t('plan.services.end')}
          help={t('plan.services.endHelp')}
          checked={v.ended}
          onChange={(ended) => set({ ...v, ended })}
        />
      ) : null}
    </>
  );
  return (
    <PlanItemSection<PlanService, ServiceValues, PlanService>
      ctx={ctx}
      kind={{
        kind: 'services',
        prefix: 'plan-service',
        headingId: 'plan-services-heading',
        items: plan.services,
        initial: { unitId: '', contactAssignmentId: '', contribution: '', ended: false },
        fields,
        validate: (v) => ({
          ...(v.unitId ? {} : { unitId: t('plan.services.unitRequired') }),
          ...(v.contactAssignmentId ? {} : { contactAssignmentId: t('plan.services.contactRequired') }),
        }),
        messages: {
          unitId: t('plan.services.unitInvalid'),
          contactAssignmentId: t('plan.services.contactInvalid'),
          contribution: t('plan.form.invalid'),
        },
        create: (v) =>
          planApi.addService(ctx.childId, {
            unitId: v.unitId,
            contactAssignmentId: v.contactAssignmentId,
            contribution: orNull(v.contribution),
          }),
        added: (r) => t('plan.services.added', { name: r.unit.name }),
        list: (items, edit) => (
          <ItemTable
            kind="services"
            id="plan-services-caption"
            className="data-table plan-table"
            caption={t('plan.services.caption')}
            items={items}
            editable={ctx.editable}
            row={(x) => ({
              className: x.endedOn ? 'row-ended' : undefined,
              head: (
                <>
                  {x.unit.name}
                  <span className="block muted small">{x.organisation.name}</span>
                  {x.endedOn ? <span className="block small">{itemText.serviceEnded(f, x)}</span> : null}
                </>
              ),
              cells: [
                {
                  content: (
                    <>
                      {x.contact.name}
                      {x.contact.title ? <span className="block muted small">{x.contact.title}</span> : null}
                      {!x.contactOnTeam ? (
                        <span className="block small status status-overdue">{t('plan.services.contactLeft')}</span>
                      ) : null}
                    </>
                  ),
                },
                { className: 'prewrap', content: x.contribution ?? '' },
              ],
              edit: !x.endedOn ? edit(x, x.unit.name) : null,
            })}
          />
        ),
        change: {
          heading: (x) => t('plan.services.editHeading', { name: x.unit.name }),
          valuesOf: (x) => ({
            unitId: x.unit.id,
            contactAssignmentId: x.contact.assignmentId,
            contribution: x.contribution ?? '',
            ended: false,
          }),
          save: (x, v, version) =>
            planApi.updateService(
              ctx.childId,
              x.id,
              version,
              changedOr(
                {
                  ...(v.contactAssignmentId !== x.contact.assignmentId
                    ? { contactAssignmentId: v.contactAssignmentId }
                    : {}),
                  ...(orNull(v.contribution) !== (x.contribution ?? null)
                    ? { contribution: orNull(v.contribution) }
                    : {}),
                  ...(v.ended ? { ended: true as const } : {}),
                },
                { contribution: orNull(v.contribution) },
              ),
            ),
          theirs: (c) => {
            const x = c as PlanService;
            return <p>{t('plan.services.theirs', { contact: x.contact.name, contribution: x.contribution ?? '–' })}</p>;
          },
        },
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Needs per indicator

interface NeedValues {
  indicator: string;
  description: string;
}

export function NeedsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const { plan } = ctx;
  const indicatorOptions = WHEEL_INDICATORS.map((i) => ({ value: i, label: itemText.indicator(f, i) }));
  const fields = (mode: 'new' | 'edit') => (v: NeedValues, set: (v: NeedValues) => void, e: Errors) => (
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
  return (
    <PlanItemSection<PlanNeed, NeedValues, PlanNeed>
      ctx={ctx}
      kind={{
        kind: 'needs',
        prefix: 'plan-need',
        headingId: 'plan-needs-heading',
        items: plan.needs,
        initial: { indicator: '', description: '' },
        fields,
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

export function GoalsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const { plan } = ctx;
  const needOptions = plan.needs.map((n) => ({ value: n.id, label: itemText.need(f, n) }));
  const today = swedishToday();
  const needOf = (id: string | null) => plan.needs.find((n) => n.id === id);
  const fields = (mode: 'new' | 'edit') => (v: GoalValues, set: (v: GoalValues) => void, e: Errors) => (
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
  return (
    <PlanItemSection<PlanGoal, GoalValues, PlanGoal>
      ctx={ctx}
      kind={{
        kind: 'goals',
        prefix: 'plan-goal',
        headingId: 'plan-goals-heading',
        items: plan.goals,
        initial: { description: '', needId: '', targetDate: '' },
        fields,
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
