/**
 * The sections of the plan page that hold items: services taking part, needs per indicator, goals,
 * actions, the child's voice, the guardians' views and disagreements. Each item is versioned: a
 * change sends only what the user changed, with If-Match; a 412 is shown by ItemForm.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../core/wheel.js';
import type { ApiError } from '../api.js';
import { swedishToday } from '../concerns/api.js';
import { useFormat } from '../i18n.js';
import { isIsoDate, memberLabel, type PlanContext } from './context.js';
import {
  CheckboxField,
  DateField,
  ItemForm,
  orNull,
  SelectField,
  TextAreaField,
  TextField,
  useAnnouncer,
  type Errors,
  type Option,
} from './form-kit.js';
import {
  ACTION_STATUSES,
  errorField,
  planApi,
  type ActionStatus,
  type PlanAction,
  type PlanGoal,
  type PlanGuardianView,
  type PlanNeed,
  type PlanService,
  type PlanVoice,
} from './plan-api.js';

/** The state every item section shares: adding, which item is being changed, and its status line. */
function useSection(ctx: PlanContext) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, announce] = useAnnouncer();
  const addRef = useRef<HTMLButtonElement>(null);
  const focusLater = (f: () => void) => window.setTimeout(f, 0);
  return {
    adding,
    editing,
    status,
    addRef,
    startAdding: () => {
      setEditing(null);
      setAdding(true);
    },
    startEditing: (id: string) => {
      setAdding(false);
      setEditing(id);
    },
    async saved(message: string) {
      await ctx.refresh();
      setAdding(false);
      setEditing(null);
      announce(message);
    },
    cancelAdd() {
      setAdding(false);
      focusLater(() => addRef.current?.focus());
    },
    async cancelEdit(id: string) {
      setEditing(null);
      await ctx.refresh();
      focusLater(() => document.getElementById(`edit-${id}`)?.focus());
    },
  };
}

function SectionHead({
  id,
  title,
  addLabel,
  onAdd,
  addRef,
  canAdd,
}: {
  id: string;
  title: string;
  addLabel: string;
  onAdd: () => void;
  addRef: React.RefObject<HTMLButtonElement | null>;
  canAdd: boolean;
}) {
  return (
    <div className="section-head">
      <h2 id={id}>{title}</h2>
      {canAdd ? (
        <button ref={addRef} type="button" className="button button-secondary no-print" onClick={onAdd}>
          {addLabel}
        </button>
      ) : null}
    </div>
  );
}

function EditButton({
  id,
  label,
  context,
  onClick,
}: {
  id: string;
  label: string;
  context: string;
  onClick: () => void;
}) {
  return (
    <button id={`edit-${id}`} type="button" className="button-link no-print" onClick={onClick}>
      {label}
      <span className="visually-hidden"> – {context}</span>
    </button>
  );
}

/** A field-named 400 → our message for that field (else the generic error is shown). */
function byField(err: ApiError, messages: Record<string, string>): Errors | null {
  const f = errorField(err)?.split('.')[0];
  return f && messages[f] ? { [f]: messages[f] } : null;
}

