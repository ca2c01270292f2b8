import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { readChildData, writeChildData } from '../../access/child-data.js';
import { PlanServiceBase } from './plan-service-base.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { appendChronologyEntry } from '../chronology/service.js';
import type { Significance } from '../../../contract/chronology.js';
import * as mrepo from './meetings-repo.js';
import type {
  CloseReason,
  PlanCloseRequest,
  PlanReopenRequest,
  Review,
  ReviewCreateRequest,
  ReviewList,
} from '../../../contract/plan/index.js';
import * as repo from './repo.js';
import type { PlanView } from '../../../contract/plan/index.js';
import { invalid, lockActivePlanOrRefuse, missingPlan, planVisible, visiblePlanOf } from './plan-rules.js';
import { mustView } from './plan-view.js';
import type { RequestScope } from '../../access/request-scope.js';

const anotherActivePlan = () =>
  new AppError(
    'conflict',
    'The child already has another active plan; there is never more than one. Close that plan first, or go on with it.',
    { reason: 'active_plan_exists' },
  );

/** The chronology's words for a closing reason (the entry is shown as written). */
const CLOSE_WORDS: Record<CloseReason, string> = {
  goals_met: 'Målen är uppnådda',
  family_declined: 'Familjen tackade nej till fortsatt stöd',
  moved: 'Familjen har flyttat',
  handed_over_to_sip: 'Överlämnad till SIP (samordnad individuell plan)',
  handed_over_to_social_services: 'Överlämnad till socialtjänsten',
  other: 'Annat skäl',
};
const CLOSE_SIGNIFICANCE: Record<CloseReason, Significance> = {
  goals_met: 'medium',
  family_declined: 'high',
  moved: 'medium',
  handed_over_to_sip: 'high',
  handed_over_to_social_services: 'high',
  other: 'medium',
};

/**
 * Follow up and close: reviews (uppföljning) with a coded outcome for every open action, and
 * closing / reopening the plan. Both change the plan itself, so they need the plan's If-Match; a
 * stale one answers 412 with the current plan (read through the gate again and audited).
 */
export class ReviewService extends PlanServiceBase {
  constructor(ctx: AppContext) {
    super(ctx, 'plan_review');
  }

  /** The reviews of the current plan, or of the child's plan `planId` (null → 404 when not theirs or not visible). */
  async list(scope: RequestScope, childId: string, planId?: string): Promise<ReviewList> {
    return readChildData(
      this.call(scope, childId, { action: 'plan_review.list', ...(planId ? { resourceId: planId } : {}) }),
      async (q, _today, c) => {
        const plan = await visiblePlanOf(q, childId, planId, c);
        if (plan === undefined) return null;
        return { planId: plan?.id ?? null, reviews: plan ? await mrepo.loadReviews(q, plan.id) : [] };
      },
    );
  }

