/**
 * Attendance calls: import, thresholds, alerts. Types come from the server's own schemas.
 */
import type { z } from 'zod';
import { request } from '../api.js';
import { refusedFileBody, type RowRejection } from '../components/upload/rejection.js';
import type {
  AttendanceAlert as AttendanceAlertSchema,
  AttendanceAlertReviewRequest,
  AttendanceAlertReviewResult as AttendanceAlertReviewResultSchema,
  AttendanceImportRequest,
  AttendanceImportSummary as AttendanceImportSummarySchema,
  AttendanceThresholds as AttendanceThresholdsSchema,
  AttendanceThresholdsRequest,
} from '../../contract/attendance.js';

export type AttendanceImportSummary = z.infer<typeof AttendanceImportSummarySchema>;
export type AttendanceThresholds = z.infer<typeof AttendanceThresholdsSchema>;
export type AttendanceAlert = z.infer<typeof AttendanceAlertSchema>;
export type AttendanceAlertReviewResult = z.infer<typeof AttendanceAlertReviewResultSchema>;
export type NewImport = z.input<typeof AttendanceImportRequest>;
export type Review = z.input<typeof AttendanceAlertReviewRequest>;

const alertPath = (childId: string, alertId: string) =>
  `/api/children/${encodeURIComponent(childId)}/attendance-alerts/${encodeURIComponent(alertId)}`;

export const attendanceApi = {
  imports: () =>
    request<{ unit: { id: string; name: string }; imports: AttendanceImportSummary[] }>(
      'GET',
      '/api/attendance/imports',
    ),
  import: (body: NewImport) => request<AttendanceImportSummary>('POST', '/api/attendance/imports', body),
  thresholds: () => request<AttendanceThresholds>('GET', '/api/attendance/thresholds'),
  saveThresholds: (version: number, body: z.input<typeof AttendanceThresholdsRequest>) =>
    request<AttendanceThresholds>('PUT', '/api/attendance/thresholds', body, { 'if-match': `"v${version}"` }),
  alert: (childId: string, alertId: string) => request<AttendanceAlert>('GET', alertPath(childId, alertId)),
  review: (childId: string, alertId: string, version: number, body: Review) =>
    request<AttendanceAlertReviewResult>('POST', `${alertPath(childId, alertId)}/review`, body, {
      'if-match': `"v${version}"`,
    }),
};

export interface FileRejection extends RowRejection {
  fileProblems: string[];
  missingColumns: string[];
}

/** The 400 body's details when the file was refused (lines and codes, never values). */
export function fileRejection(err: unknown): FileRejection | null {
  const body = refusedFileBody(err);
  return body ? (body.details as unknown as FileRejection) : null;
}
