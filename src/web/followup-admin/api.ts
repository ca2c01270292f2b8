/**
 * Calls of the analyst side of follow-up. Types come from the API contract (src/contract, type-only).
 * Survey files go up in parts (JSON, base64) so large files show upload progress and stay within
 * the JSON-only rule for writes; the import then runs as a job whose progress is polled.
 */
import type { z } from 'zod';
import { ApiError, request } from '../api.js';
import { refusedFileBody, type RowRejection } from '../components/upload/rejection.js';
import type {
  AggregateImportRequest,
  AggregateImportResult as AggregateImportResultSchema,
  AggregateTableMetaSchema,
  IndicatorBody,
  IndicatorList as IndicatorListSchema,
  IndicatorPatch,
  IndicatorSchema,
  InstrumentDetail as InstrumentDetailSchema,
  JobStatus as JobStatusSchema,
  KpiPage as KpiPageSchema,
  OperationalImportResult as OperationalImportResultSchema,
  OperationalSeriesList as OperationalSeriesListSchema,
  PopulationImportResult as PopulationImportResultSchema,
  PublishedAggregateTable as PublishedAggregateTableSchema,
  ResponseRateTable as ResponseRateTableSchema,
  SurveyImportList as SurveyImportListSchema,
  SurveyImportRequest,
  SurveyImportResult as SurveyImportResultSchema,
  UploadColumns as UploadColumnsSchema,
} from '../../contract/followup-admin.js';

export type UploadColumns = z.infer<typeof UploadColumnsSchema>;
export type Mapping = UploadColumns['proposedMapping'];
export type JobStatus = z.infer<typeof JobStatusSchema>;
export type SurveyImportResult = z.infer<typeof SurveyImportResultSchema>;
export type SurveyImportList = z.infer<typeof SurveyImportListSchema>;
export type InstrumentDetail = z.infer<typeof InstrumentDetailSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type IndicatorInput = z.input<typeof IndicatorBody>;
export type IndicatorChange = z.input<typeof IndicatorPatch>;
export type ResponseRateTable = z.infer<typeof ResponseRateTableSchema>;
export type PopulationImportResult = z.infer<typeof PopulationImportResultSchema>;
export type AggregateTableMeta = z.infer<typeof AggregateTableMetaSchema>;
export type AggregateImportResult = z.infer<typeof AggregateImportResultSchema>;
export type PublishedAggregateTable = z.infer<typeof PublishedAggregateTableSchema>;
export type OperationalSeries = z.infer<typeof OperationalSeriesListSchema>['series'][number];
export type OperationalImportResult = z.infer<typeof OperationalImportResultSchema>;
export type KpiPage = z.infer<typeof KpiPageSchema>;
export type Kpi = KpiPage['kpis'][number];

export const DEMO_INSTRUMENT = 'kronoberg-levnadsvanor';
const enc = encodeURIComponent;
const base = '/api/followup-admin';

