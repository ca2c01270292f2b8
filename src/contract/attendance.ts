import { z } from 'zod';
import { ATTENDANCE_COLUMNS, ATTENDANCE_MEASURES } from '../core/attendance.js';
import { CalendarDate } from './common.js';
import { Concern, ConcernCreateRequest } from './concerns.js';
import { PersonRef } from './person.js';

export const AttendanceMeasure = z
  .enum(ATTENDANCE_MEASURES)
  .describe('What the numbers in the file count: minutes or lessons')
  .meta({ id: 'AttendanceMeasure' });

const Pct = z.number().min(0).max(100);
const ThresholdPct = z
  .number()
  .gt(0, 'A threshold must be above 0 %.')
  .max(100, 'A threshold cannot be above 100 %.')
  .refine((n) => Math.round(n * 100) === n * 100, 'At most two decimals.');

export const AttendanceThresholds = z
  .object({
    organisationId: z.uuid(),
    organisationName: z.string(),
    totalAbsencePct: Pct.describe('Total absence (valid + invalid) in % of scheduled time that raises an alert (≥)'),
    invalidAbsencePct: Pct.describe('Invalid absence in % of scheduled time that raises an alert (≥)'),
    source: z.enum(['default', 'organisation']).describe('default: the configured defaults (no setting saved yet)'),
    updatedAt: z.string().nullable(),
    updatedBy: z.object({ personId: z.uuid(), name: z.string() }).nullable(),
    version: z.number().int().min(0).describe('0 while the defaults apply; send If-Match: "v<version>" when changing'),
  })
  .meta({ id: 'AttendanceThresholds' });
export type AttendanceThresholds = z.infer<typeof AttendanceThresholds>;

export const AttendanceThresholdsRequest = z
  .object({ totalAbsencePct: ThresholdPct, invalidAbsencePct: ThresholdPct })
  .strict()
  .meta({ id: 'AttendanceThresholdsRequest' });
export type AttendanceThresholdsRequest = z.infer<typeof AttendanceThresholdsRequest>;

export const AttendanceImportRequest = z
  .object({
    unitId: z.uuid().describe('Your school unit (the unit of the assignment you act in)'),
    periodStart: CalendarDate,
    periodEnd: CalendarDate.describe('Not in the future; at most 366 days after periodStart'),
    measure: AttendanceMeasure,
    csv: z
      .string()
      .min(1, 'The file is empty.')
      .max(4_000_000)
      .describe("The file's text (UTF-8). Format: see the import page or src/core/attendance.ts"),
  })
  .strict()
  .meta({ id: 'AttendanceImportRequest' });
export type AttendanceImportRequest = z.infer<typeof AttendanceImportRequest>;

/** What an import did. Line numbers and counts only: never a personnummer, a name or a child id. */
export const AttendanceImportSummary = z
  .object({
    importId: z.uuid(),
    alreadyImported: z
      .boolean()
      .describe('true: this very file was imported before for this unit; nothing was written now'),
    unit: z.object({ id: z.uuid(), name: z.string() }),
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    measure: AttendanceMeasure,
    rowsTotal: z.number().int().describe('Data lines in the file'),
    rowsImported: z.number().int(),
    notEnrolledLines: z
      .array(z.number().int())
      .describe('Lines whose pupil is not enrolled at the unit in the period: not imported'),
    children: z.number().int().describe('Pupils whose attendance was written'),
    alertsRaised: z
      .number()
      .int()
      .describe('New attendance alerts (a pupil reached a threshold and had no alert for this unit and period)'),
    alertsWithoutReviewerLines: z
      .array(z.number().int())
      .describe(
        "Lines of pupils with a new alert whose child has nobody in Barnkompass to review it yet (no barnets bästa-ansvarig, and the principal is not on the child's team)",
      ),
    thresholds: z
      .object({ totalAbsencePct: z.number(), invalidAbsencePct: z.number() })
      .describe('The thresholds the import used'),
    importedAt: z.string(),
    importedBy: z.object({ personId: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'AttendanceImportSummary' });
export type AttendanceImportSummary = z.infer<typeof AttendanceImportSummary>;

export const AttendanceImportList = z
  .object({
    unit: z.object({ id: z.uuid(), name: z.string() }),
    imports: z.array(AttendanceImportSummary).describe('Newest first'),
  })
  .meta({ id: 'AttendanceImportList' });

/** The 400 body's details when lines are wrong: nothing is imported until the file is right. */
export const AttendanceRejection = z.object({
  reason: z.literal('invalid_file'),
  fileProblems: z.array(
    z.enum(['empty', 'missing_columns', 'duplicate_columns', 'line_break_in_field', 'too_many_rows']),
  ),
  missingColumns: z.array(z.enum(ATTENDANCE_COLUMNS)),
  rowsTotal: z.number().int(),
  rowsWithErrors: z.number().int(),
  rowErrors: z
    .array(z.object({ line: z.number().int(), problems: z.array(z.string()) }))
    .describe('At most 500, by line'),
});

export const AttendanceAlertId = z.uuid().describe('The attendance alert id');

export const AttendanceAlert = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    unit: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .describe(
        'The school; null when the child has protected identity and you are not the coordinator or barnets bästa-ansvarig',
      ),
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    measure: AttendanceMeasure,
    scheduled: z.number().int(),
    validAbsence: z.number().int(),
    invalidAbsence: z.number().int(),
    totalAbsencePct: z.number(),
    invalidAbsencePct: z.number(),
    thresholds: z.object({ totalAbsencePct: z.number(), invalidAbsencePct: z.number() }),
    triggered: z.array(z.enum(['total', 'invalid'])).describe('Which thresholds were reached'),
    status: z.enum(['open', 'dismissed', 'concern_created']),
    reviewDue: CalendarDate,
    overdue: z.boolean(),
    review: z
      .object({
        reviewedAt: z.string(),
        reviewedBy: PersonRef,
        dismissReason: z.string().nullable(),
        concernId: z.uuid().nullable(),
      })
      .nullable(),
    createdAt: z.string(),
    version: z.number().int().describe('Send it back as If-Match: "v<version>" when reviewing'),
  })
  .meta({ id: 'AttendanceAlert' });
export type AttendanceAlert = z.infer<typeof AttendanceAlert>;

export const AttendanceAlertList = z
  .object({ alerts: z.array(AttendanceAlert).describe('Newest period first') })
  .meta({ id: 'AttendanceAlertList' });

export const AttendanceAlertReviewRequest = z
  .discriminatedUnion('outcome', [
    z
      .object({
        outcome: z.literal('dismissed'),
        reason: z.string().trim().min(1, 'Give the reason for dismissing the alert.').max(5000),
      })
      .strict(),
    z
      .object({
        outcome: z.literal('concern'),
        concern: ConcernCreateRequest.describe('The concern to raise (the UI prefills it with the attendance facts)'),
      })
      .strict(),
  ])
  .meta({ id: 'AttendanceAlertReviewRequest' });
export type AttendanceAlertReviewRequest = z.infer<typeof AttendanceAlertReviewRequest>;

export const AttendanceAlertReviewResult = z
  .object({
    alert: AttendanceAlert,
    concern: Concern.nullable().describe('The concern raised, when the outcome was concern'),
  })
  .meta({ id: 'AttendanceAlertReviewResult' });
export type AttendanceAlertReviewResult = z.infer<typeof AttendanceAlertReviewResult>;
