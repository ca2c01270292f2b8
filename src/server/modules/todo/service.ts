import { listChildData } from '../../access/child-list.js';
import type { RequestScope } from '../../access/request-scope.js';
import type { AppContext } from '../../context.js';
import { attendanceAlertsToReview } from '../attendance/todo.js';
import { meetingsUpcoming, reviewsDue } from '../plan/meetings-todo.js';
import { breakGlassReviewsDue } from '../privacy/service.js';
import { concernsToDecide } from '../concerns/serving.js';
import * as repo from './repo.js';
import type { TodoItem, TodoList } from '../../../contract/todo.js';
import { daysBetween } from '../../../core/calendar.js';

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

/** One item per thing to do: a concern both raised by me and sent to me is one row, with both reasons. */
function mergeSame(items: TodoItem[]): TodoItem[] {
  const byKey = new Map<string, TodoItem>();
  for (const i of items) {
    const key = `${i.kind}:${i.resourceId}`;
    const seen = byKey.get(key);
    if (seen) seen.why = [...new Set([...seen.why, ...i.why])];
    else byKey.set(key, { ...i, why: [...i.why] });
  }
  return [...byKey.values()];
}

/**
 * "Att göra": what I should do soon, across the children I may see. Like "Mina barn" it is a list
 * of children's data, so every child in the answer gets its own audit event before it leaves.
 */
export class TodoService {
  constructor(private readonly ctx: AppContext) {}

  async list(scope: RequestScope): Promise<TodoList> {
    const { actor, today, now } = scope;
    const items = await listChildData(
      { ctx: this.ctx, scope, action: 'todo.list', resourceType: 'todo' },
      async (q, gate) =>
        (
          await Promise.all([
            repo.concernDecisionsDue(q, gate, UPCOMING_DAYS),
            repo.planActionsDue(q, gate, UPCOMING_DAYS),
            repo.handoversToAnswer(q, gate),
            attendanceAlertsToReview(q, gate),
            breakGlassReviewsDue(q, actor, now).then((list) =>
              list.map(
                (b): TodoItem => ({
                  kind: 'break_glass_review',
                  childId: b.childId,
                  childName: b.childName,
                  dueDate: b.dueDate,
                  overdue: b.dueDate < today,
                  daysOverdue: b.dueDate < today ? daysBetween(b.dueDate, today) : 0,
                  resourceType: 'break_glass',
                  resourceId: b.breakGlassId,
                  why: [b.why],
                }),
              ),
            ),
            reviewsDue(q, gate),
            meetingsUpcoming(q, gate),
            concernsToDecide(q, gate),
          ]).then((lists) => mergeSame(lists.flat()))
        ).sort(byUrgency),
      // One event per child in the answer, naming how many of its items were shown.
      (items) =>
        [...new Set(items.map((i) => i.childId))].map((childId) => ({
          childId,
          details: { items: items.filter((i) => i.childId === childId).length },
        })),
    );
    return { today, upcomingDays: UPCOMING_DAYS, items };
  }
}
