/**
 * Importing respondent microdata (CSV or XLSX) with the column mapping, validation, and
 * idempotency by content hash:
 *
 * 1. Stream the file through SHA-256, the parser and the row validator (src/core/followup/import).
 * 2. The same bytes already imported (a completed import with that hash) → a no-op that returns
 *    the earlier import's id and summary. Nothing is written.
 * 3. Rows whose respondent id is already stored for that wave (another file) are duplicates.
 * 4. `mode: 'validate'` stops here and returns the summary (the mapping step's preview).
 * 5. With errors and `onInvalidRows: 'reject_file'` (default) nothing is imported; the attempt is
 *    recorded as 'rejected' with its summary. With 'skip_rows' the valid rows are imported.
 * 6. The import record and all rows go in in one transaction as the application role (the rows bump
 *    the follow-up generation by trigger, so every app server rebuilds its cube).
 *
 * The summary holds counts per error type and the first examples (line, column, message) and
 * never a respondent's values. Given who asked (`requestedBy`), the import records its audit event
 * (followup.import) in the transaction that writes the import record, rejected or completed.
 */
import { randomUUID } from 'node:crypto';
import { appendEventsInTransaction } from '../../../access/audit-door.js';
import type { Db, Queryable } from '../../../db/client.js';
import {
  validateCsv,
  validateXlsx,
  type ColumnMappingInput,
  type ImportContext,
  type ImportProgress,
  type ValidatedFile,
  type ValidationSummary,
} from '../../../../core/followup/index.js';
import { loadImportContext, loadInstrument } from '../repo.js';
import { existingRespondentIds, findCompletedImport, insertImportRecord } from '../repo-imports.js';
import { insertRespondents } from '../repo-writes.js';
import { followupEvent, type RequestedBy } from '../events.js';

export interface ImportSurveyFileInput {
  readonly instrumentId: string;
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  /** CSV: a byte stream (e.g. a file or request stream) or bytes; XLSX: bytes. */
  readonly source: AsyncIterable<Uint8Array> | Uint8Array;
  readonly totalBytes?: number;
  readonly mapping: ColumnMappingInput;
  /** 'validate' checks and reports without writing anything. Default 'import'. */
  readonly mode?: 'import' | 'validate';
  /** Default 'reject_file': any error rejects the whole file. */
  readonly onInvalidRows?: 'reject_file' | 'skip_rows';
  /** Who asked, for the audit event and the record (`importedBy` else). No one: no audit event. */
  readonly requestedBy?: RequestedBy;
  readonly importedBy?: string | null;
  readonly maxExamplesPerType?: number;
  readonly onProgress?: (p: ImportProgress & { readonly phase: 'reading' | 'checking' | 'storing' }) => void;
}

export interface ImportOutcome {
  readonly status: 'imported' | 'already_imported' | 'rejected' | 'validated';
  /** The import record (the earlier one for 'already_imported'); null for 'validated'. */
  readonly importId: string | null;
  readonly sha256: string;
  readonly rowsImported: number;
  readonly summary: ValidationSummary;
}

export class UnknownInstrumentError extends Error {
  override readonly name = 'UnknownInstrumentError';
}

