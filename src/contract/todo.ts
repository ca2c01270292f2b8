import { z } from 'zod';
import { CalendarDate } from './common.js';

/**
 * One thing the caller should do by a date. `kind` says what; later slices add their kinds (plan
 * actions, reviews, handovers) to the enum without changing the shape.
 */
export const TodoItem = z
  .object({
    kind: z
      .enum([
        'concern_decision',
        'action',
        'handover',
        'attendance_alert',
        'plan_review',
        'meeting',
        'break_glass_review',
      ])
      .describe(
        "concern_decision: a concern waits for its decision; action: an action in a child's plan I am responsible for; handover: an offer of a role (coordinator, barnets bästa-ansvarig) waits for my answer; attendance_alert: a pupil reached an absence threshold, for me to review; plan_review: the review of a plan I coordinate is due within 14 days or overdue; meeting: a network meeting I am invited to within 14 days; break_glass_review: someone used emergency access (break-glass) on a child I coordinate (or, as a log reviewer, in my organisation) and it waits for the mandatory review",
      ),
    childId: z.uuid(),
    childName: z
      .string()
      .nullable()
      .describe('null only for a handover offer on a child you cannot see until you accept it'),
    dueDate: CalendarDate,
    overdue: z.boolean().describe('The due date has passed'),
    daysOverdue: z.number().int().min(0).describe('0 when not overdue'),
    resourceType: z.enum([
      'concern',
      'plan_action',
      'handover',
      'attendance_alert',
      'plan',
      'plan_meeting',
      'break_glass',
    ]),
    resourceId: z
      .uuid()
      .describe('The concern, the plan action, the handover, the alert, the plan (review) or the meeting'),
    detail: z.string().optional().describe('For an action: what is to be done; for a meeting: its time and purpose'),
    why: z
      .array(
        z.enum([
          'author',
          'coordinator',
          'responsible',
          'receiver',
          'best_interest_lead',
          'principal',
          'invited',
          'log_reviewer',
          'recipient',
        ]),
      )
      .describe(
        "Why it is on my list: I raised it, I coordinate the child, I am responsible for the action, the offer is to me, I am the child's barnets bästa-ansvarig (attendance alert), or the principal of the school when the child has none, or I am invited to the meeting, or the concern was sent to me to decide (raised from a unit that serves the child)",
      ),
  })
  .meta({ id: 'TodoItem' });
export type TodoItem = z.infer<typeof TodoItem>;

export const TodoList = z
  .object({
    today: CalendarDate.describe('The Swedish calendar day the list was made for'),
    upcomingDays: z.number().int().describe('Items due within this many days are listed besides the overdue ones'),
    items: z.array(TodoItem).describe('Overdue first (oldest first), then the upcoming ones by due date'),
  })
  .meta({ id: 'TodoList' });
export type TodoList = z.infer<typeof TodoList>;
