import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../core/errors.js';
import { readChildData, readChildDataInline, writeChildData } from '../../access/child-data.js';
import { childAccessFromRow } from '../../access/gate.js';
import type { AuditDetails } from '../../access/audit-events.js';
import { AnswerAfterRollback, StaleVersion } from '../../access/write-outcomes.js';
import { appendChronologyEntry } from '../chronology/service.js';
import { setSupportLevel } from '../children/support-level.js';
import type { Significance } from '../../../contract/chronology.js';
import { PlanJson, type PlanViewWire } from './plan-wire.js';
import * as repo from './repo.js';
import type {
  HandoverCandidates,
  Plan,
  PlanCreateRequest,
  PlanLevelRequest,
  PlanPatchRequest,
  PlanView,
} from '../../../contract/plan/index.js';
import {
  invalid,
  blankToNull,
  COORDINATOR_REQUIRED,
  isUniqueViolation,
  lockPlan,
  mustSeePlan,
  mustPlan,
  checkLevelThree,
} from './plan-rules.js';
import { composeView, mustView, proposalFor } from './plan-view.js';
import { PlanServiceBase } from './plan-service-base.js';
import type { RequestScope } from '../../access/request-scope.js';

export { buildView } from './plan-view.js';

const LEVEL_SIGNIFICANCE: Record<number, Significance> = { 1: 'low', 2: 'medium', 3: 'high' };

/**
 * The child's plan (Collaborate / samarbeta). Every method goes through the child-data choke point
 * (gate → data → audit); a write is one transaction with its audit row, and holds the plan's row
 * lock so the level-3 rules cannot be raced. A failed validation leaves nothing behind.
 */
export class PlanService extends PlanServiceBase {
  // -------------------------------------------------------------------------------------------
  // Reads

  /**
   * The plan page: the current plan (or none) and the team, guardians and open handovers around it.
   * The hot read: the gate, the child's context, the plan with all its items and the other plans
   * are one statement (readChildDataInline, repo.loadPlanView); who may receive a handover is
   * `handoverCandidates`, asked for when the offer form opens.
   */
  async view(scope: RequestScope, childId: string, details?: AuditDetails<'plan.read'>): Promise<PlanViewWire> {
    return readChildDataInline(
      this.call(scope, childId, { action: 'plan.read', resourceId: null, ...(details ? { details } : {}) }),
      async (q, today, gate) => {
        const r = await repo.loadPlanView(q, childId, today, gate);
        return { access: childAccessFromRow(r.gate), data: r.data };
      },
      async (data, _q, today, c) => {
        // A plan of a secrecy domain the actor may not see is, for them, no plan (access/record-access.ts).
        const cur = data.current;
        const current =
          cur && (await c.visible([cur], 'plan', (x) => x.secrecyDomain)).length === 1
            ? new PlanJson(cur.id, cur.version, cur.json)
            : null;
        const all = await c.visible(data.summaries, 'plan', (x) => x.secrecyDomain);
        const earlierPlans = all.filter((p) => p.id !== current?.id).map(({ secrecyDomain: _d, ...p }) => p);
        return { ...composeView(data, current, today), earlierPlans };
      },
    );
  }

  /**
   * Who may receive each role in a handover (the offer form asks when it opens), by the same rules
   * as the offer: the coordinator — the team and the units of the services taking part; barnets
   * bästa-ansvarig — the role that fits the child's age and schooling. The holder is left out.
   */
  async handoverCandidates(scope: RequestScope, childId: string): Promise<HandoverCandidates> {
    return readChildData(
      this.call(scope, childId, {
        action: 'plan.read',
        resourceId: null,
        details: { part: 'handover_candidates' },
      }),
      async (q, today) => {
        const [context, rows] = await Promise.all([
          repo.loadContext(q, childId, today),
          repo.loadCandidates(q, childId, today),
        ]);
        if (!context || !rows) return null;
        const all = repo.planCandidates(rows, proposalFor(context, today).acceptableRoles);
        const coordinator = repo.holderOf(context.team, 'coordinator');
        const lead = repo.holderOf(context.team, 'best_interest_lead');
        return {
          coordinator: all.coordinator.filter((x) => x.assignmentId !== coordinator?.assignmentId),
          best_interest_lead: all.best_interest_lead.filter((x) => x.assignmentId !== lead?.assignmentId),
        };
      },
    );
  }

