/**
 * The plan and handover calls. Types come from the server's own schemas (type-only imports);
 * requests go through the shared `request` in ../api.ts (session cookie, 401/403 handling).
 */
import type { z } from 'zod';
import { ApiError, request } from '../api.js';
import type {
  HandoverCandidates as HandoverCandidatesSchema,
  HandoverList as HandoverListSchema,
  HandoverOfferRequest,
  HandoverResult as HandoverResultSchema,
  Plan as PlanSchema,
  PlanAction as PlanActionSchema,
  PlanActionCreateRequest,
  PlanActionPatchRequest,
  PlanCreateRequest,
  PlanDisagreement as PlanDisagreementSchema,
  PlanDisagreementCreateRequest,
  PlanGoal as PlanGoalSchema,
  PlanGoalCreateRequest,
  PlanGoalPatchRequest,
  PlanGuardianView as PlanGuardianViewSchema,
  PlanGuardianViewCreateRequest,
  PlanGuardianViewPatchRequest,
  PlanHandover as PlanHandoverSchema,
  PlanLevelResult as PlanLevelResultSchema,
  PlanNeed as PlanNeedSchema,
  PlanNeedCreateRequest,
  PlanNeedPatchRequest,
  PlanPatchRequest,
  PlanService as PlanServiceSchema,
  PlanServiceCreateRequest,
  PlanServicePatchRequest,
  PlanView as PlanViewSchema,
  PlanVoice as PlanVoiceSchema,
  PlanVoiceCreateRequest,
  PlanVoicePatchRequest,
} from '../../contract/plan/index.js';

export type PlanView = z.infer<typeof PlanViewSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanSummary = NonNullable<PlanView['earlierPlans']>[number];
export type PlanService = z.infer<typeof PlanServiceSchema>;
export type PlanNeed = z.infer<typeof PlanNeedSchema>;
export type PlanGoal = z.infer<typeof PlanGoalSchema>;
export type PlanAction = z.infer<typeof PlanActionSchema>;
export type PlanVoice = z.infer<typeof PlanVoiceSchema>;
export type PlanGuardianView = z.infer<typeof PlanGuardianViewSchema>;
export type PlanDisagreement = z.infer<typeof PlanDisagreementSchema>;
export type PlanHandover = z.infer<typeof PlanHandoverSchema>;
export type HandoverList = z.infer<typeof HandoverListSchema>;
export type HandoverOffer = HandoverList['incoming'][number];
export type HandoverResult = z.infer<typeof HandoverResultSchema>;
export type PlanLevelResult = z.infer<typeof PlanLevelResultSchema>;
export type ActionStatus = PlanAction['status'];
export type HandoverRole = PlanHandover['role'];
export type TeamMember = PlanView['team'][number];
export type HandoverCandidates = z.infer<typeof HandoverCandidatesSchema>;
export type Candidate = HandoverCandidates['coordinator'][number];

export const ACTION_STATUSES: readonly ActionStatus[] = ['planned', 'in_progress', 'done', 'cancelled'];

/** The item kinds of a plan, as the API names their paths. */
export type ItemPath = 'services' | 'needs' | 'goals' | 'actions' | 'voice' | 'guardian-views';

