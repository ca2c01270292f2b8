import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../core/errors.js';
import { InvalidIdentityNumberError, parseIdentityNumber } from '../../../core/personnummer.js';
import type { AssignedActor } from '../../access/actor.js';
import { appendEventsInTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf } from '../../access/audit-events.js';
import { childAccess, mayHoldCaseData } from '../../access/gate.js';
import { BREAK_GLASS_ROLES, LOG_REVIEWER_ROLES } from '../../access/record-access.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './break-glass-repo.js';
import type { BreakGlass, BreakGlassReviewRequest, BreakGlassStartRequest } from '../../../contract/privacy.js';
import { invalid } from './privacy-input.js';
import type { RequestScope } from '../../access/request-scope.js';

/**
 * Break-glass: the one write that is not authorised by the team gate — it is what OPENS the gate
 * for one child, and is guarded by role, a fresh login, a reason and a time box instead.
 */
export class BreakGlassService {
  constructor(private readonly ctx: AppContext) {}

  async myBreakGlass(
    actor: AssignedActor,
  ): Promise<{ breakGlass: BreakGlass[]; reauthMinutes: number; defaultMinutes: number; mayBreakGlass: boolean }> {
    return {
      breakGlass: await repo.listBreakGlassOfPerson(this.ctx.db, actor.personId, this.ctx.now()),
      reauthMinutes: this.ctx.config.privacy.breakGlassReauthMinutes,
      defaultMinutes: this.ctx.config.privacy.breakGlassMinutes,
      mayBreakGlass: BREAK_GLASS_ROLES.has(actor.role),
    };
  }

  /** Role and a fresh login (within the configured minutes); a refusal is audited as denied. Returns the login time. */
  private async requireFreshLogin(actor: AssignedActor, now: Date, requestId: string): Promise<Date> {
    const denied = async (reason: string, childId: string | null = null) =>
      recordEvents(this.ctx, [
        auditEventsOf(
          actor,
          requestId,
        )({
          action: 'break_glass.start',
          childId,
          outcome: 'denied',
          resourceType: 'break_glass',
          resourceId: null,
          details: { reason },
        }),
      ]);
    if (!BREAK_GLASS_ROLES.has(actor.role) || !mayHoldCaseData(actor)) {
      await denied('role');
      throw new AppError(
        'forbidden',
        "Your role cannot use emergency access. Ask the child's coordinator or social services on call.",
        { reason: 'role' },
      );
    }
    // Re-authentication: the session must come from a login within the last N minutes.
    const s = await this.ctx.db.query<{ created_at: unknown }>(
      'SELECT created_at FROM user_session WHERE token_hash = $1',
      [actor.sessionTokenHash],
    );
    const loggedInAt = s.rows[0] ? new Date(s.rows[0].created_at as string) : null;
    const window = this.ctx.config.privacy.breakGlassReauthMinutes;
    if (!loggedInAt || now.getTime() - loggedInAt.getTime() > window * 60_000) {
      await denied('reauth_required');
      throw new AppError(
        'forbidden',
        `Emergency access needs a fresh login: log in again (within ${window} minutes) and try again.`,
        { reason: 'reauth_required', withinMinutes: window },
      );
    }
    return loggedInAt;
  }

  /** The child by personnummer; an unknown child is audited as not found and answers 404. */
  private async childByPersonnummer(
    actor: AssignedActor,
    personnummer: string,
    now: Date,
    requestId: string,
  ): Promise<string> {
    let normalized: string;
    try {
      normalized = parseIdentityNumber(personnummer, now).normalized;
    } catch (err) {
      if (err instanceof InvalidIdentityNumberError)
        throw invalid('personnummer', 'That is not a valid personnummer or samordningsnummer.', { reason: err.reason });
      throw err;
    }
    const c = await this.ctx.db.query<{ id: string }>('SELECT id FROM child WHERE personnummer = $1', [normalized]);
    const childId = c.rows[0]?.id;
    if (!childId) {
      await recordEvents(this.ctx, [
        auditEventsOf(
          actor,
          requestId,
        )({
          action: 'break_glass.start',
          childId: null,
          outcome: 'not_found',
          resourceType: 'break_glass',
          resourceId: null,
        }),
      ]);
      throw notFound();
    }
    return childId;
  }