export const adminApi = {
  instrument: (id = DEMO_INSTRUMENT) => request<InstrumentDetail>('GET', `${base}/instruments/${enc(id)}`),
  imports: (id = DEMO_INSTRUMENT) => request<SurveyImportList>('GET', `${base}/survey-imports?instrumentId=${enc(id)}`),
  columns: (uploadId: string, instrumentId = DEMO_INSTRUMENT) =>
    request<UploadColumns>('GET', `${base}/uploads/${enc(uploadId)}/columns?instrumentId=${enc(instrumentId)}`),
  discard: (uploadId: string) => request<void>('POST', `${base}/uploads/${enc(uploadId)}/discard`),
  startImport: (body: z.input<typeof SurveyImportRequest>) =>
    request<{ jobId: string }>('POST', `${base}/survey-imports`, body),
  job: (jobId: string) => request<JobStatus>('GET', `${base}/jobs/${enc(jobId)}`),
  indicators: (id = DEMO_INSTRUMENT) =>
    request<z.infer<typeof IndicatorListSchema>>('GET', `${base}/instruments/${enc(id)}/indicators`),
  indicator: (key: string, id = DEMO_INSTRUMENT) =>
    request<Indicator>('GET', `${base}/instruments/${enc(id)}/indicators/${enc(key)}`),
  createIndicator: (body: IndicatorInput, id = DEMO_INSTRUMENT) =>
    request<Indicator>('POST', `${base}/instruments/${enc(id)}/indicators`, body),
  changeIndicator: (key: string, version: number, body: IndicatorChange, id = DEMO_INSTRUMENT) =>
    request<Indicator>('PATCH', `${base}/instruments/${enc(id)}/indicators/${enc(key)}`, body, {
      'if-match': `"v${version}"`,
    }),
  importPopulation: (fileName: string, csv: string, instrumentId = DEMO_INSTRUMENT) =>
    request<PopulationImportResult>('POST', `${base}/population-imports`, { instrumentId, fileName, csv }),
  responseRates: (id = DEMO_INSTRUMENT) =>
    request<ResponseRateTable>('GET', `${base}/response-rates?instrumentId=${enc(id)}`),
  aggregateTables: () => request<{ tables: AggregateTableMeta[] }>('GET', `${base}/aggregate-tables`),
  aggregateTable: (id: string) => request<PublishedAggregateTable>('GET', `${base}/aggregate-tables/${enc(id)}`),
  importAggregate: (body: z.input<typeof AggregateImportRequest>) =>
    request<AggregateImportResult>('POST', `${base}/aggregate-tables`, body),
  operationalSeries: () => request<z.infer<typeof OperationalSeriesListSchema>>('GET', `${base}/operational-series`),
  importOperational: (seriesKey: string, csv: string) =>
    request<OperationalImportResult>('POST', `${base}/operational-imports`, { seriesKey, csv }),
  kpis: (municipality?: string) =>
    request<KpiPage>('GET', `${base}/kpis${municipality ? `?municipality=${enc(municipality)}` : ''}`),
  startKoladaRun: (body: { full?: boolean }) => request<{ jobId: string }>('POST', `${base}/kolada-runs`, body),
};

export const exportUrls = {
  csv: (municipality: string) => `${base}/exports/${enc(municipality)}/csv`,
  pdf: (municipality: string) => `${base}/exports/${enc(municipality)}/pdf`,
};

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Sends a file in parts; `onProgress(sentBytes, totalBytes)` after each part. Returns the upload id. */
export async function uploadFile(file: File, onProgress: (sent: number, total: number) => void): Promise<string> {
  const start = await request<{ uploadId: string; chunkBytes: number }>('POST', `${base}/uploads`, {
    fileName: file.name,
    sizeBytes: file.size,
  });
  let offset = 0;
  onProgress(0, file.size);
  while (offset < file.size) {
    const part = new Uint8Array(await file.slice(offset, offset + start.chunkBytes).arrayBuffer());
    await request('POST', `${base}/uploads/${enc(start.uploadId)}/chunks`, { offset, data: toBase64(part) });
    offset += part.length;
    onProgress(offset, file.size);
  }
  return start.uploadId;
}

/** Polls a job until it ends; `onUpdate` gets every status. */
export async function waitForJob(
  jobId: string,
  onUpdate: (j: JobStatus) => void,
  intervalMs = 400,
): Promise<JobStatus> {
  for (;;) {
    const j = await adminApi.job(jobId);
    onUpdate(j);
    if (j.status !== 'running') return j;
    await new Promise((ok) => setTimeout(ok, intervalMs));
  }
}

export interface FileRejection extends RowRejection {
  message: string;
  missingColumns: string[];
}

/** The 400 body of a refused CSV (line numbers and problems; values are never echoed). */
export function fileRejection(err: unknown): FileRejection | null {
  const body = refusedFileBody(err);
  if (!body) return null;
  const d = body.details as Partial<FileRejection>;
  return {
    message: body.message,
    missingColumns: d.missingColumns ?? [],
    rowsTotal: d.rowsTotal ?? 0,
    rowsWithErrors: d.rowsWithErrors ?? 0,
    rowErrors: d.rowErrors ?? [],
  };
}

/** Problems listed in a 400 (mapping, indicator definition), else null. */
export function problemsOf(err: unknown): string[] | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const p = err.body?.details?.problems;
  return Array.isArray(p) ? (p as string[]) : null;
}
