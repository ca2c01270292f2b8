import { randomUUID } from 'node:crypto';
import { proposeBestInterestLead } from '../../../core/best-interest-lead.js';
import { AppError, notFound } from '../../../core/errors.js';
import { wheelOrder } from '../../../core/wheel.js';
import type { AssignedActor } from '../../access/actor.js';
import {
  readChildData,
  readChildDataInline,
  writeChildData,
  type ChildDataCall,
  type ChildDataContext,
} from '../../access/child-data.js';
import { childAccessFromRow } from '../../access/gate.js';
import type { AuditAction, AuditDetails } from '../../access/audit-events.js';
import { AnswerAfterRollback, MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { appendChronologyEntry } from '../chronology/service.js';
import { setSupportLevel } from '../children/support-level.js';
import type { Significance } from '../../../contract/chronology.js';
import { PlanJson, type PlanViewWire } from './plan-wire.js';
import * as repo from './repo.js';
import type {
  HandoverCandidates,
  Plan,
  PlanAction,
  PlanActionCreateRequest,
  PlanActionPatchRequest,
  PlanCreateRequest,
  PlanDisagreement,
  PlanDisagreementCreateRequest,
  PlanGoal,
  PlanGoalCreateRequest,
  PlanGoalPatchRequest,
  PlanGuardianView,
  PlanGuardianViewCreateRequest,
  PlanGuardianViewPatchRequest,
  PlanLevelRequest,
  PlanNeed,
  PlanNeedCreateRequest,
  PlanNeedPatchRequest,
  PlanPatchRequest,
  PlanService as PlanServiceItem,
  PlanServiceCreateRequest,
  PlanServicePatchRequest,
  PlanView,
  PlanVoice,
  PlanVoiceCreateRequest,
  PlanVoicePatchRequest,
  ResponsibleChoice,
} from '../../../contract/plan/index.js';

/** No active plan, or one the actor may not see: a write to it is audited as not found on the plan. */
export const missingPlan = () => new MissingResource({ resourceType: 'plan', resourceId: null });

/** A 400 that names the field, like the schema validation's answers do. */
export function invalid(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('validation_failed', message, { field, issues: [{ path: field, message }], ...extra });
}

export const closedPlan = () =>
  new AppError('conflict', 'The plan is closed and can no longer be changed. Reopen it to change it.', {
    reason: 'plan_closed',
  });
const blankToNull = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();
const LEVEL_SIGNIFICANCE: Record<number, Significance> = { 1: 'low', 2: 'medium', 3: 'high' };
const COORDINATOR_REQUIRED =
  'A plan at level 3 (coordinated support) needs a coordinator (samordnare). Appoint one first: offer the coordinator role to someone on the team and let them accept.';

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === constraint || String(e.message ?? '').includes(constraint));
}

/**
 * The child's plan (Collaborate / samarbeta). Every method goes through the child-data choke point
 * (gate → data → audit); a write is one transaction with its audit row, and holds the plan's row
 * lock so the level-3 rules cannot be raced. A failed validation leaves nothing behind.
 */
export class PlanService {
  constructor(private readonly ctx: AppContext) {}

  private call(
    actor: AssignedActor,
    childId: string,
    requestId: string,
    rest: Pick<ChildDataCall, 'action'> & Partial<ChildDataCall>,
  ): ChildDataCall {
    return { ctx: this.ctx, actor, childId, requestId, resourceType: 'plan', ...rest };
  }

  private by(actor: AssignedActor): repo.Author {
    return { personId: actor.personId, assignmentId: actor.assignmentId, now: this.ctx.now().toISOString() };
  }

  // -------------------------------------------------------------------------------------------
  // Reads

