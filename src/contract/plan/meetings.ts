import { z } from 'zod';
import { CalendarDate, Timestamp } from '../common.js';
import { PersonRef } from '../person.js';
import { Plan, PlanAction } from './plan.js';
import { ResponsibleChoice } from './requests.js';
import { PlanActionStatus } from './team.js';

/**
 * Meet, follow up, close — API shapes for the plan's network meetings, reviews (uppföljning) and
 * closing/reopening. A meeting is versioned (ETag "v<version>"; writes send If-Match); a review and
 * the status changes are recorded once and change the plan under the plan's own version.
 */

export const MeetingId = z.uuid().describe('The meeting id');
const Who = z.object({ personId: z.uuid(), name: z.string() });
const TIME_MESSAGE = 'Give the time as HH:MM (24-hour clock), e.g. 14:30.';
const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: TIME_MESSAGE })
  .describe('Swedish local time, HH:MM');
const required = (what: string, max = 5000) => z.string().trim().min(1, what).max(max);
const optionalText = (max = 10_000) => z.string().trim().max(max).nullable();
const some = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);
const atLeastOne = { message: 'Send at least one field to change.' };

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const MeetingStatus = z
  .enum(MEETING_STATUSES)
  .describe('planned, held or cancelled')
  .meta({ id: 'MeetingStatus' });
export const ATTENDANCE = ['invited', 'attending', 'absent', 'excused'] as const;
export const Attendance = z
  .enum(ATTENDANCE)
  .describe('invited (no answer yet), attending (comes / came), absent, excused (sent apologies)')
  .meta({ id: 'MeetingAttendance' });

export const MeetingInvitee = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('professional'),
      personId: z.uuid(),
      assignmentId: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
      unitName: z.string().nullable(),
      attendance: Attendance,
    }),
    z.object({ kind: z.literal('guardian'), guardianId: z.uuid(), name: z.string(), attendance: Attendance }),
    z.object({ kind: z.literal('child'), attendance: Attendance }),
  ])
  .meta({ id: 'MeetingInvitee' });
export type MeetingInvitee = z.infer<typeof MeetingInvitee>;

export const ActionChange = z
  .object({
    status: PlanActionStatus.optional(),
    dueDate: CalendarDate.nullable().optional(),
    responsible: z.string().nullable().optional().describe('The new responsible, in words (name or "the child")'),
  })
  .describe('What a decision set on an existing action')
  .meta({ id: 'MeetingActionChange' });

export const MeetingDecision = z
  .object({
    id: z.uuid(),
    text: z.string(),
    effect: z
      .enum(['none', 'action_created', 'action_changed'])
      .describe('none: a decision only; action_created / action_changed: it created or changed the action named'),
    actionId: z.uuid().nullable(),
    actionWhat: z.string().nullable().describe('What the action is (as it reads today)'),
    actionChange: ActionChange.nullable(),
    decidedAt: Timestamp,
    decidedBy: PersonRef,
  })
  .describe('Recorded, never changed')
  .meta({ id: 'MeetingDecision' });
export type MeetingDecision = z.infer<typeof MeetingDecision>;

export const Meeting = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    childId: z.uuid(),
    date: CalendarDate,
    startTime: Time,
    endTime: Time.nullable(),
    place: z.string().nullable(),
    digital: z.boolean(),
    purpose: z.string(),
    agenda: z.array(z.string()).describe('Agenda items, in order'),
    invitees: z.array(MeetingInvitee).describe('Invitation list with attendance, in the order given'),
    notes: z.string().nullable().describe('Written in the meeting'),
    status: MeetingStatus,
    cancelledReason: z.string().nullable(),
    decisions: z.array(MeetingDecision).describe('Oldest first'),
    createdAt: Timestamp,
    createdBy: PersonRef,
    updatedAt: Timestamp,
    updatedBy: Who,
    version: z
      .number()
      .int()
      .describe('Send it back as If-Match: "v<version>" when changing the meeting or recording a decision'),
  })
  .meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof Meeting>;

export const MeetingList = z
  .object({
    planId: z
      .uuid()
      .nullable()
      .describe('The current plan (active, else the latest closed); null when the child has none'),
    planStatus: z.enum(['active', 'closed']).nullable(),
    meetings: z.array(Meeting).describe('By date and time, earliest first'),
  })
  .meta({ id: 'MeetingList' });
