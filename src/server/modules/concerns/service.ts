import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { wheelOrder } from '../../../core/wheel.js';
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
import { appendChronologyEntry } from '../chronology/service.js';
import { raiseSupportLevel } from '../children/support-level.js';
import type { Significance } from '../../../contract/chronology.js';
import * as repo from './repo.js';
import { DECISION_LEVEL } from '../../../contract/concern-decision.js';
import {
  QUESTION_KEYS,
  type Concern,
  type ConcernCreateRequest,
  type ConcernDecisionRequest,
  type ConcernDecisionResult,
  type ConcernPatchRequest,
  type ConcernQuestions,
} from '../../../contract/concerns.js';
import { addDays } from '../../../core/calendar.js';
import type { RequestScope } from '../../access/request-scope.js';

const DECISION_SIGNIFICANCE: Record<ConcernDecisionRequest['decision'], Significance> = {
  no_further_action: 'low',
  own_service: 'medium',
  collaboration: 'high',
};

/** A calendar date n days later (YYYY-MM-DD arithmetic in UTC, so no time zone moves it). */
function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', message, { field });
}

/** Empty answers are "not yet answered". */
function blankToNull(v: string | null | undefined): string | null {
  return v === undefined || v === null || v.trim() === '' ? null : v;
}

/**
 * Noticing (uppmärksamma): concerns about a child. Every method goes through the child-data choke
 * point (gate → data → audit); writes are one transaction with their audit row, their chronology
 * entries and — for a decision — the child's support level.
 */
export class ConcernService {
  private readonly call: ChildDataCalls;

  constructor(private readonly ctx: AppContext) {
    this.call = childDataCalls(ctx, 'concern');
  }

  async list(scope: RequestScope, childId: string): Promise<Concern[]> {
    // Only the concerns of secrecy domains the actor may see (access/record-access.ts).
    return readChildData(this.call(scope, childId, { action: 'concern.list', resourceId: null }), async (q, today, c) =>
      c.visible(await repo.listConcerns(q, childId, today), 'concern'),
    );
  }

  async get(
    scope: RequestScope,
    childId: string,
    concernId: string,
    details?: AuditDetails<'concern.read'>,
  ): Promise<Concern> {
    return readChildData(
      this.call(scope, childId, {
        action: 'concern.read',
        resourceId: concernId,
        ...(details ? { details } : {}),
      }),
      async (q, today, c) =>
        (
          await c.visible(
            [await repo.loadConcern(q, childId, concernId, today)].filter((x) => x !== null),
            'concern',
          )
        )[0] ?? null,
    );
  }

  async create(scope: RequestScope, childId: string, input: ConcernCreateRequest): Promise<Concern> {
    const { actor } = scope;
    return writeChildData(this.call(scope, childId, { action: 'concern.create' }), async (tx, today) => {
      const concern = await createConcernInTransaction(this.ctx, tx, actor, childId, input, today);
      return { result: concern, resourceId: concern.id };
    });
  }

  async update(
    scope: RequestScope,
    childId: string,
    concernId: string,
    ifMatch: number,
    input: ConcernPatchRequest,
  ): Promise<Concern> {
    const { actor } = scope;
    return writeChildData(
      this.call(scope, childId, {
        action: 'concern.update',
        resourceId: concernId,
        current: this.currentVersion(scope, childId, concernId),
      }),
      async (tx, today, c) => {
        await this.mustSee(tx, childId, concernId, today, c);
        const current = await this.lockCurrent(tx, childId, concernId, ifMatch);
        if (current.decided)
          throw new AppError(
            'conflict',
            'This concern has a decision and can no longer be changed. Record new information in the chronology, or raise a new concern.',
          );
        const before = await this.mustLoad(tx, childId, concernId, today);
        // A deadline the user did not touch may already be past (an overdue concern); a new one may not.
        checkDates(
          {
            observedSince: input.observedSince,
            decisionDue: input.decisionDue === before.decisionDue ? undefined : input.decisionDue,
          },
          today,
        );
        const changes: Record<string, unknown> = {};
        if (input.observation !== undefined) changes.observation = input.observation;
        if (input.observedSince !== undefined) changes.observedSince = input.observedSince;
        if (input.earlierConcerns !== undefined) changes.earlierConcerns = blankToNull(input.earlierConcerns);
        if (input.indicators !== undefined) changes.indicators = wheelOrder(input.indicators);
        if (input.decisionDue !== undefined) changes.decisionDue = input.decisionDue;
        for (const k of QUESTION_KEYS)
          if (input.questions?.[k] !== undefined) changes[k] = blankToNull(input.questions[k]);
        if (input.secretFromGuardians !== undefined) changes.secretFromGuardians = input.secretFromGuardians;
        if (!(await repo.updateConcern(tx, concernId, ifMatch, changes, scope.now.toISOString(), actor.personId)))
          throw new StaleVersion();
        return { result: await this.mustLoad(tx, childId, concernId, today), resourceId: concernId };
      },
    );
  }

