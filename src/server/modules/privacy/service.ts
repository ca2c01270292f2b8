import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../core/errors.js';
import { InvalidIdentityNumberError, parseIdentityNumber } from '../../../core/personnummer.js';
import type { AssignedActor } from '../../access/actor.js';
import { appendEventsInTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf, type AuditDetails } from '../../access/audit-events.js';
import { readChildData, writeChildData, type ChildDataCall } from '../../access/child-data.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import { childAccess, mayHoldCaseData } from '../../access/gate.js';
import { BREAK_GLASS_ROLES, LOG_REVIEWER_ROLES } from '../../access/record-access.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { versionConflict } from '../../http/versioning.js';
import * as repo from './repo.js';
import type {
  BreakGlass,
  BreakGlassReviewRequest,
  BreakGlassStartRequest,
  Consent,
  ConsentCreateRequest,
  ConsentWithdrawRequest,
  Disclosure,
  DisclosureCreateRequest,
  LegalBasis,
  LegalBasisCreateRequest,
  PrivacyView,
} from '../../../contract/privacy.js';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const invalid = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('validation_failed', message, { field, ...extra });

/**
 * Consent, disclosures under a legal basis, the legal-basis catalogue and break-glass. Child data
 * goes through readChildData / writeChildData like everything else; the catalogue is not child data
 * (anyone with an assignment reads it; system administrators keep it); break-glass is the one write
 * that is not authorised by the team gate — it is what OPENS the gate for one child, and is guarded
 * by role, a fresh login, a reason and a time box instead.
 */
export class PrivacyService {
  constructor(private readonly ctx: AppContext) {}

  private call(
    actor: AssignedActor,
    childId: string,
    requestId: string,
    rest: Pick<ChildDataCall, 'action' | 'resourceType'> & Partial<ChildDataCall>,
  ): ChildDataCall {
    return { ctx: this.ctx, actor, childId, requestId, ...rest };
  }

  // -------------------------------------------------------------------------------------------
  // The child's privacy page

  async view(actor: AssignedActor, childId: string, requestId: string): Promise<PrivacyView> {
    return readChildData(
      this.call(actor, childId, requestId, { action: 'privacy.read', resourceType: 'privacy', resourceId: null }),
      async (q, today, c) => {
        const [consents, disclosures, breakGlass, units, guardians, prot] = await Promise.all([
          repo.listConsents(q, childId, c.now, today),
          repo.listDisclosures(q, childId, c.now, today),
          // Who broke the glass on this child is for the team to see, not for another emergency reader.
          c.access.onTeam ? repo.listBreakGlassForChild(q, childId, c.now) : Promise.resolve([]),
          repo.teamUnits(q, childId, today),
          repo.guardiansOf(q, childId, today),
          q.query<{ protected_identity: boolean }>('SELECT protected_identity FROM child WHERE id = $1', [childId]),
        ]);
        return {
          childId,
          protectedIdentity: prot.rows[0]?.protected_identity === true,
          myDomain: actor.secrecyDomain,
          myUnitId: actor.unitId,
          consents,
          disclosures,
          breakGlass,
          options: { units, guardians },
        };
      },
    );
  }

  // -------------------------------------------------------------------------------------------
  // Consent

  async getConsent(
    actor: AssignedActor,
    childId: string,
    id: string,
    requestId: string,
    details?: AuditDetails<'consent.read'>,
  ): Promise<Consent> {
    return readChildData(
      this.call(actor, childId, requestId, {
        action: 'consent.read',
        resourceType: 'consent',
        resourceId: id,
        ...(details ? { details } : {}),
      }),
      (q, today, c) => repo.loadConsent(q, childId, id, c.now, today),
    );
  }