export type MeetingList = z.infer<typeof MeetingList>;

export const InviteeChoice = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('professional'),
        assignmentId: z.uuid().describe("An assignment on the child's team"),
        attendance: Attendance.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('guardian'),
        guardianId: z.uuid().describe("One of the child's guardians"),
        attendance: Attendance.optional(),
      })
      .strict(),
    z.object({ kind: z.literal('child'), attendance: Attendance.optional() }).strict(),
  ])
  .meta({ id: 'InviteeChoice' });
export type InviteeChoice = z.infer<typeof InviteeChoice>;

const agenda = z.array(required('An agenda item cannot be empty.', 500)).max(30, 'At most 30 agenda items.');
const invitees = z.array(InviteeChoice).max(60, 'At most 60 invitees.');

export const MeetingCreateRequest = z
  .object({
    date: CalendarDate,
    startTime: Time,
    endTime: Time.nullable().optional(),
    place: optionalText(300).optional().describe('Required unless digital'),
    digital: z.boolean().default(false),
    purpose: required('Say what the meeting is for.', 1000),
    agenda: agenda.default([]),
    invitees: invitees.default([]).describe('Default: nobody (add the invitation list now or later)'),
  })
  .strict()
  .meta({ id: 'MeetingCreateRequest' });
export type MeetingCreateRequest = z.infer<typeof MeetingCreateRequest>;

export const MeetingPatchRequest = z
  .object({
    date: CalendarDate.optional(),
    startTime: Time.optional(),
    endTime: Time.nullable().optional(),
    place: optionalText(300).optional(),
    digital: z.boolean().optional(),
    purpose: required('Say what the meeting is for.', 1000).optional(),
    agenda: agenda.optional().describe('The whole agenda (replaces it)'),
    invitees: invitees.optional().describe('The whole invitation list with attendance (replaces it)'),
    notes: optionalText(50_000).optional(),
    status: MeetingStatus.optional().describe(
      'planned → held (not before the meeting day) or cancelled; a held or cancelled meeting does not go back',
    ),
    cancelledReason: optionalText(2000).optional(),
  })
  .strict()
  .refine(some, atLeastOne)
  .meta({ id: 'MeetingPatchRequest' });
export type MeetingPatchRequest = z.infer<typeof MeetingPatchRequest>;

export const DecisionActionRequest = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('create'),
        what: required('Describe what is to be done.'),
        goalId: z.uuid().nullable().optional(),
        serviceId: z.uuid().nullable().optional(),
        responsible: ResponsibleChoice.nullable().optional().describe('Required at level 3'),
        dueDate: CalendarDate.nullable().optional().describe('Required at level 3; not in the past'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('change'),
        actionId: z.uuid().describe('An action of this plan'),
        actionVersion: z
          .number()
          .int()
          .min(1)
          .describe(
            "The action's version the decision was taken on (PlanAction.version). When the action has changed since: 409 (details.reason action_changed), nothing recorded",
          ),
        status: PlanActionStatus.optional(),
        dueDate: CalendarDate.nullable().optional(),
        responsible: ResponsibleChoice.nullable().optional(),
      })
      .strict()
      .refine((v) => v.status !== undefined || v.dueDate !== undefined || v.responsible !== undefined, {
        message: 'Say what the decision changes in the action: status, due date or responsible.',
      }),
  ])
  .meta({ id: 'DecisionActionRequest' });

export const MeetingDecisionCreateRequest = z
  .object({
    text: required('Write the decision.', 5000),
    action: DecisionActionRequest.optional().describe(
      'Create a new action, or change an existing one, in the same transaction',
    ),
  })
  .strict()
  .meta({ id: 'MeetingDecisionCreateRequest' });
export type MeetingDecisionCreateRequest = z.infer<typeof MeetingDecisionCreateRequest>;

export const MeetingDecisionResult = z
  .object({
    meeting: Meeting,
    decision: MeetingDecision,
    action: PlanAction.nullable().describe('The action created or changed'),
  })
  .meta({ id: 'MeetingDecisionResult' });
export type MeetingDecisionResult = z.infer<typeof MeetingDecisionResult>;

