import { z } from 'zod';
import { CalendarDate, Timestamp } from '../common.js';
import { PersonRef } from '../person.js';
import { Indicator, Version, Who } from './parts.js';
import {
  BestInterestLeadProposal,
  HandoverRole,
  PlanActionStatus,
  PlanGuardian,
  PlanTeamMember,
  TeamRoleHolder,
} from './team.js';

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