  /**
   * Records a review: every open action gets exactly one coded outcome (done → the action is done;
   * continue → as it is; change → its new text and/or due date; bring in another service → stays
   * open, the comment says which), and the plan gets its next review date. One transaction.
   */
  async create(
    scope: RequestScope,
    childId: string,
    ifMatch: number,
    input: ReviewCreateRequest,
  ): Promise<{ review: Review; plan: NonNullable<PlanView['plan']> }> {
    const details: Record<string, number> = {};
    const stale = this.stalePlan(scope, childId);
    return writeChildData(this.call(scope, childId, { action: 'plan_review.create' }), async (tx, today, c) => {
      const plan = await lockActivePlanOrRefuse(tx, childId);
      if (!(await planVisible(tx, plan.id, c))) throw missingPlan();
      if (plan.version !== ifMatch) throw stale(plan.id);
      await checkReviewDates(tx, plan.id, input, today);
      const openIds = checkOutcomesCoverOpenActions(await mrepo.lockOpenActions(tx, plan.id), input.outcomes);
      const by = this.by(scope);
      const rows: mrepo.OutcomeRow[] = [];
      for (const [i, o] of input.outcomes.entries()) {
        const a = openIds.get(o.actionId)!;
        const row = await applyOutcome(tx, i, o, a, today, by);
        rows.push(row);
        details[o.outcome] = (details[o.outcome] ?? 0) + 1;
      }
      const reviewId = randomUUID();
      const previous = await tx.query<{ d: string | null }>(
        'SELECT next_review_date::text AS d FROM plan WHERE id = $1',
        [plan.id],
      );
      await mrepo.insertReview(
        tx,
        {
          id: reviewId,
          planId: plan.id,
          childId,
          reviewedOn: input.reviewedOn,
          meetingId: input.meetingId ?? null,
          summary: input.summary?.trim() ? input.summary.trim() : null,
          previousReviewDate: previous.rows[0]?.d ?? null,
          nextReviewDate: input.nextReviewDate,
        },
        by,
      );
      await mrepo.insertOutcomes(tx, reviewId, rows);
      if (!(await repo.updateVersioned(tx, 'plan', plan.id, ifMatch, { nextReviewDate: input.nextReviewDate }, by)))
        throw stale(plan.id);
      const review = await mrepo.loadReview(tx, reviewId);
      const after = await repo.loadPlan(tx, childId, plan.id, today);
      if (!review || !after) throw new Error('review vanished inside its own transaction');
      return { result: { review, plan: after.plan }, resourceId: reviewId, details };
    });
  }

  /** Closes the active plan with a coded reason; it stays readable, read-only, and can be reopened. */
  async close(scope: RequestScope, childId: string, ifMatch: number, input: PlanCloseRequest): Promise<PlanView> {
    const { actor } = scope;
    const stale = this.stalePlan(scope, childId);
    return writeChildData(
      this.call(scope, childId, {
        action: 'plan.close',
        resourceType: 'plan',
        details: { reason: input.reason },
      }),
      async (tx, today, c) => {
        const visible = await repo.lockActivePlan(tx, childId);
        const plan = visible && (await planVisible(tx, visible.id, c)) ? visible : null;
        if (!plan) {
          const any = await mrepo.currentPlan(tx, childId);
          if (any?.status === 'closed' && (await planVisible(tx, any.id, c)))
            throw new AppError('conflict', 'The plan is already closed.', { reason: 'plan_closed' });
          throw missingPlan();
        }
        if (plan.version !== ifMatch) throw stale(plan.id);
        const text = input.reasonText?.trim() ? input.reasonText.trim() : null;
        if (input.reason === 'other' && !text)
          throw invalid('reasonText', 'Say why the plan is closed when the reason is "other".');
        const by = this.by(scope);
        if (!(await mrepo.setPlanStatus(tx, plan.id, ifMatch, 'closed', by))) throw stale(plan.id);
        await mrepo.insertStatusChange(
          tx,
          {
            id: randomUUID(),
            planId: plan.id,
            childId,
            statusAfter: 'closed',
            reasonCode: input.reason,
            reasonText: text,
          },
          by,
        );
        await appendChronologyEntry(tx, {
          childId,
          kind: 'plan_closed',
          eventDate: today,
          significance: CLOSE_SIGNIFICANCE[input.reason],
          text: text ? `${CLOSE_WORDS[input.reason]}: ${text}` : `${CLOSE_WORDS[input.reason]}.`,
          actor,
          createdAt: by.now,
        });
        return { result: await mustView(tx, childId, today), resourceId: plan.id };
      },
    );
  }

