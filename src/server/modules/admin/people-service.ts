import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../core/errors.js';
import type {
  AdminAssignment,
  AdminAssignmentCreate,
  AdminAssignmentEnd,
  AdminPeopleList,
  AdminPerson,
  AdminPersonCreate,
  AdminPersonDetail,
  AdminPersonUpdate,
} from '../../../contract/admin.js';
import { auditedTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf } from '../../access/audit-events.js';
import type { RequestScope } from '../../access/request-scope.js';
import { StaleVersion } from '../../access/write-outcomes.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { reconcileDirectoryTeams } from '../directory/teams.js';
import { checkAssignmentEnd, createAssignmentIn } from './assignments.js';
import * as repo from './repo.js';
import { type AdminReach, adminReach } from './scope.js';
import * as writes from './writes-repo.js';

const personEvents = (scope: RequestScope) => auditEventsOf(scope.actor, scope.requestId, 'person');
const sourceOf = (x: { source: string | null }) => (x.source ? { source: x.source } : {});

/**
 * People and their assignments at the units an admin reaches. A person is within reach through an
 * assignment (current or past) at one of those units, so a new person comes with a first
 * assignment. Disabling ends the person's sessions in the same transaction. No child data.
 */
export class AdminPeopleService {
  constructor(private readonly ctx: AppContext) {}

  async search(scope: RequestScope, query: string): Promise<AdminPeopleList> {
    const reach = adminReach(scope.actor);
    const found = await repo.searchPeople(this.ctx.db, reach, query, scope.today);
    const truncated = found.length > repo.PEOPLE_LIMIT;
    const people = found.slice(0, repo.PEOPLE_LIMIT);
    await recordEvents(this.ctx, [
      personEvents(scope)({ action: 'admin.list', details: { view: 'people', count: people.length } }),
    ]);
    return { people, truncated };
  }

  async get(scope: RequestScope, personId: string): Promise<AdminPersonDetail> {
    const reach = adminReach(scope.actor);
    const person = await repo.loadPerson(this.ctx.db, reach, personId);
    if (!person) throw notFound();
    const assignments = await repo.listAssignments(this.ctx.db, reach, 'person', personId, scope.today);
    await recordEvents(this.ctx, [
      personEvents(scope)({
        action: 'admin.list',
        resourceId: personId,
        details: { view: 'person', count: assignments.length },
      }),
    ]);
    return { person, assignments };
  }

