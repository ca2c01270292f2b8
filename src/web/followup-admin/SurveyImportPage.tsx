/**
 * Import a school-survey file (CSV or XLSX): upload in parts with a progress bar, map the file's
 * columns to the instrument's background fields and items (proposed by name, edited by the
 * analyst), check or import as a job with a progress bar, and read the validation summary —
 * counts per error type and the first rows with problems by line and column, never a value.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ErrorMessage, LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { PageHeading } from '../router.js';
import { adminApi, uploadFile, type UploadColumns } from './api.js';
import { AdminNav, Progress, useNumbers } from './common.js';
import { MappingStep } from './MappingStep.js';

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
