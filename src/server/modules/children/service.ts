import { AppError } from '../../../core/errors.js';
import { InvalidIdentityNumberError, parseIdentityNumber } from '../../../core/personnummer.js';
import { childDataCalls, readChildDataInline } from '../../access/child-data.js';
import { listChildData } from '../../access/child-list.js';
import { childAccessFromRow } from '../../access/gate.js';
import type { RequestScope } from '../../access/request-scope.js';
import type { AppContext } from '../../context.js';
import * as repo from './repo.js';
import type { ChildOverview, ChildSummary } from '../../../contract/children.js';

/**
 * Children's identity, team and guardians, through the choke point: the list and the search through
 * `listChildData`, the overview through `readChildDataInline` — the gate asked, the audit events
 * durably committed before anything is returned; if the audit fails, no data leaves.
 */
export class ChildService {
  constructor(private readonly ctx: AppContext) {}

  /** "Mina barn": the children on my team today; one audit event per child in the answer. */
  async listMine(scope: RequestScope): Promise<ChildSummary[]> {
    return listChildData(
      { ctx: this.ctx, scope, action: 'child.list', resourceType: 'child_list' },
      (q, gate) => repo.listVisibleChildren(q, gate),
      (children) => children.map((c) => ({ childId: c.id })),
    );
  }

  /** The gate's rule is applied inside the same statement that reads the overview (one round trip). */
  async overview(scope: RequestScope, childId: string): Promise<ChildOverview> {
    return readChildDataInline(
      childDataCalls(this.ctx, 'child')(scope, childId, { action: 'child.read', resourceId: childId }),
      async (q, today, gate) => {
        const r = await repo.loadOverview(q, childId, today, gate);
        return { access: childAccessFromRow(r.gate), data: r.data };
      },
      (row, q, today) => repo.toOverview(q, scope.actor, row, today),
    );
  }

  /**
   * Search by personnummer (sent in the body, never in the URL). Finds only children on my team; a
   * child that exists but is not on my team gets exactly the same answer as one that does not exist.
   */
  async searchByPersonnummer(scope: RequestScope, input: string): Promise<ChildSummary | null> {
    let normalized: string;
    try {
      normalized = parseIdentityNumber(input, scope.now).normalized;
    } catch (err) {
      if (err instanceof InvalidIdentityNumberError) {
        const reason = {
          format: 'It should be 10 or 12 digits, e.g. ÅÅÅÅMMDD-NNNN.',
          date: 'The date part is not a real date.',
          checksum: 'The check digit does not match; check the number for typing errors.',
        }[err.reason];
        throw new AppError('validation_failed', `That is not a valid personnummer or samordningsnummer. ${reason}`, {
          field: 'personnummer',
          reason: err.reason,
        });
      }
      throw err;
    }
    const found = await listChildData(
      { ctx: this.ctx, scope, action: 'child.search', resourceType: 'child' },
      async (q, gate) => {
        const childId = await repo.findChildIdByPersonnummer(q, normalized);
        // A child with protected identity is found only by its own team (never through break-glass).
        if (!childId || !(await gate.permittedChildIds([childId], 'search')).has(childId)) {
          return { childId, permitted: false, summary: null };
        }
        const [summary] = await repo.childSummaries(q, scope.actor, [childId], scope.today);
        return { childId, permitted: true, summary: summary ?? null };
      },
      ({ childId, permitted }) => [
        { childId, resourceId: childId, outcome: permitted ? 'permitted' : childId ? 'denied' : 'not_found' },
      ],
    );
    return found.summary;
  }
}
