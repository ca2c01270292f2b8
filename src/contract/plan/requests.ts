import { z } from 'zod';
import { WHEEL_INDICATORS } from '../../core/wheel.js';
import { CalendarDate } from '../common.js';
import { Indicator } from './parts.js';
import { Plan } from './plan.js';
import { HandoverRole, PlanActionStatus, PlanLevel } from './team.js';

// ---------------------------------------------------------------------------------------------
// Requests

const required = (what: string, max = 5000) => z.string().trim().min(1, what).max(max);
const optionalText = (max = 5000) => z.string().trim().max(max).nullable();
const atLeastOne = { message: 'Send at least one field to change.' };
const some = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);

export const PlanCreateRequest = z
  .object({
    level: PlanLevel,
    reason: required('Say why the plan is drawn up now (it starts the level history).').describe(
      'Why a plan now, at this level',
    ),
    background: optionalText().optional(),
    nextReviewDate: CalendarDate.nullable().optional().describe('Not in the past'),
  })
  .strict()
  .meta({ id: 'PlanCreateRequest' });
export type PlanCreateRequest = z.infer<typeof PlanCreateRequest>;

export const PlanPatchRequest = z
  .object({
    background: optionalText().optional(),
    nextReviewDate: CalendarDate.nullable().optional().describe('A new date may not be in the past'),
    isSip: z.boolean().optional().describe('true needs the SIP minimum content (see sipReadiness)'),
  })
  .strict()
  .refine(some, atLeastOne)
  .meta({ id: 'PlanPatchRequest' });
export type PlanPatchRequest = z.infer<typeof PlanPatchRequest>;

export const PlanLevelRequest = z
  .object({ level: PlanLevel, reason: required('Give the reason for the change of level.') })
  .strict()
  .meta({ id: 'PlanLevelRequest' });
export type PlanLevelRequest = z.infer<typeof PlanLevelRequest>;

export const PlanLevelResult = z
  .object({ plan: Plan, supportLevel: z.object({ before: z.number().int(), after: z.number().int() }) })
  .meta({ id: 'PlanLevelResult' });

export const PlanServiceCreateRequest = z
  .object({
    unitId: z.uuid().describe('The unit (service) taking part'),
    contactAssignmentId: z.uuid().describe('The contact person: a team member whose assignment is in that unit'),
    contribution: optionalText().optional(),
  })
  .strict()
  .meta({ id: 'PlanServiceCreateRequest' });
export type PlanServiceCreateRequest = z.infer<typeof PlanServiceCreateRequest>;

export const PlanServicePatchRequest = z
  .object({
    contactAssignmentId: z.uuid().optional(),
    contribution: optionalText().optional(),
    ended: z.literal(true).optional().describe('The service no longer takes part (from today)'),
  })
  .strict()
  .refine(some, atLeastOne)
  .meta({ id: 'PlanServicePatchRequest' });
export type PlanServicePatchRequest = z.infer<typeof PlanServicePatchRequest>;

export const PlanNeedCreateRequest = z
  .object({ indicator: Indicator, description: required('Describe the need.') })
  .strict()
  .meta({ id: 'PlanNeedCreateRequest' });
export type PlanNeedCreateRequest = z.infer<typeof PlanNeedCreateRequest>;

export const PlanNeedPatchRequest = z
  .object({ indicator: Indicator.optional(), description: required('Describe the need.').optional() })
  .strict()
  .refine(some, atLeastOne)
  .meta({ id: 'PlanNeedPatchRequest' });
export type PlanNeedPatchRequest = z.infer<typeof PlanNeedPatchRequest>;

const indicators = z.array(Indicator).max(WHEEL_INDICATORS.length);

export const PlanGoalCreateRequest = z
  .object({
    description: required('Describe the goal.'),
    needId: z.uuid().nullable().optional().describe('The need the goal answers (of this plan)'),
    indicators: indicators.default([]),
    targetDate: CalendarDate.nullable().optional(),
  })
  .strict()
  .meta({ id: 'PlanGoalCreateRequest' });
export type PlanGoalCreateRequest = z.infer<typeof PlanGoalCreateRequest>;

export const PlanGoalPatchRequest = z
  .object({
    description: required('Describe the goal.').optional(),
    needId: z.uuid().nullable().optional(),
    indicators: indicators.optional(),
    targetDate: CalendarDate.nullable().optional(),
  })
  .strict()
  .refine(some, atLeastOne)
  .meta({ id: 'PlanGoalPatchRequest' });
export type PlanGoalPatchRequest = z.infer<typeof PlanGoalPatchRequest>;

export const ResponsibleChoice = z
  .discriminatedUnion('kind', [
    z
      .object({ kind: z.literal('professional'), assignmentId: z.uuid().describe("An assignment on the child's team") })
      .strict(),
    z.object({ kind: z.literal('guardian'), guardianId: z.uuid().describe("One of the child's guardians") }).strict(),
    z.object({ kind: z.literal('child') }).strict(),
  ])
  .meta({ id: 'ResponsibleChoice' });
