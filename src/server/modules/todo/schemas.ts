import { z } from 'zod';
import { CalendarDate } from '../concerns/schemas.js';

/**
 * One thing the caller should do by a date. `kind` says what; later slices add their kinds (plan
 * actions, reviews, handovers) to the enum without changing the shape.
 */
export const TodoItem = z
  .object({
    kind: z.enum(['concern_decision']).describe('concern_decision: a concern waits for its decision'),
    childId: z.uuid(),
    childName: z.string(),
    dueDate: CalendarDate,
    overdue: z.boolean().describe('The due date has passed'),
    daysOverdue: z.number().int().min(0).describe('0 when not overdue'),
    resourceType: z.enum(['concern']),
    resourceId: z.uuid().describe('The concern (or, for later kinds, the action, review, handover)'),
    why: z.array(z.enum(['author', 'coordinator'])).describe('Why it is on my list: I raised it, and/or I coordinate the child'),
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
