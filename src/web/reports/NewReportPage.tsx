/**
 * "Gör en orosanmälan": from the child's page (the child comes from the record) or from scratch
 * (personnummer, name as the reporter knows it, the municipality whose social services receive it).
 * Consent is never asked for; the statute in force is shown; the reporter is told who sees what.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors } from '../api.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import { GUARDIANS_INFORMED, reportApi, type GuardiansInformed, type ReportOptions } from './api.js';
import { reportPaths } from './paths.js';
import './reports.css';
import {
  ErrorSummary,
  type Errors,
  useFormState,
  asApiError,
  TextField,
  SelectField,
  TextAreaField,
  RadioField,
  SubmitRow,
} from '../components/form/index.js';

const P = 'new-report';
const fieldId = (f: string) =>
  f === 'guardiansInformed' ? `${P}-guardians-yes` : f === 'immediateDanger' ? `${P}-danger-no` : `${P}-${f}`;

interface Values {
  personnummer: string;
  childName: string;
  municipalityCode: string;
  concern: string;
  immediateDanger: 'yes' | 'no' | '';
  guardiansInformed: GuardiansInformed | '';
  reporterPhone: string;
}

export function NewReportPage({ childId }: { childId: string | null }) {
  const { t } = useTranslation();
  useDocumentTitle(t('report.form.title'));
  const options = useLoad('report:options', reportApi.options);
  const child = useLoad(`report:child:${childId ?? ''}`, () => (childId ? api.child(childId) : Promise.resolve(null)));
  return (
    <article aria-labelledby="page-heading">
      <p className="breadcrumb">
        {childId ? (
          <Link to={paths.child(childId)}>{t('report.backToChild')}</Link>
        ) : (
          <Link to={reportPaths.reports}>{t('report.back')}</Link>
        )}
      </p>
      <PageHeading>{t('report.form.title')}</PageHeading>
      {options.status === 'loading' || child.status === 'loading' ? <Loading /> : null}
      {options.status === 'error' ? <ErrorMessage error={options.error} onRetry={options.reload} /> : null}
      {child.status === 'error' ? <ErrorMessage error={child.error} onRetry={child.reload} /> : null}
      {options.status === 'ok' && child.status === 'ok' ? (
        options.data.mayFile ? (
          <ReportForm
            options={options.data}
            childId={childId}
            childName={child.data ? `${child.data.givenName} ${child.data.familyName}` : null}
          />
        ) : (
          <p className="notice notice-info">{t('report.form.mayNotFile')}</p>
        )
      ) : null}
    </article>
  );
}

function ReportForm({
  options,
  childId,
  childName,
}: {
  options: ReportOptions;
  childId: string | null;
  childName: string | null;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState<Values>({
    personnummer: '',
    childName: '',
    municipalityCode: options.defaultMunicipalityCode ?? '',
    concern: '',
    immediateDanger: '',
    guardiansInformed: '',
    reporterPhone: '',
  });
  const { errors, failure, setFailure, busy, setBusy, summary, showErrors, begin } = useFormState();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const _err = (f: string) => `${P}-${f}-error`;
  const _help = (f: string) => `${P}-${f}-help`;
  const fromScratch = childId === null;

  function validate(): Errors {
    const e: Errors = {};
    if (fromScratch) {
      if (!/^\s*(\d{2})?\d{6}[-+]?\d{4}\s*$/.test(v.personnummer))
        e.personnummer = t('report.form.personnummerInvalid');
      if (!v.childName.trim()) e.childName = t('report.form.childNameRequired');
      if (!v.municipalityCode) e.municipalityCode = t('report.form.municipalityRequired');
    }
    if (!v.concern.trim()) e.concern = t('report.form.concernRequired');
    if (v.immediateDanger === '') e.immediateDanger = t('report.form.dangerRequired');
    if (v.guardiansInformed === '') e.guardiansInformed = t('report.form.guardiansRequired');
    if (v.reporterPhone && !/^[+0-9 ()-]*$/.test(v.reporterPhone)) e.reporterPhone = t('report.form.phoneInvalid');
    return e;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!begin(validate())) return;
    const common = {
      concern: v.concern,
      immediateDanger: v.immediateDanger === 'yes',
      guardiansInformed: v.guardiansInformed as GuardiansInformed,
      ...(v.reporterPhone.trim() ? { reporterPhone: v.reporterPhone.trim() } : {}),
    };
    try {
      const created = fromScratch
        ? await reportApi.fileFromScratch({
            personnummer: v.personnummer,
            childName: v.childName,
            municipalityCode: v.municipalityCode,
            ...common,
          })
        : await reportApi.fileFromChild(childId, common);
      navigate(reportPaths.report(created.id));
    } catch (caught) {
      setBusy(false);
      const fields = fieldErrors(caught);
      const known = Object.keys(fields).filter((f) => f in v);
      if (known.length > 0)
        return showErrors(
          Object.fromEntries(
            known.map((f) => [
              f,
              f === 'personnummer' ? t('report.form.personnummerInvalid') : t('report.form.fieldInvalid'),
            ]),
          ),
        );
      setFailure(asApiError(caught));
    }
  }

  const text = (
    name: 'personnummer' | 'childName' | 'reporterPhone',
    label: string,
    helpText: string | null,
    extra: { autoComplete?: string; inputMode?: 'numeric' | 'tel' } = {},
  ) => (
    <TextField
      id={`${P}-${name}`}
      name={name}
      wide={false}
      inputClassName={null}
      label={label}
      help={helpText}
      error={errors[name]}
      value={v[name]}
      onChange={(x) => set(name, x)}
      control={{ autoComplete: extra.autoComplete ?? 'off', inputMode: extra.inputMode }}
    />
  );

  return (
    <>
      <div className="notice notice-info" id={`${P}-guidance`}>
        <p className="notice-heading">{t('report.form.guidanceHeading')}</p>
        <ul>
          <li>{t('report.form.guidanceDuty')}</li>
          <li>{t('report.form.guidanceConsent')}</li>
          <li>{t('report.form.guidanceReporter')}</li>
          <li>{t('report.form.guidanceDanger')}</li>
        </ul>
        <p>
          {t('report.form.legalBasis')}: <strong>{options.legalBasis.statuteReference}</strong>
        </p>
      </div>
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack report-form">
        {fromScratch ? (
          <>
            {text('personnummer', t('report.form.personnummer'), t('report.form.personnummerHelp'), {
              inputMode: 'numeric',
            })}
            {text('childName', t('report.form.childName'), t('report.form.childNameHelp'))}
            <SelectField
              id={`${P}-municipalityCode`}
              wide={false}
              selectClassName={null}
              label={t('report.form.municipality')}
              help={t('report.form.municipalityHelp')}
              error={errors.municipalityCode}
              value={v.municipalityCode}
              onChange={(x) => set('municipalityCode', x)}
              placeholder={t('report.form.choose')}
              options={options.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            />
          </>
        ) : (
          <p>
            {t('report.form.aboutChild')}: <strong>{childName}</strong>
          </p>
        )}
        <TextAreaField
          id={`${P}-concern`}
          label={t('report.form.concern')}
          help={t('report.form.concernHelp')}
          error={errors.concern}
          value={v.concern}
          rows={8}
          onChange={(x) => set('concern', x)}
        />
        <RadioField
          id={`${P}-immediateDanger`}
          name="immediateDanger"
          legend={t('report.form.danger')}
          error={errors.immediateDanger}
          value={v.immediateDanger}
          onChange={(x) => set('immediateDanger', x as 'yes' | 'no')}
          optionId={(x) => `${P}-danger-${x}`}
          listClassName="radio-list radio-inline"
          options={(['no', 'yes'] as const).map((x) => ({ value: x, label: t(`report.form.${x}`) }))}
        >
          {v.immediateDanger === 'yes' ? <p className="notice notice-warning">{t('report.form.dangerCall')}</p> : null}
        </RadioField>
        <RadioField
          id={`${P}-guardiansInformed`}
          name="guardiansInformed"
          legend={t('report.form.guardians')}
          error={errors.guardiansInformed}
          value={v.guardiansInformed}
          onChange={(x) => set('guardiansInformed', x as (typeof GUARDIANS_INFORMED)[number])}
          optionId={(x) => `${P}-guardians-${x}`}
          options={GUARDIANS_INFORMED.map((x) => ({ value: x, label: t(`report.guardiansInformed.${x}`) }))}
        />
        {text('reporterPhone', t('report.form.phone'), t('report.form.phoneHelp'), {
          autoComplete: 'tel',
          inputMode: 'tel',
        })}
        <SubmitRow paragraph label={t('report.form.submit')} busyLabel={t('report.form.sending')} busy={busy} />
      </form>
    </>
  );
}