  /**
   * Opens the gate for one child: role, a fresh login, a reason, a time box. One transaction holds
   * the break-glass row, the alerts to the child's coordinators and to the log reviewers of the
   * person's organisation, and the audit row (with the break-glass id).
   */
  async startBreakGlass(scope: RequestScope, input: BreakGlassStartRequest): Promise<BreakGlass> {
    const { actor, requestId } = scope;
    const now = scope.now;
    const today = swedishToday(now);
    const loggedInAt = await this.requireFreshLogin(actor, now, requestId);
    const childId = await this.childByPersonnummer(actor, input.personnummer, now, requestId);
    const minutes = Math.min(
      input.minutes ?? this.ctx.config.privacy.breakGlassMinutes,
      this.ctx.config.privacy.breakGlassMaxMinutes,
    );
    const id = randomUUID();
    return this.ctx.db.transaction(async (tx) => {
      const access = await childAccess(tx, actor, childId, today, now);
      if (access.onTeam)
        throw new AppError('conflict', 'You are on this child\'s team: open the child from "Mina barn" instead.', {
          reason: 'on_team',
        });
      const other = await repo.activeBreakGlassOf(tx, actor.personId, now);
      if (other)
        throw new AppError(
          'conflict',
          'You already have an emergency access open. End it before opening another: one child at a time.',
          { reason: 'already_active' },
        );
      await tx.query(
        `INSERT INTO break_glass (id, child_id, person_id, assignment_id, role, unit_id, organisation_id, reason, authenticated_at, started_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10::timestamptz, $11::timestamptz)`,
        [
          id,
          childId,
          actor.personId,
          actor.assignmentId,
          actor.role,
          actor.unitId,
          actor.organisationId,
          input.reason,
          loggedInAt.toISOString(),
          now.toISOString(),
          new Date(now.getTime() + minutes * 60_000).toISOString(),
        ],
      );
      for (const co of await repo.coordinatorsOf(tx, childId, today)) {
        await tx.query(
          `INSERT INTO privacy_alert (id, kind, child_id, break_glass_id, recipient_kind, recipient_person_id, recipient_assignment_id, created_at) VALUES ($1, 'break_glass', $2, $3, 'coordinator', $4, $5, $6::timestamptz)`,
          [randomUUID(), childId, id, co.personId, co.assignmentId, now.toISOString()],
        );
      }
      await tx.query(
        `INSERT INTO privacy_alert (id, kind, child_id, break_glass_id, recipient_kind, organisation_id, created_at) VALUES ($1, 'break_glass', $2, $3, 'log_reviewers', $4, $5::timestamptz)`,
        [randomUUID(), childId, id, actor.organisationId, now.toISOString()],
      );
      const details: Record<string, string | number | boolean> = { break_glass_id: id, minutes };
      if (access.protectedIdentity) details.protected_identity = true;
      await appendEventsInTransaction(
        tx,
        [
          auditEventsOf(
            actor,
            requestId,
          )({
            action: 'break_glass.start',
            childId,
            outcome: 'permitted',
            resourceType: 'break_glass',
            resourceId: id,
            details,
          }),
        ],
        now,
      );
      return (await repo.loadBreakGlass(tx, id, now, true))!;
    });
  }

  async endBreakGlass(scope: RequestScope, id: string): Promise<BreakGlass> {
    const { actor, requestId } = scope;
    const now = scope.now;
    return this.ctx.db.transaction(async (tx) => {
      const row = await repo.loadBreakGlassRow(tx, id, true);
      if (!row || row.person_id !== actor.personId) throw notFound();
      if (repo.isActive(row, now))
        await tx.query('UPDATE break_glass SET ended_at = $2::timestamptz WHERE id = $1', [id, now.toISOString()]);
      await appendEventsInTransaction(
        tx,
        [
          auditEventsOf(
            actor,
            requestId,
          )({
            action: 'break_glass.end',
            childId: row.child_id,
            outcome: 'permitted',
            resourceType: 'break_glass',
            resourceId: id,
            details: { break_glass_id: id },
          }),
        ],
        now,
      );
      return (await repo.loadBreakGlass(tx, id, now, false))!;
    });
  }

