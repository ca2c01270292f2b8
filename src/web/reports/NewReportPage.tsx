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
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
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
  const { errors, setErrors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const err = (f: string) => `${P}-${f}-error`;
  const help = (f: string) => `${P}-${f}-help`;
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
    setFailure(null);
    const problems = validate();
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setErrors({});
    setBusy(true);
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
    <div className={`field${errors[name] ? ' field-invalid' : ''}`}>
      <label htmlFor={`${P}-${name}`}>{label}</label>
      {helpText ? (
        <p id={help(name)} className="help">
          {helpText}
        </p>
      ) : null}
      <FieldError id={err(name)} message={errors[name]} />
      <input
        id={`${P}-${name}`}
        name={name}
        type="text"
        value={v[name]}
        autoComplete={extra.autoComplete ?? 'off'}
        inputMode={extra.inputMode}
        onChange={(e) => set(name, e.target.value)}
        aria-describedby={describedBy(helpText && help(name), errors[name] && err(name))}
        aria-invalid={errors[name] ? true : undefined}
      />
    </div>
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
            <div className={`field${errors.municipalityCode ? ' field-invalid' : ''}`}>
              <label htmlFor={`${P}-municipalityCode`}>{t('report.form.municipality')}</label>
              <p id={help('municipalityCode')} className="help">
                {t('report.form.municipalityHelp')}
              </p>
              <FieldError id={err('municipalityCode')} message={errors.municipalityCode} />
              <select
                id={`${P}-municipalityCode`}
                value={v.municipalityCode}
                onChange={(e) => set('municipalityCode', e.target.value)}
                aria-describedby={describedBy(
                  help('municipalityCode'),
                  errors.municipalityCode && err('municipalityCode'),
                )}
                aria-invalid={errors.municipalityCode ? true : undefined}
              >
                <option value="">{t('report.form.choose')}</option>
                {options.municipalities.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : (
          <p>
            {t('report.form.aboutChild')}: <strong>{childName}</strong>
          </p>
        )}
        <div className={`field field-wide${errors.concern ? ' field-invalid' : ''}`}>
          <label htmlFor={`${P}-concern`}>{t('report.form.concern')}</label>
          <p id={help('concern')} className="help">
            {t('report.form.concernHelp')}
          </p>
          <FieldError id={err('concern')} message={errors.concern} />
          <textarea
            id={`${P}-concern`}
            rows={8}
            value={v.concern}
            onChange={(e) => set('concern', e.target.value)}
            aria-describedby={describedBy(help('concern'), errors.concern && err('concern'))}
            aria-invalid={errors.concern ? true : undefined}
          />
        </div>
        <fieldset
          className={`fieldset${errors.immediateDanger ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(errors.immediateDanger && err('immediateDanger'))}
        >
          <legend>{t('report.form.danger')}</legend>
          <FieldError id={err('immediateDanger')} message={errors.immediateDanger} />
          <ul className="radio-list radio-inline">
            {(['no', 'yes'] as const).map((x) => (
              <li key={x} className="radio">
                <input
                  id={`${P}-danger-${x}`}
                  type="radio"
                  name="immediateDanger"
                  value={x}
                  checked={v.immediateDanger === x}
                  onChange={() => set('immediateDanger', x)}
                />
                <label htmlFor={`${P}-danger-${x}`}>{t(`report.form.${x}`)}</label>
              </li>
            ))}
          </ul>
          {v.immediateDanger === 'yes' ? <p className="notice notice-warning">{t('report.form.dangerCall')}</p> : null}
        </fieldset>
        <fieldset
          className={`fieldset${errors.guardiansInformed ? ' field-invalid' : ''}`}
          aria-describedby={describedBy(errors.guardiansInformed && err('guardiansInformed'))}
        >
          <legend>{t('report.form.guardians')}</legend>
          <FieldError id={err('guardiansInformed')} message={errors.guardiansInformed} />
          <ul className="radio-list">
            {GUARDIANS_INFORMED.map((x) => (
              <li key={x} className="radio">
                <input
                  id={`${P}-guardians-${x}`}
                  type="radio"
                  name="guardiansInformed"
                  value={x}
                  checked={v.guardiansInformed === x}
                  onChange={() => set('guardiansInformed', x)}
                />
                <label htmlFor={`${P}-guardians-${x}`}>{t(`report.guardiansInformed.${x}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        {text('reporterPhone', t('report.form.phone'), t('report.form.phoneHelp'), {
          autoComplete: 'tel',
          inputMode: 'tel',
        })}
        <p className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('report.form.sending') : t('report.form.submit')}
          </button>
        </p>
      </form>
    </>
  );
}