  /** One plan of the child by id — an earlier, closed plan stays readable after a new one is drawn up. */
  async readPlan(scope: RequestScope, childId: string, planId: string): Promise<Plan> {
    return readChildData(
      this.call(scope, childId, { action: 'plan.read', resourceId: planId }),
      async (q, today, c) => {
        const found = await repo.loadPlan(q, childId, planId, today);
        return found && (await c.visible([found], 'plan', (x) => x.secrecyDomain)).length === 1 ? found.plan : null;
      },
    );
  }

  // -------------------------------------------------------------------------------------------
  // The plan itself

  async create(scope: RequestScope, childId: string, input: PlanCreateRequest): Promise<PlanView> {
    const { actor } = scope;
    return writeChildData(
      this.call(scope, childId, { action: 'plan.create', details: { level: input.level } }),
      async (tx, today) => {
        if (input.nextReviewDate && input.nextReviewDate < today)
          throw invalid('nextReviewDate', `The next review cannot be in the past (today is ${today}).`);
        if (await repo.lockActivePlan(tx, childId)) throw this.activePlanExists(scope, childId);
        if (input.level === 3 && !(await repo.hasCoordinator(tx, childId, today)))
          throw invalid('level', COORDINATOR_REQUIRED);
        const by = this.by(scope);
        const id = randomUUID();
        try {
          await repo.insertPlan(
            tx,
            {
              id,
              childId,
              level: input.level,
              background: blankToNull(input.background),
              nextReviewDate: input.nextReviewDate ?? null,
              owningUnitId: actor.unitId,
              secrecyDomain: actor.secrecyDomain,
            },
            by,
          );
        } catch (err) {
          // Two plans drawn up at the same moment: the unique index lets one win.
          if (isUniqueViolation(err, 'plan_one_active_per_child')) throw this.activePlanExists(scope, childId);
          throw err;
        }
        await repo.insertLevelChange(
          tx,
          { id: randomUUID(), planId: id, childId, before: null, after: input.level, reason: input.reason },
          by,
        );
        const support = await setSupportLevel(tx, childId, input.level, by.now);
        await appendChronologyEntry(tx, {
          childId,
          kind: 'plan_created',
          eventDate: today,
          significance: LEVEL_SIGNIFICANCE[input.level] ?? 'medium',
          text: input.reason,
          details: { supportLevelBefore: support.before, supportLevelAfter: support.after },
          actor,
          createdAt: by.now,
        });
        return {
          result: await mustView(tx, childId, today),
          resourceId: id,
          details: { supportLevelBefore: support.before, supportLevelAfter: support.after },
        };
      },
    );
  }

  async update(scope: RequestScope, childId: string, ifMatch: number, input: PlanPatchRequest): Promise<PlanView> {
    const stale = this.stalePlan(scope, childId);
    return writeChildData(this.call(scope, childId, { action: 'plan.update' }), async (tx, today, c) => {
      const plan = await lockPlan(tx, childId, ifMatch, stale);
      await mustSeePlan(tx, plan.id, c);
      const current = await mustPlan(tx, childId, plan.id, today);
      const changes: Record<string, unknown> = {};
      if (input.background !== undefined) changes.background = blankToNull(input.background);
      if (input.nextReviewDate !== undefined) {
        if (
          input.nextReviewDate !== null &&
          input.nextReviewDate < today &&
          input.nextReviewDate !== current.nextReviewDate
        ) {
          throw invalid('nextReviewDate', `The next review cannot be in the past (today is ${today}).`);
        }
        changes.nextReviewDate = input.nextReviewDate;
      }
      if (input.isSip !== undefined) {
        if (input.isSip && !current.isSip) {
          const ready = {
            ...current.sipReadiness,
            followUp: (input.nextReviewDate !== undefined ? input.nextReviewDate : current.nextReviewDate) !== null,
          };
          const missing = (
            ['actionsPresent', 'everyActionHasResponsibleAndDue', 'overallResponsible', 'followUp'] as const
          ).filter((k) => !ready[k]);
          if (missing.length > 0) {
            throw invalid(
              'isSip',
              `A SIP needs its minimum content: actions, who does what by when, a coordinator with overall responsibility, and a follow-up date. Missing: ${missing.join(', ')}.`,
              { missing },
            );
          }
        }
        changes.isSip = input.isSip;
      }
      if (!(await repo.updateVersioned(tx, 'plan', plan.id, ifMatch, changes, this.by(scope)))) throw stale(plan.id);
      return { result: await mustView(tx, childId, today), resourceId: plan.id };
    });
  }

