import { AppError } from '../../../../core/errors.js';
import { ImportInputError, ImportMappingError } from '../../../../core/followup/index.js';
import { KoladaImportError } from '../kolada/importer.js';
import type { JobError } from './jobs.js';
import { UnknownInstrumentError } from './survey.js';

/** What a failed job reports to the person polling it (status and body as an HTTP error would have). */
export function toJobError(err: unknown): JobError {
  if (err instanceof AppError)
    return { status: err.status, error: err.code, message: err.message, details: err.details };
  if (err instanceof ImportInputError)
    return {
      status: 400,
      error: 'bad_request',
      message: `The file cannot be imported: ${err.message}.`,
      details: { reason: 'invalid_file' },
    };
  if (err instanceof ImportMappingError)
    return {
      status: 400,
      error: 'bad_request',
      message: err.message,
      details: { reason: 'mapping', problems: err.problems },
    };
  if (err instanceof UnknownInstrumentError)
    return { status: 404, error: 'not_found', message: 'No such survey instrument.' };
  if (err instanceof KoladaImportError)
    return {
      status: 502,
      error: 'kolada_failed',
      message: `The Kolada import failed: ${err.message}`,
      details: { runId: err.runId, kpisCommitted: err.kpisCommitted },
    };
  return { status: 500, error: 'internal', message: 'Something went wrong' };
}
