import { randomUUID } from 'node:crypto';
import { wheelOrder } from '../../../core/wheel.js';
import * as repo from './repo.js';
import type {
  PlanAction,
  PlanActionCreateRequest,
  PlanActionPatchRequest,
  PlanGoal,
  PlanGoalCreateRequest,
  PlanGoalPatchRequest,
  PlanNeed,
  PlanNeedCreateRequest,
  PlanNeedPatchRequest,
  PlanService as PlanServiceItem,
  PlanServiceCreateRequest,
  PlanServicePatchRequest,
} from '../../../contract/plan/index.js';
import {
  invalid,
  blankToNull,
  checkLevelThreeAction,
  resolveResponsible,
  checkActionLinks,
  teamContact,
} from './plan-rules.js';
import { PlanServiceBase } from './plan-service-base.js';
import type { RequestScope } from '../../access/request-scope.js';

/** The plan's services taking part, needs, goals and actions: created in the active plan, changed at a version. */
export class PlanItemService extends PlanServiceBase {
  // -------------------------------------------------------------------------------------------
  // Services taking part

  async addService(scope: RequestScope, childId: string, input: PlanServiceCreateRequest): Promise<PlanServiceItem> {
    return this.createItem(scope, childId, 'plan_service', 'plan_service.create', async (tx, plan, today, by) => {
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
    }) as Promise<PlanServiceItem>;
  }

  async updateService(
    scope: RequestScope,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanServicePatchRequest,
  ): Promise<PlanServiceItem> {
    return this.patchItem(
      scope,
      childId,
      'plan_service',
      id,
      ifMatch,
      'plan_service.update',
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

  async addNeed(scope: RequestScope, childId: string, input: PlanNeedCreateRequest): Promise<PlanNeed> {
    return this.createItem(scope, childId, 'plan_need', 'plan_need.create', async (tx, plan, _today, by) => {
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
    scope: RequestScope,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanNeedPatchRequest,
  ): Promise<PlanNeed> {
    return this.patchItem(scope, childId, 'plan_need', id, ifMatch, 'plan_need.update', async () => ({
      ...(input.indicator !== undefined ? { indicator: input.indicator } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    })) as Promise<PlanNeed>;
  }

  async addGoal(scope: RequestScope, childId: string, input: PlanGoalCreateRequest): Promise<PlanGoal> {
    return this.createItem(scope, childId, 'plan_goal', 'plan_goal.create', async (tx, plan, today, by) => {
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
    scope: RequestScope,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanGoalPatchRequest,
  ): Promise<PlanGoal> {
    return this.patchItem(scope, childId, 'plan_goal', id, ifMatch, 'plan_goal.update', async (tx, plan, today) => {
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
    }) as Promise<PlanGoal>;
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  async addAction(scope: RequestScope, childId: string, input: PlanActionCreateRequest): Promise<PlanAction> {
    return this.createItem(scope, childId, 'plan_action', 'plan_action.create', async (tx, plan, today, by) => {
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
    }) as Promise<PlanAction>;
  }

  async updateAction(
    scope: RequestScope,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanActionPatchRequest,
  ): Promise<PlanAction> {
    return this.patchItem(scope, childId, 'plan_action', id, ifMatch, 'plan_action.update', async (tx, plan, today) => {
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
    }) as Promise<PlanAction>;
  }
}
