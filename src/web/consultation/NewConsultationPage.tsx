/**
 * "Nytt anonymt ärende": a case for the konsultationsteam without any personal data. The guidance
 * says so in plain Swedish before the form, the server checks the free text, and a case that may
 * call for an orosanmälan is stopped with an explanation of what to do instead.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../core/wheel.js';
import { fieldErrors } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, navigate, PageHeading, paths } from '../router.js';
import {
  AGE_BANDS,
  consultationApi,
  personalDataRefusal,
  SCHOOL_STAGES,
  type AgeBand,
  type ConsultationOptions,
  type SchoolStage,
} from './api.js';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
  SelectField,
  CheckboxGroup,
  TextAreaField,
  SubmitRow,
} from '../components/form/index.js';
import { setFlash } from '../components/flash.js';

const P = 'new-consultation';
const fieldId = (f: string) =>
  f === 'indicators'
    ? `${P}-indicator-${WHEEL_INDICATORS[0]}`
    : f === 'mandatoryReportSuspected'
      ? `${P}-mandatory-no`
      : `${P}-${f}`;

interface Values {
  teamId: string;
  municipalityCode: string;
  ageBand: AgeBand | '';
  schoolStage: SchoolStage | '';
  indicators: WheelIndicator[];
  description: string;
  question: string;
  mandatory: 'yes' | 'no' | '';
}

/** The personal-data refusal in the user's language: what kind of thing to remove, never the thing. */
export function personalDataMessage(t: TFunction, found: string[]): string {
  const kinds = found.map((k) => t(`consultation.personalData.kind.${k as 'personnummer' | 'email' | 'phone'}`));
  return t('consultation.personalData.remove', { what: kinds.join(t('consultation.personalData.and')) });
}

export function NewConsultationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('consultation.form.title'));
  const options = useLoad('consultation:options', consultationApi.options);
  return (
    <article aria-labelledby="page-heading">
      <p className="breadcrumb">
        <Link to={paths.consultation}>{t('consultation.back')}</Link>
      </p>
      <PageHeading>{t('consultation.form.title')}</PageHeading>
      <LoadStatus load={options} />
      {options.status === 'ok' ? <NewCaseForm options={options.data} /> : null}
    </article>
  );
}

function servingTeams(o: ConsultationOptions, code: string) {
  return o.teams.filter((x) => x.municipalityCodes === null || x.municipalityCodes.includes(code));
}

type SetValue = <K extends keyof Values>(k: K, value: Values[K]) => void;

function NewCaseForm({ options }: { options: ConsultationOptions }) {
  const { t } = useTranslation();
  const { v, setV, set, form, submit } = useNewCase(options);
  const { errors, failure, busy, summary } = form;
  return (
    <>
      <Guidance />
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <CaseSelects options={options} v={v} setV={setV} set={set} errors={errors} />

        <CheckboxGroup
          id={`${P}-indicators`}
          name="indicators"
          legend={t('consultation.form.indicators')}
          help={t('consultation.form.indicatorsHelp')}
          options={WHEEL_INDICATORS.map((i) => ({ value: i, label: t(`wheel.indicators.${i}.name`) }))}
          values={v.indicators}
          onChange={(x) => set('indicators', x)}
          optionId={(i) => `${P}-indicator-${i}`}
        />

        <DescriptionField value={v.description} onChange={(x) => set('description', x)} error={errors.description} />

        <TextAreaField
          id={`${P}-question`}
          name="question"
          label={t('consultation.form.question')}
          help={t('consultation.form.questionHelp')}
          error={errors.question}
          value={v.question}
          onChange={(x) => set('question', x)}
        />

        <MandatoryFieldset value={v.mandatory} set={set} error={errors.mandatoryReportSuspected} />

        <SubmitRow
          label={t('consultation.form.submit')}
          busyLabel={t('consultation.form.saving')}
          busy={busy}
          cancel={{ label: t('consultation.form.cancel'), to: paths.consultation }}
        />
      </form>
    </>
  );
}

/** The form's values, its checks and its submit; a created case opens on its own page. */
function useNewCase(options: ConsultationOptions) {
  const { t } = useTranslation();
  const firstMunicipality = options.defaultMunicipalityCode ?? options.municipalities[0]?.code ?? '';
  const [v, setV] = useState<Values>(() => ({
    teamId: servingTeams(options, firstMunicipality)[0]?.id ?? '',
    municipalityCode: firstMunicipality,
    ageBand: '',
    schoolStage: '',
    indicators: [],
    description: '',
    question: '',
    mandatory: '',
  }));
  const form = useFormState();
  const { setFailure, setBusy, showErrors, begin } = form;
  const set: SetValue = (k, value) => setV((old) => ({ ...old, [k]: value }));

  function validate(): Errors {
    const e: Errors = {};
    if (!v.municipalityCode) e.municipalityCode = t('consultation.form.municipalityRequired');
    if (!v.teamId) e.teamId = t('consultation.form.teamRequired');
    if (!v.ageBand) e.ageBand = t('consultation.form.ageBandRequired');
    if (!v.schoolStage) e.schoolStage = t('consultation.form.schoolStageRequired');
    if (!v.description.trim()) e.description = t('consultation.form.descriptionRequired');
    if (v.mandatory === '') e.mandatoryReportSuspected = t('consultation.form.mandatoryRequired');
    else if (v.mandatory === 'yes') e.mandatoryReportSuspected = t('consultation.form.mandatoryBlocked');
    return e;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!begin(validate())) return;
    try {
      const created = await consultationApi.create({
        teamId: v.teamId,
        municipalityCode: v.municipalityCode,
        ageBand: v.ageBand as AgeBand,
        schoolStage: v.schoolStage as SchoolStage,
        indicators: v.indicators,
        description: v.description,
        ...(v.question.trim() ? { question: v.question } : {}),
        mandatoryReportSuspected: false,
      });
      setFlash('consultation.case.created');
      navigate(paths.consultationCase(created.id));
    } catch (caught) {
      setBusy(false);
      const refusal = personalDataRefusal(caught);
      if (refusal) return showErrors({ [refusal.field]: personalDataMessage(t, refusal.found) });
      const fields = fieldErrors(caught);
      if (Object.keys(fields).length > 0)
        return showErrors(Object.fromEntries(Object.keys(fields).map((f) => [f, t('consultation.form.fieldInvalid')])));
      setFailure(asApiError(caught));
    }
  }

  return { v, setV, set, form, submit };
}