  /**
   * The mandatory review afterwards: by the child's coordinator (acting in that assignment) or a log
   * reviewer of the organisation of the person who broke the glass — never by that person. Once.
   */
  async reviewBreakGlass(scope: RequestScope, id: string, input: BreakGlassReviewRequest): Promise<BreakGlass> {
    const { actor, requestId } = scope;
    const now = scope.now;
    const today = swedishToday(now);
    const row = await repo.loadBreakGlassRow(this.ctx.db, id);
    const allowed =
      row !== null &&
      row.person_id !== actor.personId &&
      ((LOG_REVIEWER_ROLES.has(actor.role) && row.organisation_id === actor.organisationId) ||
        (await repo.coordinatorsOf(this.ctx.db, row.child_id, today)).some(
          (c) => c.personId === actor.personId && c.assignmentId === actor.assignmentId,
        ));
    if (!row || !allowed) {
      await recordEvents(this.ctx, [
        auditEventsOf(
          actor,
          requestId,
        )({
          action: 'break_glass.review',
          childId: row?.child_id ?? null,
          outcome: row ? 'denied' : 'not_found',
          resourceType: 'break_glass',
          resourceId: id,
        }),
      ]);
      throw notFound();
    }
    if (repo.isActive(row, now))
      throw new AppError('conflict', 'The emergency access is still open. Review it when it has ended or expired.', {
        reason: 'still_active',
      });
    return this.ctx.db.transaction(async (tx) => {
      const exists = await tx.query('SELECT 1 FROM break_glass_review WHERE break_glass_id = $1', [id]);
      if (exists.rows.length > 0)
        throw new AppError('conflict', 'This emergency access has already been reviewed.', {
          reason: 'already_reviewed',
        });
      await tx.query(
        `INSERT INTO break_glass_review (id, break_glass_id, outcome, note, reviewed_by_person_id, reviewed_by_assignment_id, reviewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
        [randomUUID(), id, input.outcome, input.note, actor.personId, actor.assignmentId, now.toISOString()],
      );
      await appendEventsInTransaction(
        tx,
        [
          auditEventsOf(
            actor,
            requestId,
          )({
            action: 'break_glass.review',
            childId: row.child_id,
            outcome: 'permitted',
            resourceType: 'break_glass',
            resourceId: id,
            details: { outcome: input.outcome, break_glass_id: id },
          }),
        ],
        now,
      );
      return (await repo.loadBreakGlass(tx, id, now, true))!;
    });
  }
}

/** Privacy alerts that wait for me: break-glass accesses on children I coordinate (or, as a log reviewer, in my organisation) not yet reviewed. */
export async function breakGlassReviewsDue(
  q: Queryable,
  actor: AssignedActor,
  _now: Date,
): Promise<
  {
    breakGlassId: string;
    childId: string;
    childName: string | null;
    dueDate: string;
    why: 'coordinator' | 'log_reviewer';
  }[]
> {
  const reviewer = LOG_REVIEWER_ROLES.has(actor.role);
  const r = await q.query<{
    break_glass_id: string;
    child_id: string;
    child_name: string;
    expires_at: unknown;
    recipient_kind: string;
  }>(
    `SELECT DISTINCT ON (a.break_glass_id) a.break_glass_id, a.child_id, c.given_name || ' ' || c.family_name AS child_name, bg.expires_at, a.recipient_kind
       FROM privacy_alert a
       JOIN break_glass bg ON bg.id = a.break_glass_id
       JOIN child c ON c.id = a.child_id
      WHERE NOT EXISTS (SELECT 1 FROM break_glass_review r WHERE r.break_glass_id = a.break_glass_id)
        AND bg.person_id <> $1
        AND ((a.recipient_kind = 'coordinator' AND a.recipient_person_id = $1 AND a.recipient_assignment_id = $2)
          OR ($3::boolean AND a.recipient_kind = 'log_reviewers' AND a.organisation_id = $4))
      ORDER BY a.break_glass_id, a.recipient_kind`,
    [actor.personId, actor.assignmentId, reviewer, actor.organisationId],
  );
  return r.rows.map((x) => ({
    breakGlassId: x.break_glass_id,
    childId: x.child_id,
    // A log reviewer is not on the child's team: the alert names no child.
    childName: x.recipient_kind === 'coordinator' ? x.child_name : null,
    dueDate: swedishToday(new Date(new Date(x.expires_at as string).getTime() + 7 * 86_400_000)),
    why: x.recipient_kind === 'coordinator' ? ('coordinator' as const) : ('log_reviewer' as const),
  }));
}