export async function importSurveyFile(db: Db, input: ImportSurveyFileInput): Promise<ImportOutcome> {
  const started = performance.now();
  const ctx = await db.transaction((tx) => loadImportContext(tx, input.instrumentId));
  if (!ctx) throw new UnknownInstrumentError(`no survey instrument ${input.instrumentId}`);
  const file = await readFile(input, ctx);
  const earlier = await db.transaction((tx) => findCompletedImport(tx, input.instrumentId, file.sha256));
  if (earlier) {
    return {
      status: 'already_imported',
      importId: earlier.id,
      sha256: file.sha256,
      rowsImported: 0,
      summary: earlier.summary,
    };
  }
  const existing = await storedRespondents(db, file, ctx.waveIds);
  input.onProgress?.({ bytes: file.bytes, totalBytes: file.bytes, rows: file.validator.accepted, phase: 'checking' });
  file.validator.rejectExisting(existing);
  const result = file.validator.finish();
  const summary = result.summary;
  if ((input.mode ?? 'import') === 'validate') {
    return { status: 'validated', importId: null, sha256: file.sha256, rowsImported: 0, summary };
  }
  const record = {
    id: randomUUID(),
    instrumentId: input.instrumentId,
    fileName: input.fileName,
    format: input.format,
    sha256: file.sha256,
    mapping: file.mapping.mapping,
    summary,
    importedBy: input.importedBy ?? input.requestedBy?.actor.personId ?? null,
  };
  const rejectFile = (input.onInvalidRows ?? 'reject_file') === 'reject_file' && summary.rowsRejected > 0;
  if (rejectFile || summary.rowsValid === 0) {
    const rejected: ImportOutcome = {
      status: 'rejected',
      importId: record.id,
      sha256: file.sha256,
      rowsImported: 0,
      summary,
    };
    await db.transaction(async (tx) => {
      await insertImportRecord(tx, {
        ...record,
        status: 'rejected',
        rowsImported: 0,
        durationMs: performance.now() - started,
      });
      await audit(tx, input.requestedBy, rejected);
    });
    return rejected;
  }
  const outcome = await db.transaction(async (tx): Promise<ImportOutcome> => {
    const id = await insertImportRecord(tx, {
      ...record,
      status: 'completed',
      rowsImported: summary.rowsValid,
      durationMs: performance.now() - started,
    });
    if (id === null) {
      // The same file completed concurrently.
      const other = await findCompletedImport(tx, input.instrumentId, file.sha256);
      return {
        status: 'already_imported',
        importId: other?.id ?? null,
        sha256: file.sha256,
        rowsImported: 0,
        summary: other?.summary ?? summary,
      };
    }
    const stored = (await loadInstrument(tx, input.instrumentId))!;
    const rows = await insertRespondents(tx, stored, result.data, result.idAt, id, {
      onChunk: (done) =>
        input.onProgress?.({ bytes: file.bytes, totalBytes: file.bytes, rows: done, phase: 'storing' }),
    });
    const imported: ImportOutcome = {
      status: 'imported',
      importId: id,
      sha256: file.sha256,
      rowsImported: rows,
      summary,
    };
    await audit(tx, input.requestedBy, imported);
    return imported;
  });
  return outcome;
}

/** Streams the file through SHA-256, the parser and the row validator. */
async function readFile(input: ImportSurveyFileInput, ctx: ImportContext): Promise<ValidatedFile> {
  const options = {
    mapping: input.mapping,
    maxExamplesPerType: input.maxExamplesPerType,
    totalBytes: input.totalBytes,
    onProgress: (p: ImportProgress) => input.onProgress?.({ ...p, phase: 'reading' }),
  };
  if (input.format === 'xlsx') {
    if (!(input.source instanceof Uint8Array)) throw new TypeError('XLSX imports take the file as bytes');
    return validateXlsx(input.source, ctx, options);
  }
  return validateCsv(input.source instanceof Uint8Array ? [input.source] : input.source, ctx, options);
}

/** The file's rows whose respondents earlier imports (other files) stored: duplicates too. */
async function storedRespondents(db: Db, file: ValidatedFile, waveIds: readonly string[]): Promise<number[]> {
  const v = file.validator;
  const byWave = new Map<number, { ids: string[]; rows: number[] }>();
  for (let i = 0; i < v.accepted; i++) {
    const w = v.waveOf(i);
    let e = byWave.get(w);
    if (!e) byWave.set(w, (e = { ids: [], rows: [] }));
    e.ids.push(v.idAt(i));
    e.rows.push(i);
  }
  const existing: number[] = [];
  await db.transaction(async (tx) => {
    for (const [w, { ids, rows }] of byWave) {
      const found = await existingRespondentIds(tx, waveIds[w]!, ids);
      if (found.size === 0) continue;
      ids.forEach((id, k) => {
        if (found.has(id)) existing.push(rows[k]!);
      });
    }
  });
  return existing;
}

/** The import's audit event, in the transaction that writes its record (so both commit or neither). */
async function audit(tx: Queryable, by: RequestedBy | undefined, o: ImportOutcome): Promise<void> {
  if (!by) return;
  await appendEventsInTransaction(
    tx,
    [
      followupEvent(by, 'followup.import', 'followup_import', o.importId, {
        kind: 'respondents',
        status: o.status,
        rows: o.rowsImported,
        rowsRejected: o.summary.rowsRejected,
      }),
    ],
    by.clock(),
  );
}
