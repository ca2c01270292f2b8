/** Addresses of the report and log-review pages (ids only, never personal data). */
export const reportPaths = {
  reports: '/orosanmalan',
  newReport: '/orosanmalan/ny',
  inbox: '/orosanmalan/inkorg',
  report: (id: string) => `/orosanmalan/${encodeURIComponent(id)}`,
  newForChild: (childId: string) => `/barn/${encodeURIComponent(childId)}/orosanmalan/ny`,
  extract: (childId: string) => `/barn/${encodeURIComponent(childId)}/loggutdrag`,
  logReview: '/logguppfoljning',
  sample: (id: string) => `/logguppfoljning/${encodeURIComponent(id)}`,
};

export type ReportRoute =
  | { name: 'reports' }
  | { name: 'reportNew'; childId: string | null }
  | { name: 'reportInbox' }
  | { name: 'report'; reportId: string }
  | { name: 'logExtract'; childId: string }
  | { name: 'logReview' }
  | { name: 'logReviewSample'; sampleId: string };

/** The routes of this area, or null. */
export function matchReportRoute(p: string): ReportRoute | null {
  if (p === reportPaths.reports) return { name: 'reports' };
  if (p === reportPaths.newReport) return { name: 'reportNew', childId: null };
  if (p === reportPaths.inbox) return { name: 'reportInbox' };
  const report = /^\/orosanmalan\/([^/]+)$/.exec(p);
  if (report) return { name: 'report', reportId: decodeURIComponent(report[1]!) };
  const forChild = /^\/barn\/([^/]+)\/orosanmalan\/ny$/.exec(p);
  if (forChild) return { name: 'reportNew', childId: decodeURIComponent(forChild[1]!) };
  const extract = /^\/barn\/([^/]+)\/loggutdrag$/.exec(p);
  if (extract) return { name: 'logExtract', childId: decodeURIComponent(extract[1]!) };
  if (p === reportPaths.logReview) return { name: 'logReview' };
  const sample = /^\/logguppfoljning\/([^/]+)$/.exec(p);
  if (sample) return { name: 'logReviewSample', sampleId: decodeURIComponent(sample[1]!) };
  return null;
}