export type ResponsibleChoice = z.infer<typeof ResponsibleChoice>;

export const PlanActionCreateRequest = z
  .object({
    what: required('Describe what is to be done.'),
    goalId: z.uuid().nullable().optional(),
    serviceId: z.uuid().nullable().optional().describe('A service taking part in this plan'),
    responsible: ResponsibleChoice.nullable().optional().describe('Required at level 3'),
    dueDate: CalendarDate.nullable().optional().describe('Required at level 3; not in the past for an open action'),
    status: PlanActionStatus.optional().describe('Default planned'),
  })
  .strict()
  .meta({ id: 'PlanActionCreateRequest' });
export type PlanActionCreateRequest = z.infer<typeof PlanActionCreateRequest>;

export const PlanActionPatchRequest = z
  .object({
    what: required('Describe what is to be done.').optional(),
    goalId: z.uuid().nullable().optional(),
    serviceId: z.uuid().nullable().optional(),
    responsible: ResponsibleChoice.nullable().optional(),
    dueDate: CalendarDate.nullable().optional(),
    status: PlanActionStatus.optional(),
  })
  .strict()
  .refine(some, atLeastOne)
  .meta({ id: 'PlanActionPatchRequest' });
export type PlanActionPatchRequest = z.infer<typeof PlanActionPatchRequest>;

export const PlanVoiceCreateRequest = z
  .object({
    text: required('Write what the child thinks.', 10_000),
    recordedOn: CalendarDate.optional().describe('Default today; not in the future'),
    writtenByChild: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'PlanVoiceCreateRequest' });
export type PlanVoiceCreateRequest = z.infer<typeof PlanVoiceCreateRequest>;

export const PlanVoicePatchRequest = z
  .object({
    text: required('Write what the child thinks.', 10_000).optional(),
    recordedOn: CalendarDate.optional(),
    writtenByChild: z.boolean().optional(),
  })
  .strict()
  .refine(some, atLeastOne)
  .meta({ id: 'PlanVoicePatchRequest' });
export type PlanVoicePatchRequest = z.infer<typeof PlanVoicePatchRequest>;

export const PlanGuardianViewCreateRequest = z
  .object({
    guardianId: z.uuid().describe('A guardian of the child with custody'),
    text: required("Write the guardian's view.", 10_000),
    recordedOn: CalendarDate.optional(),
    writtenByGuardian: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'PlanGuardianViewCreateRequest' });
export type PlanGuardianViewCreateRequest = z.infer<typeof PlanGuardianViewCreateRequest>;

export const PlanGuardianViewPatchRequest = z
  .object({
    text: required("Write the guardian's view.", 10_000).optional(),
    recordedOn: CalendarDate.optional(),
    writtenByGuardian: z.boolean().optional(),
  })
  .strict()
  .refine(some, atLeastOne)
  .meta({ id: 'PlanGuardianViewPatchRequest' });
export type PlanGuardianViewPatchRequest = z.infer<typeof PlanGuardianViewPatchRequest>;

export const PartyChoice = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('child') }).strict(),
    z.object({ kind: z.literal('guardian'), guardianId: z.uuid() }).strict(),
    z
      .object({ kind: z.literal('professional'), assignmentId: z.uuid().describe("An assignment on the child's team") })
      .strict(),
  ])
  .meta({ id: 'PartyChoice' });
export type PartyChoice = z.infer<typeof PartyChoice>;

export const PlanDisagreementCreateRequest = z
  .object({
    party: PartyChoice.describe('Who disagrees'),
    about: required('Say what the disagreement is about.', 500),
    text: required('Describe the disagreement.', 10_000),
    recordedOn: CalendarDate.optional(),
  })
  .strict()
  .meta({ id: 'PlanDisagreementCreateRequest' });
export type PlanDisagreementCreateRequest = z.infer<typeof PlanDisagreementCreateRequest>;

export const HandoverOfferRequest = z
  .object({
    role: HandoverRole,
    toAssignmentId: z.uuid().describe('The receiving person, in the assignment they will hold the role in'),
    respondBy: CalendarDate.optional().describe('Default today + 7 days; not in the past'),
  })
  .strict()
  .meta({ id: 'HandoverOfferRequest' });
export type HandoverOfferRequest = z.infer<typeof HandoverOfferRequest>;

export const HandoverDeclineRequest = z
  .object({ reason: optionalText(2000).optional().describe('Why (shown to the team that offered)') })
  .strict()
  .meta({ id: 'HandoverDeclineRequest' });
export type HandoverDeclineRequest = z.infer<typeof HandoverDeclineRequest>;
