/**
 * A CSV the server refused (400, reason "invalid_file"): the shape both importers share — row counts
 * and problems by line number, never a value from the file.
 */
import { ApiError, type ErrorBody } from '../../api.js';

export interface RowError {
  line: number;
  problems: string[];
  codes?: string[];
}

export interface RowRejection {
  rowsTotal: number;
  rowsWithErrors: number;
  rowErrors: RowError[];
}

/** The body of a 400 that refused an uploaded file, else null. */
export function refusedFileBody(err: unknown): (ErrorBody & { details: Record<string, unknown> }) | null {
  if (!(err instanceof ApiError) || err.status !== 400 || err.body?.details?.reason !== 'invalid_file') return null;
  return err.body as ErrorBody & { details: Record<string, unknown> };
}
