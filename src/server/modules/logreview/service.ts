import { AppError, notFound } from '../../../core/errors.js';
import type { AssignedActor } from '../../access/actor.js';
import { auditedTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf, type AuditDetails } from '../../access/audit-events.js';
import { readChildData } from '../../access/child-data.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import * as repo from './repo.js';
import {
  SAMPLE_KINDS,
  type LogExtract,
  type LogReviewDrawRequest,
  type LogReviewOutcomeRequest,
  type LogReviewSample,
  type LogReviewSampleDetail,
  type SampleKind,
} from '../../../contract/logreview.js';
import { addDays } from '../../../core/calendar.js';
import type { RequestScope } from '../../access/request-scope.js';
import { type PortalCall, readPortalChild } from '../../access/portal.js';
import type { Queryable } from '../../db/client.js';

export const LOG_REVIEWER_ROLE = 'log_reviewer';

/** Events about a log review sample (with the child's id when the sample concerns a child). */
const sampleEvents = (actor: AssignedActor, requestId: string) => auditEventsOf(actor, requestId, 'log_review_sample');

/**
 * Log review (logguppföljning): a reviewer (role log_reviewer, one or more per organisation)
 * draws samples from the audit of the organisation's own staff — random ones and rule-based ones —
 * and documents an outcome for each. Reviewing is itself audited (child id included when the
 * sample concerns a child), but reviewers' work is never a candidate for sampling.
 */
export class LogReviewService {
  constructor(private readonly ctx: AppContext) {}

  private requireReviewer(actor: AssignedActor): void {
    if ((actor.role as string) !== LOG_REVIEWER_ROLE)
      throw new AppError(
        'forbidden',
        'Log review is for the log reviewers of an organisation (the role log_reviewer).',
        { reason: 'not_log_reviewer' },
      );
  }

  settings() {
    const c = this.ctx.config.logReview;
    return {
      workHours: `${String(c.workStartHour).padStart(2, '0')}-${String(c.workEndHour).padStart(2, '0')}`,
      weekendsOutOfHours: c.weekendsOutOfHours,
      manyChildrenThreshold: c.manyChildrenThreshold,
      manyChildrenWindowMinutes: c.manyChildrenWindowMinutes,
      randomSamples: c.randomSamples,
      auditRetentionYears: this.ctx.config.retention.auditYears,
    };
  }

