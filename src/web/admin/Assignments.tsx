/**
 * Assignments on a unit's page and a person's page: the table (current ones first) with "Avsluta"
 * behind a confirmation, and the form that adds one. The role list follows the unit's kind.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { swedishToday } from '../components/time.js';
import { DateField, FormProblems, SelectField, SubmitRow, TextField, useFormState } from '../components/form/index.js';
import { ErrorMessage } from '../components/Status.js';
import { Link } from '../router.js';
import type { TFunction } from 'i18next';
import { type AdminAssignment, type AdminOptions, type AdminUnit, adminApi } from './api.js';
import { EndControl, isOpen, Period, serverFieldErrors, SourceNote } from './common.js';
import { adminPaths } from './paths.js';

export function AssignmentTable(p: {
  assignments: AdminAssignment[];
  show: 'person' | 'unit';
  caption: string;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const today = swedishToday();
  const [failure, setFailure] = useState<ApiError | null>(null);
  if (p.assignments.length === 0) return <p>{t('admin.assignments.none')}</p>;

  async function end(a: AdminAssignment, day: string) {
    setFailure(null);
    try {
      await adminApi.endAssignment(a.id, a.version, day);
      p.onChanged(t('admin.assignments.ended', { name: a.personName }));
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }

  return (
    <>
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className="table-scroll">
        <table className="data-table">
          <caption>{p.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{p.show === 'person' ? t('admin.assignments.person') : t('admin.assignments.unit')}</th>
              <th scope="col">{t('admin.assignments.role')}</th>
              <th scope="col">{t('admin.assignments.title')}</th>
              <th scope="col">{t('admin.assignments.period')}</th>
              <th scope="col">{t('admin.source.label')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.assignments.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {p.show === 'person' ? (
                    <Link to={adminPaths.person(a.personId)}>{a.personName}</Link>
                  ) : (
                    <Link to={adminPaths.unit(a.unitId)}>{a.unitName}</Link>
                  )}
                </th>
                <td>{t(`role.${a.role}`)}</td>
                <td>{a.title ?? '–'}</td>
                <td>
                  <Period from={a.validFrom} to={a.validTo} />
                </td>
                <td>
                  <SourceNote source={a.source} />
                </td>
                <td>
                  {isOpen(a, today) ? (
                    <EndControl
                      id={`end-${a.id}`}
                      label={t('admin.assignments.endShort')}
                      ariaLabel={t('admin.assignments.end', { name: a.personName, unit: a.unitName })}
                      confirmLabel={t('admin.assignments.confirmEnd')}
                      warning={
                        <>
                          {t('admin.assignments.endWarning', { name: a.personName, unit: a.unitName })}
                          {a.source ? ` ${t('admin.source.mayRevertLong')}` : ''}
                        </>
                      }
                      defaultDay={today < a.validFrom ? a.validFrom : today}
                      onConfirm={(day) => end(a, day)}
                    />
                  ) : (
                    t('admin.assignments.isEnded')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export interface AssignmentValues {
  unitId: string;
  role: string;
  title: string;
  validFrom: string;
  validTo: string;
}

/** The fields of a new assignment (unit, role by the unit's kind, title, dates); the person is the caller's. */
export function AssignmentFields(p: {
  prefix: string;
  values: AssignmentValues;
  set: (v: AssignmentValues) => void;
  units: Pick<AdminUnit, 'id' | 'name' | 'kind'>[];
  options: AdminOptions;
  errors: Record<string, string>;
  fixedUnit?: boolean;
}) {
  const { t } = useTranslation();
  const v = p.values;
  const unit = p.units.find((u) => u.id === v.unitId);
  const roles = p.options.unitKinds.find((k) => k.kind === unit?.kind)?.roles ?? [];
  const id = (f: string) => `${p.prefix}-${f}`;
  return (
    <>
      {p.fixedUnit ? null : (
        <SelectField
          id={id('unitId')}
          label={t('admin.assignments.unit')}
          value={v.unitId}
          onChange={(unitId) => p.set({ ...v, unitId, role: '' })}
          required
          placeholder={t('admin.choose')}
          options={p.units.map((u) => ({ value: u.id, label: u.name }))}
          error={p.errors.unitId}
        />
      )}
      <SelectField
        id={id('role')}
        label={t('admin.assignments.role')}
        help={
          unit
            ? t('admin.assignments.roleHelp', { kind: t(`unitKind.${unit.kind}`) })
            : t('admin.assignments.roleHelpNoUnit')
        }
        value={v.role}
        onChange={(role) => p.set({ ...v, role })}
        required
        placeholder={t('admin.choose')}
        options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        error={p.errors.role}
      />
      <TextField
        id={id('title')}
        label={t('admin.assignments.title')}
        help={t('admin.assignments.titleHelp')}
        value={v.title}
        onChange={(title) => p.set({ ...v, title })}
        error={p.errors.title}
      />
      <DateField
        id={id('validFrom')}
        label={t('admin.assignments.validFrom')}
        value={v.validFrom}
        onChange={(validFrom) => p.set({ ...v, validFrom })}
        required
        error={p.errors.validFrom}
      />
      <DateField
        id={id('validTo')}
        label={t('admin.assignments.validTo')}
        help={t('admin.assignments.validToHelp')}
        value={v.validTo}
        onChange={(validTo) => p.set({ ...v, validTo })}
        error={p.errors.validTo}
      />
    </>
  );
}

