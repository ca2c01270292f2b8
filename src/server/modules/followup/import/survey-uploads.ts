/**
 * Survey files over HTTP: uploaded in parts to the data folder, their header read for the
 * column-mapping step, then validated or imported in a job whose progress the UI polls. The file
 * never leaves the server; only header names, counts and line numbers go out.
 */
import { AppError } from '../../../../core/errors.js';
import {
  ImportInputError,
  ImportMappingError,
  TARGET_FIELDS,
  detectFormat,
  readFileHeader,
  resolveMapping,
  suggestMapping,
  type ColumnMapping,
} from '../../../../core/followup/index.js';
import type { AssignedActor } from '../../../access/actor.js';
import type { Db } from '../../../db/client.js';
import * as analystRepo from '../analyst-repo.js';
import type { RequestedBy } from '../events.js';
import { loadInstrument } from '../repo.js';
import { toJobError } from './job-errors.js';
import type { JobRegistry, JobState } from './jobs.js';
import { importSurveyFile, type ImportOutcome } from './survey.js';
import { CHUNK_BYTES, UPLOAD_TTL_MS, type UploadStore } from './uploads.js';

const FIELD_LABELS: Record<(typeof TARGET_FIELDS)[number], [string, string]> = {
  respondent_id: ['Respondentens löpnummer', 'Respondent id'],
  year: ['År (enkätomgång)', 'Year (wave)'],
  municipality: ['Kommun', 'Municipality'],
  school: ['Skola (skolenhetskod)', 'School (school unit code)'],
  grade: ['Årskurs', 'Grade'],
  gender: ['Kön', 'Gender'],
  family_ladder: ['Familjens stege (1–10)', 'Family ladder (1–10)'],
  school_ladder: ['Skolans stege (1–10)', 'School ladder (1–10)'],
  born_in_sweden: ['Född i Sverige', 'Born in Sweden'],
  years_in_sweden: ['År i Sverige', 'Years in Sweden'],
};
const REQUIRED_FIELDS = new Set(['respondent_id', 'municipality', 'grade']);

export interface SurveyImportBody {
  uploadId: string;
  instrumentId: string;
  mapping: ColumnMapping;
  mode: 'validate' | 'import';
  onInvalidRows: 'reject_file' | 'skip_rows';
}

export class SurveyUploads {
  constructor(
    private readonly db: Db,
    private readonly uploads: UploadStore,
    private readonly jobs: JobRegistry,
  ) {}

  async startUpload(actor: AssignedActor, fileName: string, sizeBytes: number) {
    const u = await this.uploads.create(actor.personId, fileName, sizeBytes);
    return { uploadId: u.id, chunkBytes: CHUNK_BYTES, expiresInSeconds: UPLOAD_TTL_MS / 1000 };
  }

