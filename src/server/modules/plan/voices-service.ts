import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { writeChildData } from '../../access/child-data.js';
import * as repo from './repo.js';
import type {
  PlanDisagreement,
  PlanDisagreementCreateRequest,
  PlanGuardianView,
  PlanGuardianViewCreateRequest,
  PlanGuardianViewPatchRequest,
  PlanVoice,
  PlanVoiceCreateRequest,
  PlanVoicePatchRequest,
} from '../../../contract/plan/index.js';
import { invalid, lockActivePlanOrRefuse, mustSeePlan, checkRecordedOn } from './plan-rules.js';
import { PlanServiceBase } from './plan-service-base.js';
import type { RequestScope } from '../../access/request-scope.js';

/** The child's voice, the guardians' views and disagreements in the active plan. */
export class PlanVoiceService extends PlanServiceBase {
  // -------------------------------------------------------------------------------------------
  // The child's voice, the guardians' views, disagreements

  async addVoice(scope: RequestScope, childId: string, input: PlanVoiceCreateRequest): Promise<PlanVoice> {
    return this.createItem(scope, childId, 'plan_voice', 'plan_voice.create', async (tx, plan, today, by) => {
      const recordedOn = await checkRecordedOn(tx, childId, input.recordedOn ?? today, today);
      const id = randomUUID();
      await repo.insertVoice(
        tx,
        { id, planId: plan.id, text: input.text, recordedOn, writtenByChild: input.writtenByChild },
        by,
      );
      return id;
    }) as Promise<PlanVoice>;
  }

  async updateVoice(
    scope: RequestScope,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanVoicePatchRequest,
  ): Promise<PlanVoice> {
    return this.patchItem(scope, childId, 'plan_voice', id, ifMatch, 'plan_voice.update', async (tx, _plan, today) => ({
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.recordedOn !== undefined
        ? { recordedOn: await checkRecordedOn(tx, childId, input.recordedOn, today) }
        : {}),
      ...(input.writtenByChild !== undefined ? { writtenByChild: input.writtenByChild } : {}),
    })) as Promise<PlanVoice>;
  }

  async addGuardianView(
    scope: RequestScope,
    childId: string,
    input: PlanGuardianViewCreateRequest,
  ): Promise<PlanGuardianView> {
    return this.createItem(
      scope,
      childId,
      'plan_guardian_view',
      'plan_guardian_view.create',
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
    scope: RequestScope,
    childId: string,
    id: string,
    ifMatch: number,
    input: PlanGuardianViewPatchRequest,
  ): Promise<PlanGuardianView> {
    return this.patchItem(
      scope,
      childId,
      'plan_guardian_view',
      id,
      ifMatch,
      'plan_guardian_view.update',
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
    scope: RequestScope,
    childId: string,
    input: PlanDisagreementCreateRequest,
  ): Promise<PlanDisagreement> {
    return writeChildData(
      this.call(scope, childId, { action: 'plan_disagreement.create', resourceType: 'plan_disagreement' }),
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
          this.by(scope),
        );
        const d = await repo.loadDisagreement(tx, childId, id);
        if (!d) throw new Error('disagreement vanished inside its own transaction');
        return { result: d, resourceId: id };
      },
    );
  }
}
