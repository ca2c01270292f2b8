/**
 * One unit: its facts and source, rename (If-Match), end (with a confirmation; open assignments end
 * with it only when the admin ticks so), its assignments (end one) and a form to add one.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { swedishToday } from '../components/time.js';
import { CheckboxField, FormProblems, SubmitRow, TextField, useFormState } from '../components/form/index.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { PageHeading } from '../router.js';
import { type AdminOptions, type AdminUnit, adminApi } from './api.js';
import { AssignmentTable, NewAssignmentForm } from './Assignments.js';
import { AdminNav, EndControl, Period, serverFieldErrors, SourceNote } from './common.js';

export function UnitPage({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const detail = useLoad(`admin:unit:${unitId}`, () => adminApi.unit(unitId));
  const options = useLoad('admin:options', () => adminApi.options());
  const units = useLoad('admin:units', () => adminApi.units());
  const people = useLoad('admin:people:all', () => adminApi.searchPeople(''));
  const [message, setMessage] = useState<string | null>(null);
  const name = detail.status === 'ok' ? detail.data.unit.name : t('admin.unit.title');
  useDocumentTitle(name);

  const changed = (m: string) => {
    setMessage(m);
    detail.reload();
  };

  return (
    <>
      <PageHeading>{name}</PageHeading>
      <AdminNav current={null} />
      {message ? (
        <p role="status" className="notice notice-success">
          {message}
        </p>
      ) : null}
      <LoadStatus load={detail} />
      {detail.status === 'ok' ? (
        <>
          <UnitFacts unit={detail.data.unit} />
          {detail.data.unit.validTo === null ? <RenameForm unit={detail.data.unit} onDone={changed} /> : null}
          {detail.data.unit.validTo === null ? <EndUnit unit={detail.data.unit} onDone={changed} /> : null}
          <section className="admin-section" aria-labelledby="unit-assignments-heading">
            <h2 id="unit-assignments-heading">{t('admin.assignments.heading')}</h2>
            <AssignmentTable
              assignments={detail.data.assignments}
              show="person"
              caption={t('admin.assignments.captionUnit', { unit: name })}
              onChanged={changed}
            />
          </section>
          {detail.data.unit.validTo === null && options.status === 'ok' && people.status === 'ok' ? (
            <NewAssignmentForm
              personId={null}
              people={people.data.people.map((x) => ({ id: x.id, name: `${x.givenName} ${x.familyName}` }))}
              unitId={unitId}
              units={units.status === 'ok' ? units.data.units : [detail.data.unit]}
              options={options.data satisfies AdminOptions}
              onCreated={changed}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

function UnitFacts({ unit }: { unit: AdminUnit }) {
  const { t } = useTranslation();
  return (
    <dl className="admin-facts">
      <dt>{t('admin.units.kind')}</dt>
      <dd>{t(`unitKind.${unit.kind}`)}</dd>
      <dt>{t('admin.units.secrecyDomain')}</dt>
      <dd>{t(`privacy.domain.${unit.secrecyDomain}`)}</dd>
      <dt>{t('admin.units.organisation')}</dt>
      <dd>{unit.organisationName}</dd>
      <dt>{t('admin.units.parent')}</dt>
      <dd>{unit.parent?.name ?? '–'}</dd>
      <dt>{t('admin.units.schoolUnitCode')}</dt>
      <dd>{unit.schoolUnitCode ?? '–'}</dd>
      <dt>{t('admin.units.municipalityCode')}</dt>
      <dd>{unit.municipalityCode ?? '–'}</dd>
      <dt>{t('admin.units.period')}</dt>
      <dd>{unit.validTo ? <Period from={null} to={unit.validTo} /> : t('admin.open')}</dd>
      <dt>{t('admin.source.label')}</dt>
      <dd>
        <SourceNote source={unit.source} />
      </dd>
    </dl>
  );
}

function RenameForm({ unit, onDone }: { unit: AdminUnit; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const form = useFormState();
  const [name, setName] = useState(unit.name);
  const fieldId = (f: string) => `rename-${f}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.begin(name.trim() ? {} : { name: t('admin.units.nameMissing') })) return;
    try {
      await adminApi.renameUnit(unit.id, unit.version, name);
      onDone(t('admin.unit.renamed'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) form.showErrors({ name: t('admin.changedElsewhere') });
      else {
        const fields = serverFieldErrors(err);
        if (Object.keys(fields).length > 0) form.showErrors(fields);
        else form.fail(err);
      }
    } finally {
      form.setBusy(false);
    }
  }

  return (
    <section className="admin-section" aria-labelledby="rename-heading">
      <h2 id="rename-heading">{t('admin.unit.rename')}</h2>
      {unit.source ? <p className="notice notice-warning">{t('admin.source.mayRevertLong')}</p> : null}
      <FormProblems form={form} fieldId={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form admin-form">
        <TextField
          id={fieldId('name')}
          label={t('admin.units.name')}
          value={name}
          onChange={setName}
          required
          error={form.errors.name}
        />
        <SubmitRow label={t('admin.unit.saveName')} busyLabel={t('admin.saving')} busy={form.busy} />
      </form>
    </section>
  );
}

function EndUnit({ unit, onDone }: { unit: AdminUnit; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const [withAssignments, setWithAssignments] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function end(day: string) {
    setFailure(null);
    try {
      await adminApi.endUnit(unit.id, unit.version, day, withAssignments);
      onDone(t('admin.unit.ended'));
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    }
  }

  return (
    <section className="admin-section" aria-labelledby="end-unit-heading">
      <h2 id="end-unit-heading">{t('admin.unit.end')}</h2>
      <p>{t('admin.unit.endIntro', { count: unit.openAssignments })}</p>
      {failure ? <ErrorMessage error={failure} /> : null}
      <EndControl
        id="end-unit"
        label={t('admin.unit.end')}
        confirmLabel={t('admin.unit.confirmEnd')}
        warning={`${t('admin.unit.endWarning', { unit: unit.name })}${unit.source ? ` ${t('admin.source.mayRevertLong')}` : ''}`}
        defaultDay={swedishToday()}
        onConfirm={end}
        extra={
          unit.openAssignments > 0 ? (
            <CheckboxField
              id="end-unit-assignments"
              label={t('admin.unit.endAssignments', { count: unit.openAssignments })}
              checked={withAssignments}
              onChange={setWithAssignments}
            />
          ) : null
        }
      />
    </section>
  );
}