/** Where the case belongs and who it is about, in broad bands: municipality, team, age, school stage. */
function CaseSelects({
  options,
  v,
  setV,
  set,
  errors,
}: {
  options: ConsultationOptions;
  v: Values;
  setV: (update: (old: Values) => Values) => void;
  set: SetValue;
  errors: Errors;
}) {
  const { t } = useTranslation();
  const teams = servingTeams(options, v.municipalityCode);
  const select = (
    name: SelectName,
    label: string,
    choices: Choice[],
    onChange: (value: string) => void,
    help?: string,
  ) => (
    <CaseSelect
      name={name}
      label={label}
      help={help}
      error={errors[name]}
      value={v[name]}
      onChange={onChange}
      choices={choices}
    />
  );

  return (
    <>
      {select(
        'municipalityCode',
        t('consultation.form.municipality'),
        options.municipalities.map((m) => ({ value: m.code, label: m.name })),
        (code) =>
          setV((old) => ({
            ...old,
            municipalityCode: code,
            teamId: servingTeams(options, code).some((x) => x.id === old.teamId)
              ? old.teamId
              : (servingTeams(options, code)[0]?.id ?? ''),
          })),
        t('consultation.form.municipalityHelp'),
      )}
      {select(
        'teamId',
        t('consultation.form.team'),
        teams.map((x) => ({ value: x.id, label: x.name })),
        (id) => set('teamId', id),
      )}
      {select(
        'ageBand',
        t('consultation.form.ageBand'),
        AGE_BANDS.map((a) => ({ value: a, label: t(`consultation.ageBand.${a}`) })),
        (a) => set('ageBand', a as AgeBand),
      )}
      {select(
        'schoolStage',
        t('consultation.form.schoolStage'),
        SCHOOL_STAGES.map((s) => ({ value: s, label: t(`consultation.schoolStage.${s}`) })),
        (s) => set('schoolStage', s as SchoolStage),
      )}
    </>
  );
}

/** Before the form: no personal data, and where a suspected orosanmälan goes instead. */
function Guidance() {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning" id={`${P}-guidance`}>
      <p className="notice-heading">{t('consultation.guidance.heading')}</p>
      <ul>
        <li>{t('consultation.guidance.noNames')}</li>
        <li>{t('consultation.guidance.noNumbers')}</li>
        <li>{t('consultation.guidance.noDetails')}</li>
        <li>{t('consultation.guidance.describe')}</li>
      </ul>
      <p>{t('consultation.guidance.mandatory')}</p>
    </div>
  );
}

type SelectName = 'municipalityCode' | 'teamId' | 'ageBand' | 'schoolStage';
type Choice = { value: string; label: string };

function CaseSelect({
  name,
  label,
  help,
  error,
  value,
  onChange,
  choices,
}: {
  name: SelectName;
  label: string;
  help: string | undefined;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
  choices: Choice[];
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={`${P}-${name}`}
      name={name}
      wide={false}
      selectClassName={null}
      label={label}
      help={help}
      error={error}
      value={value}
      onChange={onChange}
      {...(name === 'ageBand' || name === 'schoolStage' ? { placeholder: t('consultation.form.choose') } : {})}
      options={choices}
    />
  );
}

const err = (f: string) => `${P}-${f}-error`;
const help = (f: string) => `${P}-${f}-help`;

function DescriptionField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field field-wide${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${P}-description`}>{t('consultation.form.description')}</label>
      <p id={help('description')} className="help">
        {t('consultation.form.descriptionHelp')}
      </p>
      <FieldError id={err('description')} message={error} />
      <textarea
        id={`${P}-description`}
        name="description"
        rows={6}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(help('description'), `${P}-guidance`, error && err('description'))}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/** "May this call for an orosanmälan?" — a yes stops the case and says what to do instead. */
function MandatoryFieldset({
  value,
  set,
  error,
}: {
  value: Values['mandatory'];
  set: SetValue;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset
        className={`fieldset${error ? ' field-invalid' : ''}`}
        aria-describedby={describedBy(help('mandatory'), error && err('mandatory'))}
      >
        <legend>{t('consultation.form.mandatory')}</legend>
        <p id={help('mandatory')} className="help">
          {t('consultation.form.mandatoryHelp')}
        </p>
        <FieldError id={err('mandatory')} message={error} />
        <ul className="radio-list radio-inline">
          {(['no', 'yes'] as const).map((x) => (
            <li key={x} className="radio">
              <input
                id={`${P}-mandatory-${x}`}
                type="radio"
                name="mandatory"
                value={x}
                checked={value === x}
                onChange={() => set('mandatory', x)}
              />
              <label htmlFor={`${P}-mandatory-${x}`}>{x === 'yes' ? t('common.yes') : t('common.no')}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      {value === 'yes' ? (
        <div className="notice notice-error" role="status">
          <p className="notice-heading">{t('consultation.mandatory.heading')}</p>
          <p>{t('consultation.mandatory.text')}</p>
          <p>{t('consultation.mandatory.how')}</p>
        </div>
      ) : null}
    </>
  );
}
