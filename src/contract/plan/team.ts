import { z } from 'zod';
import { BEST_INTEREST_LEAD_ROLES } from '../../core/best-interest-lead.js';
import { CalendarDate } from '../common.js';

/**
 * The child's plan (Collaborate / samarbeta): API shapes. Every mutable resource carries `version`
 * (ETag "v<version>"; writes send If-Match). Schema ids must not end in "Input" (see contract/wheel.ts).
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
