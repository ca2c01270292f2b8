// Survey import records (one per file: completed, rejected or withdrawn) and the duplicate check
// against respondents earlier files stored.

import type { Queryable } from '../../db/client.js';
import type { ValidationSummary } from '../../../core/followup/index.js';

/** Respondent ids (of the given wave) that are already stored. */
export async function existingRespondentIds(
  q: Queryable,
  waveIdValue: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 50_000) {
    const r = await q.query<{ source_id: string }>(
      'SELECT source_id FROM survey_respondent WHERE wave_id = $1 AND source_id = ANY($2::text[])',
      [waveIdValue, ids.slice(i, i + 50_000)],
    );
    for (const row of r.rows) found.add(row.source_id);
  }
  return found;
}

export interface ImportRecord {
  readonly id: string;
  readonly instrumentId: string;
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly sha256: string;
  readonly status: 'completed' | 'rejected' | 'withdrawn';
  readonly rowsTotal: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly summary: ValidationSummary;
  readonly importedBy: string | null;
  readonly createdAt: string;
}

type ImportRow = {
  id: string;
  instrument_id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  content_sha256: string;
  status: ImportRecord['status'];
  rows_total: number;
  rows_imported: number;
  rows_rejected: number;
  summary: ValidationSummary;
  imported_by: string | null;
  created_at: Date | string;
};

const toRecord = (r: ImportRow): ImportRecord => ({
  id: r.id,
  instrumentId: r.instrument_id,
  fileName: r.file_name,
  format: r.format,
  sha256: r.content_sha256,
  status: r.status,
  rowsTotal: Number(r.rows_total),
  rowsImported: Number(r.rows_imported),
  rowsRejected: Number(r.rows_rejected),
  summary: r.summary,
  importedBy: r.imported_by,
  createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
});

const IMPORT_COLUMNS =
  'id, instrument_id, file_name, format, content_sha256, status, rows_total, rows_imported, rows_rejected, summary, imported_by, created_at';

export async function findCompletedImport(
  q: Queryable,
  instrumentId: string,
  sha256: string,
): Promise<ImportRecord | null> {
  const r = await q.query<ImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM survey_import WHERE instrument_id = $1 AND kind = 'respondents' AND content_sha256 = $2 AND status = 'completed'`,
    [instrumentId, sha256],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

export async function listImports(q: Queryable, instrumentId: string): Promise<ImportRecord[]> {
  const r = await q.query<ImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM survey_import WHERE instrument_id = $1 ORDER BY created_at DESC, id`,
    [instrumentId],
  );
  return r.rows.map(toRecord);
}

/**
 * Stores an import record; for 'completed' it returns null instead when the same file was
 * completed concurrently (the partial unique index decides).
 */
export async function insertImportRecord(
  q: Queryable,
  rec: {
    id: string;
    instrumentId: string;
    fileName: string;
    format: 'csv' | 'xlsx';
    sha256: string;
    mapping: unknown;
    status: 'completed' | 'rejected';
    summary: ValidationSummary;
    rowsImported: number;
    importedBy: string | null;
    durationMs: number;
  },
): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO survey_import (id, instrument_id, kind, file_name, format, content_sha256, mapping, status, rows_total, rows_imported, rows_rejected, summary, imported_by, duration_ms)
     VALUES ($1, $2, 'respondents', $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11::jsonb, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      rec.id,
      rec.instrumentId,
      rec.fileName,
      rec.format,
      rec.sha256,
      JSON.stringify(rec.mapping),
      rec.status,
      rec.summary.rowsTotal,
      rec.rowsImported,
      rec.summary.rowsTotal - rec.rowsImported,
      JSON.stringify(rec.summary),
      rec.importedBy,
      Math.round(rec.durationMs),
    ],
  );
  return r.rows[0]?.id ?? null;
}

/** Withdraws a completed import: its respondents are deleted, the record stays (status 'withdrawn'). */
export async function withdrawImport(q: Queryable, importId: string): Promise<number> {
  const d = await q.query('DELETE FROM survey_respondent WHERE import_id = $1', [importId]);
  await q.query(`UPDATE survey_import SET status = 'withdrawn' WHERE id = $1 AND status = 'completed'`, [importId]);
  return d.rowCount;
}