const required = (v: string) => v.trim() === '';

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
  const f = useFormat();
  const s = useSection(ctx);
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
  const messages = {
    unitId: t('plan.services.unitInvalid'),
    contactAssignmentId: t('plan.services.contactInvalid'),
    contribution: t('plan.form.invalid'),
  };

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
  const validate = (v: ServiceValues): Errors => ({
    ...(v.unitId ? {} : { unitId: t('plan.services.unitRequired') }),
    ...(v.contactAssignmentId ? {} : { contactAssignmentId: t('plan.services.contactRequired') }),
  });
  const editing = plan.services.find((x) => x.id === s.editing);

  return (
    <section aria-labelledby="plan-services-heading" className="panel plan-section">
      <SectionHead
        id="plan-services-heading"
        title={t('plan.services.heading')}
        addLabel={t('plan.services.add')}
        onAdd={s.startAdding}
        addRef={s.addRef}
        canAdd={ctx.editable && !s.adding}
      />
      <p className="muted">{t('plan.services.intro')}</p>
      {s.status}
      {s.adding ? (
        <ItemForm<ServiceValues, PlanService>
          prefix="plan-service-new"
          heading={t('plan.services.addHeading')}
          initial={{ unitId: '', contactAssignmentId: '', contribution: '', ended: false }}
          validate={validate}
          fields={fields('new')}
          submitLabel={t('plan.services.save')}
          save={(v) =>
            planApi.addService(ctx.childId, {
              unitId: v.unitId,
              contactAssignmentId: v.contactAssignmentId,
              contribution: orNull(v.contribution),
            })
          }
          serverErrors={(err) => byField(err, messages)}
          onSaved={(r) => void s.saved(t('plan.services.added', { name: r.unit.name }))}
          onCancel={s.cancelAdd}
        />
      ) : null}
      {plan.services.length === 0 ? (
        <p>{t('plan.services.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="plan-services-caption" tabIndex={0}>
          <table className="data-table plan-table">
            <caption id="plan-services-caption">{t('plan.services.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.services.columns.service')}</th>
                <th scope="col">{t('plan.services.columns.contact')}</th>
                <th scope="col">{t('plan.services.columns.contribution')}</th>
                {ctx.editable ? (
                  <th scope="col" className="no-print">
                    <span className="visually-hidden">{t('plan.form.change')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {plan.services.map((x) => (
                <tr key={x.id} className={x.endedOn ? 'row-ended' : undefined}>
                  <th scope="row">
                    {x.unit.name}
                    <span className="block muted small">{x.organisation.name}</span>
                    {x.endedOn ? (
                      <span className="block small">{t('plan.services.endedOn', { date: f.date(x.endedOn) })}</span>
                    ) : null}
                  </th>
                  <td>
                    {x.contact.name}
                    {x.contact.title ? <span className="block muted small">{x.contact.title}</span> : null}
                    {!x.contactOnTeam ? (
                      <span className="block small status status-overdue">{t('plan.services.contactLeft')}</span>
                    ) : null}
                  </td>
                  <td className="prewrap">{x.contribution ?? ''}</td>
                  {ctx.editable ? (
                    <td className="no-print">
                      {!x.endedOn ? (
                        <EditButton
                          id={x.id}
                          label={t('plan.form.change')}
                          context={x.unit.name}
                          onClick={() => s.startEditing(x.id)}
                        />
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <ItemForm<ServiceValues, PlanService>
          key={editing.id}
          prefix="plan-service-edit"
          heading={t('plan.services.editHeading', { name: editing.unit.name })}
          initial={{
            unitId: editing.unit.id,
            contactAssignmentId: editing.contact.assignmentId,
            contribution: editing.contribution ?? '',
            ended: false,
          }}
          version={editing.version}
          validate={validate}
          fields={fields('edit')}
          submitLabel={t('plan.form.saveChanges')}
          save={(v, version) => {
            const body = {
              ...(v.contactAssignmentId !== editing.contact.assignmentId
                ? { contactAssignmentId: v.contactAssignmentId }
                : {}),
              ...(orNull(v.contribution) !== (editing.contribution ?? null)
                ? { contribution: orNull(v.contribution) }
                : {}),
              ...(v.ended ? { ended: true as const } : {}),
            };
            return planApi.updateService(
              ctx.childId,
              editing.id,
              version ?? editing.version,
              Object.keys(body).length > 0 ? body : { contribution: orNull(v.contribution) },
            );
          }}
          serverErrors={(err) => byField(err, messages)}
          describeTheirs={(c) => {
            const x = c as PlanService;
            return <p>{t('plan.services.theirs', { contact: x.contact.name, contribution: x.contribution ?? '–' })}</p>;
          }}
          onSaved={() => void s.saved(t('plan.form.saved'))}
          onCancel={() => void s.cancelEdit(editing.id)}
        />
      ) : null}
    </section>
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
  const s = useSection(ctx);
  const { plan } = ctx;
  const indicatorOptions = WHEEL_INDICATORS.map((i) => ({ value: i, label: t(`wheel.indicators.${i}.name`) }));
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
  const validate = (v: NeedValues): Errors => ({
    ...(v.indicator ? {} : { indicator: t('plan.needs.indicatorRequired') }),
    ...(required(v.description) ? { description: t('plan.needs.descriptionRequired') } : {}),
  });
  const messages = { indicator: t('plan.needs.indicatorRequired'), description: t('plan.needs.descriptionRequired') };
  const editing = plan.needs.find((x) => x.id === s.editing);
  const byIndicator = WHEEL_INDICATORS.map((i) => [i, plan.needs.filter((n) => n.indicator === i)] as const).filter(
    ([, list]) => list.length > 0,
  );

  return (
    <section aria-labelledby="plan-needs-heading" className="panel plan-section">
      <SectionHead
        id="plan-needs-heading"
        title={t('plan.needs.heading')}
        addLabel={t('plan.needs.add')}
        onAdd={s.startAdding}
        addRef={s.addRef}
        canAdd={ctx.editable && !s.adding}
      />
      <p className="muted">{t('plan.needs.intro')}</p>
      {s.status}
      {s.adding ? (
        <ItemForm<NeedValues, PlanNeed>
          prefix="plan-need-new"
          heading={t('plan.needs.addHeading')}
          initial={{ indicator: '', description: '' }}
          validate={validate}
          fields={fields('new')}
          submitLabel={t('plan.needs.save')}
          save={(v) =>
            planApi.addNeed(ctx.childId, { indicator: v.indicator as WheelIndicator, description: v.description })
          }
          serverErrors={(err) => byField(err, messages)}
          onSaved={(r) => void s.saved(t('plan.needs.added', { indicator: t(`wheel.indicators.${r.indicator}.name`) }))}
          onCancel={s.cancelAdd}
        />
      ) : null}
      {byIndicator.length === 0 ? (
        <p>{t('plan.needs.none')}</p>
      ) : (
        <dl className="plan-needs">
          {byIndicator.map(([indicator, list]) => (
            <div key={indicator}>
              <dt>{t(`wheel.indicators.${indicator}.name`)}</dt>
              {list.map((n) => (
                <dd key={n.id}>
                  <span className="prewrap">{n.description}</span>{' '}
                  {ctx.editable ? (
                    <EditButton
                      id={n.id}
                      label={t('plan.form.change')}
                      context={n.description}
                      onClick={() => s.startEditing(n.id)}
                    />
                  ) : null}
                </dd>
              ))}
            </div>
          ))}
        </dl>
      )}
      {editing ? (
        <ItemForm<NeedValues, PlanNeed>
          key={editing.id}
          prefix="plan-need-edit"
          heading={t('plan.needs.editHeading')}
          initial={{ indicator: editing.indicator, description: editing.description }}
          version={editing.version}
          validate={validate}
          fields={fields('edit')}
          submitLabel={t('plan.form.saveChanges')}
          save={(v, version) => {
            const body = {
              ...(v.indicator !== editing.indicator ? { indicator: v.indicator as WheelIndicator } : {}),
              ...(v.description.trim() !== editing.description ? { description: v.description } : {}),
            };
            return planApi.updateNeed(
              ctx.childId,
              editing.id,
              version ?? editing.version,
              Object.keys(body).length > 0 ? body : { description: v.description },
            );
          }}
          serverErrors={(err) => byField(err, messages)}
          describeTheirs={(c) => {
            const x = c as PlanNeed;
            return (
              <p>
                {t(`wheel.indicators.${x.indicator}.name`)}: {x.description}
              </p>
            );
          }}
          onSaved={() => void s.saved(t('plan.form.saved'))}
          onCancel={() => void s.cancelEdit(editing.id)}
        />
      ) : null}
    </section>
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
  const f = useFormat();
  const s = useSection(ctx);
  const { plan } = ctx;
  const needOptions = plan.needs.map((n) => ({
    value: n.id,
    label: `${t(`wheel.indicators.${n.indicator}.name`)}: ${n.description}`,
  }));
  const today = swedishToday();
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
  const validate = (v: GoalValues, original?: string): Errors => ({
    ...(required(v.description) ? { description: t('plan.goals.descriptionRequired') } : {}),
    ...(v.targetDate && !isIsoDate(v.targetDate)
      ? { targetDate: t('plan.form.invalidDate') }
      : v.targetDate && v.targetDate < today && v.targetDate !== original
        ? { targetDate: t('plan.form.datePast') }
        : {}),
  });
  const messages = {
    description: t('plan.goals.descriptionRequired'),
    targetDate: t('plan.form.datePast'),
    needId: t('plan.form.invalid'),
  };
  const editing = plan.goals.find((x) => x.id === s.editing);
  const needOf = (id: string | null) => plan.needs.find((n) => n.id === id);

  return (
    <section aria-labelledby="plan-goals-heading" className="panel plan-section">
      <SectionHead
        id="plan-goals-heading"
        title={t('plan.goals.heading')}
        addLabel={t('plan.goals.add')}
        onAdd={s.startAdding}
        addRef={s.addRef}
        canAdd={ctx.editable && !s.adding}
      />
      {s.status}
      {s.adding ? (
        <ItemForm<GoalValues, PlanGoal>
          prefix="plan-goal-new"
          heading={t('plan.goals.addHeading')}
          initial={{ description: '', needId: '', targetDate: '' }}
          validate={(v) => validate(v)}
          fields={fields('new')}
          submitLabel={t('plan.goals.save')}
          save={(v) => {
            const need = needOf(v.needId);
            return planApi.addGoal(ctx.childId, {
              description: v.description,
              needId: v.needId || null,
              indicators: need ? [need.indicator] : [],
              targetDate: v.targetDate || null,
            });
          }}
          serverErrors={(err) => byField(err, messages)}
          onSaved={() => void s.saved(t('plan.goals.added'))}
          onCancel={s.cancelAdd}
        />
      ) : null}
      {plan.goals.length === 0 ? (
        <p>{t('plan.goals.none')}</p>
      ) : (
        <ol className="plan-goals">
          {plan.goals.map((g) => {
            const need = needOf(g.needId);
            return (
              <li key={g.id}>
                <span className="prewrap">{g.description}</span>
                <span className="block muted small">
                  {[
                    g.indicators.map((i) => t(`wheel.indicators.${i}.name`)).join(', '),
                    need ? t('plan.goals.forNeed', { need: need.description }) : null,
                    g.targetDate ? t('plan.goals.by', { date: f.date(g.targetDate) }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                {ctx.editable ? (
                  <EditButton
                    id={g.id}
                    label={t('plan.form.change')}
                    context={g.description}
                    onClick={() => s.startEditing(g.id)}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {editing ? (
        <ItemForm<GoalValues, PlanGoal>
          key={editing.id}
          prefix="plan-goal-edit"
          heading={t('plan.goals.editHeading')}
          initial={{
            description: editing.description,
            needId: editing.needId ?? '',
            targetDate: editing.targetDate ?? '',
          }}
          version={editing.version}
          validate={(v) => validate(v, editing.targetDate ?? undefined)}
          fields={fields('edit')}
          submitLabel={t('plan.form.saveChanges')}
          save={(v, version) => {
            const need = needOf(v.needId);
            const needChanged = (v.needId || null) !== editing.needId;
            return planApi.updateGoal(ctx.childId, editing.id, version ?? editing.version, {
              description: v.description,
              ...(needChanged ? { needId: v.needId || null, ...(need ? { indicators: [need.indicator] } : {}) } : {}),
              ...((v.targetDate || null) !== editing.targetDate ? { targetDate: v.targetDate || null } : {}),
            });
          }}
          serverErrors={(err) => byField(err, messages)}
          describeTheirs={(c) => <p className="prewrap">{(c as PlanGoal).description}</p>}
          onSaved={() => void s.saved(t('plan.form.saved'))}
          onCancel={() => void s.cancelEdit(editing.id)}
        />
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Actions

interface ActionValues {
  what: string;
  responsible: string; // '' | 'child' | 'p:<assignmentId>' | 'g:<guardianId>'
  serviceId: string;
  dueDate: string;
  status: ActionStatus;
  goalId: string;
}

function responsibleValue(a: PlanAction): string {
  const r = a.responsible;
  if (!r) return '';
  if (r.kind === 'professional') return `p:${r.assignmentId}`;
  if (r.kind === 'guardian') return `g:${r.guardianId}`;
  return 'child';
}

function responsibleChoice(v: string) {
  if (v === '') return null;
  if (v === 'child') return { kind: 'child' as const };
  if (v.startsWith('p:')) return { kind: 'professional' as const, assignmentId: v.slice(2) };
  return { kind: 'guardian' as const, guardianId: v.slice(2) };
}

export function ActionsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = useSection(ctx);
  const { plan, view } = ctx;
  const today = swedishToday();
  const levelThree = plan.level === 3;
  const responsibleOptions: Option[] = [
    ...view.team.map((m) => ({ value: `p:${m.assignmentId}`, label: memberLabel(t, m) })),
    ...view.guardians.map((g) => ({
      value: `g:${g.guardianId}`,
      label: t('plan.actions.guardianOption', { name: g.name }),
    })),
    { value: 'child', label: t('plan.actions.childOption') },
  ];
  const serviceOptions = plan.services.filter((x) => !x.endedOn).map((x) => ({ value: x.id, label: x.unit.name }));
  const goalOptions = plan.goals.map((g) => ({ value: g.id, label: g.description }));
  const statusOptions = ACTION_STATUSES.map((x) => ({ value: x, label: t(`plan.actions.status.${x}`) }));
  const fields = (mode: 'new' | 'edit') => (v: ActionValues, set: (v: ActionValues) => void, e: Errors) => (
    <>
      <TextAreaField
        id={`plan-action-${mode}-what`}
        label={t('plan.actions.what')}
        help={t('plan.actions.whatHelp')}
        error={e.what}
        value={v.what}
        rows={2}
        required
        onChange={(what) => set({ ...v, what })}
      />
      <SelectField
        id={`plan-action-${mode}-responsible`}
        label={t('plan.actions.responsible')}
        help={levelThree ? t('plan.actions.requiredAtThree') : undefined}
        error={e.responsible}
        value={v.responsible}
        placeholder={t('plan.actions.nobodyYet')}
        options={responsibleOptions}
        onChange={(responsible) => set({ ...v, responsible })}
      />
      <SelectField
        id={`plan-action-${mode}-serviceId`}
        label={t('plan.actions.service')}
        error={e.serviceId}
        value={v.serviceId}
        placeholder={t('plan.actions.noService')}
        options={serviceOptions}
        onChange={(serviceId) => set({ ...v, serviceId })}
      />
      <DateField
        id={`plan-action-${mode}-dueDate`}
        label={t('plan.actions.dueDate')}
        help={levelThree ? t('plan.actions.requiredAtThree') : undefined}
        error={e.dueDate}
        value={v.dueDate}
        onChange={(dueDate) => set({ ...v, dueDate })}
      />
      <SelectField
        id={`plan-action-${mode}-status`}
        label={t('plan.actions.statusLabel')}
        value={v.status}
        options={statusOptions}
        onChange={(status) => set({ ...v, status: status as ActionStatus })}
      />
      {goalOptions.length > 0 ? (
        <SelectField
          id={`plan-action-${mode}-goalId`}
          label={t('plan.actions.goal')}
          value={v.goalId}
          placeholder={t('plan.actions.noGoal')}
          options={goalOptions}
          onChange={(goalId) => set({ ...v, goalId })}
        />
      ) : null}
    </>
  );
  const validate = (v: ActionValues, originalDue?: string | null): Errors => {
    const e: Errors = {};
    if (required(v.what)) e.what = t('plan.actions.whatRequired');
    const open = v.status === 'planned' || v.status === 'in_progress';
    if (levelThree && v.status !== 'cancelled') {
      if (!v.responsible) e.responsible = t('plan.actions.responsibleRequired');
      if (!v.dueDate) e.dueDate = t('plan.actions.dueDateRequired');
    }
    if (v.dueDate && !isIsoDate(v.dueDate)) e.dueDate = t('plan.form.invalidDate');
    else if (v.dueDate && open && v.dueDate < today && v.dueDate !== originalDue) e.dueDate = t('plan.form.datePast');
    return e;
  };
  const messages = {
    what: t('plan.actions.whatRequired'),
    responsible: t('plan.actions.responsibleRequired'),
    dueDate: levelThree ? t('plan.actions.dueDateRequired') : t('plan.form.datePast'),
    serviceId: t('plan.actions.serviceInvalid'),
    goalId: t('plan.form.invalid'),
  };
  const editing = plan.actions.find((x) => x.id === s.editing);
  const serviceName = (id: string | null) => plan.services.find((x) => x.id === id)?.unit.name ?? '';
  const who = (a: PlanAction): ReactNode => {
    const r = a.responsible;
    if (!r) return <span className="muted">{t('plan.actions.nobodyYet')}</span>;
    if (r.kind === 'professional')
      return (
        <>
          {r.name}
          {r.title ? <span className="block muted small">{r.title}</span> : null}
        </>
      );
    if (r.kind === 'guardian') return t('plan.actions.guardianOption', { name: r.name });
    return t('plan.actions.childOption');
  };

  return (
    <section aria-labelledby="plan-actions-heading" className="panel plan-section">
      <SectionHead
        id="plan-actions-heading"
        title={t('plan.actions.heading')}
        addLabel={t('plan.actions.add')}
        onAdd={s.startAdding}
        addRef={s.addRef}
        canAdd={ctx.editable && !s.adding}
      />
      <p className="muted">{levelThree ? t('plan.actions.introThree') : t('plan.actions.intro')}</p>
      {s.status}
      {s.adding ? (
        <ItemForm<ActionValues, PlanAction>
          prefix="plan-action-new"
          heading={t('plan.actions.addHeading')}
          initial={{ what: '', responsible: '', serviceId: '', dueDate: '', status: 'planned', goalId: '' }}
          validate={(v) => validate(v)}
          fields={fields('new')}
          submitLabel={t('plan.actions.save')}
          save={(v) =>
            planApi.addAction(ctx.childId, {
              what: v.what,
              responsible: responsibleChoice(v.responsible),
              serviceId: v.serviceId || null,
              dueDate: v.dueDate || null,
              status: v.status,
              goalId: v.goalId || null,
            })
          }
          serverErrors={(err) => byField(err, messages)}
          onSaved={(r) => void s.saved(t('plan.actions.added', { what: r.what }))}
          onCancel={s.cancelAdd}
        />
      ) : null}
      {plan.actions.length === 0 ? (
        <p>{t('plan.actions.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="plan-actions-caption" tabIndex={0}>
          <table className="data-table plan-table plan-actions">
            <caption id="plan-actions-caption">{t('plan.actions.caption', { count: plan.actions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.actions.columns.what')}</th>
                <th scope="col">{t('plan.actions.columns.who')}</th>
                <th scope="col">{t('plan.actions.columns.service')}</th>
                <th scope="col">{t('plan.actions.columns.due')}</th>
                <th scope="col">{t('plan.actions.columns.status')}</th>
                {ctx.editable ? (
                  <th scope="col" className="no-print">
                    <span className="visually-hidden">{t('plan.form.change')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {plan.actions.map((a) => (
                <tr key={a.id} className={a.overdue ? 'row-overdue' : undefined}>
                  <th scope="row" className="prewrap">
                    {a.what}
                  </th>
                  <td>{who(a)}</td>
                  <td>{serviceName(a.serviceId)}</td>
                  <td className="nowrap-md">
                    {a.dueDate ? f.date(a.dueDate) : <span className="muted">{t('plan.actions.noDate')}</span>}
                  </td>
                  <td>
                    <span className={`status status-action-${a.status}`}>{t(`plan.actions.status.${a.status}`)}</span>
                    {a.overdue ? (
                      <span className="block status status-overdue">{t('plan.actions.overdue')}</span>
                    ) : null}
                  </td>
                  {ctx.editable ? (
                    <td className="no-print">
                      <EditButton
                        id={a.id}
                        label={t('plan.form.change')}
                        context={a.what}
                        onClick={() => s.startEditing(a.id)}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <ItemForm<ActionValues, PlanAction>
          key={editing.id}
          prefix="plan-action-edit"
          heading={t('plan.actions.editHeading', { what: editing.what })}
          initial={{
            what: editing.what,
            responsible: responsibleValue(editing),
            serviceId: editing.serviceId ?? '',
            dueDate: editing.dueDate ?? '',
            status: editing.status,
            goalId: editing.goalId ?? '',
          }}
          version={editing.version}
          validate={(v) => validate(v, editing.dueDate)}
          fields={fields('edit')}
          submitLabel={t('plan.form.saveChanges')}
          save={(v, version) => {
            const body = {
              ...(v.what.trim() !== editing.what ? { what: v.what } : {}),
              ...(v.responsible !== responsibleValue(editing) ? { responsible: responsibleChoice(v.responsible) } : {}),
              ...((v.serviceId || null) !== editing.serviceId ? { serviceId: v.serviceId || null } : {}),
              ...((v.dueDate || null) !== editing.dueDate ? { dueDate: v.dueDate || null } : {}),
              ...(v.status !== editing.status ? { status: v.status } : {}),
              ...((v.goalId || null) !== editing.goalId ? { goalId: v.goalId || null } : {}),
            };
            return planApi.updateAction(
              ctx.childId,
              editing.id,
              version ?? editing.version,
              Object.keys(body).length > 0 ? body : { status: v.status },
            );
          }}
          serverErrors={(err) => byField(err, messages)}
          describeTheirs={(c) => {
            const x = c as PlanAction;
            return (
              <p>
                {t('plan.actions.theirs', {
                  what: x.what,
                  status: t(`plan.actions.status.${x.status}`),
                  due: x.dueDate ? f.date(x.dueDate) : t('plan.actions.noDate'),
                })}
              </p>
            );
          }}
          onSaved={() => void s.saved(t('plan.form.saved'))}
          onCancel={() => void s.cancelEdit(editing.id)}
        />
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The child's voice ("Det här tycker jag")

interface VoiceValues {
  text: string;
  recordedOn: string;
  writtenByChild: boolean;
}

export function VoiceSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = useSection(ctx);
  const { plan } = ctx;
  const today = swedishToday();
  const fields = (mode: 'new' | 'edit') => (v: VoiceValues, set: (v: VoiceValues) => void, e: Errors) => (
    <>
      <TextAreaField
        id={`plan-voice-${mode}-text`}
        label={t('plan.voice.text')}
        help={t('plan.voice.textHelp')}
        error={e.text}
        value={v.text}
        rows={5}
        required
        onChange={(text) => set({ ...v, text })}
      />
      <DateField
        id={`plan-voice-${mode}-recordedOn`}
        label={t('plan.voice.recordedOn')}
        error={e.recordedOn}
        value={v.recordedOn}
        onChange={(recordedOn) => set({ ...v, recordedOn })}
      />
      <CheckboxField
        id={`plan-voice-${mode}-writtenByChild`}
        label={t('plan.voice.writtenByChild')}
        help={t('plan.voice.writtenByChildHelp')}
        checked={v.writtenByChild}
        onChange={(writtenByChild) => set({ ...v, writtenByChild })}
      />
    </>
  );
  const validate = (v: VoiceValues): Errors => ({
    ...(required(v.text) ? { text: t('plan.voice.textRequired') } : {}),
    ...(!isIsoDate(v.recordedOn)
      ? { recordedOn: t('plan.form.invalidDate') }
      : v.recordedOn > today
        ? { recordedOn: t('plan.form.dateFuture') }
        : {}),
  });
  const messages = { text: t('plan.voice.textRequired'), recordedOn: t('plan.form.dateFuture') };
  const editing = plan.voice.find((x) => x.id === s.editing);

  return (
    <section aria-labelledby="plan-voice-heading" className="panel plan-section plan-voice">
      <SectionHead
        id="plan-voice-heading"
        title={t('plan.voice.heading')}
        addLabel={t('plan.voice.add')}
        onAdd={s.startAdding}
        addRef={s.addRef}
        canAdd={ctx.editable && !s.adding}
      />
      <p className="muted">{t('plan.voice.intro')}</p>
      {s.status}
      {s.adding ? (
        <ItemForm<VoiceValues, PlanVoice>
          prefix="plan-voice-new"
          heading={t('plan.voice.addHeading')}
          initial={{ text: '', recordedOn: today, writtenByChild: false }}
          validate={validate}
          fields={fields('new')}
          submitLabel={t('plan.voice.save')}
          save={(v) =>
            planApi.addVoice(ctx.childId, { text: v.text, recordedOn: v.recordedOn, writtenByChild: v.writtenByChild })
          }
          serverErrors={(err) => byField(err, messages)}
          onSaved={() => void s.saved(t('plan.voice.added'))}
          onCancel={s.cancelAdd}
        />
      ) : null}
      {plan.voice.length === 0 ? (
        <p>{t('plan.voice.none')}</p>
      ) : (
        <ul className="plain-list voice-list">
          {plan.voice.map((v) => (
            <li key={v.id} className="voice-entry">
              <blockquote className="prewrap">{v.text}</blockquote>
              <p className="muted small">
                {v.writtenByChild
                  ? t('plan.voice.byChild', { date: f.date(v.recordedOn) })
                  : t('plan.voice.recordedBy', { name: v.recordedBy.name, date: f.date(v.recordedOn) })}{' '}
                {ctx.editable ? (
                  <EditButton
                    id={v.id}
                    label={t('plan.form.change')}
                    context={t('plan.voice.heading')}
                    onClick={() => s.startEditing(v.id)}
                  />
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <ItemForm<VoiceValues, PlanVoice>
          key={editing.id}
          prefix="plan-voice-edit"
          heading={t('plan.voice.editHeading')}
          initial={{ text: editing.text, recordedOn: editing.recordedOn, writtenByChild: editing.writtenByChild }}
          version={editing.version}
          validate={validate}
          fields={fields('edit')}
          submitLabel={t('plan.form.saveChanges')}
          save={(v, version) =>
            planApi.updateVoice(ctx.childId, editing.id, version ?? editing.version, {
              text: v.text,
              ...(v.recordedOn !== editing.recordedOn ? { recordedOn: v.recordedOn } : {}),
              ...(v.writtenByChild !== editing.writtenByChild ? { writtenByChild: v.writtenByChild } : {}),
            })
          }
          serverErrors={(err) => byField(err, messages)}
          describeTheirs={(c) => <blockquote className="prewrap">{(c as PlanVoice).text}</blockquote>}
          onSaved={() => void s.saved(t('plan.form.saved'))}
          onCancel={() => void s.cancelEdit(editing.id)}
        />
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Each guardian's view

interface ViewValues {
  text: string;
  recordedOn: string;
  writtenByGuardian: boolean;
}

export function GuardianViewsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, announce] = useAnnouncer();
  const [open, setOpen] = useState<string | null>(null);
  const { plan, view } = ctx;
  const today = swedishToday();
  const custodial = view.guardians.filter((g) => g.hasCustody);
  const fields = (prefix: string) => (v: ViewValues, set: (v: ViewValues) => void, e: Errors) => (
    <>
      <TextAreaField
        id={`${prefix}-text`}
        label={t('plan.guardianViews.text')}
        help={t('plan.guardianViews.textHelp')}
        error={e.text}
        value={v.text}
        rows={4}
        required
        onChange={(text) => set({ ...v, text })}
      />
      <DateField
        id={`${prefix}-recordedOn`}
        label={t('plan.guardianViews.recordedOn')}
        error={e.recordedOn}
        value={v.recordedOn}
        onChange={(recordedOn) => set({ ...v, recordedOn })}
      />
      <CheckboxField
        id={`${prefix}-writtenByGuardian`}
        label={t('plan.guardianViews.writtenByGuardian')}
        checked={v.writtenByGuardian}
        onChange={(writtenByGuardian) => set({ ...v, writtenByGuardian })}
      />
    </>
  );
  const validate = (v: ViewValues): Errors => ({
    ...(required(v.text) ? { text: t('plan.guardianViews.textRequired') } : {}),
    ...(!isIsoDate(v.recordedOn)
      ? { recordedOn: t('plan.form.invalidDate') }
      : v.recordedOn > today
        ? { recordedOn: t('plan.form.dateFuture') }
        : {}),
  });
  const messages = {
    text: t('plan.guardianViews.exists'),
    recordedOn: t('plan.form.dateFuture'),
    guardianId: t('plan.form.invalid'),
  };
  const done = async (message: string) => {
    await ctx.refresh();
    setOpen(null);
    announce(message);
  };
  const cancel = async (guardianId: string) => {
    setOpen(null);
    await ctx.refresh();
    window.setTimeout(() => document.getElementById(`edit-guardian-${guardianId}`)?.focus(), 0);
  };

  return (
    <section aria-labelledby="plan-guardians-heading" className="panel plan-section">
      <h2 id="plan-guardians-heading">{t('plan.guardianViews.heading')}</h2>
      <p className="muted">{t('plan.guardianViews.intro')}</p>
      {status}
      {custodial.length === 0 ? <p>{t('plan.guardianViews.noGuardians')}</p> : null}
      <ul className="card-list guardian-views">
        {custodial.map((g) => {
          const existing = plan.guardianViews.find((v) => v.guardianId === g.guardianId);
          const prefix = `plan-guardian-${g.guardianId}`;
          return (
            <li key={g.guardianId} className="card">
              <h3 className="card-title">{g.name}</h3>
              {existing ? (
                <>
                  <p className="prewrap">{existing.text}</p>
                  <p className="muted small">
                    {existing.writtenByGuardian
                      ? t('plan.guardianViews.byGuardian', { date: f.date(existing.recordedOn) })
                      : t('plan.guardianViews.recordedBy', {
                          name: existing.recordedBy.name,
                          date: f.date(existing.recordedOn),
                        })}
                  </p>
                </>
              ) : (
                <p className="muted">{t('plan.guardianViews.none')}</p>
              )}
              {ctx.editable && open !== g.guardianId ? (
                <button
                  id={`edit-guardian-${g.guardianId}`}
                  type="button"
                  className="button-link no-print"
                  onClick={() => setOpen(g.guardianId)}
                >
                  {existing ? t('plan.form.change') : t('plan.guardianViews.add')}
                  <span className="visually-hidden"> – {g.name}</span>
                </button>
              ) : null}
              {open === g.guardianId ? (
                <ItemForm<ViewValues, PlanGuardianView>
                  prefix={prefix}
                  heading={t('plan.guardianViews.formHeading', { name: g.name })}
                  initial={{
                    text: existing?.text ?? '',
                    recordedOn: existing?.recordedOn ?? today,
                    writtenByGuardian: existing?.writtenByGuardian ?? false,
                  }}
                  {...(existing ? { version: existing.version } : {})}
                  validate={validate}
                  fields={fields(prefix)}
                  submitLabel={existing ? t('plan.form.saveChanges') : t('plan.guardianViews.save')}
                  save={(v, version) =>
                    existing
                      ? planApi.updateGuardianView(ctx.childId, existing.id, version ?? existing.version, {
                          text: v.text,
                          ...(v.recordedOn !== existing.recordedOn ? { recordedOn: v.recordedOn } : {}),
                          ...(v.writtenByGuardian !== existing.writtenByGuardian
                            ? { writtenByGuardian: v.writtenByGuardian }
                            : {}),
                        })
                      : planApi.addGuardianView(ctx.childId, {
                          guardianId: g.guardianId,
                          text: v.text,
                          recordedOn: v.recordedOn,
                          writtenByGuardian: v.writtenByGuardian,
                        })
                  }
                  serverErrors={(err) =>
                    err.status === 409 ? { text: t('plan.guardianViews.exists') } : byField(err, messages)
                  }
                  describeTheirs={(c) => <p className="prewrap">{(c as PlanGuardianView).text}</p>}
                  onSaved={() => void done(t('plan.guardianViews.saved', { name: g.name }))}
                  onCancel={() => void cancel(g.guardianId)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Disagreements

interface DisagreementValues {
  party: string; // 'child' | 'g:<id>' | 'p:<assignmentId>'
  about: string;
  text: string;
}

export function DisagreementsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = useSection(ctx);
  const { plan, view } = ctx;
  const partyOptions: Option[] = [
    { value: 'child', label: t('plan.disagreements.theChild') },
    ...view.guardians.map((g) => ({
      value: `g:${g.guardianId}`,
      label: t('plan.actions.guardianOption', { name: g.name }),
    })),
    ...view.team.map((m) => ({ value: `p:${m.assignmentId}`, label: memberLabel(t, m) })),
  ];
  const partyName = (d: (typeof plan.disagreements)[number]) =>
    d.party.kind === 'child' ? t('plan.disagreements.theChild') : d.party.name;

  return (
    <section aria-labelledby="plan-disagreements-heading" className="panel plan-section">
      <SectionHead
        id="plan-disagreements-heading"
        title={t('plan.disagreements.heading')}
        addLabel={t('plan.disagreements.add')}
        onAdd={s.startAdding}
        addRef={s.addRef}
        canAdd={ctx.editable && !s.adding}
      />
      <p className="muted">{t('plan.disagreements.intro')}</p>
      {s.status}
      {s.adding ? (
        <ItemForm<DisagreementValues, unknown>
          prefix="plan-disagreement-new"
          heading={t('plan.disagreements.addHeading')}
          initial={{ party: '', about: '', text: '' }}
          validate={(v) => ({
            ...(v.party ? {} : { party: t('plan.disagreements.partyRequired') }),
            ...(required(v.about) ? { about: t('plan.disagreements.aboutRequired') } : {}),
            ...(required(v.text) ? { text: t('plan.disagreements.textRequired') } : {}),
          })}
          fields={(v, set, e) => (
            <>
              <SelectField
                id="plan-disagreement-new-party"
                label={t('plan.disagreements.party')}
                error={e.party}
                value={v.party}
                placeholder={t('plan.form.choose')}
                options={partyOptions}
                onChange={(party) => set({ ...v, party })}
              />
              <TextField
                id="plan-disagreement-new-about"
                label={t('plan.disagreements.about')}
                error={e.about}
                value={v.about}
                required
                onChange={(about) => set({ ...v, about })}
              />
              <TextAreaField
                id="plan-disagreement-new-text"
                label={t('plan.disagreements.text')}
                help={t('plan.disagreements.textHelp')}
                error={e.text}
                value={v.text}
                rows={4}
                required
                onChange={(text) => set({ ...v, text })}
              />
            </>
          )}
          submitLabel={t('plan.disagreements.save')}
          save={(v) =>
            planApi.addDisagreement(ctx.childId, {
              party:
                v.party === 'child'
                  ? { kind: 'child' }
                  : v.party.startsWith('g:')
                    ? { kind: 'guardian', guardianId: v.party.slice(2) }
                    : { kind: 'professional', assignmentId: v.party.slice(2) },
              about: v.about,
              text: v.text,
            })
          }
          serverErrors={(err) =>
            byField(err, {
              party: t('plan.disagreements.partyRequired'),
              about: t('plan.disagreements.aboutRequired'),
              text: t('plan.disagreements.textRequired'),
            })
          }
          onSaved={() => void s.saved(t('plan.disagreements.added'))}
          onCancel={s.cancelAdd}
        />
      ) : null}
      {plan.disagreements.length === 0 ? (
        <p>{t('plan.disagreements.none')}</p>
      ) : (
        <ul className="plain-list disagreement-list">
          {plan.disagreements.map((d) => (
            <li key={d.id} className="plan-card">
              <p className="notice-heading">{t('plan.disagreements.entry', { who: partyName(d), about: d.about })}</p>
              <p className="prewrap">{d.text}</p>
              <p className="muted small">
                {t('plan.disagreements.recorded', { name: d.recordedBy.name, date: f.date(d.recordedOn) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
