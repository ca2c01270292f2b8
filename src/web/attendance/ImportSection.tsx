/** The attendance import form: the period, how absence is measured, and the CSV file. */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, fieldErrors } from '../api.js';
import { ErrorMessage } from '../components/Status.js';
import { attendanceApi, fileRejection, type AttendanceImportSummary, type FileRejection } from './api.js';
import { FormatHelp, ImportResult, Rejection } from './ImportReports.js';
import { swedishToday } from '../components/time.js';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
} from '../components/form/index.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const I = 'import';
type Measure = 'minutes' | 'lessons';
type Unit = { id: string; name: string };

export function ImportSection({
  unit,
  result,
  onImported,
}: {
  unit: Unit;
  result: AttendanceImportSummary | null;
  onImported: (s: AttendanceImportSummary) => void;
}) {
  const { t } = useTranslation();
  const form = useImportForm(unit, onImported);
  const { errors } = form;
  const fieldId = (f: string) => (f === 'measure' ? `${I}-measure-minutes` : f === 'csv' ? `${I}-file` : `${I}-${f}`);

  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('attendance.import.heading', { unit: unit.name })}</h2>
      <FormatHelp />
      <ErrorSummary ref={form.summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {form.failure ? <ErrorMessage error={form.failure} /> : null}
      {form.rejection ? <Rejection ref={form.rejectionRef} r={form.rejection} /> : null}
      <form noValidate onSubmit={(e) => void form.submit(e)} className="form-stack concern-form consultation-form">
        <div className="field-row">
          <DateField
            name="periodStart"
            label={t('attendance.import.periodStart')}
            value={form.periodStart}
            onChange={form.setPeriodStart}
            error={errors.periodStart}
          />
          <DateField
            name="periodEnd"
            label={t('attendance.import.periodEnd')}
            value={form.periodEnd}
            onChange={form.setPeriodEnd}
            error={errors.periodEnd}
          />
        </div>
        <MeasureFieldset measure={form.measure} onChange={form.setMeasure} />
        <FileField onChange={form.setFile} error={errors.csv} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? t('attendance.import.importing') : t('attendance.import.submit')}
          </button>
        </div>
      </form>
      {result ? <ImportResult ref={form.resultRef} s={result} /> : null}
    </section>
  );
}

/** The form's state and its submit: checks first, then the upload; focus moves to what came back. */
function useImportForm(unit: Unit, onImported: (s: AttendanceImportSummary) => void) {
  const { t } = useTranslation();
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [measure, setMeasure] = useState<Measure>('minutes');
  const [file, setFile] = useState<File | null>(null);
  const { errors, setErrors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const [rejection, setRejection] = useState<FileRejection | null>(null);
  const rejectionRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setRejection(null);
    const problems = checkImport(t, periodStart, periodEnd, file);
    if (Object.keys(problems).length > 0) return showErrors(problems);
    setErrors({});
    setBusy(true);
    try {
      const csv = await file!.text();
      const s = await attendanceApi.import({ unitId: unit.id, periodStart, periodEnd, measure, csv });
      setBusy(false);
      onImported(s);
      window.setTimeout(() => resultRef.current?.focus(), 0);
    } catch (caught) {
      setBusy(false);
      const r = fileRejection(caught);
      if (r) {
        setRejection(r);
        window.setTimeout(() => rejectionRef.current?.focus(), 0);
        return;
      }
      const fields = fieldErrors(caught);
      if (Object.keys(fields).length > 0)
        return showErrors(
          Object.fromEntries(
            Object.keys(fields).map((f) => [
              f,
              f === 'periodEnd' ? t('attendance.import.periodInvalid') : t('attendance.import.fieldInvalid'),
            ]),
          ),
        );
      if (caught instanceof ApiError && caught.status === 413)
        return showErrors({ csv: t('attendance.import.tooLarge') });
      setFailure(asApiError(caught));
    }
  }

  return {
    periodStart,
    setPeriodStart,
    periodEnd,
    setPeriodEnd,
    measure,
    setMeasure,
    setFile,
    errors,
    failure,
    busy,
    summary,
    rejection,
    rejectionRef,
    resultRef,
    submit,
  };
}

/** The form's own checks, before anything is sent. */
function checkImport(t: TFunction, periodStart: string, periodEnd: string, file: File | null): Errors {
  const problems: Errors = {};
  if (!ISO_DATE.test(periodStart)) problems.periodStart = t('attendance.import.dateRequired');
  if (!ISO_DATE.test(periodEnd)) problems.periodEnd = t('attendance.import.dateRequired');
  else if (periodEnd > swedishToday()) problems.periodEnd = t('attendance.import.endFuture');
  else if (ISO_DATE.test(periodStart) && periodStart > periodEnd)
    problems.periodEnd = t('attendance.import.endBeforeStart');
  if (!file) problems.csv = t('attendance.import.fileRequired');
  return problems;
}

function DateField({
  name,
  label,
  value,
  onChange,
  error,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${I}-${name}`}>{label}</label>
      <FieldError id={`${I}-${name}-error`} message={error} />
      <input
        id={`${I}-${name}`}
        type="date"
        className="input-date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(error && `${I}-${name}-error`)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

function MeasureFieldset({ measure, onChange }: { measure: Measure; onChange: (m: Measure) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset" aria-describedby={`${I}-measure-help`}>
      <legend>{t('attendance.import.measure')}</legend>
      <p id={`${I}-measure-help`} className="help">
        {t('attendance.import.measureHelp')}
      </p>
      <ul className="radio-list radio-inline">
        {(['minutes', 'lessons'] as const).map((m) => (
          <li key={m} className="radio">
            <input
              id={`${I}-measure-${m}`}
              type="radio"
              name="measure"
              checked={measure === m}
              onChange={() => onChange(m)}
            />
            <label htmlFor={`${I}-measure-${m}`}>{t(`attendance.measure.${m}`)}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function FileField({ onChange, error }: { onChange: (f: File | null) => void; error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${I}-file`}>{t('attendance.import.file')}</label>
      <p id={`${I}-file-help`} className="help">
        {t('attendance.import.fileHelp')}
      </p>
      <FieldError id={`${I}-file-error`} message={error} />
      <input
        id={`${I}-file`}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        aria-describedby={describedBy(`${I}-file-help`, error && `${I}-file-error`)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
