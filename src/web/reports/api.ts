/**
 * Orosanmälan and log review calls. Types come from the server's own schemas (type-only imports).
 */
import type { z } from 'zod';
import { request } from '../api.js';
import type {
  InboxReport as InboxReportSchema,
  InboxReportList as InboxReportListSchema,
  MyReport as MyReportSchema,
  ReportFeedbackRequest,
  ReportFromChildRequest,
  ReportFromScratchRequest,
  ReportOptions as ReportOptionsSchema,
  ReportView as ReportViewSchema,
} from '../../contract/reports.js';
import type {
  LogExtract as LogExtractSchema,
  LogReviewDrawRequest,
  LogReviewDrawResult as LogReviewDrawResultSchema,
  LogReviewOutcomeRequest,
  LogReviewSample as LogReviewSampleSchema,
  LogReviewSampleDetail as LogReviewSampleDetailSchema,
  LogReviewSampleList as LogReviewSampleListSchema,
} from '../../contract/logreview.js';

export type MyReport = z.infer<typeof MyReportSchema>;
export type InboxReport = z.infer<typeof InboxReportSchema>;
export type InboxReportList = z.infer<typeof InboxReportListSchema>;
export type ReportOptions = z.infer<typeof ReportOptionsSchema>;
export type ReportView = z.infer<typeof ReportViewSchema>;
export type FeedbackKind = InboxReport['feedback'][number]['kind'];
export type GuardiansInformed = MyReport['guardiansInformed'];
export type LogReviewSample = z.infer<typeof LogReviewSampleSchema>;
export type LogReviewSampleDetail = z.infer<typeof LogReviewSampleDetailSchema>;
export type LogReviewSampleList = z.infer<typeof LogReviewSampleListSchema>;
export type LogExtract = z.infer<typeof LogExtractSchema>;
export type SampleKind = LogReviewSample['kind'];
export type SampleOutcome = NonNullable<LogReviewSample['outcome']>;

export const GUARDIANS_INFORMED: readonly GuardiansInformed[] = ['yes', 'no', 'not_appropriate'];
export const FEEDBACK_KINDS: readonly FeedbackKind[] = [
  'investigation_opened',
  'no_investigation',
  'already_known',
  'other',
];
export const SAMPLE_KINDS: readonly SampleKind[] = [
  'random',
  'off_team',
  'break_glass',
  'protected_identity',
  'out_of_hours',
  'many_children',
  'after_membership_ended',
];
export const OUTCOMES: readonly SampleOutcome[] = ['ok', 'follow_up', 'incident'];

const etag = (v: number) => ({ 'if-match': `"v${v}"` });

export const reportApi = {
  options: () => request<ReportOptions>('GET', '/api/reports/options'),
  mine: () => request<{ reports: MyReport[] }>('GET', '/api/reports/mine'),
  inbox: () => request<InboxReportList>('GET', '/api/reports/inbox'),
  get: (id: string) => request<ReportView>('GET', `/api/reports/${encodeURIComponent(id)}`),
  fileFromChild: (childId: string, body: z.input<typeof ReportFromChildRequest>) =>
    request<MyReport>('POST', `/api/children/${encodeURIComponent(childId)}/reports`, body),
  fileFromScratch: (body: z.input<typeof ReportFromScratchRequest>) => request<MyReport>('POST', '/api/reports', body),
  acknowledge: (id: string, version: number) =>
    request<InboxReport>('POST', `/api/reports/${encodeURIComponent(id)}/acknowledge`, undefined, etag(version)),
  feedback: (id: string, body: z.input<typeof ReportFeedbackRequest>) =>
    request<InboxReport>('POST', `/api/reports/${encodeURIComponent(id)}/feedback`, body),
};

export const logReviewApi = {
  list: (q: { kind?: SampleKind | ''; status: 'open' | 'done' | 'all' }) =>
    request<LogReviewSampleList>('GET', `/api/log-review/samples?status=${q.status}${q.kind ? `&kind=${q.kind}` : ''}`),
  draw: (body: z.input<typeof LogReviewDrawRequest>) =>
    request<z.infer<typeof LogReviewDrawResultSchema>>('POST', '/api/log-review/samples', body),
  get: (id: string) => request<LogReviewSampleDetail>('GET', `/api/log-review/samples/${encodeURIComponent(id)}`),
  outcome: (id: string, version: number, body: z.input<typeof LogReviewOutcomeRequest>) =>
    request<LogReviewSample>('PUT', `/api/log-review/samples/${encodeURIComponent(id)}/outcome`, body, etag(version)),
  extract: (childId: string, q: { from?: string; to?: string } = {}) =>
    request<LogExtract>(
      'GET',
      `/api/children/${encodeURIComponent(childId)}/access-log${q.from || q.to ? `?${new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString()}` : ''}`,
    ),
};

/** Roles that never file through the system (they do not work with individual children). */
export const NON_FILING_ROLES = new Set(['unit_admin', 'system_admin', 'analyst', 'manager', 'log_reviewer']);
export const LOG_REVIEWER = 'log_reviewer';
