/**
 * Import a school-survey file (CSV or XLSX): upload in parts with a progress bar, map the file's
 * columns to the instrument's background fields and items (proposed by name, edited by the
 * analyst), check or import as a job with a progress bar, and read the validation summary —
 * counts per error type and the first rows with problems by line and column, never a value.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { PageHeading } from '../router.js';
import {
  adminApi,
  problemsOf,
  uploadFile,
  waitForJob,
  type JobStatus,
  type Mapping,
  type SurveyImportResult,
  type UploadColumns,
} from './api.js';
import { AdminNav, Progress, useNumbers, useProblemText } from './common.js';

const ERROR_TYPES = [
  'malformed_row',
  'missing_required',
  'invalid_number',
  'unknown_code',
  'out_of_range',
  'duplicate_respondent',
] as const;

export function SurveyImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('followupAdmin.survey.title'));
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [columns, setColumns] = useState<UploadColumns | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const imports = useLoad('followup-admin:imports', () => adminApi.imports());
  const mappingRef = useRef<HTMLHeadingElement>(null);
  const { bytes } = useNumbers();

  async function send(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setFileProblem(null);
    setColumns(null);
    if (!file) {
      setFileError(t('followupAdmin.survey.fileRequired'));
      document.getElementById('survey-file')?.focus();
      return;
    }
    setFileError(null);
    try {
      const id = await uploadFile(file, (sent, total) => setUpload({ sent, total }));
      const cols = await adminApi.columns(id);
      setColumns(cols);
      window.setTimeout(() => mappingRef.current?.focus(), 0);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setFileProblem(t('followupAdmin.survey.unreadable'));
      else setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    } finally {
      setUpload(null);
    }
  }

  return (
    <>
      <PageHeading>{t('followupAdmin.survey.title')}</PageHeading>
      <AdminNav current="survey" />
      <p className="lead">{t('followupAdmin.survey.intro')}</p>
      <section className="panel" aria-labelledby="survey-upload-heading">
        <h2 id="survey-upload-heading">{t('followupAdmin.survey.step1')}</h2>
        <form noValidate onSubmit={(e) => void send(e)} className="form-stack">
          <div className={`field${fileError ? ' field-invalid' : ''}`}>
            <label htmlFor="survey-file">{t('followupAdmin.survey.file')}</label>
            <p id="survey-file-help" className="help">
              {t('followupAdmin.survey.fileHelp')}
            </p>
            {fileError ? (
              <p id="survey-file-error" className="field-error">
                {fileError}
              </p>
            ) : null}
            <input
              id="survey-file"
              type="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-describedby={fileError ? 'survey-file-help survey-file-error' : 'survey-file-help'}
              aria-invalid={fileError ? true : undefined}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={upload !== null}>
              {t('followupAdmin.survey.upload')}
            </button>
          </div>
        </form>
        {upload ? (
          <Progress
            id="upload-progress"
            label={t('followupAdmin.survey.uploading')}
            value={upload.total ? upload.sent / upload.total : 0}
            status={`${bytes(upload.sent)} / ${bytes(upload.total)}`}
          />
        ) : null}
        {fileProblem ? (
          <p role="alert" className="notice notice-error">
            {fileProblem}
          </p>
        ) : null}
        {failure ? <ErrorMessage error={failure} /> : null}
      </section>
      {columns ? (
        <MappingStep key={columns.uploadId} columns={columns} headingRef={mappingRef} onDone={imports.reload} />
      ) : null}
      <section className="panel" aria-labelledby="survey-earlier-heading">
        <h2 id="survey-earlier-heading">{t('followupAdmin.survey.earlier')}</h2>
        <LoadStatus load={imports} />
        {imports.status === 'ok' ? <EarlierImports list={imports.data.imports} /> : null}
      </section>
    </>
  );
}

function MappingStep({
  columns,
  headingRef,
  onDone,
}: {
  columns: UploadColumns;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    Object.fromEntries(columns.columns.map((c) => [c, columns.proposedMapping.columns[c] ?? 'ignore'])),
  );
  const [fixedYear, setFixedYear] = useState<string>('');
  const [onInvalid, setOnInvalid] = useState<'reject_file' | 'skip_rows'>('reject_file');
  const [job, setJob] = useState<JobStatus | null>(null);
  const [result, setResult] = useState<SurveyImportResult | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const problemText = useProblemText();
  const hasYear = Object.values(mapping).includes('year');
  const missingRequired = columns.targets.filter((x) => x.required && !Object.values(mapping).includes(x.value));

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  async function run(mode: 'validate' | 'import') {
    setResult(null);
    setProblems(null);
    setFailure(null);
    const body: Mapping = {
      ...columns.proposedMapping,
      columns: Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== 'ignore')) as Mapping['columns'],
    };
    if (!hasYear && fixedYear) body.fixedYear = Number(fixedYear);
    else delete body.fixedYear;
    try {
      const { jobId } = await adminApi.startImport({
        uploadId: columns.uploadId,
        instrumentId: DEFAULT,
        mapping: body,
        mode,
        onInvalidRows: onInvalid,
      });
      const end = await waitForJob(jobId, setJob);
      if (end.status === 'succeeded') {
        setResult(end.result as SurveyImportResult);
        onDone();
      } else {
        setProblems(
          end.error?.details && Array.isArray(end.error.details.problems)
            ? (end.error.details.problems as string[])
            : [end.error?.message ?? ''],
        );
      }
    } catch (err) {
      const p = problemsOf(err);
      if (p) {
        setProblems(p);
        window.setTimeout(() => problemsRef.current?.focus(), 0);
      } else setFailure(err instanceof ApiError ? err : new ApiError(0, null));
    } finally {
      setJob((j) => (j && j.status === 'running' ? null : j));
    }
  }

  const running = job?.status === 'running';
  return (
    <section className="panel" aria-labelledby="mapping-heading">
      <h2 id="mapping-heading" ref={headingRef} tabIndex={-1}>
        {t('followupAdmin.survey.step2', { file: columns.fileName })}
      </h2>
      <p>
        {t('followupAdmin.survey.mappingIntro', {
          count: columns.columns.length,
          format: columns.format.toUpperCase(),
        })}
      </p>
      <div className="table-scroll">
        <table className="data-table fa-mapping">
          <caption>{t('followupAdmin.survey.mappingCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('followupAdmin.survey.column')}</th>
              <th scope="col">{t('followupAdmin.survey.target')}</th>
            </tr>
          </thead>
          <tbody>
            {columns.columns.map((c, i) => (
              <tr key={c}>
                <th scope="row">
                  <label htmlFor={`map-${i}`}>{c}</label>
                </th>
                <td>
                  <select
                    id={`map-${i}`}
                    value={mapping[c]}
                    onChange={(e) => setMapping((m) => ({ ...m, [c]: e.target.value }))}
                  >
                    <option value="ignore">{t('followupAdmin.survey.ignore')}</option>
                    <optgroup label={t('followupAdmin.survey.fields')}>
                      {columns.targets
                        .filter((x) => x.kind === 'field')
                        .map((x) => (
                          <option key={x.value} value={x.value}>
                            {en ? x.labelEn : x.labelSv}
                            {x.required ? ` (${t('followupAdmin.survey.required')})` : ''}
                          </option>
                        ))}
                    </optgroup>
                    <optgroup label={t('followupAdmin.survey.items')}>
                      {columns.targets
                        .filter((x) => x.kind === 'item')
                        .map((x) => (
                          <option key={x.value} value={x.value}>
                            {en ? x.labelEn : x.labelSv} ({x.value.slice(5)})
                          </option>
                        ))}
                    </optgroup>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!hasYear ? (
        <div className="field">
          <label htmlFor="fixed-year">{t('followupAdmin.survey.fixedYear')}</label>
          <select id="fixed-year" value={fixedYear} onChange={(e) => setFixedYear(e.target.value)}>
            <option value="">{t('followupAdmin.survey.chooseYear')}</option>
            {columns.waves.map((w) => (
              <option key={w.year} value={w.year}>
                {w.year}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {missingRequired.length > 0 ? (
        <p className="notice notice-warning">
          {t('followupAdmin.survey.missingRequired', {
            fields: missingRequired.map((x) => (en ? x.labelEn : x.labelSv)).join(', '),
          })}
        </p>
      ) : null}
      <fieldset className="fieldset">
        <legend>{t('followupAdmin.survey.onInvalid')}</legend>
        <ul className="radio-list">
          {(['reject_file', 'skip_rows'] as const).map((o) => (
            <li key={o} className="radio">
              <input
                id={`invalid-${o}`}
                type="radio"
                name="onInvalid"
                checked={onInvalid === o}
                onChange={() => setOnInvalid(o)}
              />
              <label htmlFor={`invalid-${o}`}>{t(`followupAdmin.survey.onInvalidOption.${o}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          disabled={running}
          onClick={() => void run('validate')}
        >
          {t('followupAdmin.survey.validate')}
        </button>
        <button type="button" className="button button-primary" disabled={running} onClick={() => void run('import')}>
          {t('followupAdmin.survey.import')}
        </button>
      </div>
      {job ? (
        <Progress
          id="import-progress"
          label={t('followupAdmin.survey.progress')}
          value={job.fraction}
          status={t(`followupAdmin.survey.phase.${phaseKey(job.phase)}`, { rows: job.rows })}
        />
      ) : null}
      {problems ? (
        <div role="alert" className="notice notice-error" tabIndex={-1} ref={problemsRef}>
          <p className="notice-heading">{t('followupAdmin.survey.mappingProblems')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{problemText(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      {result ? <Summary ref={resultRef} r={result} /> : null}
    </section>
  );
}

const DEFAULT = 'kronoberg-levnadsvanor';
const PHASES = ['starting', 'reading', 'checking', 'storing', 'done', 'failed'] as const;
const phaseKey = (p: string): (typeof PHASES)[number] =>
  (PHASES as readonly string[]).includes(p) ? (p as (typeof PHASES)[number]) : 'starting';

function Summary({ r, ref }: { r: SurveyImportResult; ref: React.Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  const { int } = useNumbers();
  const s = r.summary;
  const tone =
    r.status === 'imported' || r.status === 'already_imported'
      ? 'notice-success'
      : r.status === 'rejected'
        ? 'notice-error'
        : s.rowsRejected > 0
          ? 'notice-warning'
          : 'notice-success';
  return (
    <div className={`notice ${tone}`} role="group" tabIndex={-1} ref={ref} aria-labelledby="summary-heading">
      <h3 id="summary-heading">{t(`followupAdmin.survey.status.${r.status}`, { count: r.rowsImported })}</h3>
      <ul className="fa-counts">
        <li>
          <strong>{int(s.rowsTotal)}</strong>
          {t('followupAdmin.survey.rowsTotal')}
        </li>
        <li>
          <strong>{int(s.rowsValid)}</strong>
          {t('followupAdmin.survey.rowsValid')}
        </li>
        <li>
          <strong>{int(s.rowsRejected)}</strong>
          {t('followupAdmin.survey.rowsRejected')}
        </li>
      </ul>
      {Object.keys(s.errors).length > 0 ? (
        <>
          <table className="data-table">
            <caption>{t('followupAdmin.survey.errorsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('followupAdmin.survey.errorType')}</th>
                <th scope="col">{t('followupAdmin.survey.errorCount')}</th>
              </tr>
            </thead>
            <tbody>
              {ERROR_TYPES.filter((e) => s.errors[e]).map((e) => (
                <tr key={e}>
                  <th scope="row">{t(`followupAdmin.survey.errorTypes.${e}`)}</th>
                  <td>{int(s.errors[e]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="table-scroll">
            <table className="data-table">
              <caption>{t('followupAdmin.survey.examplesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('followupAdmin.rejection.line')}</th>
                  <th scope="col">{t('followupAdmin.survey.column')}</th>
                  <th scope="col">{t('followupAdmin.survey.errorType')}</th>
                </tr>
              </thead>
              <tbody>
                {s.examples.map((x, i) => (
                  <tr key={`${x.line}-${x.type}-${i}`}>
                    <th scope="row">{x.line}</th>
                    <td>{x.column ?? '–'}</td>
                    <td>{t(`followupAdmin.survey.errorTypes.${x.type}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {s.ignoredColumns.length > 0 ? (
        <p className="small">{t('followupAdmin.survey.ignored', { columns: s.ignoredColumns.join(', ') })}</p>
      ) : null}
    </div>
  );
}

function EarlierImports({
  list,
}: {
  list: {
    id: string;
    kind: string;
    fileName: string;
    status: string;
    rowsTotal: number;
    rowsImported: number;
    rowsRejected: number;
    createdAt: string;
  }[];
}) {
  const { t } = useTranslation();
  const { int } = useNumbers();
  const { locale } = useFormat();
  if (list.length === 0) return <p className="empty-state">{t('followupAdmin.survey.noImports')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('followupAdmin.survey.earlier')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('followupAdmin.survey.when')}</th>
            <th scope="col">{t('followupAdmin.survey.kind')}</th>
            <th scope="col">{t('followupAdmin.survey.file')}</th>
            <th scope="col">{t('followupAdmin.survey.importStatus')}</th>
            <th scope="col">{t('followupAdmin.survey.rowsImported')}</th>
            <th scope="col">{t('followupAdmin.survey.rowsRejected')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((i) => (
            <tr key={i.id}>
              <td>{new Date(i.createdAt).toLocaleString(locale, { timeZone: 'Europe/Stockholm' })}</td>
              <td>{t(`followupAdmin.survey.kinds.${i.kind === 'population' ? 'population' : 'respondents'}`)}</td>
              <td>{i.fileName}</td>
              <td>
                {t(
                  `followupAdmin.survey.importStatuses.${i.status === 'completed' ? 'completed' : i.status === 'rejected' ? 'rejected' : 'withdrawn'}`,
                )}
              </td>
              <td>{int(i.rowsImported)}</td>
              <td>{int(i.rowsRejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
