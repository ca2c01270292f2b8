import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../core/errors.js';
import type {
  AdminOptions,
  AdminUnit,
  AdminUnitCreate,
  AdminUnitDetail,
  AdminUnitEnd,
  AdminUnitRename,
} from '../../../contract/admin.js';
import { auditedTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf } from '../../access/audit-events.js';
import type { RequestScope } from '../../access/request-scope.js';
import { StaleVersion } from '../../access/write-outcomes.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { reconcileDirectoryTeams } from '../directory/teams.js';
import { ROLES_BY_UNIT_KIND, secrecyDomainOf, UNIT_KINDS } from '../directory/unit-kinds.js';
import { badInput } from './assignments.js';
import * as repo from './repo.js';
import { type AdminReach, adminReach } from './scope.js';
import * as writes from './writes-repo.js';

const unitEvents = (scope: RequestScope) => auditEventsOf(scope.actor, scope.requestId, 'unit');
const sourceOf = (u: { source: string | null }) => (u.source ? { source: u.source } : {});

/**
 * Units an admin keeps by hand: create (the secrecy domain follows the kind), rename, end. Every
 * change is one transaction with its audit event; every list is audited (`admin.list`).
 */
export class AdminUnitsService {
  constructor(private readonly ctx: AppContext) {}

  async options(scope: RequestScope): Promise<AdminOptions> {
    const reach = adminReach(scope.actor);
    const r = await this.ctx.db.query<{ name: string }>('SELECT name FROM organisation WHERE id = $1', [
      reach.organisationId,
    ]);
    return {
      reach: reach.kind,
      organisationId: reach.organisationId,
      organisationName: r.rows[0]?.name ?? '',
      unitKinds: UNIT_KINDS.map((kind) => ({
        kind,
        secrecyDomain: secrecyDomainOf(kind),
        roles: ROLES_BY_UNIT_KIND[kind].filter((role) => role !== 'system_admin' || reach.role === 'system_admin'),
      })),
    };
  }

  async list(scope: RequestScope): Promise<AdminUnit[]> {
    const reach = adminReach(scope.actor);
    const units = await repo.listUnits(this.ctx.db, reach, scope.today);
    await recordEvents(this.ctx, [
      unitEvents(scope)({ action: 'admin.list', details: { view: 'units', count: units.length } }),
    ]);
    return units;
  }

  /** One unit with its assignments (current ones first); 404 outside the admin's reach. */
  async get(scope: RequestScope, unitId: string): Promise<AdminUnitDetail> {
    const reach = adminReach(scope.actor);
    const unit = await repo.loadUnit(this.ctx.db, reach, unitId, scope.today);
    if (!unit) throw notFound();
    const assignments = await repo.listAssignments(this.ctx.db, reach, 'unit', unitId, scope.today);
    await recordEvents(this.ctx, [
      unitEvents(scope)({
        action: 'admin.list',
        resourceId: unitId,
        details: { view: 'unit', count: assignments.length },
      }),
    ]);
    return { unit, assignments };
  }