  async draw(
    scope: RequestScope,
    input: LogReviewDrawRequest,
  ): Promise<{ drawn: Record<string, number>; total: number }> {
    const { actor, requestId } = scope;
    this.requireReviewer(actor);
    if (input.to < input.from)
      throw new AppError('validation_failed', 'The last day must not be before the first day.', { field: 'to' });
    if (input.to > addDays(input.from, 366))
      throw new AppError('validation_failed', 'Draw samples for at most one year at a time.', { field: 'to' });
    const today = swedishToday(this.ctx.now());
    if (input.from > today)
      throw new AppError('validation_failed', `The first day cannot be in the future (today is ${today}).`, {
        field: 'from',
      });
    const kinds: SampleKind[] = input.kinds ? [...new Set(input.kinds)] : [...SAMPLE_KINDS];
    const now = this.ctx.now().toISOString();
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const drawn: Record<string, number> = {};
        for (const kind of kinds) {
          drawn[kind] = await repo.draw(tx, {
            organisationId: actor.organisationId,
            from: input.from,
            to: input.to,
            kind,
            randomCount: input.randomCount ?? this.ctx.config.logReview.randomSamples,
            cfg: this.ctx.config.logReview,
            drawnBy: { personId: actor.personId, assignmentId: actor.assignmentId },
            now,
          });
        }
        const total = Object.values(drawn).reduce((a, b) => a + b, 0);
        return {
          result: { drawn, total },
          events: [
            sampleEvents(
              actor,
              requestId,
            )({
              action: 'log_review.draw',
              details: { from: input.from, to: input.to, total, ...drawn },
            }),
          ],
        };
      },
      { now: this.ctx.now },
    );
  }

  async list(scope: RequestScope, filter: { kind?: SampleKind; status: 'open' | 'done' | 'all' }) {
    const { actor, requestId } = scope;
    this.requireReviewer(actor);
    const samples = await repo.listSamples(this.ctx.db, actor.organisationId, filter);
    await recordEvents(this.ctx, [
      sampleEvents(actor, requestId)({ action: 'log_review.list', details: { count: samples.length } }),
    ]);
    return {
      organisation: { id: actor.organisationId, name: await repo.organisationName(this.ctx.db, actor.organisationId) },
      samples,
      settings: this.settings(),
    };
  }

  async get(
    scope: RequestScope,
    sampleId: string,
    details?: AuditDetails<'log_review.read'>,
  ): Promise<LogReviewSampleDetail> {
    const { actor, requestId } = scope;
    this.requireReviewer(actor);
    const event = sampleEvents(actor, requestId);
    const sample = await repo.loadSample(this.ctx.db, actor.organisationId, sampleId);
    if (!sample) {
      await recordEvents(this.ctx, [event({ action: 'log_review.read', resourceId: sampleId, outcome: 'not_found' })]);
      throw notFound();
    }
    const context = await repo.contextOf(this.ctx.db, sample, await repo.sampleAssignment(this.ctx.db, sampleId));
    await recordEvents(this.ctx, [
      event({
        action: 'log_review.read',
        resourceId: sampleId,
        childId: sample.child?.id ?? sample.event.childId,
        ...(details ? { details } : {}),
      }),
    ]);
    return { ...sample, context };
  }

  async recordOutcome(
    scope: RequestScope,
    sampleId: string,
    ifMatch: number,
    input: LogReviewOutcomeRequest,
  ): Promise<LogReviewSample> {
    const { actor, requestId } = scope;
    this.requireReviewer(actor);
    const note = input.note?.trim() ? input.note.trim() : null;
    if (input.outcome !== 'ok' && !note)
      throw new AppError(
        'validation_failed',
        'Write what was found and what happens next: a note is required when follow-up is needed or for an incident.',
        { field: 'note' },
      );
    const event = sampleEvents(actor, requestId);
    // After the rollback: 412 with the current sample (a read, audited as one).
    const stale = () => new StaleVersion(() => this.get(scope, sampleId, { reason: 'version_conflict' }));
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await repo.loadSample(tx, actor.organisationId, sampleId, true);
        if (!current)
          throw new MissingResource({
            audit: event({ action: 'log_review.outcome', resourceId: sampleId, outcome: 'not_found' }),
          });
        if (current.version !== ifMatch) throw stale();
        if (
          !(await repo.recordOutcome(tx, {
            id: sampleId,
            version: ifMatch,
            outcome: input.outcome,
            note,
            personId: actor.personId,
            assignmentId: actor.assignmentId,
            now: scope.now.toISOString(),
          }))
        )
          throw stale();
        const updated = (await repo.loadSample(tx, actor.organisationId, sampleId))!;
        return {
          result: updated,
          events: [
            event({
              action: 'log_review.outcome',
              resourceId: sampleId,
              childId: current.event.childId,
              details: { outcome: input.outcome, kind: current.kind },
            }),
          ],
        };
      },
      { now: this.ctx.now, audit: this.ctx },
    );
  }

  /**
   * The log extract of who accessed a child's data, produced by staff on the child's team on
   * request of the child or a guardian (through the choke point: gate + audit).
   */
  async extract(scope: RequestScope, childId: string, query: { from?: string; to?: string }): Promise<LogExtract> {
    const { actor, requestId } = scope;
    const { from, to } = extractPeriod(query, scope.today);
    return readChildData(
      {
        ctx: this.ctx,
        actor,
        childId,
        requestId,
        action: 'log_extract.read',
        resourceType: 'log_extract',
        details: { from, to },
      },
      (q) => extractOf(q, childId, from, to, scope.now),
    );
  }

  /** The same extract, self-service for the family (the family's gate: access/portal.ts). */
  extractForFamily(call: PortalCall, childId: string, query: { from?: string; to?: string }): Promise<LogExtract> {
    const { from, to } = extractPeriod(query, call.today);
    return readPortalChild(call, childId, (q) => extractOf(q, childId, from, to, call.now), 'log_extract');
  }
}

function extractPeriod(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -365);
  if (to < from)
    throw new AppError('validation_failed', 'The last day must not be before the first day.', { field: 'to' });
  if (from < addDays(to, -366 * 10))
    throw new AppError('validation_failed', 'Choose a period of at most ten years.', { field: 'from' });
  return { from, to };
}

async function extractOf(
  q: Queryable,
  childId: string,
  from: string,
  to: string,
  now: Date,
): Promise<LogExtract | null> {
  const child = await repo.childHeader(q, childId);
  if (!child) return null;
  const { entries, truncated } = await repo.extractEntries(q, childId, from, to, child.protectedIdentity);
  return {
    childId,
    childName: child.name,
    from,
    to,
    producedAt: now.toISOString(),
    protectedIdentity: child.protectedIdentity,
    entries,
    truncated,
  };
}