  /**
   * The plan page: the current plan (or none) and the team, guardians and open handovers around it.
   * The hot read: the gate, the child's context, the plan with all its items and the other plans
   * are one statement (readChildDataInline, repo.loadPlanView); who may receive a handover is
   * `handoverCandidates`, asked for when the offer form opens.
   */
  async view(
    actor: AssignedActor,
    childId: string,
    requestId: string,
    details?: AuditDetails<'plan.read'>,
  ): Promise<PlanViewWire> {
    return readChildDataInline(
      this.call(actor, childId, requestId, { action: 'plan.read', resourceId: null, ...(details ? { details } : {}) }),
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
  async handoverCandidates(actor: AssignedActor, childId: string, requestId: string): Promise<HandoverCandidates> {
    return readChildData(
      this.call(actor, childId, requestId, {
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
  async readPlan(actor: AssignedActor, childId: string, planId: string, requestId: string): Promise<Plan> {
    return readChildData(
      this.call(actor, childId, requestId, { action: 'plan.read', resourceId: planId }),
      async (q, today, c) => {
        const found = await repo.loadPlan(q, childId, planId, today);
        return found && (await c.visible([found], 'plan', (x) => x.secrecyDomain)).length === 1 ? found.plan : null;
      },
    );
  }

  private async readItem(
    actor: AssignedActor,
    childId: string,
    kind: repo.PlanItemKind,
    id: string,
    requestId: string,
    details: AuditDetails<'plan.read'>,
  ): Promise<repo.PlanItem> {
    return readChildData(
      this.call(actor, childId, requestId, { action: 'plan.read', resourceType: kind, resourceId: id, details }),
      async (q, today, c) => {
        const item = await repo.loadItem(q, kind, childId, id, today);
        return item && (await planVisible(q, (item as { planId?: string }).planId ?? null, c, childId)) ? item : null;
      },
    );
  }

  // -------------------------------------------------------------------------------------------
  // The plan itself

  async create(actor: AssignedActor, childId: string, input: PlanCreateRequest, requestId: string): Promise<PlanView> {
    return writeChildData(
      this.call(actor, childId, requestId, { action: 'plan.create', details: { level: input.level } }),
      async (tx, today) => {
        if (input.nextReviewDate && input.nextReviewDate < today)
          throw invalid('nextReviewDate', `The next review cannot be in the past (today is ${today}).`);
        if (await repo.lockActivePlan(tx, childId)) throw this.activePlanExists(actor, childId, requestId);
        if (input.level === 3 && !(await repo.hasCoordinator(tx, childId, today)))
          throw invalid('level', COORDINATOR_REQUIRED);
        const by = this.by(actor);
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
          if (isUniqueViolation(err, 'plan_one_active_per_child'))
            throw this.activePlanExists(actor, childId, requestId);
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

  async update(
    actor: AssignedActor,
    childId: string,
    ifMatch: number,
    input: PlanPatchRequest,
    requestId: string,
  ): Promise<PlanView> {
    const stale = this.stalePlan(actor, childId, requestId);
    return writeChildData(this.call(actor, childId, requestId, { action: 'plan.update' }), async (tx, today, c) => {
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
      if (!(await repo.updateVersioned(tx, 'plan', plan.id, ifMatch, changes, this.by(actor)))) throw stale(plan.id);
      return { result: await mustView(tx, childId, today), resourceId: plan.id };
    });
  }

  /**
   * Changes the level with a reason: the history row, the plan, the child's support level (up or
   * down), a chronology entry and the audit row, in one transaction. Level 3 needs a coordinator and
   * every (not cancelled) action with a responsible person and a due date.
   */
  async changeLevel(
    actor: AssignedActor,
    childId: string,
    ifMatch: number,
    input: PlanLevelRequest,
    requestId: string,
  ): Promise<{ plan: Plan; supportLevel: { before: number; after: number } }> {
    const stale = this.stalePlan(actor, childId, requestId);
    return writeChildData(
      this.call(actor, childId, requestId, { action: 'plan.level_change', details: { levelAfter: input.level } }),
      async (tx, today, c) => {
        const plan = await lockPlan(tx, childId, ifMatch, stale);
        await mustSeePlan(tx, plan.id, c);
        if (plan.level === input.level) throw invalid('level', `The plan is already at level ${input.level}.`);
        if (input.level === 3) await checkLevelThree(tx, childId, plan.id, today);
        const by = this.by(actor);
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

  // -------------------------------------------------------------------------------------------
  // Services taking part

  async addService(
    actor: AssignedActor,
    childId: string,
    input: PlanServiceCreateRequest,
    requestId: string,
  ): Promise<PlanServiceItem> {
    return this.createItem(
      actor,
      childId,
      'plan_service',
      'plan_service.create',
      requestId,
      async (tx, plan, today, by) => {
        const unit = await repo.unitFacts(tx, input.unitId);
        if (!unit) throw invalid('unitId', 'There is no such unit.');
        if (await repo.activeServiceForUnit(tx, plan.id, input.unitId))
          throw invalid('unitId', 'That service already takes part in the plan.');
        const contact = await teamContact(tx, childId, input.contactAssignmentId, input.unitId, today);
        const id = randomUUID();
        await repo.insertService(
          tx,
          {
            id,
            planId: plan.id,
            unitId: unit.id,
            organisationId: unit.organisationId,
            contactPersonId: contact.personId,
            contactAssignmentId: contact.assignmentId,
            contribution: blankToNull(input.contribution),
          },
          by,
        );
        return id;
      },
    ) as Promise<PlanServiceItem>;
  }

  async updateService(
    actor: AssignedActor,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanServicePatchRequest,
    requestId: string,
  ): Promise<PlanServiceItem> {
    return this.patchItem(
      actor,
      childId,
      'plan_service',
      id,
      ifMatch,
      'plan_service.update',
      requestId,
      async (tx, _plan, today) => {
        const current = (await repo.loadItem(tx, 'plan_service', childId, id, today)) as PlanServiceItem;
        const changes: Record<string, unknown> = {};
        if (input.contactAssignmentId !== undefined) {
          const contact = await teamContact(tx, childId, input.contactAssignmentId, current.unit.id, today);
          changes.contactPersonId = contact.personId;
          changes.contactAssignmentId = contact.assignmentId;
        }
        if (input.contribution !== undefined) changes.contribution = blankToNull(input.contribution);
        if (input.ended) {
          if (current.endedOn !== null) throw invalid('ended', 'The service has already stopped taking part.');
          changes.endedOn = today;
        }
        return changes;
      },
    ) as Promise<PlanServiceItem>;
  }

  // -------------------------------------------------------------------------------------------
  // Needs and goals

  async addNeed(
    actor: AssignedActor,
    childId: string,
    input: PlanNeedCreateRequest,
    requestId: string,
  ): Promise<PlanNeed> {
    return this.createItem(actor, childId, 'plan_need', 'plan_need.create', requestId, async (tx, plan, _today, by) => {
      const id = randomUUID();
      await repo.insertNeed(
        tx,
        { id, planId: plan.id, indicator: input.indicator, description: input.description },
        by,
      );
      return id;
    }) as Promise<PlanNeed>;
  }

  async updateNeed(
    actor: AssignedActor,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanNeedPatchRequest,
    requestId: string,
  ): Promise<PlanNeed> {
    return this.patchItem(actor, childId, 'plan_need', id, ifMatch, 'plan_need.update', requestId, async () => ({
      ...(input.indicator !== undefined ? { indicator: input.indicator } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    })) as Promise<PlanNeed>;
  }

  async addGoal(
    actor: AssignedActor,
    childId: string,
    input: PlanGoalCreateRequest,
    requestId: string,
  ): Promise<PlanGoal> {
    return this.createItem(actor, childId, 'plan_goal', 'plan_goal.create', requestId, async (tx, plan, today, by) => {
      if (input.needId && !(await repo.itemBelongsToPlan(tx, 'plan_need', input.needId, plan.id)))
        throw invalid('needId', 'That need is not in this plan.');
      if (input.targetDate && input.targetDate < today)
        throw invalid('targetDate', `The target date cannot be in the past (today is ${today}).`);
      const id = randomUUID();
      await repo.insertGoal(
        tx,
        {
          id,
          planId: plan.id,
          description: input.description,
          needId: input.needId ?? null,
          indicators: wheelOrder(input.indicators),
          targetDate: input.targetDate ?? null,
        },
        by,
      );
      return id;
    }) as Promise<PlanGoal>;
  }

  async updateGoal(
    actor: AssignedActor,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanGoalPatchRequest,
    requestId: string,
  ): Promise<PlanGoal> {
    return this.patchItem(
      actor,
      childId,
      'plan_goal',
      id,
      ifMatch,
      'plan_goal.update',
      requestId,
      async (tx, plan, today) => {
        const current = (await repo.loadItem(tx, 'plan_goal', childId, id, today)) as PlanGoal;
        const changes: Record<string, unknown> = {};
        if (input.description !== undefined) changes.description = input.description;
        if (input.needId !== undefined) {
          if (input.needId && !(await repo.itemBelongsToPlan(tx, 'plan_need', input.needId, plan.id)))
            throw invalid('needId', 'That need is not in this plan.');
          changes.needId = input.needId;
        }
        if (input.indicators !== undefined) changes.indicators = wheelOrder(input.indicators);
        if (input.targetDate !== undefined) {
          if (input.targetDate && input.targetDate < today && input.targetDate !== current.targetDate)
            throw invalid('targetDate', `The target date cannot be in the past (today is ${today}).`);
          changes.targetDate = input.targetDate;
        }
        return changes;
      },
    ) as Promise<PlanGoal>;
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  async addAction(
    actor: AssignedActor,
    childId: string,
    input: PlanActionCreateRequest,
    requestId: string,
  ): Promise<PlanAction> {
    return this.createItem(
      actor,
      childId,
      'plan_action',
      'plan_action.create',
      requestId,
      async (tx, plan, today, by) => {
        const status = input.status ?? 'planned';
        const responsible = await resolveResponsible(tx, childId, input.responsible ?? null, today);
        const dueDate = input.dueDate ?? null;
        if (dueDate && dueDate < today && (status === 'planned' || status === 'in_progress'))
          throw invalid('dueDate', `The due date of an open action cannot be in the past (today is ${today}).`);
        await checkActionLinks(tx, plan.id, { goalId: input.goalId ?? null, serviceId: input.serviceId ?? null });
        if (plan.level === 3) checkLevelThreeAction(input.what, responsible.responsibleKind, dueDate, status);
        const id = randomUUID();
        await repo.insertAction(
          tx,
          {
            id,
            planId: plan.id,
            what: input.what,
            goalId: input.goalId ?? null,
            serviceId: input.serviceId ?? null,
            dueDate,
            status,
            ...responsible,
          },
          by,
        );
        return id;
      },
    ) as Promise<PlanAction>;
  }

  async updateAction(
    actor: AssignedActor,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanActionPatchRequest,
    requestId: string,
  ): Promise<PlanAction> {
    return this.patchItem(
      actor,
      childId,
      'plan_action',
      id,
      ifMatch,
      'plan_action.update',
      requestId,
      async (tx, plan, today) => {
        const current = (await repo.loadItem(tx, 'plan_action', childId, id, today)) as PlanAction;
        const changes: Record<string, unknown> = {};
        if (input.what !== undefined) changes.what = input.what;
        let responsibleKind = current.responsible?.kind ?? null;
        if (input.responsible !== undefined) {
          const r = await resolveResponsible(tx, childId, input.responsible, today);
          Object.assign(changes, r);
          responsibleKind = r.responsibleKind;
        }
        const status = input.status ?? current.status;
        if (input.status !== undefined) changes.status = input.status;
        const dueDate = input.dueDate !== undefined ? input.dueDate : current.dueDate;
        if (input.dueDate !== undefined) {
          if (
            input.dueDate &&
            input.dueDate !== current.dueDate &&
            input.dueDate < today &&
            (status === 'planned' || status === 'in_progress')
          ) {
            throw invalid('dueDate', `The due date of an open action cannot be in the past (today is ${today}).`);
          }
          changes.dueDate = input.dueDate;
        }
        if (input.goalId !== undefined || input.serviceId !== undefined) {
          await checkActionLinks(tx, plan.id, {
            goalId: input.goalId ?? null,
            serviceId: input.serviceId !== undefined && input.serviceId !== current.serviceId ? input.serviceId : null,
          });
          if (input.goalId !== undefined) changes.goalId = input.goalId;
          if (input.serviceId !== undefined) changes.serviceId = input.serviceId;
        }
        if (plan.level === 3)
          checkLevelThreeAction((changes.what as string | undefined) ?? current.what, responsibleKind, dueDate, status);
        return changes;
      },
    ) as Promise<PlanAction>;
  }

  // -------------------------------------------------------------------------------------------
  // The child's voice, the guardians' views, disagreements

  async addVoice(
    actor: AssignedActor,
    childId: string,
    input: PlanVoiceCreateRequest,
    requestId: string,
  ): Promise<PlanVoice> {
    return this.createItem(
      actor,
      childId,
      'plan_voice',
      'plan_voice.create',
      requestId,
      async (tx, plan, today, by) => {
        const recordedOn = await checkRecordedOn(tx, childId, input.recordedOn ?? today, today);
        const id = randomUUID();
        await repo.insertVoice(
          tx,
          { id, planId: plan.id, text: input.text, recordedOn, writtenByChild: input.writtenByChild },
          by,
        );
        return id;
      },
    ) as Promise<PlanVoice>;
  }

  async updateVoice(
    actor: AssignedActor,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanVoicePatchRequest,
    requestId: string,
  ): Promise<PlanVoice> {
    return this.patchItem(
      actor,
      childId,
      'plan_voice',
      id,
      ifMatch,
      'plan_voice.update',
      requestId,
      async (tx, _plan, today) => ({
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.recordedOn !== undefined
          ? { recordedOn: await checkRecordedOn(tx, childId, input.recordedOn, today) }
          : {}),
        ...(input.writtenByChild !== undefined ? { writtenByChild: input.writtenByChild } : {}),
      }),
    ) as Promise<PlanVoice>;
  }

  async addGuardianView(
    actor: AssignedActor,
    childId: string,
    input: PlanGuardianViewCreateRequest,
    requestId: string,
  ): Promise<PlanGuardianView> {
    return this.createItem(
      actor,
      childId,
      'plan_guardian_view',
      'plan_guardian_view.create',
      requestId,
      async (tx, plan, today, by) => {
        // The same answer whether the guardian does not exist, is someone else's, or has no custody.
        if (!(await repo.guardianOfChild(tx, childId, input.guardianId, today, true)))
          throw invalid('guardianId', "That is not one of this child's guardians with custody.");
        const existing = await repo.guardianViewExists(tx, plan.id, input.guardianId);
        if (existing)
          throw new AppError(
            'conflict',
            "This guardian's view is already in the plan; change it instead of adding a second one.",
            { viewId: existing },
          );
        const recordedOn = await checkRecordedOn(tx, childId, input.recordedOn ?? today, today);
        const id = randomUUID();
        await repo.insertGuardianView(
          tx,
          {
            id,
            planId: plan.id,
            guardianId: input.guardianId,
            text: input.text,
            recordedOn,
            writtenByGuardian: input.writtenByGuardian,
          },
          by,
        );
        return id;
      },
    ) as Promise<PlanGuardianView>;
  }

  async updateGuardianView(
    actor: AssignedActor,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanGuardianViewPatchRequest,
    requestId: string,
  ): Promise<PlanGuardianView> {
    return this.patchItem(
      actor,
      childId,
      'plan_guardian_view',
      id,
      ifMatch,
      'plan_guardian_view.update',
      requestId,
      async (tx, _plan, today) => ({
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.recordedOn !== undefined
          ? { recordedOn: await checkRecordedOn(tx, childId, input.recordedOn, today) }
          : {}),
        ...(input.writtenByGuardian !== undefined ? { writtenByGuardian: input.writtenByGuardian } : {}),
      }),
    ) as Promise<PlanGuardianView>;
  }

  async addDisagreement(
    actor: AssignedActor,
    childId: string,
    input: PlanDisagreementCreateRequest,
    requestId: string,
  ): Promise<PlanDisagreement> {
    return writeChildData(
      this.call(actor, childId, requestId, { action: 'plan_disagreement.create', resourceType: 'plan_disagreement' }),
      async (tx, today, c) => {
        const plan = await lockActivePlanOrRefuse(tx, childId);
        await mustSeePlan(tx, plan.id, c);
        const party = input.party;
        let guardianId: string | null = null;
        let person: { personId: string; assignmentId: string } | null = null;
        if (party.kind === 'guardian') {
          if (!(await repo.guardianOfChild(tx, childId, party.guardianId, today, false)))
            throw invalid('party.guardianId', "That is not one of this child's guardians.");
          guardianId = party.guardianId;
        } else if (party.kind === 'professional') {
          const rows = await repo.activeTeamRows(tx, childId, party.assignmentId, today);
          if (rows.length === 0) throw invalid('party.assignmentId', "That assignment is not on this child's team.");
          person = { personId: rows[0]!.personId, assignmentId: party.assignmentId };
        }
        const recordedOn = await checkRecordedOn(tx, childId, input.recordedOn ?? today, today);
        const id = randomUUID();
        await repo.insertDisagreement(
          tx,
          {
            id,
            planId: plan.id,
            partyKind: party.kind,
            guardianId,
            personId: person?.personId ?? null,
            assignmentId: person?.assignmentId ?? null,
            about: input.about,
            text: input.text,
            recordedOn,
          },
          this.by(actor),
        );
        const d = await repo.loadDisagreement(tx, childId, id);
        if (!d) throw new Error('disagreement vanished inside its own transaction');
        return { result: d, resourceId: id };
      },
    );
  }

  // -------------------------------------------------------------------------------------------
  // Shared write flows

  private async createItem(
    actor: AssignedActor,
    childId: string,
    kind: repo.PlanItemKind,
    action: AuditAction,
    requestId: string,
    insert: (tx: Queryable, plan: repo.LockedPlan, today: string, by: repo.Author) => Promise<string>,
  ): Promise<repo.PlanItem> {
    return writeChildData(
      this.call(actor, childId, requestId, { action, resourceType: kind }),
      async (tx, today, c) => {
        const plan = await lockActivePlanOrRefuse(tx, childId);
        await mustSeePlan(tx, plan.id, c);
        const id = await insert(tx, plan, today, this.by(actor));
        return { result: await mustItem(tx, kind, childId, id, today), resourceId: id };
      },
    );
  }

  private async patchItem(
    actor: AssignedActor,
    childId: string,
    kind: repo.PlanItemKind,
    id: string,
    ifMatch: number,
    action: AuditAction,
    requestId: string,
    apply: (tx: Queryable, plan: repo.LockedPlan, today: string) => Promise<Record<string, unknown>>,
  ): Promise<repo.PlanItem> {
    return writeChildData(
      this.call(actor, childId, requestId, {
        action,
        resourceType: kind,
        resourceId: id,
        // A stale If-Match answers 412 with the current item, read through the gate and audited.
        current: () => this.readItem(actor, childId, kind, id, requestId, { reason: 'version_conflict' }),
      }),
      async (tx, today, c) => {
        const locked = await repo.lockItem(tx, kind, childId, id);
        if (!locked || !(await planVisible(tx, locked.plan.id, c))) throw new MissingResource();
        if (locked.version !== ifMatch) throw new StaleVersion();
        if (locked.plan.status !== 'active') throw closedPlan();
        const changes = await apply(tx, locked.plan, today);
        if (!(await repo.updateVersioned(tx, kind, id, ifMatch, changes, this.by(actor)))) throw new StaleVersion();
        return { result: await mustItem(tx, kind, childId, id, today), resourceId: id };
      },
    );
  }

  /**
   * A stale plan version: after the rollback, 412 with the current plan, read through the gate and
   * audited (a plan that is no longer the current one answers 404).
   */
  private stalePlan(actor: AssignedActor, childId: string, requestId: string): (planId: string) => StaleVersion {
    return (planId) =>
      new StaleVersion(async () => {
        const view = await this.view(actor, childId, requestId, { reason: 'version_conflict' });
        if (!view.plan || view.plan.id !== planId) throw notFound();
        return view.plan.parse();
      });
  }

  /** A second plan: after the rollback, 409 with the id of the active one (read through the gate and audited). */
  private activePlanExists(actor: AssignedActor, childId: string, requestId: string): AnswerAfterRollback {
    return new AnswerAfterRollback(async () => {
      const view = await this.view(actor, childId, requestId, { reason: 'active_plan_exists' });
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

// ---------------------------------------------------------------------------------------------
// Helpers

/** The active plan, locked, at the version If-Match names (else the stale answer for it). */
async function lockPlan(
  tx: Queryable,
  childId: string,
  ifMatch: number,
  stale: (planId: string) => StaleVersion,
): Promise<repo.LockedPlan> {
  const plan = await lockActivePlanOrRefuse(tx, childId);
  if (plan.version !== ifMatch) throw stale(plan.id);
  return plan;
}

/**
 * The child's active plan, locked. Without one: 409 when the latest plan is closed (a closed plan
 * stays readable but is not written to), else not found.
 */
export async function lockActivePlanOrRefuse(tx: Queryable, childId: string): Promise<repo.LockedPlan> {
  const plan = await repo.lockActivePlan(tx, childId);
  if (plan) return plan;
  const closed = await tx.query("SELECT 1 FROM plan WHERE child_id = $1 AND status = 'closed' LIMIT 1", [childId]);
  if (closed.rows.length > 0) throw closedPlan();
  throw missingPlan();
}

/**
 * Is the plan (by id, or the child's active plan) of a secrecy domain the actor may see? The plan
 * and its items are one record of category 'plan', in the domain of the unit that drew it up.
 */
export async function planVisible(
  q: Queryable,
  planId: string | null,
  c: ChildDataContext,
  childId?: string,
): Promise<boolean> {
  const r = planId
    ? await q.query<{ secrecy_domain: string | null }>('SELECT secrecy_domain FROM plan WHERE id = $1', [planId])
    : await q.query<{ secrecy_domain: string | null }>(
        "SELECT secrecy_domain FROM plan WHERE child_id = $1 AND status = 'active'",
        [childId],
      );
  const row = r.rows[0];
  return row ? (await c.visible([row], 'plan', (x) => x.secrecy_domain)).length === 1 : true;
}

/** Writing to a plan the actor may not see answers like writing to a plan that does not exist. */
async function mustSeePlan(q: Queryable, planId: string, c: ChildDataContext): Promise<void> {
  if (!(await planVisible(q, planId, c))) throw missingPlan();
}

/**
 * The plan view (plan + team, guardians, proposal, open handovers) from what loadPlanView read;
 * `plan` is the current plan as the actor may see it (null when none, or of a domain they may not see).
 */
export function composeView<P>(
  data: repo.PlanViewData,
  plan: P | null,
  today: string,
): Omit<PlanView, 'plan'> & { plan: P | null } {
  const { context } = data;
  const lead = repo.holderOf(context.team, 'best_interest_lead');
  const coordinator = repo.holderOf(context.team, 'coordinator');
  const proposal = proposalFor(context, today);
  return {
    childId: context.childId,
    supportLevel: context.supportLevel,
    plan,
    coordinator,
    bestInterestLead: lead,
    bestInterestLeadProposal: proposal,
    team: repo.teamMembers(context.team),
    guardians: context.guardians,
    handovers: context.handovers,
  };
}

/** The proposal for barnets bästa-ansvarig from the child's context (core/best-interest-lead.ts). */
function proposalFor(context: repo.PlanContext, today: string) {
  const lead = repo.holderOf(context.team, 'best_interest_lead');
  return proposeBestInterestLead({
    birthDate: context.birthDate,
    today,
    enrolments: context.enrolments.map((e) => ({ unitKind: e.unitKind, validFrom: e.validFrom, validTo: e.validTo })),
    currentRole: lead?.role ?? null,
  });
}

/**
 * The plan view inside a write (the gate already said yes in the transaction) or for the print
 * document; null when the child is gone. The current plan comes with its secrecy domain.
 */
export async function buildView(
  q: Queryable,
  childId: string,
  today: string,
): Promise<{ view: PlanView; planSecrecyDomain: string | null } | null> {
  const { data } = await repo.loadPlanView(q, childId, today, null);
  if (!data) return null;
  const plan = data.current ? (JSON.parse(data.current.json) as Plan) : null;
  return { view: composeView(data, plan, today), planSecrecyDomain: data.current?.secrecyDomain ?? null };
}

/** The plan view a write answers with, read in its own transaction. */
export async function mustView(tx: Queryable, childId: string, today: string): Promise<PlanView> {
  const v = await buildView(tx, childId, today);
  if (!v) throw new Error('child vanished inside a plan transaction');
  return v.view;
}

async function mustPlan(tx: Queryable, childId: string, planId: string, today: string): Promise<Plan> {
  const p = await repo.loadPlan(tx, childId, planId, today);
  if (!p) throw new Error('plan vanished inside its own transaction');
  return p.plan;
}

async function mustItem(
  tx: Queryable,
  kind: repo.PlanItemKind,
  childId: string,
  id: string,
  today: string,
): Promise<repo.PlanItem> {
  const item = await repo.loadItem(tx, kind, childId, id, today);
  if (!item) throw new Error(`${kind} vanished inside its own transaction`);
  return item;
}

/** Level 3: a coordinator today, and every action that is not cancelled has an owner and a due date. */
async function checkLevelThree(tx: Queryable, childId: string, planId: string, today: string): Promise<void> {
  if (!(await repo.hasCoordinator(tx, childId, today))) throw invalid('level', COORDINATOR_REQUIRED);
  const missing = await repo.actionsMissingOwnerOrDue(tx, planId);
  if (missing.length > 0) {
    const list = missing
      .map(
        (m) =>
          `"${m.what}" (${m.missing.map((x) => (x === 'responsible' ? 'no responsible person' : 'no due date')).join(', ')})`,
      )
      .join('; ');
    throw invalid(
      'level',
      `At level 3 every action needs a responsible person and a due date. Complete these first: ${list}.`,
      {
        actions: missing.map((m) => ({ id: m.id, what: m.what, missing: m.missing })),
      },
    );
  }
}

export function checkLevelThreeAction(
  what: string,
  responsibleKind: string | null,
  dueDate: string | null,
  status: string,
): void {
  if (status === 'cancelled') return;
  const missing = [
    ...(responsibleKind === null ? (['responsible'] as const) : []),
    ...(dueDate === null ? (['dueDate'] as const) : []),
  ];
  if (missing.length === 0) return;
  const words = missing.map((x) => (x === 'responsible' ? 'responsible person' : 'due date')).join(' and no ');
  throw invalid(
    missing[0]!,
    `At level 3 every action needs a responsible person and a due date: the action "${what}" has no ${words}.`,
    {
      actions: [{ what, missing }],
    },
  );
}

export async function resolveResponsible(
  tx: Queryable,
  childId: string,
  r: ResponsibleChoice | null,
  today: string,
): Promise<repo.ResponsibleColumns> {
  const none: repo.ResponsibleColumns = {
    responsibleKind: null,
    responsiblePersonId: null,
    responsibleAssignmentId: null,
    responsibleGuardianId: null,
  };
  if (r === null) return none;
  if (r.kind === 'child') return { ...none, responsibleKind: 'child' };
  if (r.kind === 'guardian') {
    if (!(await repo.guardianOfChild(tx, childId, r.guardianId, today, false)))
      throw invalid('responsible.guardianId', "That is not one of this child's guardians.");
    return { ...none, responsibleKind: 'guardian', responsibleGuardianId: r.guardianId };
  }
  const rows = await repo.activeTeamRows(tx, childId, r.assignmentId, today);
  if (rows.length === 0)
    throw invalid(
      'responsible.assignmentId',
      "The responsible person must be on the child's team (in that assignment).",
    );
  return {
    ...none,
    responsibleKind: 'professional',
    responsiblePersonId: rows[0]!.personId,
    responsibleAssignmentId: r.assignmentId,
  };
}

export async function checkActionLinks(
  tx: Queryable,
  planId: string,
  l: { goalId: string | null; serviceId: string | null },
): Promise<void> {
  if (l.goalId && !(await repo.itemBelongsToPlan(tx, 'plan_goal', l.goalId, planId)))
    throw invalid('goalId', 'That goal is not in this plan.');
  if (l.serviceId) {
    const s = await repo.itemBelongsToPlan(tx, 'plan_service', l.serviceId, planId);
    if (!s) throw invalid('serviceId', 'That service does not take part in this plan.');
    if (s.endedOn) throw invalid('serviceId', 'That service no longer takes part in the plan.');
  }
}

/** The contact person of a service: on the child's team today, in an assignment in that unit. */
async function teamContact(
  tx: Queryable,
  childId: string,
  assignmentId: string,
  unitId: string,
  today: string,
): Promise<{ personId: string; assignmentId: string }> {
  const rows = await repo.activeTeamRows(tx, childId, assignmentId, today);
  const facts = await repo.assignmentFacts(tx, assignmentId, today);
  if (rows.length === 0 || !facts)
    throw invalid('contactAssignmentId', "The contact person must be on the child's team.");
  if (facts.unitId !== unitId)
    throw invalid(
      'contactAssignmentId',
      'The contact person must work in the service (unit) they are the contact for.',
    );
  return { personId: facts.personId, assignmentId };
}

/** Not in the future (Swedish calendar day) and not before the child was born. */
async function checkRecordedOn(tx: Queryable, childId: string, day: string, today: string): Promise<string> {
  if (day > today) throw invalid('recordedOn', `The date cannot be in the future (today is ${today}).`);
  const child = await repo.childFacts(tx, childId);
  if (child && day < child.birthDate) throw invalid('recordedOn', 'The date cannot be before the child was born.');
  return day;
}