  async create(scope: RequestScope, input: AdminUnitCreate): Promise<AdminUnit> {
    const reach = adminReach(scope.actor);
    const parentUnitId = input.parentUnitId ?? (reach.kind === 'unit' ? reach.unitId : null);
    if (reach.kind === 'unit' && parentUnitId !== reach.unitId)
      throw badInput('parentUnitId', 'As a unit administrator you can add units only under your own unit.');
    const id = randomUUID();
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        if (parentUnitId) await this.checkParent(tx, reach, parentUnitId, scope.today);
        const org = await writes.organisationOf(tx, reach.organisationId);
        await writes.insertUnit(tx, {
          id,
          organisationId: reach.organisationId,
          name: input.name,
          kind: input.kind,
          secrecyDomain: secrecyDomainOf(input.kind),
          municipalityCode: input.municipalityCode ?? org?.municipalityCode ?? null,
          schoolUnitCode: input.schoolUnitCode ?? null,
          parentUnitId,
          now: scope.now.toISOString(),
        });
        const unit = await repo.loadUnit(tx, reach, id, scope.today);
        if (!unit) throw new Error('a unit vanished inside its own transaction');
        const details = {
          kind: input.kind,
          organisationId: reach.organisationId,
          ...(parentUnitId ? { parentUnitId } : {}),
        };
        return { result: unit, events: [unitEvents(scope)({ action: 'admin.unit_create', resourceId: id, details })] };
      },
      { now: this.ctx.now },
    );
  }

  private async checkParent(tx: Queryable, reach: AdminReach, parentUnitId: string, today: string): Promise<void> {
    const parent = await repo.loadUnit(tx, reach, parentUnitId, today);
    if (!parent) throw badInput('parentUnitId', 'There is no such unit among the units you administer.');
    if (parent.validTo !== null && parent.validTo < today)
      throw badInput('parentUnitId', `That unit ended on ${parent.validTo}; choose a unit that still exists.`);
  }

  async rename(scope: RequestScope, unitId: string, version: number, input: AdminUnitRename): Promise<AdminUnit> {
    const reach = adminReach(scope.actor);
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await this.lockCurrent(tx, reach, unitId, version, scope.today);
        await writes.renameUnit(tx, unitId, input.name);
        const unit = (await repo.loadUnit(tx, reach, unitId, scope.today))!;
        return {
          result: unit,
          events: [unitEvents(scope)({ action: 'admin.unit_update', resourceId: unitId, details: sourceOf(current) })],
        };
      },
      { now: this.ctx.now },
    );
  }

  /**
   * Ends the unit on `validTo`. Its open assignments end with it only when asked (`endAssignments`);
   * otherwise 409 saying how many are open. Units under it must end first.
   */
  async end(scope: RequestScope, unitId: string, version: number, input: AdminUnitEnd): Promise<AdminUnit> {
    const reach = adminReach(scope.actor);
    const { validTo } = input;
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await this.lockCurrent(tx, reach, unitId, version, scope.today);
        if (current.validTo !== null && current.validTo <= validTo)
          throw new AppError('conflict', `The unit already ends on ${current.validTo}.`, {
            reason: 'already_ended',
            validTo: current.validTo,
          });
        const openUnits = await repo.openChildUnitsAfter(tx, unitId, validTo);
        if (openUnits > 0)
          throw new AppError(
            'conflict',
            `${openUnits} unit(s) under this one are still open after ${validTo}. End them first.`,
            { reason: 'open_units', openUnits },
          );
        const open = await writes.openAssignmentsAfter(tx, unitId, validTo);
        if (open > 0 && !input.endAssignments)
          throw new AppError(
            'conflict',
            `${open} assignment(s) at this unit are still open after ${validTo}. End them first, or end them together with the unit.`,
            { reason: 'open_assignments', openAssignments: open },
          );
        const ended = open > 0 ? await writes.endOpenAssignmentsAt(tx, unitId, validTo) : 0;
        await writes.endUnit(tx, unitId, validTo);
        const teams = ended > 0 ? await reconcileDirectoryTeams(tx, scope.today) : null;
        const unit = (await repo.loadUnit(tx, reach, unitId, scope.today))!;
        const details = {
          validTo,
          assignmentsEnded: ended,
          ...(teams ? { teamsEnded: teams.ended } : {}),
          ...sourceOf(current),
        };
        return { result: unit, events: [unitEvents(scope)({ action: 'admin.unit_end', resourceId: unitId, details })] };
      },
      { now: this.ctx.now },
    );
  }

  /** The unit locked for an edit: 404 outside reach, 412 (with the current unit) when If-Match is stale. */
  private async lockCurrent(
    tx: Queryable,
    reach: AdminReach,
    unitId: string,
    version: number,
    today: string,
  ): Promise<AdminUnit> {
    const current = await repo.loadUnit(tx, reach, unitId, today, true);
    if (!current) throw notFound();
    if (current.version !== version)
      throw new StaleVersion(async () => (await repo.loadUnit(this.ctx.db, reach, unitId, today))!);
    return current;
  }
}