/** What the browser can check before sending: the required fields and the order of the dates. */
export function assignmentProblems(v: AssignmentValues, t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v.unitId) out.unitId = t('admin.assignments.unitMissing');
  if (!v.role) out.role = t('admin.assignments.roleMissing');
  if (!v.validFrom) out.validFrom = t('admin.assignments.validFromMissing');
  if (v.validTo && v.validFrom && v.validTo < v.validFrom) out.validTo = t('admin.assignments.dateOrder');
  return out;
}

export const emptyAssignment = (unitId = ''): AssignmentValues => ({
  unitId,
  role: '',
  title: '',
  validFrom: swedishToday(),
  validTo: '',
});

/** Adds an assignment for a chosen person at a unit (on the unit's page) or at a chosen unit (on a person's page). */
export function NewAssignmentForm(p: {
  personId: string | null;
  people?: { id: string; name: string }[];
  unitId?: string;
  units: Pick<AdminUnit, 'id' | 'name' | 'kind'>[];
  options: AdminOptions;
  onCreated: (message: string) => void;
}) {
  const { t } = useTranslation();
  const form = useFormState();
  const [values, setValues] = useState<AssignmentValues>(emptyAssignment(p.unitId ?? ''));
  const [personId, setPersonId] = useState(p.personId ?? '');
  const prefix = 'new-assignment';
  const fieldId = (f: string) => `${prefix}-${f}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = assignmentProblems(values, t);
    if (!personId) problems.personId = t('admin.assignments.personMissing');
    if (!form.begin(problems)) return;
    try {
      const a = await adminApi.createAssignment({
        personId,
        unitId: values.unitId,
        role: values.role as AdminAssignment['role'],
        title: values.title || null,
        validFrom: values.validFrom,
        validTo: values.validTo || null,
      });
      setValues(emptyAssignment(p.unitId ?? ''));
      p.onCreated(t('admin.assignments.created', { name: a.personName, unit: a.unitName }));
    } catch (err) {
      const fields = serverFieldErrors(err);
      if (Object.keys(fields).length > 0) form.showErrors(fields);
      else form.fail(err);
    } finally {
      form.setBusy(false);
    }
  }

  return (
    <section className="admin-section" aria-labelledby="new-assignment-heading">
      <h2 id="new-assignment-heading">{t('admin.assignments.new')}</h2>
      <FormProblems form={form} fieldId={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form admin-form">
        {p.people ? (
          <SelectField
            id={fieldId('personId')}
            label={t('admin.assignments.person')}
            help={t('admin.assignments.personHelp')}
            value={personId}
            onChange={setPersonId}
            required
            placeholder={t('admin.choose')}
            options={p.people.map((x) => ({ value: x.id, label: x.name }))}
            error={form.errors.personId}
          />
        ) : null}
        <AssignmentFields
          prefix={prefix}
          values={values}
          set={setValues}
          units={p.units}
          options={p.options}
          errors={form.errors}
          fixedUnit={p.unitId !== undefined}
        />
        <SubmitRow label={t('admin.assignments.add')} busyLabel={t('admin.saving')} busy={form.busy} />
      </form>
    </section>
  );
}