  /**
   * Records the decision. Level 2/3 raises the child's support level (never lowers it), and the
   * decision is written to the chronology — all in the transaction that holds the audit row.
   */
  async decide(
    scope: RequestScope,
    childId: string,
    concernId: string,
    ifMatch: number,
    input: ConcernDecisionRequest,
  ): Promise<ConcernDecisionResult> {
    const { actor } = scope;
    return writeChildData(
      this.call(scope, childId, {
        action: 'concern.decide',
        resourceId: concernId,
        details: { decision: input.decision },
        current: this.currentVersion(scope, childId, concernId),
      }),
      async (tx, today, c) => {
        await this.mustSee(tx, childId, concernId, today, c);
        const current = await this.lockCurrent(tx, childId, concernId, ifMatch);
        if (current.decided)
          throw new AppError(
            'conflict',
            'This concern already has a decision. A decision cannot be changed; raise a new concern if the situation has changed.',
          );
        const now = scope.now.toISOString();
        if (
          !(await repo.recordDecision(tx, {
            concernId,
            expectedVersion: ifMatch,
            decision: input.decision,
            reason: input.reason,
            personId: actor.personId,
            assignmentId: actor.assignmentId,
            now,
          }))
        ) {
          throw new StaleVersion();
        }
        const level = await raiseSupportLevel(tx, childId, DECISION_LEVEL[input.decision], now);
        const decided = await this.mustLoad(tx, childId, concernId, today);
        await appendChronologyEntry(tx, {
          childId,
          kind: 'concern_decided',
          eventDate: today,
          significance: DECISION_SIGNIFICANCE[input.decision],
          text: input.reason,
          concernId,
          details: { decision: input.decision, supportLevelBefore: level.before, supportLevelAfter: level.after },
          actor,
          createdAt: now,
          // The reason is about the concern: kept from the guardians when the concern is.
          secretFromGuardians: decided.secretFromGuardians,
        });
        return {
          result: { concern: decided, supportLevel: level },
          resourceId: concernId,
          details: { supportLevelBefore: level.before, supportLevelAfter: level.after },
        };
      },
    );
  }

  /** A concern of a secrecy domain the actor may not see is, for them, a concern that does not exist. */
  private async mustSee(
    tx: Queryable,
    childId: string,
    concernId: string,
    today: string,
    c: ChildDataContext,
  ): Promise<void> {
    const found = await repo.loadConcern(tx, childId, concernId, today);
    if (found && (await c.visible([found], 'concern')).length === 0) throw new MissingResource();
  }

  private async lockCurrent(
    tx: Queryable,
    childId: string,
    concernId: string,
    ifMatch: number,
  ): Promise<{ version: number; decided: boolean }> {
    const current = await repo.lockConcern(tx, childId, concernId);
    if (!current) throw new MissingResource();
    if (current.version !== ifMatch) throw new StaleVersion();
    return current;
  }

  private async mustLoad(tx: Queryable, childId: string, concernId: string, today: string): Promise<Concern> {
    const c = await repo.loadConcern(tx, childId, concernId, today);
    if (!c) throw new Error('concern vanished inside its own transaction');
    return c;
  }

  /**
   * A stale If-Match answers 412 with the current concern — a read of child data, so it goes
   * through the gate and is audited as one (writeChildData calls this after the rollback).
   */
  private currentVersion(scope: RequestScope, childId: string, concernId: string) {
    return () => this.get(scope, childId, concernId, { reason: 'version_conflict' });
  }
}

/**
 * Raising a concern inside a transaction someone else holds: the concern and its chronology entry.
 * The caller has passed the gate for this child in `tx` and writes the audit row (writeChildData
 * does both). Other workflows that end in a concern (an attendance alert reviewed into one) use
 * this, so there is one way a concern comes into being.
 */
export async function createConcernInTransaction(
  ctx: AppContext,
  tx: Queryable,
  actor: AssignedActor,
  childId: string,
  input: ConcernCreateRequest,
  today: string,
): Promise<Concern> {
  const now = ctx.now().toISOString();
  const decisionDue = input.decisionDue ?? addDays(today, ctx.config.concernDecisionDays);
  checkDates({ observedSince: input.observedSince, decisionDue: input.decisionDue }, today);
  const id = randomUUID();
  await repo.insertConcern(tx, {
    id,
    childId,
    observation: input.observation,
    observedSince: input.observedSince ?? null,
    earlierConcerns: blankToNull(input.earlierConcerns),
    indicators: wheelOrder(input.indicators),
    questions: questions(input.questions ?? {}),
    decisionDue,
    createdByPersonId: actor.personId,
    createdByAssignmentId: actor.assignmentId,
    // The record belongs to the author's unit and its secrecy domain (cross-domain rules: access/record-access.ts).
    owningUnitId: actor.unitId,
    secrecyDomain: actor.secrecyDomain,
    secretFromGuardians: input.secretFromGuardians ?? false,
    createdAt: now,
  });
  // The entry repeats the observation: it is kept from the guardians like the concern itself.
  await appendChronologyEntry(tx, {
    childId,
    kind: 'concern_raised',
    eventDate: today,
    significance: 'medium',
    text: input.observation,
    concernId: id,
    actor,
    createdAt: now,
    secretFromGuardians: input.secretFromGuardians ?? false,
  });
  const created = await repo.loadConcern(tx, childId, id, today);
  if (!created) throw new Error('concern vanished inside its own transaction');
  return created;
}

function questions(input: Partial<Record<keyof ConcernQuestions, string | null>>): ConcernQuestions {
  return {
    gettingInTheWay: blankToNull(input.gettingInTheWay),
    informationNeeded: blankToNull(input.informationNeeded),
    whatICanDo: blankToNull(input.whatICanDo),
    whatMyAgencyCanDo: blankToNull(input.whatMyAgencyCanDo),
    additionalHelp: blankToNull(input.additionalHelp),
  };
}

/** Since-when cannot be in the future; a deadline cannot be in the past (Swedish calendar days). */
function checkDates(
  d: { observedSince?: string | null | undefined; decisionDue?: string | undefined },
  today: string,
): void {
  if (d.observedSince && d.observedSince > today)
    throw invalid('observedSince', `"Since when" cannot be in the future (today is ${today}).`);
  if (d.decisionDue !== undefined && d.decisionDue < today)
    throw invalid('decisionDue', `The decision deadline cannot be in the past (today is ${today}).`);
}
