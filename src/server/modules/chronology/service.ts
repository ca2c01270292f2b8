import { AppError } from '../../../core/errors.js';
import { readChildData, writeChildData } from '../../access/child-data.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';
import type { ChronologyCreateRequest, ChronologyEntry } from '../../../contract/chronology.js';
import type { RequestScope } from '../../access/request-scope.js';

export type { NewChronologyEntry } from './repo.js';

/**
 * Appends one entry inside the caller's transaction: other modules (concerns, consultation, the
 * plan) record their decisions in the chronology in the same transaction as the decision itself,
 * under the caller's gate and audit event. Returns the entry's id.
 */
export function appendChronologyEntry(tx: Queryable, entry: repo.NewChronologyEntry): Promise<string> {
  return repo.appendEntry(tx, entry);
}

/**
 * The child's chronology: shared by the team, append-only. Reads and writes go through the
 * child-data choke point; there is no way to change or remove an entry (the table refuses it too).
 */
export class ChronologyService {
  constructor(private readonly ctx: AppContext) {}

  async list(scope: RequestScope, childId: string): Promise<ChronologyEntry[]> {
    const { actor, requestId } = scope;
    return readChildData(
      {
        ctx: this.ctx,
        actor,
        childId,
        requestId,
        action: 'chronology.read',
        resourceType: 'chronology',
        resourceId: null,
      },
      async (q, _today, c) =>
        // Only the entries of secrecy domains the actor may see (access/record-access.ts).
        c.visible(await repo.listEntries(q, childId), 'chronology', (e) => e.source.secrecyDomain),
    );
  }

  async add(scope: RequestScope, childId: string, input: ChronologyCreateRequest): Promise<ChronologyEntry> {
    const { actor, requestId } = scope;
    return writeChildData(
      { ctx: this.ctx, actor, childId, requestId, action: 'chronology.create', resourceType: 'chronology' },
      async (tx, today) => {
        if (input.eventDate > today)
          throw new AppError('validation_failed', `The event date cannot be in the future (today is ${today}).`, {
            field: 'eventDate',
          });
        const id = await repo.appendEntry(tx, {
          childId,
          kind: 'note',
          eventDate: input.eventDate,
          significance: input.significance,
          text: input.text,
          actor,
          createdAt: scope.now.toISOString(),
          secretFromGuardians: input.secretFromGuardians ?? false,
        });
        const entry = await repo.loadEntry(tx, childId, id);
        if (!entry) throw new Error('chronology entry vanished inside its own transaction');
        return { result: entry, resourceId: id };
      },
    );
  }
}
