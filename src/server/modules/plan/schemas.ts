import { z } from 'zod';
import { BEST_INTEREST_LEAD_ROLES } from '../../../core/best-interest-lead.js';
import { WHEEL_INDICATORS } from '../../../core/wheel.js';
import { CalendarDate, PersonRef } from '../concerns/schemas.js';

/**
 * The child's plan (Collaborate / samarbeta): API shapes. Every mutable resource carries `version`
 * (ETag "v<version>"; writes send If-Match). Schema ids must not end in "Input" (see wheel/schemas.ts).
 */

export const PlanId = z.uuid().describe('The plan id');
export const PlanItemId = z.uuid().describe('The id of the plan item');
export const HandoverId = z.uuid().describe('The handover (offer) id');

const LEVEL_MESSAGE = 'A level is 1 (universal), 2 (early support in one service) or 3 (coordinated support).';
export const PlanLevel = z
  .number({ error: LEVEL_MESSAGE })
  .int({ error: LEVEL_MESSAGE })
  .min(1, { error: LEVEL_MESSAGE })
  .max(3, { error: LEVEL_MESSAGE })
  .describe(
    "Kronoberg's levels: 1 universal, 2 early support in one service, 3 coordinated support (needs a coordinator)",
  );

const Indicator = z.enum(WHEEL_INDICATORS).describe('A wellbeing-wheel indicator (SHANARRI)');
export const PLAN_ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const PlanActionStatus = z
  .enum(PLAN_ACTION_STATUSES)
  .describe('planned, in_progress, done or cancelled')
  .meta({ id: 'PlanActionStatus' });
export type PlanActionStatus = z.infer<typeof PlanActionStatus>;
export const HandoverRole = z
  .enum(['coordinator', 'best_interest_lead'])
  .describe('coordinator (samordnare) or best_interest_lead (barnets bästa-ansvarig)')
  .meta({ id: 'HandoverRole' });
export type HandoverRole = z.infer<typeof HandoverRole>;

const Timestamp = z.string().describe('ISO 8601 timestamp');
const Who = z.object({ personId: z.uuid(), name: z.string() }).describe('Who saved this version');
const Version = z.number().int().describe('Send it back as If-Match: "v<version>" when changing this item');

// ---------------------------------------------------------------------------------------------
// The team around the plan

export const PlanTeamMember = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    assignmentId: z.uuid(),
    role: z.string().describe('The assignment role (teacher, school_nurse, social_worker, ...)'),
    title: z.string().nullable(),
    unitId: z.uuid().nullable(),
    unitName: z.string().nullable(),
    unitKind: z.string().nullable(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    teamRoles: z
      .array(z.enum(['coordinator', 'best_interest_lead', 'contact_person', 'member']))
      .describe('Active team roles in this assignment'),
  })
  .meta({ id: 'PlanTeamMember' });
export type PlanTeamMember = z.infer<typeof PlanTeamMember>;

export const TeamRoleHolder = z
  .object({
    membershipId: z.uuid(),
    personId: z.uuid(),
    name: z.string(),
    assignmentId: z.uuid(),
    role: z.string(),
    title: z.string().nullable(),
    unitName: z.string().nullable(),
    organisationName: z.string(),
    since: CalendarDate,
  })
  .describe('Who holds the role today (from the team)')
  .meta({ id: 'TeamRoleHolder' });
export type TeamRoleHolder = z.infer<typeof TeamRoleHolder>;

export const PlanGuardian = z
  .object({ guardianId: z.uuid(), name: z.string(), relation: z.string(), hasCustody: z.boolean() })
  .describe("One of the child's guardians today")
  .meta({ id: 'PlanGuardian' });
export type PlanGuardian = z.infer<typeof PlanGuardian>;

const LeadRole = z.enum(BEST_INTEREST_LEAD_ROLES);
export const BestInterestLeadProposal = z
  .object({
    stage: z.enum(['before_preschool_class', 'in_school', 'school_age_not_enrolled', 'left_school', 'adult']),
    role: LeadRole.nullable().describe('The role that fits the child today (null: 18 or older)'),
    transition: z
      .object({ on: CalendarDate, stage: z.string(), role: LeadRole.nullable() })
      .nullable()
      .describe('A coming change of stage that changes the role'),
    acceptableRoles: z
      .array(LeadRole)
      .describe('Roles that may receive the barnets bästa-ansvarig role in a handover now'),
    currentMatches: z.boolean().nullable(),
    proposeChange: z
      .boolean()
      .describe("Show a proposal: no holder, the holder's role does not fit, or a transition is coming"),
  })
  .describe(
    'Default barnets bästa-ansvarig by age and schooling: BVC nurse until förskoleklass, principal until 18, KAA after leaving school at 16+',
  )
  .meta({ id: 'BestInterestLeadProposal' });

