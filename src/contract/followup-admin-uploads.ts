/** The analyst's survey files: upload in parts, the column-mapping step, the import job and its result. */
import { z } from 'zod';
import { columnMappingSchema, IMPORT_ERROR_TYPES } from '../core/followup/index.js';
import { InstrumentId } from './followup-admin-ids.js';

export const UploadStartRequest = z.object({
  fileName: z.string().trim().min(1).max(200).describe('Shown back to the analyst; never used as a path'),
  sizeBytes: z.number().int().min(1).describe('The whole file, in bytes'),
});
export const UploadStarted = z.object({
  uploadId: z.uuid(),
  chunkBytes: z.number().int(),
  expiresInSeconds: z.number().int(),
});
export const UploadChunkRequest = z.object({
  offset: z.number().int().min(0).describe('Where this part starts in the file (the bytes received so far)'),
  data: z
    .string()
    .min(1)
    .max(2 * 1024 * 1024)
    .describe('The part, base64'),
});
export const UploadProgress = z.object({
  uploadId: z.uuid(),
  receivedBytes: z.number().int(),
  sizeBytes: z.number().int(),
});

export const MappingTarget = z.object({
  value: z.string(),
  kind: z.enum(['field', 'item']),
  labelSv: z.string(),
  labelEn: z.string(),
  required: z.boolean(),
});

export const UploadColumns = z
  .object({
    uploadId: z.uuid(),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    sizeBytes: z.number().int(),
    columns: z.array(z.string()).describe('The header row (column names only; no values leave the server)'),
    proposedMapping: columnMappingSchema,
    targets: z.array(MappingTarget),
    waves: z.array(z.object({ year: z.number().int(), grades: z.array(z.string()) })),
  })
  .meta({ id: 'FollowupUploadColumns' });

export const SurveyImportRequest = z.object({
  uploadId: z.uuid(),
  instrumentId: InstrumentId,
  mapping: columnMappingSchema,
  mode: z.enum(['validate', 'import']).default('import').describe("'validate' checks every row and writes nothing"),
  onInvalidRows: z.enum(['reject_file', 'skip_rows']).default('reject_file'),
});

export const ValidationSummarySchema = z
  .object({
    rowsTotal: z.number().int(),
    rowsValid: z.number().int(),
    rowsRejected: z.number().int(),
    errors: z.partialRecord(z.enum(IMPORT_ERROR_TYPES), z.number().int()),
    examples: z.array(
      z.object({
        line: z.number().int(),
        type: z.enum(IMPORT_ERROR_TYPES),
        column: z.string().nullable(),
        field: z.string().nullable(),
        message: z.string(),
      }),
    ),
    rowsPerYear: z.record(z.string(), z.number().int()),
    ignoredColumns: z.array(z.string()),
  })
  .meta({ id: 'FollowupValidationSummary' });

export const SurveyImportResult = z.object({
  status: z.enum(['imported', 'already_imported', 'rejected', 'validated']),
  importId: z.uuid().nullable(),
  rowsImported: z.number().int(),
  summary: ValidationSummarySchema,
});

export const JobStatus = z
  .object({
    id: z.uuid(),
    kind: z.enum(['survey_import', 'kolada_import']),
    status: z.enum(['running', 'succeeded', 'failed']),
    phase: z.string(),
    fraction: z.number().min(0).max(1),
    rows: z.number().int(),
    bytes: z.number().int(),
    totalBytes: z.number().int().nullable(),
    result: z.unknown().nullable(),
    error: z
      .object({
        status: z.number().int(),
        error: z.string(),
        message: z.string(),
        details: z.record(z.string(), z.unknown()).optional(),
      })
      .nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'FollowupJobStatus' });

export const SurveyImportList = z.object({
  imports: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['respondents', 'population']),
      fileName: z.string(),
      format: z.enum(['csv', 'xlsx']),
      status: z.enum(['completed', 'rejected', 'withdrawn']),
      rowsTotal: z.number().int(),
      rowsImported: z.number().int(),
      rowsRejected: z.number().int(),
      createdAt: z.string(),
    }),
  ),
});
