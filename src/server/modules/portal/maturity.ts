import { randomUUID } from 'node:crypto';
import type { MaturityJudgement } from '../../../contract/portal.js';
import { AppError } from '../../../core/errors.js';
import { childDataCalls, readChildData, writeChildData } from '../../access/child-data.js';
import type { RequestScope } from '../../access/request-scope.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';

/**
 * The judgement of a child's maturity that opens the child's own Barnkompass (no fixed age): made
 * by a professional on the child's team, from the day it is recorded, until withdrawn. Through the
 * one gate and audit; withdrawn, never deleted.
 */

interface Row {
  id: string;
  child_id: string;
  valid_from: string;
  reason: string;
  withdrawn_on: string | null;
}

const toJudgement = (r: Row): MaturityJudgement => ({
  id: r.id,
  childId: r.child_id,
  validFrom: r.valid_from,
  reason: r.reason,
  withdrawnOn: r.withdrawn_on,
});

async function current(q: Queryable, childId: string, today: string): Promise<Row | undefined> {
  const r = await q.query<Row>(
    `SELECT id, child_id, valid_from::text, reason, withdrawn_on::text FROM child_maturity_judgement
      WHERE child_id = $1 AND valid_from <= $2::date AND (withdrawn_on IS NULL OR withdrawn_on > $2::date)
      ORDER BY valid_from DESC LIMIT 1`,
    [childId, today],
  );
  return r.rows[0];
}

export class MaturityService {
  private readonly call;
  constructor(ctx: AppContext) {
    this.call = childDataCalls(ctx, 'maturity_judgement');
  }

  /** The judgement in force today, or null. */
  get(scope: RequestScope, childId: string): Promise<{ judgement: MaturityJudgement | null }> {
    return readChildData(this.call(scope, childId, { action: 'child.read' }), async (q, today) => {
      const row = await current(q, childId, today);
      return { judgement: row ? toJudgement(row) : null };
    });
  }

  record(scope: RequestScope, childId: string, reason: string): Promise<MaturityJudgement> {
    return writeChildData(this.call(scope, childId, { action: 'maturity.record' }), async (tx, today) => {
      if (await current(tx, childId, today))
        throw new AppError(
          'conflict',
          'A judgement is already in force for this child. Withdraw it first to record a new one.',
          {
            reason: 'judgement_in_force',
          },
        );
      const id = randomUUID();
      await tx.query(
        `INSERT INTO child_maturity_judgement (id, child_id, judged_by_person_id, judged_by_assignment_id, valid_from, reason, created_at)
         VALUES ($1, $2, $3, $4, $5::date, $6, $7)`,
        [id, childId, scope.actor.personId, scope.actor.assignmentId, today, reason, scope.now.toISOString()],
      );
      return {
        result: { id, childId, validFrom: today, reason, withdrawnOn: null },
        resourceId: id,
      };
    });
  }

  withdraw(scope: RequestScope, childId: string): Promise<{ judgement: null }> {
    return writeChildData(this.call(scope, childId, { action: 'maturity.withdraw' }), async (tx, today) => {
      const row = await current(tx, childId, today);
      if (!row) throw new AppError('conflict', 'No judgement is in force for this child.', { reason: 'no_judgement' });
      // Withdrawn today: from today the child's own login shows nothing.
      await tx.query(
        `UPDATE child_maturity_judgement SET withdrawn_on = GREATEST($2::date, valid_from), withdrawn_by_person_id = $3
          WHERE id = $1`,
        [row.id, today, scope.actor.personId],
      );
      return { result: { judgement: null }, resourceId: row.id };
    });
  }
}