// ---------------------------------------------------------------------------------------------
// Plan items

export const PlanService = z
  .object({
    id: z.uuid(),
    unit: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    contact: z
      .object({ personId: z.uuid(), name: z.string(), assignmentId: z.uuid(), title: z.string().nullable() })
      .describe('The one contact person of the service'),
    contactOnTeam: z.boolean().describe('The contact person is on the team today (false: choose a new one)'),
    contribution: z.string().nullable().describe('What the service does in the plan'),
    endedOn: CalendarDate.nullable().describe('No longer taking part from this day'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    updatedBy: Who,
    version: Version,
  })
  .meta({ id: 'PlanService' });
export type PlanService = z.infer<typeof PlanService>;

export const PlanNeed = z
  .object({
    id: z.uuid(),
    indicator: Indicator,
    description: z.string(),
    createdAt: Timestamp,
    createdBy: Who,
    updatedAt: Timestamp,
    updatedBy: Who,
    version: Version,
  })
  .meta({ id: 'PlanNeed' });
export type PlanNeed = z.infer<typeof PlanNeed>;

export const PlanGoal = z
  .object({
    id: z.uuid(),
    description: z.string(),
    needId: z.uuid().nullable(),
    indicators: z.array(Indicator).describe('In wheel order'),
    targetDate: CalendarDate.nullable(),
    createdAt: Timestamp,
    createdBy: Who,
    updatedAt: Timestamp,
    updatedBy: Who,
    version: Version,
  })
  .meta({ id: 'PlanGoal' });
export type PlanGoal = z.infer<typeof PlanGoal>;

export const PlanResponsible = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('professional'),
      personId: z.uuid(),
      name: z.string(),
      assignmentId: z.uuid(),
      title: z.string().nullable(),
      unitName: z.string().nullable(),
    }),
    z.object({ kind: z.literal('guardian'), guardianId: z.uuid(), name: z.string() }),
    z.object({ kind: z.literal('child') }),
  ])
  .describe('Who is responsible: a professional on the team, one of the child’s guardians, or the child')
  .meta({ id: 'PlanResponsible' });
export type PlanResponsible = z.infer<typeof PlanResponsible>;

export const PlanAction = z
  .object({
    id: z.uuid(),
    what: z.string(),
    goalId: z.uuid().nullable(),
    serviceId: z.uuid().nullable(),
    responsible: PlanResponsible.nullable(),
    dueDate: CalendarDate.nullable(),
    status: PlanActionStatus,
    overdue: z.boolean().describe('Planned or in progress, and the due date has passed (Swedish calendar day)'),
    createdAt: Timestamp,
    createdBy: Who,
    updatedAt: Timestamp,
    updatedBy: Who,
    version: Version,
  })
  .meta({ id: 'PlanAction' });
export type PlanAction = z.infer<typeof PlanAction>;

export const PlanVoice = z
  .object({
    id: z.uuid(),
    text: z.string().describe('"Det här tycker jag" — in the child’s own words'),
    recordedOn: CalendarDate,
    writtenByChild: z.boolean().describe('The child wrote it; otherwise recordedBy wrote down what the child said'),
    recordedBy: PersonRef,
    updatedAt: Timestamp,
    updatedBy: Who,
    version: Version,
  })
  .meta({ id: 'PlanVoice' });
export type PlanVoice = z.infer<typeof PlanVoice>;

export const PlanGuardianView = z
  .object({
    id: z.uuid(),
    guardianId: z.uuid(),
    guardianName: z.string(),
    text: z.string(),
    recordedOn: CalendarDate,
    writtenByGuardian: z.boolean(),
    recordedBy: PersonRef,
    updatedAt: Timestamp,
    updatedBy: Who,
    version: Version,
  })
  .describe("One custodial guardian's view, in their own field")
  .meta({ id: 'PlanGuardianView' });
export type PlanGuardianView = z.infer<typeof PlanGuardianView>;

