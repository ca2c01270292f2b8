/**
 * The units I administer: the list (current first, with their source and open assignments) and a
 * form to create one. The secrecy domain follows the kind; a unit admin adds units under their own.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblems, SelectField, SubmitRow, TextField, useFormState } from '../components/form/index.js';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, navigate, PageHeading } from '../router.js';
import { type AdminOptions, type AdminUnit, adminApi } from './api.js';
import { AdminNav, Period, serverFieldErrors, SourceNote } from './common.js';
import { adminPaths } from './paths.js';

export function UnitsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.units.title'));
  const units = useLoad('admin:units', () => adminApi.units());
  const options = useLoad('admin:options', () => adminApi.options());
  return (
    <>
      <PageHeading>{t('admin.units.title')}</PageHeading>
      <AdminNav current="units" />
      <p className="lead">{t('admin.units.intro')}</p>
      {options.status === 'ok' ? (
        <p>
          {t(options.data.reach === 'organisation' ? 'admin.reach.organisation' : 'admin.reach.unit', {
            organisation: options.data.organisationName,
          })}
        </p>
      ) : null}
      <LoadStatus load={units} />
      {units.status === 'ok' ? <UnitTable units={units.data.units} /> : null}
      {units.status === 'ok' && options.status === 'ok' ? (
        <NewUnitForm units={units.data.units} options={options.data} />
      ) : null}
    </>
  );
}

function UnitTable({ units }: { units: AdminUnit[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{t('admin.units.caption', { count: units.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.units.name')}</th>
            <th scope="col">{t('admin.units.kind')}</th>
            <th scope="col">{t('admin.units.secrecyDomainShort')}</th>
            <th scope="col">{t('admin.units.parent')}</th>
            <th scope="col">{t('admin.units.schoolUnitCode')}</th>
            <th scope="col">{t('admin.units.period')}</th>
            <th scope="col">{t('admin.units.openAssignments')}</th>
            <th scope="col">{t('admin.source.label')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Link to={adminPaths.unit(u.id)}>{u.name}</Link>
              </th>
              <td>{t(`unitKind.${u.kind}`)}</td>
              <td>{t(`admin.domainShort.${u.secrecyDomain}`)}</td>
              <td>{u.parent?.name ?? '–'}</td>
              <td>{u.schoolUnitCode ?? '–'}</td>
              <td>{u.validTo ? <Period from={null} to={u.validTo} /> : t('admin.open')}</td>
              <td>{u.openAssignments}</td>
              <td>
                <SourceNote source={u.source} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewUnitForm({ units, options }: { units: AdminUnit[]; options: AdminOptions }) {
  const { t } = useTranslation();
  const form = useFormState();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [parent, setParent] = useState(options.reach === 'unit' ? (units[0]?.id ?? '') : '');
  const [code, setCode] = useState('');
  const fieldId = (f: string) => `new-unit-${f}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('admin.units.nameMissing');
    if (!kind) problems.kind = t('admin.units.kindMissing');
    if (!form.begin(problems)) return;
    try {
      const created = await adminApi.createUnit({
        name,
        kind: kind as AdminUnit['kind'],
        parentUnitId: parent || null,
        schoolUnitCode: code.trim() || null,
      });
      navigate(adminPaths.unit(created.id));
    } catch (err) {
      const fields = serverFieldErrors(err);
      if (Object.keys(fields).length > 0) form.showErrors(fields);
      else form.fail(err);
    } finally {
      form.setBusy(false);
    }
  }

  const open = units.filter((u) => u.validTo === null);
  return (
    <section className="admin-section" aria-labelledby="new-unit-heading">
      <h2 id="new-unit-heading">{t('admin.units.new')}</h2>
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
        <SelectField
          id={fieldId('kind')}
          label={t('admin.units.kind')}
          help={t('admin.units.kindHelp')}
          value={kind}
          onChange={setKind}
          required
          placeholder={t('admin.choose')}
          options={options.unitKinds.map((k) => ({
            value: k.kind,
            label: `${t(`unitKind.${k.kind}`)} (${t(`admin.domainShort.${k.secrecyDomain}`)})`,
          }))}
          error={form.errors.kind}
        />
        <SelectField
          id={fieldId('parentUnitId')}
          label={t('admin.units.parent')}
          help={options.reach === 'unit' ? t('admin.units.parentHelpUnit') : t('admin.units.parentHelp')}
          value={parent}
          onChange={setParent}
          {...(options.reach === 'organisation' ? { placeholder: t('admin.units.noParent') } : {})}
          options={open.map((u) => ({ value: u.id, label: u.name }))}
          error={form.errors.parentUnitId}
        />
        <TextField
          id={fieldId('schoolUnitCode')}
          label={t('admin.units.schoolUnitCode')}
          help={t('admin.units.schoolUnitCodeHelp')}
          value={code}
          onChange={setCode}
          wide={false}
          error={form.errors.schoolUnitCode}
        />
        <SubmitRow label={t('admin.units.create')} busyLabel={t('admin.saving')} busy={form.busy} />
      </form>
    </section>
  );
}
