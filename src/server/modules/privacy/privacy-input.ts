import { AppError } from '../../../core/errors.js';

/** A 400 that names the field. */
export const invalid = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('validation_failed', message, { field, ...extra });