  async createConsent(
    actor: AssignedActor,
    childId: string,
    input: ConsentCreateRequest,
    requestId: string,
  ): Promise<Consent> {
    return writeChildData(
      this.call(actor, childId, requestId, { action: 'consent.create', resourceType: 'consent' }),
      async (tx, today) => {
        const now = this.ctx.now();
        const validFrom = input.validFrom ?? today;
        if (validFrom < today) throw invalid('validFrom', `A consent cannot start in the past (today is ${today}).`);
        if (input.validTo < validFrom) throw invalid('validTo', 'The last day must be on or after the first day.');
        if (input.validTo > addDays(today, 3 * 366))
          throw invalid('validTo', 'A consent can be given for at most three years at a time. Ask again when it ends.');
        const recipients = [...new Set(input.recipientUnitIds)];
        const units = await repo.unitsById(tx, recipients);
        const unknown = recipients.filter((u) => !units.has(u));
        if (unknown.length > 0)
          throw invalid('recipientUnitIds', 'One or more of the chosen services do not exist.', { unitIds: unknown });

        // Parties: every custodial guardian takes a position (both, where both have custody); the
        // child's own say is recorded with the professional's judgement of their maturity.
        const guardians = await repo.guardiansOf(tx, childId, today);
        const custodial = guardians.filter((g) => g.hasCustody);
        const guardianParties = input.parties.filter((p) => p.kind === 'guardian');
        const childParties = input.parties.filter((p) => p.kind === 'child');
        if (childParties.length > 1) throw invalid('parties', 'The child can be recorded only once.');
        const seen = new Set<string>();
        for (const p of guardianParties) {
          if (seen.has(p.guardianId))
            throw invalid('parties', 'A guardian is listed twice.', { guardianId: p.guardianId });
          seen.add(p.guardianId);
          if (!custodial.some((g) => g.id === p.guardianId))
            throw invalid(
              'parties',
              'Only guardians with custody of the child (vårdnadshavare) give or refuse consent for the child.',
              { guardianId: p.guardianId },
            );
          if (p.position === 'not_asked' && !p.notAskedReason)
            throw invalid('parties', 'Write down why this guardian was not asked.', { guardianId: p.guardianId });
        }
        const child = childParties[0];
        const childDecides = child?.kind === 'child' && child.childDecides;
        const missing = custodial.filter((g) => !seen.has(g.id));
        if (!childDecides && missing.length > 0) {
          throw invalid(
            'parties',
            'Every guardian with custody must have a recorded position (consents, declines, or not asked with a documented reason) — unless the child is judged mature enough to decide alone.',
            {
              missingGuardians: missing.map((g) => g.id),
            },
          );
        }
        if (!childDecides && custodial.length === 0) {
          throw invalid(
            'parties',
            'The child has no guardian with custody recorded: only the child can consent, and only if judged mature enough to decide alone.',
          );
        }
        const given = childDecides
          ? child!.position === 'consents'
          : guardianParties.every((p) => p.position !== 'declines') &&
            guardianParties.some((p) => p.position === 'consents');

        const id = randomUUID();
        await repo.insertConsent(tx, {
          id,
          childId,
          purpose: input.purpose,
          recipientUnitIds: recipients,
          sourceDomains: [...new Set(input.sourceDomains)],
          dataCategories: [...new Set(input.dataCategories)],
          method: input.method,
          methodNote: input.methodNote ?? null,
          validFrom,
          validTo: input.validTo,
          given,
          personId: actor.personId,
          assignmentId: actor.assignmentId,
          now: now.toISOString(),
        });
        for (const p of input.parties) {
          await repo.insertConsentParty(tx, {
            id: randomUUID(),
            consentId: id,
            kind: p.kind,
            guardianId: p.kind === 'guardian' ? p.guardianId : null,
            position: p.position,
            notAskedReason: p.kind === 'guardian' ? (p.notAskedReason ?? null) : null,
            maturityJudgement: p.kind === 'child' ? p.maturityJudgement : null,
            childDecides: p.kind === 'child' ? p.childDecides : false,
          });
        }
        const created = await repo.loadConsent(tx, childId, id, now, today);
        return { result: created!, resourceId: id, details: { given } };
      },
    );
  }

  async withdrawConsent(
    actor: AssignedActor,
    childId: string,
    id: string,
    ifMatch: number,
    input: ConsentWithdrawRequest,
    requestId: string,
  ): Promise<Consent> {
    return writeChildData(
      this.call(actor, childId, requestId, {
        action: 'consent.withdraw',
        resourceType: 'consent',
        resourceId: id,
        // A stale If-Match answers 412 with the current consent, read through the gate and audited.
        current: () => this.getConsent(actor, childId, id, requestId, { reason: 'version_conflict' }),
      }),
      async (tx, today) => {
        const now = this.ctx.now();
        const current = await repo.lockConsent(tx, childId, id);
        if (!current) throw new MissingResource();
        if (current.version !== ifMatch) throw new StaleVersion();
        if (current.withdrawn) throw new AppError('conflict', 'This consent has already been withdrawn.');
        if (input.byParty === 'guardian') {
          if (!input.guardianId) throw invalid('guardianId', 'Choose which guardian withdrew the consent.');
          const guardians = await repo.guardiansOf(tx, childId, today);
          if (!guardians.some((g) => g.id === input.guardianId && g.hasCustody))
            throw invalid('guardianId', 'Only a guardian with custody of the child can withdraw for the child.');
        }
        const ok = await repo.withdrawConsent(tx, {
          id,
          expectedVersion: ifMatch,
          byParty: input.byParty,
          guardianId: input.byParty === 'guardian' ? input.guardianId! : null,
          note: input.note ?? null,
          personId: actor.personId,
          assignmentId: actor.assignmentId,
          now: now.toISOString(),
        });
        if (!ok) throw new StaleVersion();
        return { result: (await repo.loadConsent(tx, childId, id, now, today))!, resourceId: id };
      },
    );
  }

  // -------------------------------------------------------------------------------------------
  // Disclosure under a legal basis

