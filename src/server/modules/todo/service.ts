import type { AssignedActor } from '../../access/actor.js';
import type { AuditEventInput } from '../../audit/events.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import * as repo from './repo.js';
import { attendanceAlertsToReview } from '../attendance/todo.js';
import { breakGlassReviewsDue } from '../privacy/service.js';
import { protectedChildIds } from '../../access/record-access.js';
import { meetingsUpcoming, reviewsDue } from '../plan/meetings-todo.js';
import type { TodoItem, TodoList } from './schemas.js';

/** Items due within this many days are shown before they become overdue. */
export const UPCOMING_DAYS = 3;

/** Overdue first (the longest overdue first), then by due date; then by child, so the order is stable. */
function byUrgency(a: TodoItem, b: TodoItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return (
    a.dueDate.localeCompare(b.dueDate) ||
    (a.childName ?? '').localeCompare(b.childName ?? '', 'sv') ||
    a.resourceId.localeCompare(b.resourceId)
  );
}

/**
 * "Att göra": what I should do soon, across the children I may see. Like "Mina barn" it is a list
 * of children's data, so every child in the answer gets its own audit event before it leaves.
 */
export class TodoService {
  constructor(private readonly ctx: AppContext) {}

  async list(actor: AssignedActor, requestId: string): Promise<TodoList> {
    const today = swedishToday(this.ctx.now());
    const items = (
      await Promise.all([
        repo.concernDecisionsDue(this.ctx.db, actor, today, UPCOMING_DAYS, this.ctx.now()),
        repo.planActionsDue(this.ctx.db, actor, today, UPCOMING_DAYS),
        repo.handoversToAnswer(this.ctx.db, actor, today),
        attendanceAlertsToReview(this.ctx.db, actor, today),
        breakGlassReviewsDue(this.ctx.db, actor, this.ctx.now()).then((list) =>
          list.map(
            (b): TodoItem => ({
              kind: 'break_glass_review',
              childId: b.childId,
              childName: b.childName,
              dueDate: b.dueDate,
              overdue: b.dueDate < today,
              daysOverdue: b.dueDate < today ? Math.round((Date.parse(today) - Date.parse(b.dueDate)) / 86_400_000) : 0,
              resourceType: 'break_glass',
              resourceId: b.breakGlassId,
              why: [b.why],
            }),
          ),
        ),
        reviewsDue(this.ctx.db, actor, today, this.ctx.now()),
        meetingsUpcoming(this.ctx.db, actor, today, this.ctx.now()),
      ])
    )
      .flat()
      .sort(byUrgency);
    const event = (childId: string | null, details?: AuditEventInput['details']): AuditEventInput => ({
      actorPersonId: actor.personId,
      actorAssignmentId: actor.assignmentId,
      childId,
      action: 'todo.list',
      resourceType: 'todo',
      resourceId: null,
      outcome: 'permitted',
      requestId,
      ...(details ? { details } : {}),
    });
    const children = [...new Set(items.map((i) => i.childId))];
    const prot = await protectedChildIds(this.ctx.db, children);
    await this.ctx.audit.record(
      children.length > 0
        ? children.map((id) =>
            event(id, {
              items: items.filter((i) => i.childId === id).length,
              ...(prot.has(id) ? { protected_identity: true } : {}),
            }),
          )
        : [event(null, { count: 0 })],
    );
    return { today, upcomingDays: UPCOMING_DAYS, items };
  }
}