export const PlanParty = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('child') }),
    z.object({ kind: z.literal('guardian'), guardianId: z.uuid(), name: z.string() }),
    z.object({
      kind: z.literal('professional'),
      personId: z.uuid(),
      assignmentId: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
    }),
  ])
  .meta({ id: 'PlanParty' });

export const PlanDisagreement = z
  .object({
    id: z.uuid(),
    party: PlanParty,
    about: z.string(),
    text: z.string(),
    recordedOn: CalendarDate,
    recordedBy: PersonRef,
    createdAt: Timestamp,
  })
  .describe('Recorded, never changed')
  .meta({ id: 'PlanDisagreement' });
export type PlanDisagreement = z.infer<typeof PlanDisagreement>;

export const PlanLevelChange = z
  .object({
    id: z.uuid(),
    levelBefore: z.number().int().nullable().describe('null: the plan was drawn up'),
    levelAfter: z.number().int(),
    reason: z.string(),
    changedAt: Timestamp,
    changedBy: PersonRef,
  })
  .meta({ id: 'PlanLevelChange' });
export type PlanLevelChange = z.infer<typeof PlanLevelChange>;

export const PlanStatusChange = z
  .object({
    id: z.uuid(),
    statusAfter: z.enum(['active', 'closed']).describe('closed: the plan was closed; active: it was reopened'),
    reasonCode: z
      .enum(['goals_met', 'family_declined', 'moved', 'handed_over_to_sip', 'handed_over_to_social_services', 'other'])
      .nullable()
      .describe('Why it was closed (null for a reopening)'),
    reasonText: z.string().nullable().describe('For "other" and for a reopening: the reason in words'),
    changedAt: Timestamp,
    changedBy: PersonRef,
  })
  .meta({ id: 'PlanStatusChange' });
export type PlanStatusChange = z.infer<typeof PlanStatusChange>;

export const SipReadiness = z
  .object({
    actionsPresent: z.boolean().describe('Actions needed'),
    everyActionHasResponsibleAndDue: z.boolean().describe('Who does what, by when'),
    overallResponsible: z.boolean().describe('Who has overall responsibility: a coordinator'),
    followUp: z.boolean().describe('A follow-up (next review) date'),
    complete: z.boolean(),
  })
  .describe('SIP (samordnad individuell plan) minimum content')
  .meta({ id: 'SipReadiness' });
export type SipReadiness = z.infer<typeof SipReadiness>;

export const PlanHandover = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    role: HandoverRole,
    status: z.enum(['pending', 'accepted', 'declined', 'withdrawn']),
    from: z
      .object({ personId: z.uuid(), name: z.string(), title: z.string().nullable(), unitName: z.string().nullable() })
      .nullable()
      .describe('The holder (null: the role was vacant)'),
    to: z.object({
      personId: z.uuid(),
      assignmentId: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
      unitName: z.string().nullable(),
      organisationName: z.string(),
    }),
    offeredAt: Timestamp,
    offeredBy: z.object({
      personId: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
      unitName: z.string().nullable(),
    }),
    respondBy: CalendarDate,
    respondedAt: Timestamp.nullable(),
    responseNote: z.string().nullable(),
  })
  .meta({ id: 'PlanHandover' });
export type PlanHandover = z.infer<typeof PlanHandover>;

export const Plan = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    status: z.enum(['active', 'closed']),
    level: z.number().int().min(1).max(3),
    background: z.string().nullable(),
    nextReviewDate: CalendarDate.nullable().describe('Follow-up: the next review'),
    isSip: z.boolean().describe('The plan also serves as the child’s SIP'),
    sipReadiness: SipReadiness,
    services: z.array(PlanService),
    needs: z.array(PlanNeed).describe('In wheel order'),
    goals: z.array(PlanGoal),
    actions: z.array(PlanAction).describe('By due date (none last), then as written'),
    voice: z.array(PlanVoice).describe('Oldest first'),
    guardianViews: z.array(PlanGuardianView),
    disagreements: z.array(PlanDisagreement).describe('Oldest first'),
    levelHistory: z.array(PlanLevelChange).describe('Oldest first; the first entry is the plan being drawn up'),
    statusHistory: z.array(PlanStatusChange).describe('Closing and reopening, oldest first'),
    createdAt: Timestamp,
    createdBy: PersonRef,
    updatedAt: Timestamp,
    updatedBy: Who,
    version: z
      .number()
      .int()
      .describe('Of the plan’s own fields (level, background, review date, SIP); items have their own'),
  })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