  async createDisclosure(
    actor: AssignedActor,
    childId: string,
    input: DisclosureCreateRequest,
    requestId: string,
  ): Promise<Disclosure> {
    const details: Record<string, string> = { legal_basis_id: input.legalBasisId };
    return writeChildData(
      this.call(actor, childId, requestId, { action: 'disclosure.create', resourceType: 'disclosure', details }),
      async (tx, today) => {
        const now = this.ctx.now();
        if (!actor.secrecyDomain)
          throw new AppError('forbidden', 'Your assignment has no unit, so it holds no records to disclose.', {
            reason: 'no_domain',
          });
        const basis = await repo.loadBasis(tx, input.legalBasisId, today, true);
        if (!basis) throw invalid('legalBasisId', 'Choose a legal basis from the catalogue.');
        if (basis.retiredAt)
          throw new AppError(
            'conflict',
            'This legal basis has been retired: no new disclosures can be made under it. Choose another basis, or ask for consent.',
            { reason: 'legal_basis_retired' },
          );
        if (!basis.usable)
          throw new AppError('conflict', 'This legal basis is not in force today. Choose another basis.', {
            reason: 'legal_basis_not_in_force',
          });
        const units = await repo.unitsById(tx, [input.recipientUnitId]);
        const recipient = units.get(input.recipientUnitId);
        if (!recipient) throw invalid('recipientUnitId', 'Choose the service that receives the information.');
        if (recipient.secrecyDomain === actor.secrecyDomain)
          throw invalid(
            'recipientUnitId',
            'The receiving service is in your own secrecy domain: it needs no disclosure.',
          );
        if (!basis.allowedPairs.some((p) => p.from === actor.secrecyDomain && p.to === recipient.secrecyDomain)) {
          throw invalid(
            'legalBasisId',
            "This legal basis does not allow disclosure from your secrecy domain to the receiving service's. Choose another basis.",
            { reason: 'pair_not_allowed' },
          );
        }
        if (input.validTo < today) throw invalid('validTo', `The last day cannot be in the past (today is ${today}).`);
        if (input.validTo > addDays(today, 366)) throw invalid('validTo', 'A disclosure can last at most one year.');
        const id = randomUUID();
        await repo.insertDisclosure(tx, {
          id,
          childId,
          basisId: basis.id,
          justification: input.justification,
          fromDomain: actor.secrecyDomain,
          fromUnitId: actor.unitId,
          recipientUnitId: recipient.id,
          recipientDomain: recipient.secrecyDomain,
          categories: [...new Set(input.dataCategories)],
          validFrom: today,
          validTo: input.validTo,
          personId: actor.personId,
          assignmentId: actor.assignmentId,
          now: now.toISOString(),
        });
        return { result: (await repo.loadDisclosure(tx, childId, id, now, today))!, resourceId: id };
      },
    );
  }

  // -------------------------------------------------------------------------------------------
  // The legal-basis catalogue (not child data)

  async listBases(_actor: AssignedActor): Promise<LegalBasis[]> {
    return repo.listBases(this.ctx.db, swedishToday(this.ctx.now()));
  }

  private requireCatalogueAdmin(actor: AssignedActor): void {
    if (actor.role !== 'system_admin')
      throw new AppError('forbidden', 'The legal-basis catalogue is kept by system administrators.', {
        reason: 'role',
      });
  }

  async createBasis(actor: AssignedActor, input: LegalBasisCreateRequest, requestId: string): Promise<LegalBasis> {
    this.requireCatalogueAdmin(actor);
    if (input.validTo && input.validTo < input.validFrom)
      throw invalid('validTo', 'The end date must be on or after the start date.');
    const pairs = [...new Set(input.allowedPairs.map((p) => `${p.from}>${p.to}`))];
    if (input.allowedPairs.some((p) => p.from === p.to))
      throw invalid('allowedPairs', 'A pair must go from one secrecy domain to another.');
    const id = randomUUID();
    const now = this.ctx.now();
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

  async retireBasis(
    actor: AssignedActor,
    id: string,
    ifMatch: number,
    reason: string,
    requestId: string,
  ): Promise<LegalBasis> {
    this.requireCatalogueAdmin(actor);
    const now = this.ctx.now();
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

  // -------------------------------------------------------------------------------------------
  // Break-glass

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

  /**
   * Opens the gate for one child: role, a fresh login, a reason, a time box. One transaction holds
   * the break-glass row, the alerts to the child's coordinators and to the log reviewers of the
   * person's organisation, and the audit row (with the break-glass id).
   */
  async startBreakGlass(actor: AssignedActor, input: BreakGlassStartRequest, requestId: string): Promise<BreakGlass> {
    const now = this.ctx.now();
    const today = swedishToday(now);
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
    let normalized: string;
    try {
      normalized = parseIdentityNumber(input.personnummer, now).normalized;
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

  async endBreakGlass(actor: AssignedActor, id: string, requestId: string): Promise<BreakGlass> {
    const now = this.ctx.now();
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
  async reviewBreakGlass(
    actor: AssignedActor,
    id: string,
    input: BreakGlassReviewRequest,
    requestId: string,
  ): Promise<BreakGlass> {
    const now = this.ctx.now();
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
