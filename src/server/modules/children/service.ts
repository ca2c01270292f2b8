import { AppError, notFound } from '../../../core/errors.js';
import { InvalidIdentityNumberError, parseIdentityNumber } from '../../../core/personnummer.js';
import type { AssignedActor } from '../../access/actor.js';
import { childAccess, permittedChildIds } from '../../access/gate.js';
import { protectedChildIds } from '../../access/record-access.js';
import type { AuditEventInput } from '../../audit/events.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import * as repo from './repo.js';
import type { ChildOverview, ChildSummary } from './schemas.js';

/**
 * The choke point for children's data: every method asks the gate, then waits until its audit
 * events are durably committed before returning anything. If the audit fails, it throws and no
 * data leaves.
 */
export class ChildService {
  constructor(private readonly ctx: AppContext) {}

  private event(
    actor: AssignedActor,
    requestId: string,
    e: Pick<AuditEventInput, 'action' | 'childId' | 'outcome' | 'resourceType' | 'resourceId'> & {
      details?: AuditEventInput['details'];
    },
  ): AuditEventInput {
    return { actorPersonId: actor.personId, actorAssignmentId: actor.assignmentId, requestId, ...e };
  }

  /** "Mina barn": the children on my team today; one audit event per child in the answer. */
  async listMine(actor: AssignedActor, requestId: string): Promise<ChildSummary[]> {
    const today = swedishToday(this.ctx.now());
    const children = await repo.listVisibleChildren(this.ctx.db, actor, today, this.ctx.now());
    const prot = await protectedChildIds(
      this.ctx.db,
      children.map((c) => c.id),
    );
    await this.ctx.audit.record(
      children.length > 0
        ? children.map((c) =>
            this.event(actor, requestId, {
              action: 'child.list',
              childId: c.id,
              outcome: 'permitted',
              resourceType: 'child_list',
              resourceId: null,
              ...(prot.has(c.id) ? { details: { protected_identity: true } } : {}),
            }),
          )
        : [
            this.event(actor, requestId, {
              action: 'child.list',
              childId: null,
              outcome: 'permitted',
              resourceType: 'child_list',
              resourceId: null,
              details: { count: 0 },
            }),
          ],
    );
    return children;
  }

  async overview(actor: AssignedActor, childId: string, requestId: string): Promise<ChildOverview> {
    const today = swedishToday(this.ctx.now());
    // The gate's rule is applied inside the same statement that reads the overview (one round trip).
    const overview = await repo.loadOverviewIfPermitted(this.ctx.db, actor, childId, today, this.ctx.now());
    if (!overview) {
      const exists = await repo.childExists(this.ctx.db, childId);
      await this.ctx.audit.record([
        this.event(actor, requestId, {
          action: 'child.read',
          childId: exists ? childId : null,
          outcome: exists ? 'denied' : 'not_found',
          resourceType: 'child',
          resourceId: childId,
        }),
      ]);
      throw notFound();
    }
    // Protected identity and break-glass are marked on the audit event for log review.
    const access =
      overview.protectedIdentity || !overview.team.some((m) => m.active && m.personId === actor.personId)
        ? await childAccess(this.ctx.db, actor, childId, today, this.ctx.now())
        : null;
    const details: Record<string, string | boolean> = {};
    if (access?.protectedIdentity) details.protected_identity = true;
    if (access?.breakGlassId) details.break_glass_id = access.breakGlassId;
    await this.ctx.audit.record([
      this.event(actor, requestId, {
        action: 'child.read',
        childId,
        outcome: 'permitted',
        resourceType: 'child',
        resourceId: childId,
        ...(Object.keys(details).length > 0 ? { details } : {}),
      }),
    ]);
    return overview;
  }

  /**
   * Search by personnummer (sent in the body, never in the URL). Finds only children on my team; a
   * child that exists but is not on my team gets exactly the same answer as one that does not exist.
   */
  async searchByPersonnummer(actor: AssignedActor, input: string, requestId: string): Promise<ChildSummary | null> {
    let normalized: string;
    try {
      normalized = parseIdentityNumber(input, this.ctx.now()).normalized;
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
    const today = swedishToday(this.ctx.now());
    const childId = await repo.findChildIdByPersonnummer(this.ctx.db, normalized);
    // A child with protected identity is found only by its own team (never through break-glass).
    const permitted = childId
      ? await permittedChildIds(this.ctx.db, actor, [childId], today, { purpose: 'search', now: this.ctx.now() })
      : new Set<string>();
    if (!childId || !permitted.has(childId)) {
      await this.ctx.audit.record([
        this.event(actor, requestId, {
          action: 'child.search',
          childId,
          outcome: childId ? 'denied' : 'not_found',
          resourceType: 'child',
          resourceId: childId,
        }),
      ]);
      return null;
    }
    const [summary] = await repo.childSummaries(this.ctx.db, actor, [childId], today);
    await this.ctx.audit.record([
      this.event(actor, requestId, {
        action: 'child.search',
        childId,
        outcome: 'permitted',
        resourceType: 'child',
        resourceId: childId,
      }),
    ]);
    return summary ?? null;
  }
}
