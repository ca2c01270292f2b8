/**
 * The calls for the plan's meetings, reviews and closing/reopening. Types come from the server's
 * own schemas (type-only imports); requests go through the shared `request` in ../api.ts.
 */
import type { z } from 'zod';
import { request } from '../api.js';
import type {
  Meeting as MeetingSchema,
  MeetingCreateRequest,
  MeetingDecisionCreateRequest,
  MeetingDecisionResult as MeetingDecisionResultSchema,
  MeetingList as MeetingListSchema,
  MeetingPatchRequest,
  PlanCloseRequest,
  ReviewCreateRequest,
  ReviewList as ReviewListSchema,
  ReviewResult as ReviewResultSchema,
} from '../../contract/plan/index.js';
import type { PlanView } from './plan-api.js';

export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingList = z.infer<typeof MeetingListSchema>;
export type MeetingInvitee = Meeting['invitees'][number];
export type MeetingDecision = Meeting['decisions'][number];
export type MeetingDecisionResult = z.infer<typeof MeetingDecisionResultSchema>;
export type ReviewList = z.infer<typeof ReviewListSchema>;
export type Review = ReviewList['reviews'][number];
export type ReviewResult = z.infer<typeof ReviewResultSchema>;
export type Attendance = MeetingInvitee['attendance'];
export type ReviewOutcomeCode = Review['outcomes'][number]['outcome'];
export type CloseReason = z.infer<typeof PlanCloseRequest>['reason'];
export type MeetingBody = z.input<typeof MeetingCreateRequest>;
export type MeetingPatch = z.input<typeof MeetingPatchRequest>;
export type DecisionBody = z.input<typeof MeetingDecisionCreateRequest>;
export type ReviewBody = z.input<typeof ReviewCreateRequest>;

export const ATTENDANCE: readonly Attendance[] = ['invited', 'attending', 'absent', 'excused'];
export const OUTCOMES: readonly ReviewOutcomeCode[] = ['done', 'continue', 'change', 'bring_in_service'];
export const CLOSE_REASONS: readonly CloseReason[] = [
  'goals_met',
  'family_declined',
  'moved',
  'handed_over_to_sip',
  'handed_over_to_social_services',
  'other',
];

const base = (childId: string) => `/api/children/${encodeURIComponent(childId)}/plan`;
const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` });
const planQuery = (planId?: string) => (planId ? `?planId=${encodeURIComponent(planId)}` : '');

export const meetingApi = {
  /** The meetings of the plan `planId` of the child (the current plan when left out). */
  list: (childId: string, planId?: string) =>
    request<MeetingList>('GET', `${base(childId)}/meetings${planQuery(planId)}`),
  get: (childId: string, id: string) => request<Meeting>('GET', `${base(childId)}/meetings/${encodeURIComponent(id)}`),
  create: (childId: string, body: MeetingBody) => request<Meeting>('POST', `${base(childId)}/meetings`, body),
  update: (childId: string, id: string, version: number, body: MeetingPatch) =>
    request<Meeting>('PATCH', `${base(childId)}/meetings/${encodeURIComponent(id)}`, body, ifMatch(version)),
  decide: (childId: string, id: string, version: number, body: DecisionBody) =>
    request<MeetingDecisionResult>(
      'POST',
      `${base(childId)}/meetings/${encodeURIComponent(id)}/decisions`,
      body,
      ifMatch(version),
    ),
  /** The reviews of the plan `planId` of the child (the current plan when left out). */
  reviews: (childId: string, planId?: string) =>
    request<ReviewList>('GET', `${base(childId)}/reviews${planQuery(planId)}`),
  review: (childId: string, planVersion: number, body: ReviewBody) =>
    request<ReviewResult>('POST', `${base(childId)}/reviews`, body, ifMatch(planVersion)),
  close: (childId: string, planVersion: number, body: { reason: CloseReason; reasonText?: string | null }) =>
    request<PlanView>('POST', `${base(childId)}/close`, body, ifMatch(planVersion)),
  reopen: (childId: string, planVersion: number, reason: string) =>
    request<PlanView>('POST', `${base(childId)}/reopen`, { reason }, ifMatch(planVersion)),
};

/** A message for the plan page after a form on another page saved (shown once). */
let flash: string | null = null;
export function setPlanFlash(message: string): void {
  flash = message;
}
export function takePlanFlash(): string | null {
  const m = flash;
  flash = null;
  return m;
}
