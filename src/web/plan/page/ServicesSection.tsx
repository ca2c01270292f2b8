/** The plan's services taking part: the units of the team, each with its contact person and contribution. */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { itemText } from '../../../ui/plan/item-kinds.js';
import { CheckboxField, type Option, orNull, SelectField, TextAreaField } from '../../components/form/index.js';
import { memberLabel, type PlanContext } from '../context.js';
import { planApi, type PlanService } from '../plan-api.js';
import { ItemTable, PlanItemSection, useItemFormat } from '../PlanItemSection.js';
import { changedOr, type FieldProps } from '../PlanItems.js';

interface ServiceValues {
  unitId: string;
  contactAssignmentId: string;
  contribution: string;
  ended: boolean;
}

/** The units of the team: the services that can take part (their contact person is on the team). */
function teamUnits(view: PlanContext['view']) {
  return [
    ...new Map(
      view.team
        .filter((m) => m.unitId)
        .map((m) => [m.unitId!, { id: m.unitId!, name: `${m.unitName ?? ''}, ${m.organisationName}` }]),
    ).values(),
  ];
}

function ServiceFields({ ctx, mode, v, set, e }: FieldProps<ServiceValues> & { ctx: PlanContext }) {
  const { t } = useTranslation();
  const { plan, view } = ctx;
  const taking = new Set(plan.services.filter((x) => !x.endedOn).map((x) => x.unit.id));
  const contactsIn = (unitId: string): Option[] =>
    view.team.filter((m) => m.unitId === unitId).map((m) => ({ value: m.assignmentId, label: memberLabel(t, m) }));
  return (
    <>
      {mode === 'new' ? (
        <SelectField
          id="plan-service-new-unitId"
          label={t('plan.services.unit')}
          help={t('plan.services.unitHelp')}
          error={e.unitId}
          value={v.unitId}
          placeholder={t('plan.form.choose')}
          options={teamUnits(view)
            .filter((u) => !taking.has(u.id))
            .map((u) => ({ value: u.id, label: u.name }))}
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
}

function ServicesTable({
  ctx,
  items,
  edit,
}: {
  ctx: PlanContext;
  items: PlanService[];
  edit: (item: PlanService, context: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const f = useItemFormat();
  return (
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
  );
}

/** Changing one service: its contact person, its contribution, or ending its part in the plan. */
function serviceChange(ctx: PlanContext, t: TFunction) {
  return {
    heading: (x: PlanService) => t('plan.services.editHeading', { name: x.unit.name }),
    valuesOf: (x: PlanService): ServiceValues => ({
      unitId: x.unit.id,
      contactAssignmentId: x.contact.assignmentId,
      contribution: x.contribution ?? '',
      ended: false,
    }),
    save: (x: PlanService, v: ServiceValues, version: number) =>
      planApi.updateService(
        ctx.childId,
        x.id,
        version,
        changedOr(
          {
            ...(v.contactAssignmentId !== x.contact.assignmentId ? { contactAssignmentId: v.contactAssignmentId } : {}),
            ...(orNull(v.contribution) !== (x.contribution ?? null) ? { contribution: orNull(v.contribution) } : {}),
            ...(v.ended ? { ended: true as const } : {}),
          },
          { contribution: orNull(v.contribution) },
        ),
      ),
    theirs: (c: unknown) => {
      const x = c as PlanService;
      return <p>{t('plan.services.theirs', { contact: x.contact.name, contribution: x.contribution ?? '–' })}</p>;
    },
  };
}

export function ServicesSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  return (
    <PlanItemSection<PlanService, ServiceValues, PlanService>
      ctx={ctx}
      kind={{
        kind: 'services',
        prefix: 'plan-service',
        headingId: 'plan-services-heading',
        items: ctx.plan.services,
        initial: { unitId: '', contactAssignmentId: '', contribution: '', ended: false },
        fields: (mode) => (v, set, e) => <ServiceFields ctx={ctx} mode={mode} v={v} set={set} e={e} />,
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
        list: (items, edit) => <ServicesTable ctx={ctx} items={items} edit={edit} />,
        change: serviceChange(ctx, t),
      }}
    />
  );
}
