import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { buildPerspectiveSeries, WHEEL_INDICATORS } from '../../../core/wheel.js';
import type { AssignedActor } from '../../access/actor.js';
import {
  readChildData,
  writeChildData,
  type ChildDataContext,
  childDataCalls,
  type ChildDataCalls,
} from '../../access/child-data.js';
import type { AuditDetails } from '../../access/audit-events.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';
import type {
  WheelAssessment,
  WheelAssessmentCreateRequest,
  WheelAssessmentPatchRequest,
  WheelAssessmentSummary,
  WheelComparison,
  WheelPerspective,
  WheelPerspectiveChoice,
} from '../../../contract/wheel.js';
import type { RequestScope } from '../../access/request-scope.js';

/** The assessments of secrecy domains the actor may see (access/record-access.ts). */
async function visibleOnly(
  q: Queryable,
  childId: string,
  c: ChildDataContext,
  list: WheelAssessmentSummary[],
): Promise<WheelAssessmentSummary[]> {
  const r = await q.query<{ id: string; secrecy_domain: string | null }>(
    'SELECT id, secrecy_domain FROM wheel_assessment WHERE child_id = $1',
    [childId],
  );
  const domain = new Map(r.rows.map((x) => [x.id, x.secrecy_domain]));
  return c.visible(list, 'wheel', (a) => domain.get(a.id) ?? null);
}

async function oneVisible(a: WheelAssessment | null, c: ChildDataContext): Promise<WheelAssessment | null> {
  return a ? ((await c.visible([a], 'wheel'))[0] ?? null) : null;
}

/** A 400 that names the field, like the schema validation's answers do. */
function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, { field, issues: [{ path: field, message }] });
}

/**
 * Map (kartlägga): wellbeing-wheel assessments of one child. Every method goes through the
 * child-data choke point (gate → data → audit); a write is one transaction with its audit row, and
 * a failed validation leaves nothing behind.
 */
export class WheelService {
  private readonly call: ChildDataCalls;

  constructor(ctx: AppContext) {
    this.call = childDataCalls(ctx, 'wheel_assessment');
  }

  async list(scope: RequestScope, childId: string): Promise<WheelAssessmentSummary[]> {
    return readChildData(
      this.call(scope, childId, { action: 'wheel_assessment.list', resourceId: null }),
      async (q, _today, c) => visibleOnly(q, childId, c, await repo.listAssessments(q, childId)),
    );
  }

  async get(
    scope: RequestScope,
    childId: string,
    id: string,
    details?: AuditDetails<'wheel_assessment.read'>,
  ): Promise<WheelAssessment> {
    return readChildData(
      this.call(scope, childId, {
        action: 'wheel_assessment.read',
        resourceId: id,
        ...(details ? { details } : {}),
      }),
      async (q, _today, c) => oneVisible(await repo.getAssessment(q, childId, id), c),
    );
  }

  /** Per perspective, the ratings over time per indicator, and the earliest-vs-latest change. */
  async comparison(scope: RequestScope, childId: string): Promise<WheelComparison> {
    const list = await readChildData(
      this.call(scope, childId, { action: 'wheel_comparison.read', resourceId: null }),
      async (q, _today, c) => visibleOnly(q, childId, c, await repo.listAssessments(q, childId)),
    );
    const perspectives = buildPerspectiveSeries<WheelPerspective>(
      list.map((a) => ({
        assessmentId: a.id,
        assessedOn: a.assessedOn,
        recordedAt: a.createdAt,
        perspectiveKey: a.perspective.key,
        perspectiveKind: a.perspective.kind,
        perspective: a.perspective,
        ratings: a.ratings,
      })),
    );
    return { childId, indicators: [...WHEEL_INDICATORS], perspectives };
  }

  async create(scope: RequestScope, childId: string, input: WheelAssessmentCreateRequest): Promise<WheelAssessment> {
    const { actor } = scope;
    return writeChildData(this.call(scope, childId, { action: 'wheel_assessment.create' }), async (tx, today) => {
      await checkDate(tx, childId, input.assessedOn, today);
      const who = await this.resolvePerspective(tx, actor, childId, input.perspective, today);
      const id = randomUUID();
      await repo.insertAssessment(
        tx,
        {
          id,
          childId,
          assessedOn: input.assessedOn,
          perspective: input.perspective.kind,
          guardianId: who.guardianId,
          professional: who.professional,
          authorPersonId: actor.personId,
          authorAssignmentId: actor.assignmentId,
          // The record belongs to the author's organisation, unit and OSL secrecy domain.
          owningOrganisationId: actor.organisationId,
          owningUnitId: actor.unitId,
          secrecyDomain: actor.secrecyDomain,
          myWorldTriangle: input.myWorldTriangle ?? null,
          resilienceMatrix: input.resilienceMatrix ?? null,
          secretFromGuardians: input.secretFromGuardians ?? false,
          now: scope.now,
        },
        WHEEL_INDICATORS.map((indicator) => {
          const e = input.indicators.find((x) => x.indicator === indicator)!;
          return { indicator, whatWorks: e.whatWorks.trim(), whatIsHard: e.whatIsHard.trim(), rating: e.rating };
        }),
      );
      return { result: await mustLoad(tx, childId, id), resourceId: id };
    });
  }

