import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../core/errors.js';
import type { AssignedActor } from '../../access/actor.js';
import { appendEventsInTransaction } from '../../access/audit-door.js';
import { auditEventsOf } from '../../access/audit-events.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { versionConflict } from '../../http/versioning.js';
import * as repo from './repo.js';
import type { LegalBasis, LegalBasisCreateRequest } from '../../../contract/privacy.js';
import { invalid } from './privacy-input.js';
import type { RequestScope } from '../../access/request-scope.js';

/**
 * The legal-basis catalogue: not child data (anyone with an assignment reads it; system
 * administrators keep it). Its writes are audited in their own transaction.
 */
export class LegalBasisService {
  constructor(private readonly ctx: AppContext) {}

  async listBases(_actor: AssignedActor): Promise<LegalBasis[]> {
    return repo.listBases(this.ctx.db, swedishToday(this.ctx.now()));
  }

  private requireCatalogueAdmin(actor: AssignedActor): void {
    if (actor.role !== 'system_admin')
      throw new AppError('forbidden', 'The legal-basis catalogue is kept by system administrators.', {
        reason: 'role',
      });
  }

  async createBasis(scope: RequestScope, input: LegalBasisCreateRequest): Promise<LegalBasis> {
    const { actor, requestId } = scope;
    this.requireCatalogueAdmin(actor);
    if (input.validTo && input.validTo < input.validFrom)
      throw invalid('validTo', 'The end date must be on or after the start date.');
    const pairs = [...new Set(input.allowedPairs.map((p) => `${p.from}>${p.to}`))];
    if (input.allowedPairs.some((p) => p.from === p.to))
      throw invalid('allowedPairs', 'A pair must go from one secrecy domain to another.');
    const id = randomUUID();
    const now = scope.now;
    return this.ctx.db.transaction(async (tx) => {
      await repo.insertBasis(tx, {
        id,
        code: input.code,
        title: input.title,
        description: input.description,
        statuteReference: input.statuteReference,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        pairs,
        personId: actor.personId,
        now: now.toISOString(),
      });
      await appendEventsInTransaction(
        tx,
        [
          auditEventsOf(
            actor,
            requestId,
          )({
            action: 'legal_basis.create',
            childId: null,
            outcome: 'permitted',
            resourceType: 'legal_basis',
            resourceId: id,
          }),
        ],
        now,
      );
      return (await repo.loadBasis(tx, id, swedishToday(now)))!;
    });
  }

  async getBasis(id: string): Promise<LegalBasis> {
    const b = await repo.loadBasis(this.ctx.db, id, swedishToday(this.ctx.now()));
    if (!b) throw notFound();
    return b;
  }

  async retireBasis(scope: RequestScope, id: string, ifMatch: number, reason: string): Promise<LegalBasis> {
    const { actor, requestId } = scope;
    this.requireCatalogueAdmin(actor);
    const now = scope.now;
    const today = swedishToday(now);
    return this.ctx.db.transaction(async (tx) => {
      const current = await repo.loadBasis(tx, id, today, true);
      if (!current) throw notFound();
      if (current.version !== ifMatch) throw versionConflict(current, current.version);
      if (current.retiredAt) throw new AppError('conflict', 'This legal basis is already retired.');
      await repo.retireBasis(tx, id, ifMatch, reason, actor.personId, now.toISOString());
      await appendEventsInTransaction(
        tx,
        [
          auditEventsOf(
            actor,
            requestId,
          )({
            action: 'legal_basis.retire',
            childId: null,
            outcome: 'permitted',
            resourceType: 'legal_basis',
            resourceId: id,
          }),
        ],
        now,
      );
      return (await repo.loadBasis(tx, id, today))!;
    });
  }
}