  async appendChunk(actor: AssignedActor, uploadId: string, offset: number, data: string) {
    const u = this.uploads.get(uploadId, actor.personId);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new AppError('bad_request', 'The part is not valid base64.');
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > CHUNK_BYTES)
      throw new AppError('payload_too_large', `Send at most ${CHUNK_BYTES} bytes per part.`);
    await this.uploads.append(u, offset, bytes);
    return { uploadId: u.id, receivedBytes: u.receivedBytes, sizeBytes: u.sizeBytes };
  }

  async discardUpload(actor: AssignedActor, uploadId: string): Promise<void> {
    const u = this.uploads.get(uploadId, actor.personId);
    if (u.busy) throw new AppError('conflict', 'The file is being imported; wait for the import to finish.');
    await this.uploads.discard(u);
  }

  private async header(u: ReturnType<UploadStore['get']>) {
    this.uploads.complete(u);
    let first: Uint8Array = new Uint8Array(0);
    for await (const c of this.uploads.stream(u, Math.min(u.sizeBytes, 8) - 1)) first = c as Uint8Array;
    const format = detectFormat(first);
    try {
      return await readFileHeader(this.uploads.stream(u), format);
    } catch (err) {
      if (err instanceof ImportInputError)
        throw new AppError('bad_request', `The file cannot be imported: ${err.message}.`, { reason: 'invalid_file' });
      throw err;
    }
  }

  private async instrument(instrumentId: string) {
    const stored = await this.db.transaction((tx) => loadInstrument(tx, instrumentId));
    if (!stored) throw new AppError('not_found', 'No such survey instrument.');
    return stored;
  }

  async columns(actor: AssignedActor, uploadId: string, instrumentId: string) {
    const u = this.uploads.get(uploadId, actor.personId);
    const stored = await this.instrument(instrumentId);
    const { format, header } = await this.header(u);
    const targets = [
      ...TARGET_FIELDS.map((f) => ({
        value: f,
        kind: 'field' as const,
        labelSv: FIELD_LABELS[f][0],
        labelEn: FIELD_LABELS[f][1],
        required: REQUIRED_FIELDS.has(f),
      })),
      ...stored.instrument.items.map((i) => ({
        value: `item:${i.key}`,
        kind: 'item' as const,
        labelSv: i.labelSv,
        labelEn: i.labelEn,
        required: false,
      })),
    ];
    return {
      uploadId: u.id,
      fileName: u.fileName,
      format,
      sizeBytes: u.sizeBytes,
      columns: [...header],
      proposedMapping: suggestMapping(header, stored.instrument),
      targets,
      waves: stored.waves.map((w) => ({ year: w.year, grades: [...w.grades] })),
    };
  }

  /**
   * Checks the file and the mapping now (400 with what to fix), then imports (or validates) in a
   * job whose progress the UI polls. A completed import deletes the uploaded file.
   */
  async startSurveyImport(by: RequestedBy, body: SurveyImportBody): Promise<JobState> {
    const u = this.uploads.get(body.uploadId, by.actor.personId);
    if (u.busy) throw new AppError('conflict', 'This file is already being imported.');
    const stored = await this.instrument(body.instrumentId);
    const { format, header } = await this.header(u);
    try {
      resolveMapping(header, body.mapping, stored.instrument);
    } catch (err) {
      if (err instanceof ImportMappingError)
        throw new AppError('bad_request', err.message, { reason: 'mapping', problems: err.problems });
      throw err;
    }
    u.busy = true;
    const total = u.sizeBytes;
    return this.jobs.start(
      by.actor.personId,
      'survey_import',
      async (update) => {
        let validRows = 0;
        try {
          const outcome: ImportOutcome = await importSurveyFile(this.db, {
            instrumentId: body.instrumentId,
            fileName: u.fileName,
            format,
            source: format === 'xlsx' ? await readAll(this.uploads.stream(u)) : this.uploads.stream(u),
            totalBytes: total,
            mapping: body.mapping,
            mode: body.mode,
            onInvalidRows: body.onInvalidRows,
            requestedBy: by,
            maxExamplesPerType: 50,
            onProgress: (p) => {
              if (p.phase === 'reading')
                update({
                  phase: 'reading',
                  bytes: p.bytes,
                  totalBytes: total,
                  rows: p.rows,
                  fraction: 0.6 * (p.bytes / Math.max(1, total)),
                });
              else if (p.phase === 'checking') {
                validRows = p.rows;
                update({ phase: 'checking', rows: p.rows, fraction: 0.65 });
              } else
                update({ phase: 'storing', rows: p.rows, fraction: 0.65 + 0.35 * (p.rows / Math.max(1, validRows)) });
            },
          });
          u.busy = false;
          // Imported (or already there): the file has done its job and is deleted now.
          if (outcome.status === 'imported' || outcome.status === 'already_imported') await this.uploads.discard(u);
          return {
            status: outcome.status,
            importId: outcome.importId,
            rowsImported: outcome.rowsImported,
            summary: outcome.summary,
          };
        } finally {
          u.busy = false;
        }
      },
      (err) => toJobError(err),
    );
  }

  job(actor: AssignedActor, jobId: string): JobState {
    return this.jobs.get(jobId, actor.personId);
  }

  async listImports(instrumentId: string) {
    return { imports: await this.db.transaction((tx) => analystRepo.listSurveyImports(tx, instrumentId)) };
  }
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of source) parts.push(c);
  return Buffer.concat(parts);
}