  /**
   * Reopens a closed plan (the latest one, or `planId`) with a reason. Refused (409) while the
   * child has another active plan: there is never more than one.
   */
  async reopen(
    scope: RequestScope,
    childId: string,
    ifMatch: number,
    input: PlanReopenRequest & { planId?: string | undefined },
  ): Promise<PlanView> {
    const { actor } = scope;
    const stale = this.stalePlan(scope, childId);
    return writeChildData(
      this.call(scope, childId, { action: 'plan.reopen', resourceType: 'plan' }),
      async (tx, today, c) => {
        const active = await repo.lockActivePlan(tx, childId);
        const target = input.planId
          ? await lockPlanById(tx, childId, input.planId)
          : await mrepo.lockLatestClosedPlan(tx, childId);
        if (!target || !(await planVisible(tx, target.id, c)))
          throw new MissingResource({ resourceType: 'plan', resourceId: input.planId ?? null });
        if (target.status === 'active')
          throw new AppError('conflict', 'The plan is not closed.', { reason: 'plan_active' });
        if (active) throw anotherActivePlan();
        if (target.version !== ifMatch) throw stale(target.id);
        const by = this.by(scope);
        try {
          if (!(await mrepo.setPlanStatus(tx, target.id, ifMatch, 'active', by))) throw stale(target.id);
        } catch (err) {
          const e = err as { code?: string; message?: string };
          if (e?.code === '23505' || String(e?.message ?? '').includes('plan_one_active_per_child'))
            throw anotherActivePlan();
          throw err;
        }
        await mrepo.insertStatusChange(
          tx,
          {
            id: randomUUID(),
            planId: target.id,
            childId,
            statusAfter: 'active',
            reasonCode: null,
            reasonText: input.reason,
          },
          by,
        );
        await appendChronologyEntry(tx, {
          childId,
          kind: 'plan_reopened',
          eventDate: today,
          significance: 'medium',
          text: input.reason,
          actor,
          createdAt: by.now,
        });
        return { result: await mustView(tx, childId, today), resourceId: target.id };
      },
    );
  }

  /** A stale plan version: after the rollback, 412 with that plan, read through the gate and audited. */
  private stalePlan(scope: RequestScope, childId: string): (planId: string) => StaleVersion {
    return (planId) =>
      new StaleVersion(() =>
        readChildData(
          {
            ctx: this.ctx,
            actor: scope.actor,
            childId,
            requestId: scope.requestId,
            action: 'plan.read',
            resourceType: 'plan',
            resourceId: planId,
            details: { reason: 'version_conflict' },
          },
          async (q, today, c) => {
            const found = await repo.loadPlan(q, childId, planId, today);
            return found && (await c.visible([found], 'plan', (x) => x.secrecyDomain)).length === 1 ? found.plan : null;
          },
        ),
      );
  }
}

async function planCreatedOn(tx: Queryable, planId: string): Promise<string> {
  const r = await tx.query<{ d: string }>(
    "SELECT (created_at AT TIME ZONE 'Europe/Stockholm')::date::text AS d FROM plan WHERE id = $1",
    [planId],
  );
  return r.rows[0]!.d;
}

async function lockPlanById(
  tx: Queryable,
  childId: string,
  planId: string,
): Promise<{ id: string; status: 'active' | 'closed'; version: number } | null> {
  const r = await tx.query<{ id: string; status: 'active' | 'closed'; version: number }>(
    'SELECT id, status, version FROM plan WHERE id = $1 AND child_id = $2 FOR UPDATE',
    [planId, childId],
  );
  const row = r.rows[0];
  return row ? { ...row, version: Number(row.version) } : null;
}

/** The review's dates: not in the future, not before the plan; its meeting of this plan; the next review after it. */
async function checkReviewDates(
  tx: Queryable,
  planId: string,
  input: ReviewCreateRequest,
  today: string,
): Promise<void> {
  const createdOn = await planCreatedOn(tx, planId);
  if (input.reviewedOn > today)
    throw invalid('reviewedOn', `A review cannot be dated in the future (today is ${today}).`);
  if (input.reviewedOn < createdOn)
    throw invalid('reviewedOn', `A review cannot be dated before the plan was drawn up (${createdOn}).`);
  if (input.meetingId) {
    const m = await tx.query('SELECT 1 FROM plan_meeting WHERE id = $1 AND plan_id = $2', [input.meetingId, planId]);
    if (m.rows.length === 0) throw invalid('meetingId', 'That meeting is not one of this plan’s meetings.');
  }
  if (input.nextReviewDate !== null) {
    if (input.nextReviewDate <= input.reviewedOn)
      throw invalid('nextReviewDate', 'The next review must come after this one.');
    if (input.nextReviewDate < today)
      throw invalid('nextReviewDate', `The next review cannot be in the past (today is ${today}).`);
  }
}

