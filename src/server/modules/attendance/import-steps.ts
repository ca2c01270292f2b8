import { randomUUID } from 'node:crypto';
import { evaluateAbsence, parseAttendanceCsv, type sumByPupil } from '../../../core/attendance.js';
import { AppError } from '../../../core/errors.js';
import type { Queryable } from '../../db/client.js';
import { enrolledChildren } from '../../access/school-unit.js';
import * as repo from './repo.js';
import { daysBetween } from '../../../core/calendar.js';

// The steps of an attendance import before and inside its transaction (service.ts import).

const MAX_REPORTED_ROW_ERRORS = 500;

/** The period of an import: in order, not ending in the future, at most a year. */
export function checkPeriod(period: { start: string; end: string }, today: string): void {
  if (period.start > period.end)
    throw new AppError('validation_failed', 'The period must start before it ends.', { field: 'periodStart' });
  if (period.end > today)
    throw new AppError('validation_failed', `The period cannot end in the future (today is ${today}).`, {
      field: 'periodEnd',
    });
  if (daysBetween(period.start, period.end) > 366)
    throw new AppError('validation_failed', 'A period is at most a year (366 days).', { field: 'periodEnd' });
}

/** The file parsed, or a 400 with every problem by line (nothing is written). */
export function parseOrReject(csv: string, period: { start: string; end: string }, now: Date) {
  const parsed = parseAttendanceCsv(csv, period, now);
  if (parsed.fileProblems.length > 0 || parsed.rowErrors.length > 0) {
    throw new AppError('validation_failed', rejectionMessage(parsed.fileProblems, parsed.rowErrors.length), {
      reason: 'invalid_file',
      fileProblems: parsed.fileProblems,
      missingColumns: parsed.missingColumns,
      rowsTotal: parsed.dataRows,
      rowsWithErrors: parsed.rowErrors.length,
      rowErrors: parsed.rowErrors.slice(0, MAX_REPORTED_ROW_ERRORS),
    });
  }
  return parsed;
}

/**
 * The file's pupils matched to the children enrolled at the unit in the period, each with its
 * evaluation against the thresholds; the alerts that are new for the period, and which of those
 * children have nobody to review them.
 */
export async function matchPupils(
  tx: Queryable,
  unitId: string,
  period: { start: string; end: string },
  pupils: ReturnType<typeof sumByPupil>,
  limits: Parameters<typeof evaluateAbsence>[1],
  today: string,
) {
  const enrolled = await enrolledChildren(
    tx,
    unitId,
    period,
    pupils.map((p) => p.personnummer),
  );
  const matched = pupils.filter((p) => enrolled.has(p.personnummer));
  const notEnrolledLines = pupils
    .filter((p) => !enrolled.has(p.personnummer))
    .flatMap((p) => p.lines)
    .sort((a, b) => a - b);

  const records = matched.map((p) => ({
    pupil: p,
    childId: enrolled.get(p.personnummer)!,
    id: randomUUID(),
    evaluation: evaluateAbsence(p, limits),
  }));
  const reaching = records.filter((r) => r.evaluation.triggered.length > 0);
  const alreadyAlerted = await repo.childrenWithAlert(
    tx,
    unitId,
    period,
    reaching.map((r) => r.childId),
  );
  const newAlerts = reaching.filter((r) => !alreadyAlerted.has(r.childId));
  const withoutReviewer = await repo.childrenWithoutReviewer(
    tx,
    unitId,
    newAlerts.map((r) => r.childId),
    today,
  );
  return { records, notEnrolledLines, newAlerts, withoutReviewer };
}

function rejectionMessage(fileProblems: string[], badLines: number): string {
  if (fileProblems.includes('missing_columns'))
    return 'The file lacks required columns (see details.missingColumns). Nothing was imported.';
  if (fileProblems.includes('empty')) return 'The file has no attendance lines. Nothing was imported.';
  if (fileProblems.includes('too_many_rows'))
    return 'The file has too many lines; split it by period. Nothing was imported.';
  if (fileProblems.includes('line_break_in_field'))
    return 'A field in the file spans several lines; save the file again as plain CSV. Nothing was imported.';
  if (fileProblems.includes('duplicate_columns')) return 'A column is named twice in the header. Nothing was imported.';
  return `${badLines} line${badLines === 1 ? '' : 's'} of the file ${badLines === 1 ? 'has' : 'have'} problems (see details.rowErrors, by line number). Nothing was imported; correct the file and import it again.`;
}