  /** A new person with their first assignment, in one transaction with both audit events. */
  async create(scope: RequestScope, input: AdminPersonCreate): Promise<AdminPersonDetail> {
    const reach = adminReach(scope.actor);
    const issuer = this.ctx.config.oidc.issuer ?? null;
    const subject = input.oidcSubject?.trim() || null;
    const id = randomUUID();
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        if (subject && (await writes.subjectTaken(tx, issuer, subject)))
          throw new AppError(
            'conflict',
            'Someone else already logs in with this login id. Check it with the identity provider.',
            {
              field: 'oidcSubject',
              reason: 'subject_taken',
            },
          );
        await writes.insertPerson(tx, {
          id,
          givenName: input.givenName.trim(),
          familyName: input.familyName.trim(),
          email: input.email ?? null,
          phone: input.phone ?? null,
          oidcIssuer: subject ? issuer : null,
          oidcSubject: subject,
          now: scope.now.toISOString(),
        });
        const a = input.assignment;
        const { assignment, event } = await createAssignmentIn(
          tx,
          scope,
          reach,
          {
            personId: id,
            unitId: a.unitId,
            role: a.role,
            title: a.title?.trim() || null,
            validFrom: a.validFrom,
            validTo: a.validTo ?? null,
          },
          true,
        );
        const person = (await repo.loadPerson(tx, reach, id))!;
        const created = personEvents(scope)({
          action: 'admin.person_create',
          resourceId: id,
          details: { assignmentId: assignment.id },
        });
        return { result: { person, assignments: [assignment] }, events: [created, event] };
      },
      { now: this.ctx.now },
    );
  }

  /**
   * Corrects a person's names, contact details or login id (If-Match). Like disabling, only for a
   * person who works at no unit outside the admin's reach; a login id another person has is 409.
   */
  async update(scope: RequestScope, personId: string, version: number, input: AdminPersonUpdate): Promise<AdminPerson> {
    const reach = adminReach(scope.actor);
    const issuer = this.ctx.config.oidc.issuer ?? null;
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await this.lockPerson(tx, reach, personId, version);
        await this.refuseOutsideReach(tx, reach, personId, scope.today);
        const subject = input.oidcSubject === undefined ? current.oidcSubject : input.oidcSubject;
        if (subject && subject !== current.oidcSubject && (await writes.subjectTaken(tx, issuer, subject, personId)))
          throw new AppError(
            'conflict',
            'Someone else already logs in with this login id. Check it with the identity provider.',
            {
              field: 'oidcSubject',
              reason: 'subject_taken',
            },
          );
        await writes.updatePerson(tx, {
          id: personId,
          givenName: input.givenName ?? current.givenName,
          familyName: input.familyName ?? current.familyName,
          email: input.email === undefined ? current.email : input.email,
          phone: input.phone === undefined ? current.phone : input.phone,
          oidcIssuer: subject ? (subject === current.oidcSubject ? await writes.issuerOf(tx, personId) : issuer) : null,
          oidcSubject: subject,
        });
        const person = (await repo.loadPerson(tx, reach, personId))!;
        const fields = Object.keys(input).sort().join(',');
        const event = personEvents(scope)({
          action: 'admin.person_update',
          resourceId: personId,
          details: { fields, ...sourceOf(current) },
        });
        return { result: person, events: [event] };
      },
      { now: this.ctx.now },
    );
  }

  private async refuseOutsideReach(tx: Queryable, reach: AdminReach, personId: string, today: string): Promise<void> {
    if (await repo.worksOutsideReach(tx, reach, personId, today))
      throw new AppError(
        'forbidden',
        'This person also works at units you do not administer. Ask the administrator of the whole organisation, or end their assignments at your units instead.',
        { reason: 'outside_reach' },
      );
  }

  /** Disables (and logs out) or enables a person; 403 when they also work at units the admin does not reach. */
  async setEnabled(scope: RequestScope, personId: string, version: number, enabled: boolean): Promise<AdminPerson> {
    const reach = adminReach(scope.actor);
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await this.lockPerson(tx, reach, personId, version);
        if (!enabled && personId === scope.actor.personId)
          throw new AppError('conflict', 'You cannot disable yourself. Ask another administrator.', { reason: 'self' });
        await this.refuseOutsideReach(tx, reach, personId, scope.today);
        await writes.setEnabled(tx, personId, enabled);
        const sessionsEnded = enabled ? 0 : await writes.endSessions(tx, personId);
        const person = (await repo.loadPerson(tx, reach, personId))!;
        const event = enabled
          ? personEvents(scope)({ action: 'admin.person_enable', resourceId: personId, details: sourceOf(current) })
          : personEvents(scope)({
              action: 'admin.person_disable',
              resourceId: personId,
              details: { sessionsEnded, ...sourceOf(current) },
            });
        return { result: person, events: [event] };
      },
      { now: this.ctx.now },
    );
  }

  async createAssignment(scope: RequestScope, input: AdminAssignmentCreate): Promise<AdminAssignment> {
    const reach = adminReach(scope.actor);
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const { assignment, event } = await createAssignmentIn(tx, scope, reach, {
          personId: input.personId,
          unitId: input.unitId,
          role: input.role,
          title: input.title?.trim() || null,
          validFrom: input.validFrom,
          validTo: input.validTo ?? null,
        });
        return { result: assignment, events: [event] };
      },
      { now: this.ctx.now },
    );
  }

  /** Ends an assignment on `validTo` (never deletes it); the teams it formed end with it. */
  async endAssignment(
    scope: RequestScope,
    assignmentId: string,
    version: number,
    input: AdminAssignmentEnd,
  ): Promise<AdminAssignment> {
    const reach = adminReach(scope.actor);
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await repo.loadAssignment(tx, reach, assignmentId, scope.today, true);
        if (!current) throw notFound();
        if (current.version !== version)
          throw new StaleVersion(
            async () => (await repo.loadAssignment(this.ctx.db, reach, assignmentId, scope.today))!,
          );
        checkAssignmentEnd(current, input.validTo);
        await writes.endAssignment(tx, assignmentId, input.validTo);
        const teams = await reconcileDirectoryTeams(tx, scope.today);
        const assignment = (await repo.loadAssignment(tx, reach, assignmentId, scope.today))!;
        const event = auditEventsOf(
          scope.actor,
          scope.requestId,
          'assignment',
        )({
          action: 'admin.assignment_end',
          resourceId: assignmentId,
          details: {
            personId: current.personId,
            unitId: current.unitId,
            role: current.role,
            validTo: input.validTo,
            teamsEnded: teams.ended,
            ...sourceOf(current),
          },
        });
        return { result: assignment, events: [event] };
      },
      { now: this.ctx.now },
    );
  }

  private async lockPerson(tx: Queryable, reach: AdminReach, personId: string, version: number): Promise<AdminPerson> {
    const current = await repo.loadPerson(tx, reach, personId, true);
    if (!current) throw notFound();
    if (current.version !== version)
      throw new StaleVersion(async () => (await repo.loadPerson(this.ctx.db, reach, personId))!);
    return current;
  }
}