type OpenAction = Awaited<ReturnType<typeof mrepo.lockOpenActions>>[number];
type OutcomeInput = ReviewCreateRequest['outcomes'][number];

/** Exactly one outcome for every open action (and none for another action). Returns the open actions by id. */
function checkOutcomesCoverOpenActions(open: OpenAction[], outcomes: OutcomeInput[]): Map<string, OpenAction> {
  const openIds = new Map(open.map((a) => [a.id, a]));
  const given = new Set<string>();
  for (const [i, o] of outcomes.entries()) {
    if (!openIds.has(o.actionId))
      throw invalid(
        `outcomes.${i}.actionId`,
        'That action is not an open action of this plan (it may have been finished or cancelled since you started).',
      );
    if (given.has(o.actionId)) throw invalid(`outcomes.${i}.actionId`, 'An action has more than one outcome.');
    given.add(o.actionId);
  }
  const missing = open.filter((a) => !given.has(a.id));
  if (missing.length > 0) {
    throw invalid(
      'outcomes',
      `Every open action needs an outcome at the review. Missing: ${missing.map((a) => `"${a.what}"`).join(', ')}.`,
      {
        actions: missing.map((a) => ({ id: a.id, what: a.what })),
      },
    );
  }
  return openIds;
}

/** One action's coded outcome: checked, applied to the action (done, or its new text or due date), as its outcome row. */
async function applyOutcome(
  tx: Queryable,
  i: number,
  o: OutcomeInput,
  a: OpenAction,
  today: string,
  by: repo.Author,
): Promise<mrepo.OutcomeRow> {
  const comment = o.comment?.trim() ? o.comment.trim() : null;
  const row: mrepo.OutcomeRow = {
    id: randomUUID(),
    actionId: a.id,
    outcome: o.outcome,
    comment,
    whatBefore: null,
    whatAfter: null,
    dueBefore: null,
    dueAfter: null,
  };
  if (o.outcome !== 'change' && (o.newWhat !== undefined || o.newDueDate !== undefined)) {
    throw invalid(
      `outcomes.${i}.outcome`,
      `A new text or due date goes with the outcome "change" (the action "${a.what}").`,
    );
  }
  if (o.outcome === 'change') {
    const what = o.newWhat?.trim();
    if (!what && !o.newDueDate)
      throw invalid(
        `outcomes.${i}.newDueDate`,
        `The outcome "change" needs the action's new text or new due date (the action "${a.what}").`,
      );
    if (o.newDueDate && o.newDueDate < today)
      throw invalid(`outcomes.${i}.newDueDate`, `The new due date cannot be in the past (today is ${today}).`);
    if (what && what !== a.what) Object.assign(row, { whatBefore: a.what, whatAfter: what });
    if (o.newDueDate && o.newDueDate !== a.dueDate)
      Object.assign(row, { dueBefore: a.dueDate, dueAfter: o.newDueDate });
    if (row.whatAfter === null && row.dueAfter === null)
      throw invalid(
        `outcomes.${i}.newDueDate`,
        `The outcome "change" must change something: the text or the due date (the action "${a.what}").`,
      );
    await mrepo.setActionFields(
      tx,
      a.id,
      {
        ...(row.whatAfter ? { what: row.whatAfter } : {}),
        ...(row.dueAfter ? { dueDate: row.dueAfter } : {}),
      },
      by,
    );
  }
  if (o.outcome === 'bring_in_service' && !comment)
    throw invalid(`outcomes.${i}.comment`, `Say which service should be brought in, and why (the action "${a.what}").`);
  if (o.outcome === 'done') await mrepo.setActionFields(tx, a.id, { status: 'done' }, by);
  return row;
}