  async update(
    scope: RequestScope,
    childId: string,
    id: string,
    ifMatch: number,
    input: WheelAssessmentPatchRequest,
  ): Promise<WheelAssessment> {
    const { actor } = scope;
    return writeChildData(
      this.call(scope, childId, {
        action: 'wheel_assessment.update',
        resourceId: id,
        // A stale If-Match answers 412 with the current assessment, read through the gate and audited.
        current: () => this.get(scope, childId, id, { reason: 'version_conflict' }),
      }),
      async (tx, today, c) => {
        // An assessment of a secrecy domain the actor may not see is, for them, one that does not exist.
        const current = await oneVisible(await repo.getAssessment(tx, childId, id, { lock: true }), c);
        if (!current) throw new MissingResource();
        if (current.version !== ifMatch) throw new StaleVersion();
        const assessedOn = input.assessedOn ?? current.assessedOn;
        if (input.assessedOn !== undefined) await checkDate(tx, childId, input.assessedOn, today);
        const who = input.perspective
          ? await this.resolvePerspective(tx, actor, childId, input.perspective, today)
          : currentPerspective(current.perspective);
        const changedIndicators = (input.indicators ?? []).map((p) => {
          const before = current.indicators.find((e) => e.indicator === p.indicator)!;
          return {
            indicator: p.indicator,
            whatWorks: p.whatWorks !== undefined ? p.whatWorks.trim() : before.whatWorks,
            whatIsHard: p.whatIsHard !== undefined ? p.whatIsHard.trim() : before.whatIsHard,
            rating: p.rating !== undefined ? p.rating : before.rating,
          };
        });
        const ok = await repo.updateAssessment(tx, childId, id, ifMatch, {
          assessedOn,
          perspective: input.perspective?.kind ?? current.perspective.kind,
          guardianId: who.guardianId,
          professional: who.professional,
          myWorldTriangle: input.myWorldTriangle !== undefined ? input.myWorldTriangle : current.myWorldTriangle,
          resilienceMatrix: input.resilienceMatrix !== undefined ? input.resilienceMatrix : current.resilienceMatrix,
          secretFromGuardians: input.secretFromGuardians ?? current.secretFromGuardians,
          changedIndicators,
          updatedBy: actor.personId,
          now: scope.now,
        });
        if (!ok) throw new StaleVersion();
        return { result: await mustLoad(tx, childId, id), resourceId: id };
      },
    );
  }

  /** Which guardian or professional the perspective names, checked against this child. */
  private async resolvePerspective(
    tx: Queryable,
    actor: AssignedActor,
    childId: string,
    p: WheelPerspectiveChoice,
    today: string,
  ): Promise<{ guardianId: string | null; professional: repo.ProfessionalFacts | null }> {
    if (p.kind === 'child') return { guardianId: null, professional: null };
    if (p.kind === 'guardian') {
      // The same answer whether the guardian does not exist or is someone else's.
      if (!(await repo.isGuardianOfChild(tx, childId, p.guardianId, today)))
        throw invalid('perspective.guardianId', "That is not one of this child's guardians.");
      return { guardianId: p.guardianId, professional: null };
    }
    if (!p.assignmentId || p.assignmentId === actor.assignmentId) {
      return {
        guardianId: null,
        professional: { personId: actor.personId, assignmentId: actor.assignmentId, unitId: actor.unitId },
      };
    }
    const professional = await repo.teamProfessional(tx, childId, p.assignmentId);
    if (!professional) throw invalid('perspective.assignmentId', "That assignment is not on this child's team.");
    return { guardianId: null, professional };
  }
}

function currentPerspective(p: WheelPerspective): {
  guardianId: string | null;
  professional: repo.ProfessionalFacts | null;
} {
  if (p.kind === 'guardian') return { guardianId: p.guardianId, professional: null };
  if (p.kind === 'professional')
    return { guardianId: null, professional: { personId: p.personId, assignmentId: p.assignmentId, unitId: p.unitId } };
  return { guardianId: null, professional: null };
}

/** Not in the future (Swedish calendar day) and not before the child was born. */
async function checkDate(tx: Queryable, childId: string, assessedOn: string, today: string): Promise<void> {
  if (assessedOn > today)
    throw invalid('assessedOn', `The assessment date cannot be in the future (today is ${today}).`);
  const child = await repo.childFacts(tx, childId);
  if (child && assessedOn < child.birthDate)
    throw invalid('assessedOn', 'The assessment date cannot be before the child was born.');
}

async function mustLoad(tx: Queryable, childId: string, id: string): Promise<WheelAssessment> {
  const a = await repo.getAssessment(tx, childId, id);
  if (!a) throw new Error('wheel assessment vanished inside its own transaction');
  return a;
}