const base = (childId: string) => `/api/children/${encodeURIComponent(childId)}/plan`;
const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` });

export const planApi = {
  view: (childId: string) => request<PlanView>('GET', base(childId)),
  /** Who may receive each role in a handover (asked when the offer form opens). */
  handoverCandidates: (childId: string) => request<HandoverCandidates>('GET', `${base(childId)}/handover-candidates`),
  /** One plan by id (an earlier plan, read only). */
  read: (childId: string, planId: string) =>
    request<Plan>('GET', `/api/children/${encodeURIComponent(childId)}/plans/${encodeURIComponent(planId)}`),
  create: (childId: string, body: z.input<typeof PlanCreateRequest>) => request<PlanView>('POST', base(childId), body),
  update: (childId: string, version: number, body: z.input<typeof PlanPatchRequest>) =>
    request<PlanView>('PATCH', base(childId), body, ifMatch(version)),
  changeLevel: (childId: string, version: number, body: { level: number; reason: string }) =>
    request<PlanLevelResult>('POST', `${base(childId)}/level`, body, ifMatch(version)),
  addService: (childId: string, body: z.input<typeof PlanServiceCreateRequest>) =>
    request<PlanService>('POST', `${base(childId)}/services`, body),
  updateService: (childId: string, id: string, version: number, body: z.input<typeof PlanServicePatchRequest>) =>
    request<PlanService>('PATCH', `${base(childId)}/services/${encodeURIComponent(id)}`, body, ifMatch(version)),
  addNeed: (childId: string, body: z.input<typeof PlanNeedCreateRequest>) =>
    request<PlanNeed>('POST', `${base(childId)}/needs`, body),
  updateNeed: (childId: string, id: string, version: number, body: z.input<typeof PlanNeedPatchRequest>) =>
    request<PlanNeed>('PATCH', `${base(childId)}/needs/${encodeURIComponent(id)}`, body, ifMatch(version)),
  addGoal: (childId: string, body: z.input<typeof PlanGoalCreateRequest>) =>
    request<PlanGoal>('POST', `${base(childId)}/goals`, body),
  updateGoal: (childId: string, id: string, version: number, body: z.input<typeof PlanGoalPatchRequest>) =>
    request<PlanGoal>('PATCH', `${base(childId)}/goals/${encodeURIComponent(id)}`, body, ifMatch(version)),
  addAction: (childId: string, body: z.input<typeof PlanActionCreateRequest>) =>
    request<PlanAction>('POST', `${base(childId)}/actions`, body),
  updateAction: (childId: string, id: string, version: number, body: z.input<typeof PlanActionPatchRequest>) =>
    request<PlanAction>('PATCH', `${base(childId)}/actions/${encodeURIComponent(id)}`, body, ifMatch(version)),
  addVoice: (childId: string, body: z.input<typeof PlanVoiceCreateRequest>) =>
    request<PlanVoice>('POST', `${base(childId)}/voice`, body),
  updateVoice: (childId: string, id: string, version: number, body: z.input<typeof PlanVoicePatchRequest>) =>
    request<PlanVoice>('PATCH', `${base(childId)}/voice/${encodeURIComponent(id)}`, body, ifMatch(version)),
  addGuardianView: (childId: string, body: z.input<typeof PlanGuardianViewCreateRequest>) =>
    request<PlanGuardianView>('POST', `${base(childId)}/guardian-views`, body),
  updateGuardianView: (
    childId: string,
    id: string,
    version: number,
    body: z.input<typeof PlanGuardianViewPatchRequest>,
  ) =>
    request<PlanGuardianView>(
      'PATCH',
      `${base(childId)}/guardian-views/${encodeURIComponent(id)}`,
      body,
      ifMatch(version),
    ),
  addDisagreement: (childId: string, body: z.input<typeof PlanDisagreementCreateRequest>) =>
    request<PlanDisagreement>('POST', `${base(childId)}/disagreements`, body),
  offer: (childId: string, body: z.input<typeof HandoverOfferRequest>) =>
    request<PlanHandover>('POST', `${base(childId)}/handovers`, body),
  withdraw: (childId: string, id: string) =>
    request<PlanHandover>('POST', `${base(childId)}/handovers/${encodeURIComponent(id)}/withdraw`),
  handovers: () => request<HandoverList>('GET', '/api/handovers'),
  accept: (id: string) => request<HandoverResult>('POST', `/api/handovers/${encodeURIComponent(id)}/accept`),
  decline: (id: string, reason: string) =>
    request<HandoverResult>(
      'POST',
      `/api/handovers/${encodeURIComponent(id)}/decline`,
      reason.trim() ? { reason } : {},
    ),
};

/** The actions a level-3 refusal names (details.actions). */
export function namedActions(err: unknown): { what: string; missing: string[] }[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.body?.details?.actions)) return [];
  return err.body!.details!.actions as { what: string; missing: string[] }[];
}
