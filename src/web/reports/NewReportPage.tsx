/**
 * "Gör en orosanmälan": from the child's page (the child comes from the record) or from scratch
 * (personnummer, name as the reporter knows it, the municipality whose social services receive it).
 * Consent is never asked for; the statute in force is shown; the reporter is told who sees what.
 */
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import {
  type Errors,
  FormProblems,
  RadioField,
  SelectField,
  SubmitRow,
  TextAreaField,
  TextField,
} from '../components/form/index.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, PageHeading, paths } from '../router.js';
import { GUARDIANS_INFORMED, type ReportOptions, reportApi } from './api.js';
import { reportPaths } from './paths.js';
import './reports.css';
import { type ReportValues, useReportForm } from './useReportForm.js';

const P = 'new-report';
const fieldId = (f: string) =>
  f === 'guardiansInformed' ? `${P}-guardians-yes` : f === 'immediateDanger' ? `${P}-danger-no` : `${P}-${f}`;

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
  const { v, set, form, fromScratch, submit } = useReportForm(options, childId);
  const part = { v, set, errors: form.errors };
  return (
    <>
      <ReportGuidance options={options} />
      <FormProblems form={form} fieldId={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack report-form">
        {fromScratch ? (
          <ChildFields options={options} {...part} />
        ) : (
          <p>
            {t('report.form.aboutChild')}: <strong>{childName}</strong>
          </p>
        )}
        <ConcernFields {...part} />
        <SubmitRow paragraph label={t('report.form.submit')} busyLabel={t('report.form.sending')} busy={form.busy} />
      </form>
    </>
  );
}

interface PartProps {
  v: ReportValues;
  set: <K extends keyof ReportValues>(k: K, value: ReportValues[K]) => void;
  errors: Errors;
}

function ReportGuidance({ options }: { options: ReportOptions }) {
  const { t } = useTranslation();
  return (
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
  );
}

/** A one-line text field of the report (personnummer, the child's name, the reporter's phone). */
function ReportTextField({
  name,
  label,
  help,
  v,
  set,
  errors,
  autoComplete = 'off',
  inputMode,
}: PartProps & {
  name: 'personnummer' | 'childName' | 'reporterPhone';
  label: string;
  help: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'tel';
}) {
  return (
    <TextField
      id={`${P}-${name}`}
      name={name}
      wide={false}
      inputClassName={null}
      label={label}
      help={help}
      error={errors[name]}
      value={v[name]}
      onChange={(x) => set(name, x)}
      control={{ autoComplete, inputMode }}
    />
  );
}

/** A report from scratch: the child as the reporter knows them, and the receiving municipality. */
function ChildFields({ options, ...part }: PartProps & { options: ReportOptions }) {
  const { t } = useTranslation();
  return (
    <>
      <ReportTextField
        {...part}
        name="personnummer"
        label={t('report.form.personnummer')}
        help={t('report.form.personnummerHelp')}
        inputMode="numeric"
      />
      <ReportTextField
        {...part}
        name="childName"
        label={t('report.form.childName')}
        help={t('report.form.childNameHelp')}
      />
      <SelectField
        id={`${P}-municipalityCode`}
        wide={false}
        selectClassName={null}
        label={t('report.form.municipality')}
        help={t('report.form.municipalityHelp')}
        error={part.errors.municipalityCode}
        value={part.v.municipalityCode}
        onChange={(x) => part.set('municipalityCode', x)}
        placeholder={t('report.form.choose')}
        options={options.municipalities.map((m) => ({ value: m.code, label: m.name }))}
      />
    </>
  );
}

/** The concern itself, immediate danger, whether the guardians know, and how to reach the reporter. */
function ConcernFields(part: PartProps) {
  const { t } = useTranslation();
  const { v, set, errors } = part;
  return (
    <>
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
      <ReportTextField
        {...part}
        name="reporterPhone"
        label={t('report.form.phone')}
        help={t('report.form.phoneHelp')}
        autoComplete="tel"
        inputMode="tel"
      />
    </>
  );
}