export const HandoverCandidate = z
  .object({
    assignmentId: z.uuid(),
    personId: z.uuid(),
    name: z.string(),
    role: z.string(),
    title: z.string().nullable(),
    unitName: z.string().nullable(),
    organisationName: z.string(),
    onTeam: z.boolean().describe('On the team today (otherwise they see the child only after accepting)'),
  })
  .meta({ id: 'HandoverCandidate' });
export type HandoverCandidate = z.infer<typeof HandoverCandidate>;

export const HandoverCandidates = z
  .object({ coordinator: z.array(HandoverCandidate), best_interest_lead: z.array(HandoverCandidate) })
  .describe(
    'Who may receive each role (the same rules as an offer): coordinator — the team and the services taking part; barnets bästa-ansvarig — the fitting role for the child (a principal of their school, the BVC nurses or the KAA of their municipality). The current holder is left out.',
  )
  .meta({ id: 'HandoverCandidates' });
export type HandoverCandidates = z.infer<typeof HandoverCandidates>;

export const PlanSummary = z
  .object({
    id: z.uuid(),
    status: z.enum(['active', 'closed']),
    level: z.number().int().min(1).max(3),
    createdAt: Timestamp,
    closedAt: Timestamp.nullable().describe('When it was last closed; null for the active plan'),
    closeReason: z
      .enum(['goals_met', 'family_declined', 'moved', 'handed_over_to_sip', 'handed_over_to_social_services', 'other'])
      .nullable(),
  })
  .meta({ id: 'PlanSummary' });
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanView = z
  .object({
    childId: z.uuid(),
    supportLevel: z.number().int().min(1).max(3).describe("The child's support level"),
    plan: Plan.nullable().describe('The active plan, else the latest closed one; null when the child has none'),
    coordinator: TeamRoleHolder.nullable(),
    bestInterestLead: TeamRoleHolder.nullable(),
    bestInterestLeadProposal: BestInterestLeadProposal,
    team: z.array(PlanTeamMember).describe('Active team members (one entry per assignment)'),
    guardians: z.array(PlanGuardian).describe("The child's guardians today; custodial ones have their own view field"),
    handovers: z.array(PlanHandover).describe('Offers waiting for an answer'),
    earlierPlans: z
      .array(PlanSummary)
      .optional()
      .describe(
        "The child's other plans (not the one in plan) that you may see, newest first — each readable through GET …/plans/{planId}. Only in the answer of GET …/plan.",
      ),
  })
  .meta({ id: 'PlanView' });
export type PlanView = z.infer<typeof PlanView>;

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

/** An offer as its receiver sees it: no child details until they can see the child. */
export const HandoverOffer = z
  .object({
    id: z.uuid(),
    role: HandoverRole,
    status: z.enum(['pending', 'accepted', 'declined', 'withdrawn']),
    childId: z.uuid(),
    child: z
      .object({ name: z.string() })
      .nullable()
      .describe('Only when you may already see the child (on the team); otherwise null until you accept'),
    from: z.object({ name: z.string(), title: z.string().nullable(), unitName: z.string().nullable() }).nullable(),
    offeredBy: z.object({ name: z.string(), title: z.string().nullable(), unitName: z.string().nullable() }),
    to: z.object({
      assignmentId: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
      unitName: z.string().nullable(),
    }),
    offeredAt: Timestamp,
    respondBy: CalendarDate,
    overdue: z.boolean(),
  })
  .meta({ id: 'HandoverOffer' });
export type HandoverOffer = z.infer<typeof HandoverOffer>;

export const HandoverList = z
  .object({
    incoming: z.array(HandoverOffer).describe('Offers to you, in the assignment you act in, waiting for your answer'),
    outgoing: z.array(HandoverOffer).describe('Offers you made that wait for an answer'),
  })
  .meta({ id: 'HandoverList' });
export type HandoverList = z.infer<typeof HandoverList>;

export const HandoverResult = z
  .object({
    handover: HandoverOffer,
    childId: z.uuid(),
    canSeeChild: z.boolean().describe('After accepting: you are on the team now'),
  })
  .meta({ id: 'HandoverResult' });
export type HandoverResult = z.infer<typeof HandoverResult>;