  /**
   * Changes the level with a reason: the history row, the plan, the child's support level (up or
   * down), a chronology entry and the audit row, in one transaction. Level 3 needs a coordinator and
   * every (not cancelled) action with a responsible person and a due date.
   */
  async changeLevel(
    scope: RequestScope,
    childId: string,
    ifMatch: number,
    input: PlanLevelRequest,
  ): Promise<{ plan: Plan; supportLevel: { before: number; after: number } }> {
    const { actor } = scope;
    const stale = this.stalePlan(scope, childId);
    return writeChildData(
      this.call(scope, childId, { action: 'plan.level_change', details: { levelAfter: input.level } }),
      async (tx, today, c) => {
        const plan = await lockPlan(tx, childId, ifMatch, stale);
        await mustSeePlan(tx, plan.id, c);
        if (plan.level === input.level) throw invalid('level', `The plan is already at level ${input.level}.`);
        if (input.level === 3) await checkLevelThree(tx, childId, plan.id, today);
        const by = this.by(scope);
        if (!(await repo.updateVersioned(tx, 'plan', plan.id, ifMatch, { level: input.level }, by)))
          throw stale(plan.id);
        await repo.insertLevelChange(
          tx,
          {
            id: randomUUID(),
            planId: plan.id,
            childId,
            before: plan.level,
            after: input.level,
            reason: input.reason,
          },
          by,
        );
        const support = await setSupportLevel(tx, childId, input.level, by.now);
        await appendChronologyEntry(tx, {
          childId,
          kind: 'plan_level_changed',
          eventDate: today,
          significance: input.level > plan.level ? (LEVEL_SIGNIFICANCE[input.level] ?? 'medium') : 'medium',
          text: input.reason,
          details: { supportLevelBefore: support.before, supportLevelAfter: support.after },
          actor,
          createdAt: by.now,
        });
        return {
          result: { plan: await mustPlan(tx, childId, plan.id, today), supportLevel: support },
          resourceId: plan.id,
          details: { levelBefore: plan.level, supportLevelBefore: support.before, supportLevelAfter: support.after },
        };
      },
    );
  }

  /**
   * A stale plan version: after the rollback, 412 with the current plan, read through the gate and
   * audited (a plan that is no longer the current one answers 404).
   */
  private stalePlan(scope: RequestScope, childId: string): (planId: string) => StaleVersion {
    return (planId) =>
      new StaleVersion(async () => {
        const view = await this.view(scope, childId, { reason: 'version_conflict' });
        if (!view.plan || view.plan.id !== planId) throw notFound();
        return view.plan.parse();
      });
  }

  /** A second plan: after the rollback, 409 with the id of the active one (read through the gate and audited). */
  private activePlanExists(scope: RequestScope, childId: string): AnswerAfterRollback {
    return new AnswerAfterRollback(async () => {
      const view = await this.view(scope, childId, { reason: 'active_plan_exists' });
      throw new AppError(
        'conflict',
        'This child already has an active plan; there is never more than one. Open it and change it instead.',
        {
          planId: view.plan?.id ?? null,
          currentVersion: view.plan?.version ?? null,
        },
      );
    });
  }
}
