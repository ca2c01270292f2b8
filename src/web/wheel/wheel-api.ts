/**
 * The wellbeing wheel's calls. Types are type-only imports of the server's zod schemas: nothing of
 * the server is bundled.
 */
import type { z } from 'zod';
import { request } from '../api.js';
import type {
  WheelAssessment as WheelAssessmentSchema,
  WheelAssessmentCreateRequest,
  WheelAssessmentList,
  WheelAssessmentPatchRequest,
  WheelComparison as WheelComparisonSchema,
} from '../../contract/wheel.js';

export type WheelAssessment = z.infer<typeof WheelAssessmentSchema>;
export type WheelAssessmentSummary = z.infer<typeof WheelAssessmentList>['assessments'][number];
export type WheelComparison = z.infer<typeof WheelComparisonSchema>;
export type PerspectiveSeries = WheelComparison['perspectives'][number];
export type WheelPerspective = WheelAssessment['perspective'];
export type WheelCreateBody = z.input<typeof WheelAssessmentCreateRequest>;
export type WheelPatchBody = z.input<typeof WheelAssessmentPatchRequest>;

const base = (childId: string) => `/api/children/${encodeURIComponent(childId)}`;

export const wheelApi = {
  list: (childId: string) => request<z.infer<typeof WheelAssessmentList>>('GET', `${base(childId)}/wheel-assessments`),
  get: (childId: string, id: string) =>
    request<WheelAssessment>('GET', `${base(childId)}/wheel-assessments/${encodeURIComponent(id)}`),
  comparison: (childId: string) => request<WheelComparison>('GET', `${base(childId)}/wheel-comparison`),
  create: (childId: string, body: WheelCreateBody) =>
    request<WheelAssessment>('POST', `${base(childId)}/wheel-assessments`, body),
  /** Sends If-Match with the version the edit started from; a 412 carries the current version. */
  update: (childId: string, id: string, version: number, body: WheelPatchBody) =>
    request<WheelAssessment>('PATCH', `${base(childId)}/wheel-assessments/${encodeURIComponent(id)}`, body, {
      'If-Match': `"v${version}"`,
    }),
};

/** A message for the next page (shown once, e.g. "saved" after the form navigates away). */
let flash: string | null = null;
export function setWheelFlash(message: string): void {
  flash = message;
}
export function takeWheelFlash(): string | null {
  const m = flash;
  flash = null;
  return m;
}
