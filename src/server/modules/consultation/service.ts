import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../core/errors.js';
import { findPersonalData, type PersonalDataKind } from '../../../core/personal-data.js';
import { wheelOrder } from '../../../core/wheel.js';
import type { AssignedActor } from '../../access/actor.js';
import { writeChildData } from '../../access/child-data.js';
import { mayHoldCaseData } from '../../access/gate.js';
import { auditedTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf, type AuditAction, type AuditDetails } from '../../access/audit-events.js';
import { AnswerAfterRollback, MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { appendChronologyEntry } from '../chronology/service.js';
import * as repo from './repo.js';
import type {
  ConsultationAdviceRequest,
  ConsultationCase,
  ConsultationCreateRequest,
  ConsultationLinkRequest,
  ConsultationLinkResult,
  ConsultationOptions,
} from '../../../contract/consultation.js';
import type { RequestScope } from '../../access/request-scope.js';

const KIND_WORDS: Record<PersonalDataKind, string> = {
  personnummer: 'a personal identity number (personnummer)',
  email: 'an e-mail address',
  phone: 'a phone number',
};

/** Events about a case: no child (the case is anonymous). */
const caseEvents = (actor: AssignedActor, requestId: string) => auditEventsOf(actor, requestId, 'consultation_case');

/**
 * Refuses free text that looks like it holds personal data. The answer says WHAT to remove and
 * in which field, never the text itself: an error body must not carry what is being kept out.
 */
function refusePersonalData(fields: Record<string, string | null | undefined>): void {
  for (const [field, text] of Object.entries(fields)) {
    const found = findPersonalData(text);
    if (found.length > 0) {
      throw new AppError(
        'validation_failed',
        `Anonymous consultation must not contain personal data. Remove what looks like ${found.map((k) => KIND_WORDS[k]).join(' and ')} from the ${field === 'question' ? 'question' : field === 'advice' ? 'advice' : 'description'}, and send again.`,
        { field, reason: 'personal_data', found },
      );
    }
  }
}

/**
 * Anonymous consultation (konsultationsteam). Cases hold no child data, so they are not behind the
 * child gate: they are visible to their author (in the assignment they wrote it in) and to the
 * members of the case's team, and every read and write is audited with child_id null. The one
 * exception is linking a case to a named child, which is a write of child data and goes through
 * the choke point (writeChildData: the gate, the write and the audit row in one transaction).
 */
export class ConsultationService {
  constructor(private readonly ctx: AppContext) {}

  private today(): string {
    return swedishToday(this.ctx.now());
  }

  /** Administrators and population roles never hold case content, anonymous or not. */
  private requireCaseRole(actor: AssignedActor): void {
    if (!mayHoldCaseData(actor))
      throw new AppError(
        'forbidden',
        'Consultation cases are for professionals who work with children; your assignment does not.',
        { reason: 'role' },
      );
  }

  async options(actor: AssignedActor): Promise<ConsultationOptions> {
    this.requireCaseRole(actor);
    return repo.options(this.ctx.db, actor, this.today());
  }

  async list(scope: RequestScope): Promise<ConsultationCase[]> {
    const { actor, requestId } = scope;
    this.requireCaseRole(actor);
    const cases = await repo.listCases(this.ctx.db, actor, this.today());
    await recordEvents(this.ctx, [
      caseEvents(actor, requestId)({ action: 'consultation.list', details: { count: cases.length } }),
    ]);
    return cases;
  }

  async get(
    scope: RequestScope,
    caseId: string,
    details?: AuditDetails<'consultation.read'>,
  ): Promise<ConsultationCase> {
    const { actor, requestId } = scope;
    this.requireCaseRole(actor);
    const found = await repo.loadCase(this.ctx.db, actor, caseId, this.today());
    if (!found) return this.notVisible(actor, caseId, requestId, 'consultation.read');
    await recordEvents(this.ctx, [
      caseEvents(
        actor,
        requestId,
      )({ action: 'consultation.read', resourceId: caseId, ...(details ? { details } : {}) }),
    ]);
    return found;
  }

  async create(scope: RequestScope, input: ConsultationCreateRequest): Promise<ConsultationCase> {
    const { actor, requestId } = scope;
    this.requireCaseRole(actor);
    if (input.mandatoryReportSuspected) {
      throw new AppError(
        'validation_failed',
        'A case that may call for a report of concern (orosanmälan) to social services is not for anonymous consultation. Make the report instead; it does not depend on consent, and you can consult social services when you make it.',
        { field: 'mandatoryReportSuspected', reason: 'mandatory_report' },
      );
    }
    refusePersonalData({ description: input.description, question: input.question });
    const today = this.today();
    if (!(await repo.municipalityExists(this.ctx.db, input.municipalityCode)))
      throw new AppError('validation_failed', 'There is no such municipality.', { field: 'municipalityCode' });
    const serves = await repo.teamServes(this.ctx.db, input.teamId, input.municipalityCode);
    if (serves === 'no_team')
      throw new AppError('validation_failed', 'There is no such consultation team.', { field: 'teamId' });
    if (serves === 'not_served')
      throw new AppError('validation_failed', 'That consultation team does not take cases from this municipality.', {
        field: 'teamId',
      });
    const id = randomUUID();
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        await repo.insertCase(tx, {
          id,
          teamId: input.teamId,
          ageBand: input.ageBand,
          schoolStage: input.schoolStage,
          municipalityCode: input.municipalityCode,
          indicators: wheelOrder(input.indicators),
          description: input.description,
          question: input.question?.trim() ? input.question : null,
          actor,
          now: scope.now.toISOString(),
        });
        const created = await repo.loadCase(tx, actor, id, today);
        if (!created) throw new Error('consultation case vanished inside its own transaction');
        return {
          result: created,
          events: [caseEvents(actor, requestId)({ action: 'consultation.create', resourceId: id })],
        };
      },
      { now: () => this.ctx.now() },
    );
  }

  /** The team's advice (a member only); can be corrected until the case is linked. Versioned. */
  async advise(
    scope: RequestScope,
    caseId: string,
    ifMatch: number,
    input: ConsultationAdviceRequest,
  ): Promise<ConsultationCase> {
    const { actor, requestId } = scope;
    this.requireCaseRole(actor);
    refusePersonalData({ advice: input.advice });
    const today = this.today();
    if (input.consultedOn > today)
      throw new AppError('validation_failed', `The consultation date cannot be in the future (today is ${today}).`, {
        field: 'consultedOn',
      });
    // After the rollback: a stale If-Match answers 412 with the current case (a read, audited as one).
    const stale = () => new StaleVersion(() => this.get(scope, caseId, { reason: 'version_conflict' }));
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await repo.lockCase(tx, actor, caseId, today);
        if (!current)
          throw new AnswerAfterRollback(() => this.notVisible(actor, caseId, requestId, 'consultation.advise'));
        if (!current.isMember)
          throw new AppError('forbidden', 'Only the members of the consultation team record its advice.', {
            reason: 'not_team_member',
          });
        if (current.linked)
          throw new AppError('conflict', 'The case has been linked to a child; its advice can no longer be changed.');
        if (current.version !== ifMatch) throw stale();
        const ok = await repo.recordAdvice(tx, {
          caseId,
          expectedVersion: ifMatch,
          advice: input.advice,
          consultedOn: input.consultedOn,
          participantRoles: [...new Set(input.participantRoles)],
          mandatoryReportAdvised: input.mandatoryReportAdvised,
          actor,
          now: scope.now.toISOString(),
        });
        if (!ok) throw stale();
        const updated = await repo.loadCase(tx, actor, caseId, today);
        if (!updated) throw new Error('consultation case vanished inside its own transaction');
        return {
          result: updated,
          events: [
            caseEvents(
              actor,
              requestId,
            )({
              action: 'consultation.advise',
              resourceId: caseId,
              details: { mandatoryReportAdvised: input.mandatoryReportAdvised },
            }),
          ],
        };
      },
      { now: () => this.ctx.now() },
    );
  }

  /**
   * Links a case to a named child after consent: the linking professional must be on the child's
   * team (the gate), the case must have advice; the consent record, the advice copied into the
   * child's chronology and the case's link are written in one transaction with the audit row.
   */
  async link(scope: RequestScope, caseId: string, input: ConsultationLinkRequest): Promise<ConsultationLinkResult> {
    const { actor, requestId } = scope;
    const today = this.today();
    // Checks on the request alone come first: they tell nothing about the child.
    if (input.consent.givenOn > today)
      throw new AppError('validation_failed', `The consent date cannot be in the future (today is ${today}).`, {
        field: 'consent.givenOn',
      });
    const givenBy = [...new Set(input.consent.givenBy)];
    return writeChildData(
      {
        ctx: this.ctx,
        actor,
        childId: input.childId,
        requestId,
        action: 'consultation.link',
        resourceType: 'consultation_case',
        resourceId: caseId,
        details: { method: input.consent.method, givenBy: givenBy.join(',') },
      },
      async (tx) => {
        const current = await repo.lockCase(tx, actor, caseId, today);
        // The child is on the caller's team (the gate passed) but the case is not theirs to see.
        if (!current) throw new MissingResource();
        if (current.linked) throw new AppError('conflict', 'This case is already linked to a child.');
        if (!current.advised || current.advice === null || current.consultedOn === null)
          throw new AppError(
            'conflict',
            'The consultation team has not given its advice yet; a case is linked to a child together with its advice.',
          );
        const now = scope.now.toISOString();
        const chronologyEntryId = await appendChronologyEntry(tx, {
          childId: input.childId,
          kind: 'consultation_advice',
          eventDate: current.consultedOn,
          significance: 'medium',
          text: current.advice,
          details: { consultationCaseId: caseId },
          actor,
          createdAt: now,
        });
        const consentId = randomUUID();
        await repo.insertConsent(tx, {
          id: consentId,
          caseId,
          childId: input.childId,
          givenBy,
          method: input.consent.method,
          givenOn: input.consent.givenOn,
          actor,
          now,
          chronologyEntryId,
        });
        if (!(await repo.markLinked(tx, caseId, actor, now)))
          throw new Error('consultation case changed under its lock');
        return {
          result: {
            caseId,
            childId: input.childId,
            linkedAt: new Date(now).toISOString(),
            consentId,
            chronologyEntryId,
          },
          resourceId: caseId,
        };
      },
    );
  }

  /** A case the actor may not see answers like a missing one; both are audited (denied / not found). */
  private async notVisible(
    actor: AssignedActor,
    caseId: string,
    requestId: string,
    action: AuditAction,
  ): Promise<never> {
    const exists = await repo.caseExists(this.ctx.db, caseId);
    await recordEvents(this.ctx, [
      caseEvents(actor, requestId)({ action, resourceId: caseId, outcome: exists ? 'denied' : 'not_found' }),
    ]);
    throw notFound();
  }
}
