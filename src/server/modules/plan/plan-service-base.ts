import {
  childDataCalls,
  readChildData,
  writeChildData,
  type ChildDataCall,
  type ChildDataCalls,
} from '../../access/child-data.js';
import type { AuditAction, AuditDetails } from '../../access/audit-events.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';
import { closedPlan, lockActivePlanOrRefuse, planVisible, mustSeePlan, mustItem } from './plan-rules.js';
import type { RequestScope } from '../../access/request-scope.js';

/**
 * What the plan's services share: the child-data call for the plan, the author of a write, and the
 * item flows (create in the active plan, patch at a version with 412 on a stale one).
 */
export abstract class PlanServiceBase {
  protected readonly call: ChildDataCalls;

  constructor(
    protected readonly ctx: AppContext,
    resourceType: ChildDataCall['resourceType'] = 'plan',
  ) {
    this.call = childDataCalls(ctx, resourceType);
  }

  /** The author of a write: who, in which assignment, at the request's time. */
  protected by(scope: RequestScope): repo.Author {
    return { personId: scope.actor.personId, assignmentId: scope.actor.assignmentId, now: scope.now.toISOString() };
  }

  protected async readItem(
    scope: RequestScope,
    childId: string,
    kind: repo.PlanItemKind,
    id: string,
    details: AuditDetails<'plan.read'>,
  ): Promise<repo.PlanItem> {
    return readChildData(
      this.call(scope, childId, { action: 'plan.read', resourceType: kind, resourceId: id, details }),
      async (q, today, c) => {
        const item = await repo.loadItem(q, kind, childId, id, today);
        return item && (await planVisible(q, (item as { planId?: string }).planId ?? null, c, childId)) ? item : null;
      },
    );
  }

  protected async createItem(
    scope: RequestScope,
    childId: string,
    kind: repo.PlanItemKind,
    action: AuditAction,
    insert: (tx: Queryable, plan: repo.LockedPlan, today: string, by: repo.Author) => Promise<string>,
  ): Promise<repo.PlanItem> {
    return writeChildData(this.call(scope, childId, { action, resourceType: kind }), async (tx, today, c) => {
      const plan = await lockActivePlanOrRefuse(tx, childId);
      await mustSeePlan(tx, plan.id, c);
      const id = await insert(tx, plan, today, this.by(scope));
      return { result: await mustItem(tx, kind, childId, id, today), resourceId: id };
    });
  }

  protected async patchItem(
    scope: RequestScope,
    childId: string,
    kind: repo.PlanItemKind,
    id: string,
    ifMatch: number,
    action: AuditAction,
    apply: (tx: Queryable, plan: repo.LockedPlan, today: string) => Promise<Record<string, unknown>>,
  ): Promise<repo.PlanItem> {
    return writeChildData(
      this.call(scope, childId, {
        action,
        resourceType: kind,
        resourceId: id,
        // A stale If-Match answers 412 with the current item, read through the gate and audited.
        current: () => this.readItem(scope, childId, kind, id, { reason: 'version_conflict' }),
      }),
      async (tx, today, c) => {
        const locked = await repo.lockItem(tx, kind, childId, id);
        if (!locked || !(await planVisible(tx, locked.plan.id, c))) throw new MissingResource();
        if (locked.version !== ifMatch) throw new StaleVersion();
        if (locked.plan.status !== 'active') throw closedPlan();
        const changes = await apply(tx, locked.plan, today);
        if (!(await repo.updateVersioned(tx, kind, id, ifMatch, changes, this.by(scope)))) throw new StaleVersion();
        return { result: await mustItem(tx, kind, childId, id, today), resourceId: id };
      },
    );
  }
}
