/**
 * Step 2 of a survey import: map the file's columns to the instrument's background fields and
 * items, then check or import as a job with a progress bar, and read the validation summary.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage } from '../components/Status.js';
import {
  adminApi,
  problemsOf,
  waitForJob,
  type JobStatus,
  type Mapping,
  type SurveyImportResult,
  type UploadColumns,
} from './api.js';
import { ProblemList, Progress, useNumbers } from './common.js';

const ERROR_TYPES = [
  'malformed_row',
  'missing_required',
  'invalid_number',
  'unknown_code',
  'out_of_range',
  'duplicate_respondent',
] as const;

type OnInvalid = 'reject_file' | 'skip_rows';

export function MappingStep({
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
  const [onInvalid, setOnInvalid] = useState<OnInvalid>('reject_file');
  const hasYear = Object.values(mapping).includes('year');
  const missingRequired = columns.targets.filter((x) => x.required && !Object.values(mapping).includes(x.value));
  const { job, result, problems, failure, resultRef, problemsRef, run } = useImportJob(
    columns,
    () => mappingBody(columns, mapping, hasYear ? '' : fixedYear),
    onInvalid,
    onDone,
  );

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
      <MappingTable columns={columns} mapping={mapping} setMapping={setMapping} />
      {!hasYear ? <FixedYearField columns={columns} value={fixedYear} onChange={setFixedYear} /> : null}
      {missingRequired.length > 0 ? (
        <p className="notice notice-warning">
          {t('followupAdmin.survey.missingRequired', {
            fields: missingRequired.map((x) => (en ? x.labelEn : x.labelSv)).join(', '),
          })}
        </p>
      ) : null}
      <OnInvalidFieldset value={onInvalid} onChange={setOnInvalid} />
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
        <ProblemList ref={problemsRef} heading={t('followupAdmin.survey.mappingProblems')} problems={problems} />
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      {result ? <Summary ref={resultRef} r={result} /> : null}
    </section>
  );
}

/** The mapping as the server takes it: ignored columns left out, a fixed year only when no column gives one. */
function mappingBody(columns: UploadColumns, mapping: Record<string, string>, fixedYear: string): Mapping {
  const body: Mapping = {
    ...columns.proposedMapping,
    columns: Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== 'ignore')) as Mapping['columns'],
  };
  if (fixedYear) body.fixedYear = Number(fixedYear);
  else delete body.fixedYear;
  return body;
}

/** Runs a check or an import as a job and keeps its progress, result, problems or failure. */
function useImportJob(columns: UploadColumns, body: () => Mapping, onInvalid: OnInvalid, onDone: () => void) {
  const [job, setJob] = useState<JobStatus | null>(null);
  const [result, setResult] = useState<SurveyImportResult | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const problemsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  async function run(mode: 'validate' | 'import') {
    setResult(null);
    setProblems(null);
    setFailure(null);
    const mapping = body();
    try {
      const { jobId } = await adminApi.startImport({
        uploadId: columns.uploadId,
        instrumentId: DEFAULT,
        mapping,
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

  return { job, result, problems, failure, resultRef, problemsRef, run };
}

function MappingTable({
  columns,
  mapping,
  setMapping,
}: {
  columns: UploadColumns;
  mapping: Record<string, string>;
  setMapping: (update: (m: Record<string, string>) => Record<string, string>) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return (
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
  );
}

function FixedYearField({
  columns,
  value,
  onChange,
}: {
  columns: UploadColumns;
  value: string;
  onChange: (year: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor="fixed-year">{t('followupAdmin.survey.fixedYear')}</label>
      <select id="fixed-year" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('followupAdmin.survey.chooseYear')}</option>
        {columns.waves.map((w) => (
          <option key={w.year} value={w.year}>
            {w.year}
          </option>
        ))}
      </select>
    </div>
  );
}

function OnInvalidFieldset({ value, onChange }: { value: OnInvalid; onChange: (o: OnInvalid) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend>{t('followupAdmin.survey.onInvalid')}</legend>
      <ul className="radio-list">
        {(['reject_file', 'skip_rows'] as const).map((o) => (
          <li key={o} className="radio">
            <input
              id={`invalid-${o}`}
              type="radio"
              name="onInvalid"
              checked={value === o}
              onChange={() => onChange(o)}
            />
            <label htmlFor={`invalid-${o}`}>{t(`followupAdmin.survey.onInvalidOption.${o}`)}</label>
          </li>
        ))}
      </ul>
    </fieldset>
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
