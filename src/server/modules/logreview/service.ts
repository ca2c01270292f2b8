import { AppError, notFound } from '../../../core/errors.js';
import type { AssignedActor } from '../../access/actor.js';
import { readChildData } from '../../access/child-data.js';
import { auditedWrite } from '../../audit/audited-write.js';
import type { AuditAction, AuditEventInput } from '../../audit/events.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { versionConflict } from '../../http/versioning.js';
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

export const LOG_REVIEWER_ROLE = 'log_reviewer';

class StaleVersion extends Error {}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

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

  private event(
    actor: AssignedActor,
    requestId: string,
    action: AuditAction,
    sampleId: string | null,
    childId: string | null,
    outcome: AuditEventInput['outcome'] = 'permitted',
    details?: AuditEventInput['details'],
  ): AuditEventInput {
    return {
      actorPersonId: actor.personId,
      actorAssignmentId: actor.assignmentId,
      childId,
      action,
      resourceType: 'log_review_sample',
      resourceId: sampleId,
      outcome,
      requestId,
      ...(details ? { details } : {}),
    };
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
    actor: AssignedActor,
    input: LogReviewDrawRequest,
    requestId: string,
  ): Promise<{ drawn: Record<string, number>; total: number }> {
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
    return auditedWrite(this.ctx.db, async (tx) => {
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
          this.event(actor, requestId, 'log_review.draw', null, null, 'permitted', {
            from: input.from,
            to: input.to,
            total,
            ...drawn,
          }),
        ],
      };
    });
  }

  async list(actor: AssignedActor, filter: { kind?: SampleKind; status: 'open' | 'done' | 'all' }, requestId: string) {
    this.requireReviewer(actor);
    const samples = await repo.listSamples(this.ctx.db, actor.organisationId, filter);
    await this.ctx.audit.record([
      this.event(actor, requestId, 'log_review.list', null, null, 'permitted', { count: samples.length }),
    ]);
    return {
      organisation: { id: actor.organisationId, name: await repo.organisationName(this.ctx.db, actor.organisationId) },
      samples,
      settings: this.settings(),
    };
  }

  async get(
    actor: AssignedActor,
    sampleId: string,
    requestId: string,
    details?: AuditEventInput['details'],
  ): Promise<LogReviewSampleDetail> {
    this.requireReviewer(actor);
    const sample = await repo.loadSample(this.ctx.db, actor.organisationId, sampleId);
    if (!sample) {
      await this.ctx.audit.record([this.event(actor, requestId, 'log_review.read', sampleId, null, 'not_found')]);
      throw notFound();
    }
    const context = await repo.contextOf(this.ctx.db, sample, await repo.sampleAssignment(this.ctx.db, sampleId));
    await this.ctx.audit.record([
      this.event(
        actor,
        requestId,
        'log_review.read',
        sampleId,
        sample.child?.id ?? sample.event.childId,
        'permitted',
        details,
      ),
    ]);
    return { ...sample, context };
  }

  async recordOutcome(
    actor: AssignedActor,
    sampleId: string,
    ifMatch: number,
    input: LogReviewOutcomeRequest,
    requestId: string,
  ): Promise<LogReviewSample> {
    this.requireReviewer(actor);
    const note = input.note?.trim() ? input.note.trim() : null;
    if (input.outcome !== 'ok' && !note)
      throw new AppError(
        'validation_failed',
        'Write what was found and what happens next: a note is required when follow-up is needed or for an incident.',
        { field: 'note' },
      );
    try {
      return await auditedWrite(this.ctx.db, async (tx) => {
        const current = await repo.loadSample(tx, actor.organisationId, sampleId, true);
        if (!current) throw notFound();
        if (current.version !== ifMatch) throw new StaleVersion();
        if (
          !(await repo.recordOutcome(tx, {
            id: sampleId,
            version: ifMatch,
            outcome: input.outcome,
            note,
            personId: actor.personId,
            assignmentId: actor.assignmentId,
            now: this.ctx.now().toISOString(),
          }))
        )
          throw new StaleVersion();
        const updated = (await repo.loadSample(tx, actor.organisationId, sampleId))!;
        return {
          result: updated,
          events: [
            this.event(actor, requestId, 'log_review.outcome', sampleId, current.event.childId, 'permitted', {
              outcome: input.outcome,
              kind: current.kind,
            }),
          ],
        };
      });
    } catch (err) {
      if (err instanceof StaleVersion) {
        const current = await this.get(actor, sampleId, requestId, { reason: 'version_conflict' });
        throw versionConflict(current, current.version);
      }
      if (err instanceof AppError && err.code === 'not_found')
        await this.ctx.audit.record([this.event(actor, requestId, 'log_review.outcome', sampleId, null, 'not_found')]);
      throw err;
    }
  }

  /**
   * The log extract of who accessed a child's data, produced by staff on the child's team on
   * request of the child or a guardian (through the choke point: gate + audit).
   */
  async extract(
    actor: AssignedActor,
    childId: string,
    query: { from?: string; to?: string },
    requestId: string,
  ): Promise<LogExtract> {
    const today = swedishToday(this.ctx.now());
    const to = query.to ?? today;
    const from = query.from ?? addDays(to, -365);
    if (to < from)
      throw new AppError('validation_failed', 'The last day must not be before the first day.', { field: 'to' });
    if (from < addDays(to, -366 * 10))
      throw new AppError('validation_failed', 'Choose a period of at most ten years.', { field: 'from' });
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
      async (q) => {
        const child = await repo.childHeader(q, childId);
        if (!child) return null;
        const { entries, truncated } = await repo.extractEntries(q, childId, from, to, child.protectedIdentity);
        return {
          childId,
          childName: child.name,
          from,
          to,
          producedAt: this.ctx.now().toISOString(),
          protectedIdentity: child.protectedIdentity,
          entries,
          truncated,
        };
      },
    );
  }
}
