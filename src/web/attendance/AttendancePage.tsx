/**
 * "Närvaro" for a school's principal or school administrator: import a period's attendance (CSV,
 * the format documented on the page with an example), see what the import did — counts and line
 * numbers, never a pupil — change the organisation's absence thresholds, and see earlier imports.
 */
import { useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_CSV_EXAMPLE } from '../../core/attendance.js';
import { ApiError, type SessionInfo, fieldErrors } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { PageHeading } from '../router.js';
import { attendanceApi, fileRejection, type AttendanceImportSummary, type FileRejection } from './api.js';
import { ATTENDANCE_ROLES } from './roles.js';
import { ThresholdSection } from './AttendanceThresholds.js';
import { swedishToday, useTimestamp } from '../components/time.js';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  type Errors,
  useFormState,
  asApiError,
} from '../components/form/index.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COLUMNS = ['personnummer', 'datum', 'fran', 'till', 'schemalagt', 'giltig_franvaro', 'ogiltig_franvaro'] as const;

export function AttendancePage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('attendance.title'));
  const role = session.assignment?.role ?? '';
  if (!ATTENDANCE_ROLES.has(role)) {
    return (
      <>
        <PageHeading>{t('attendance.title')}</PageHeading>
        <p className="notice notice-warning">{t('attendance.notForYou')}</p>
      </>
    );
  }
  return <ForSchool />;
}

function ForSchool() {
  const { t } = useTranslation();
  const imports = useLoad('attendance:imports', attendanceApi.imports);
  const [result, setResult] = useState<AttendanceImportSummary | null>(null);
  if (imports.status === 'error' && imports.error.status === 403) {
    return (
      <>
        <PageHeading>{t('attendance.title')}</PageHeading>
        <p className="notice notice-warning">{t('attendance.notASchool')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t('attendance.title')}</PageHeading>
      <p className="lead">{t('attendance.intro')}</p>
      <LoadStatus load={imports} />
      {imports.status === 'ok' ? (
        <>
          <ImportSection
            unit={imports.data.unit}
            result={result}
            onImported={(s) => {
              setResult(s);
              imports.reload();
            }}
          />
          <ThresholdSection />
          <EarlierImports imports={imports.data.imports} />
        </>
      ) : null}
    </>
  );
}

const I = 'import';

function ImportSection({
  unit,
  result,
  onImported,
}: {
  unit: { id: string; name: string };
  result: AttendanceImportSummary | null;
  onImported: (s: AttendanceImportSummary) => void;
}) {
  const { t } = useTranslation();
  const today = swedishToday();
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [measure, setMeasure] = useState<'minutes' | 'lessons'>('minutes');
  const [file, setFile] = useState<File | null>(null);
  const { errors, setErrors, failure, setFailure, busy, setBusy, summary, showErrors } = useFormState();
  const [rejection, setRejection] = useState<FileRejection | null>(null);
  const rejectionRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const fieldId = (f: string) => (f === 'measure' ? `${I}-measure-minutes` : f === 'csv' ? `${I}-file` : `${I}-${f}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setRejection(null);
    const problems: Errors = {};
    if (!ISO_DATE.test(periodStart)) problems.periodStart = t('attendance.import.dateRequired');
    if (!ISO_DATE.test(periodEnd)) problems.periodEnd = t('attendance.import.dateRequired');
    else if (periodEnd > today) problems.periodEnd = t('attendance.import.endFuture');
    else if (ISO_DATE.test(periodStart) && periodStart > periodEnd)
      problems.periodEnd = t('attendance.import.endBeforeStart');
    if (!file) problems.csv = t('attendance.import.fileRequired');
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

  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('attendance.import.heading', { unit: unit.name })}</h2>
      <FormatHelp />
      <ErrorSummary ref={summary} errors={Object.entries(errors)} fieldId={fieldId} />
      {failure ? <ErrorMessage error={failure} /> : null}
      {rejection ? <Rejection ref={rejectionRef} r={rejection} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form consultation-form">
        <div className="field-row">
          <div className={`field${errors.periodStart ? ' field-invalid' : ''}`}>
            <label htmlFor={`${I}-periodStart`}>{t('attendance.import.periodStart')}</label>
            <FieldError id={`${I}-periodStart-error`} message={errors.periodStart} />
            <input
              id={`${I}-periodStart`}
              type="date"
              className="input-date"
              value={periodStart}
              onChange={(e) => setPeriodStart(e.target.value)}
              aria-describedby={describedBy(errors.periodStart && `${I}-periodStart-error`)}
              aria-invalid={errors.periodStart ? true : undefined}
            />
          </div>
          <div className={`field${errors.periodEnd ? ' field-invalid' : ''}`}>
            <label htmlFor={`${I}-periodEnd`}>{t('attendance.import.periodEnd')}</label>
            <FieldError id={`${I}-periodEnd-error`} message={errors.periodEnd} />
            <input
              id={`${I}-periodEnd`}
              type="date"
              className="input-date"
              value={periodEnd}
              onChange={(e) => setPeriodEnd(e.target.value)}
              aria-describedby={describedBy(errors.periodEnd && `${I}-periodEnd-error`)}
              aria-invalid={errors.periodEnd ? true : undefined}
            />
          </div>
        </div>
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
                  onChange={() => setMeasure(m)}
                />
                <label htmlFor={`${I}-measure-${m}`}>{t(`attendance.measure.${m}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className={`field${errors.csv ? ' field-invalid' : ''}`}>
          <label htmlFor={`${I}-file`}>{t('attendance.import.file')}</label>
          <p id={`${I}-file-help`} className="help">
            {t('attendance.import.fileHelp')}
          </p>
          <FieldError id={`${I}-file-error`} message={errors.csv} />
          <input
            id={`${I}-file`}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-describedby={describedBy(`${I}-file-help`, errors.csv && `${I}-file-error`)}
            aria-invalid={errors.csv ? true : undefined}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('attendance.import.importing') : t('attendance.import.submit')}
          </button>
        </div>
      </form>
      {result ? <ImportResult ref={resultRef} s={result} /> : null}
    </section>
  );
}