// ---------------------------------------------------------------------------------------------
// Reviews

export const REVIEW_OUTCOMES = ['done', 'continue', 'change', 'bring_in_service'] as const;
export const ReviewOutcomeCode = z
  .enum(REVIEW_OUTCOMES)
  .describe(
    'done (the action is done), continue (as it is), change (new text and/or due date), bring_in_service (another service is needed; say which in the comment)',
  )
  .meta({ id: 'ReviewOutcomeCode' });

export const ReviewOutcome = z
  .object({
    actionId: z.uuid(),
    actionWhat: z.string().describe('What the action is (as it reads today)'),
    outcome: ReviewOutcomeCode,
    comment: z.string().nullable(),
    whatBefore: z.string().nullable(),
    whatAfter: z.string().nullable(),
    dueBefore: CalendarDate.nullable(),
    dueAfter: CalendarDate.nullable(),
  })
  .meta({ id: 'ReviewOutcome' });

export const Review = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    reviewedOn: CalendarDate,
    meetingId: z.uuid().nullable(),
    summary: z.string().nullable(),
    previousReviewDate: CalendarDate.nullable(),
    nextReviewDate: CalendarDate.nullable(),
    outcomes: z.array(ReviewOutcome),
    createdAt: Timestamp,
    createdBy: PersonRef,
  })
  .describe('Recorded once, never changed')
  .meta({ id: 'Review' });
export type Review = z.infer<typeof Review>;

export const ReviewList = z
  .object({ planId: z.uuid().nullable(), reviews: z.array(Review).describe('Newest first') })
  .meta({ id: 'ReviewList' });
export type ReviewList = z.infer<typeof ReviewList>;

export const ReviewOutcomeChoice = z
  .object({
    actionId: z.uuid(),
    outcome: ReviewOutcomeCode,
    comment: optionalText(5000).optional(),
    newWhat: z.string().trim().min(1).max(5000).optional().describe('For change: the new text'),
    newDueDate: CalendarDate.optional().describe('For change: the new due date (not in the past)'),
  })
  .strict()
  .meta({ id: 'ReviewOutcomeChoice' });
export type ReviewOutcomeChoice = z.infer<typeof ReviewOutcomeChoice>;

export const ReviewCreateRequest = z
  .object({
    reviewedOn: CalendarDate.describe('Not in the future, not before the plan was drawn up'),
    meetingId: z.uuid().nullable().optional().describe('The meeting of this plan the review was held in'),
    summary: optionalText(20_000).optional(),
    outcomes: z
      .array(ReviewOutcomeChoice)
      .max(500)
      .describe('One per open (planned or in progress) action of the plan — all of them'),
    nextReviewDate: CalendarDate.nullable().describe(
      'The next review (after the review date, not in the past); null only when none is planned',
    ),
  })
  .strict()
  .meta({ id: 'ReviewCreateRequest' });
export type ReviewCreateRequest = z.infer<typeof ReviewCreateRequest>;

export const ReviewResult = z.object({ review: Review, plan: Plan }).meta({ id: 'ReviewResult' });

// ---------------------------------------------------------------------------------------------
// Closing and reopening

export const CLOSE_REASONS = [
  'goals_met',
  'family_declined',
  'moved',
  'handed_over_to_sip',
  'handed_over_to_social_services',
  'other',
] as const;
export const CloseReason = z
  .enum(CLOSE_REASONS)
  .describe(
    'goals_met, family_declined, moved, handed_over_to_sip, handed_over_to_social_services, other (then reasonText is required)',
  )
  .meta({ id: 'PlanCloseReason' });
export type CloseReason = z.infer<typeof CloseReason>;

export const PlanCloseRequest = z
  .object({
    reason: CloseReason,
    reasonText: optionalText(5000).optional().describe('Required when the reason is other'),
  })
  .strict()
  .meta({ id: 'PlanCloseRequest' });
export type PlanCloseRequest = z.infer<typeof PlanCloseRequest>;

export const PlanReopenRequest = z
  .object({ reason: required('Say why the plan is reopened.') })
  .strict()
  .meta({ id: 'PlanReopenRequest' });
export type PlanReopenRequest = z.infer<typeof PlanReopenRequest>;