function FormatHelp() {
  const { t } = useTranslation();
  return (
    <details className="format-help">
      <summary>{t('attendance.format.summary')}</summary>
      <p>{t('attendance.format.intro')}</p>
      <div className="table-scroll" role="region" aria-labelledby="format-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="format-caption">{t('attendance.format.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attendance.format.column')}</th>
              <th scope="col">{t('attendance.format.content')}</th>
            </tr>
          </thead>
          <tbody>
            {COLUMNS.map((c) => (
              <tr key={c}>
                <th scope="row">
                  <code>{c}</code>
                </th>
                <td>{t(`attendance.format.columns.${c}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('attendance.format.rules')}</p>
      <p id="format-example-label">{t('attendance.format.example')}</p>
      <pre className="csv-example" role="region" aria-labelledby="format-example-label" tabIndex={0}>
        <code>{ATTENDANCE_CSV_EXAMPLE}</code>
      </pre>
      <p>{t('attendance.format.privacy')}</p>
    </details>
  );
}

const Rejection = ({ r, ref }: { r: FileRejection; ref: Ref<HTMLDivElement> }) => {
  const { t } = useTranslation();
  return (
    <div ref={ref} className="notice notice-error" role="alert" tabIndex={-1}>
      <p className="notice-heading">{t('attendance.rejected.heading')}</p>
      {r.fileProblems.map((p) => (
        <p key={p}>
          {t(
            `attendance.rejected.file.${p as 'empty' | 'missing_columns' | 'duplicate_columns' | 'line_break_in_field' | 'too_many_rows'}`,
            { columns: r.missingColumns.join(', ') },
          )}
        </p>
      ))}
      {r.rowErrors.length > 0 ? (
        <>
          <p>{t('attendance.rejected.rows', { count: r.rowsWithErrors, total: r.rowsTotal })}</p>
          <div className="table-scroll" role="region" aria-labelledby="rejected-caption" tabIndex={0}>
            <table className="data-table">
              <caption id="rejected-caption">{t('attendance.rejected.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('attendance.rejected.line')}</th>
                  <th scope="col">{t('attendance.rejected.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {r.rowErrors.map((e) => (
                  <tr key={e.line}>
                    <th scope="row">{e.line}</th>
                    <td>{e.problems.map((p) => t(`attendance.rejected.problems.${p as 'unreadable'}`)).join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <p>{t('attendance.rejected.nothing')}</p>
    </div>
  );
};

const lines = (list: number[]) => (list.length > 0 ? list.join(', ') : '–');

const ImportResult = ({ s, ref }: { s: AttendanceImportSummary; ref: Ref<HTMLDivElement> }) => {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div ref={ref} className="notice notice-success import-result" role="status" tabIndex={-1}>
      <p className="notice-heading">
        {s.alreadyImported
          ? t('attendance.result.already', { date: f.date(s.importedAt.slice(0, 10)) })
          : t('attendance.result.done')}
      </p>
      <div className="table-scroll" role="region" aria-labelledby="result-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="result-caption">
            {t('attendance.result.caption', { from: f.date(s.periodStart), to: f.date(s.periodEnd) })}
          </caption>
          <tbody>
            <tr>
              <th scope="row">{t('attendance.result.rowsTotal')}</th>
              <td>{s.rowsTotal}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.rowsImported')}</th>
              <td>{s.rowsImported}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.children')}</th>
              <td>{s.children}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.alerts')}</th>
              <td>{s.alertsRaised}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.notEnrolled')}</th>
              <td>{lines(s.notEnrolledLines)}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.withoutReviewer')}</th>
              <td>{lines(s.alertsWithoutReviewerLines)}</td>
            </tr>
            <tr>
              <th scope="row">{t('attendance.result.thresholds')}</th>
              <td>
                {t('attendance.thresholds.values', {
                  total: s.thresholds.totalAbsencePct,
                  invalid: s.thresholds.invalidAbsencePct,
                })}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>{t('attendance.result.next')}</p>
    </div>
  );
};

function EarlierImports({ imports }: { imports: AttendanceImportSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useTimestamp();
  return (
    <section className="panel" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">{t('attendance.earlier.heading')}</h2>
      {imports.length === 0 ? (
        <p>{t('attendance.earlier.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="earlier-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="earlier-caption" className="visually-hidden">
              {t('attendance.earlier.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('attendance.earlier.period')}</th>
                <th scope="col">{t('attendance.earlier.importedAt')}</th>
                <th scope="col">{t('attendance.result.children')}</th>
                <th scope="col">{t('attendance.result.alerts')}</th>
                <th scope="col">{t('attendance.earlier.notEnrolled')}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((s) => (
                <tr key={s.importId}>
                  <th scope="row">{t('common.dateRange', { from: f.date(s.periodStart), to: f.date(s.periodEnd) })}</th>
                  <td>
                    {time.dateTime(s.importedAt)}, {s.importedBy.name}
                  </td>
                  <td>{s.children}</td>
                  <td>{s.alertsRaised}</td>
                  <td>{s.notEnrolledLines.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
