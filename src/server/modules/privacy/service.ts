import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { AuditDetails } from '../../access/audit-events.js';
import { readChildData, writeChildData, type ChildDataCall, childDataCalls } from '../../access/child-data.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import type { AppContext } from '../../context.js';
import { listBreakGlassForChild } from './break-glass-repo.js';
import * as repo from './repo.js';
import type {
  Consent,
  ConsentCreateRequest,
  ConsentWithdrawRequest,
  Disclosure,
  DisclosureCreateRequest,
  PrivacyView,
} from '../../../contract/privacy.js';
import { addDays } from '../../../core/calendar.js';
import { invalid } from './privacy-input.js';
import type { RequestScope } from '../../access/request-scope.js';

export { breakGlassReviewsDue } from './break-glass-service.js';

/**
 * Consent and disclosures under a legal basis. Child data goes through readChildData /
 * writeChildData like everything else. The legal-basis catalogue (legal-basis-service.ts) is not
 * child data; break-glass (break-glass-service.ts) is the one write that is not authorised by the
 * team gate — it is what OPENS the gate for one child.
 */
export class PrivacyService {
  constructor(private readonly ctx: AppContext) {}

  private call(
    scope: RequestScope,
    childId: string,
    rest: Pick<ChildDataCall, 'action' | 'resourceType'> & Partial<ChildDataCall>,
  ): ChildDataCall {
    return childDataCalls(this.ctx, rest.resourceType)(scope, childId, rest);
  }

  // -------------------------------------------------------------------------------------------
  // The child's privacy page

  async view(scope: RequestScope, childId: string): Promise<PrivacyView> {
    const { actor } = scope;
    return readChildData(
      this.call(scope, childId, { action: 'privacy.read', resourceType: 'privacy', resourceId: null }),
      async (q, today, c) => {
        const [consents, disclosures, breakGlass, units, guardians, prot] = await Promise.all([
          repo.listConsents(q, childId, c.now, today),
          repo.listDisclosures(q, childId, c.now, today),
          // Who broke the glass on this child is for the team to see, not for another emergency reader.
          c.access.onTeam ? listBreakGlassForChild(q, childId, c.now) : Promise.resolve([]),
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
    scope: RequestScope,
    childId: string,
    id: string,
    details?: AuditDetails<'consent.read'>,
  ): Promise<Consent> {
    return readChildData(
      this.call(scope, childId, {
        action: 'consent.read',
        resourceType: 'consent',
        resourceId: id,
        ...(details ? { details } : {}),
      }),
      (q, today, c) => repo.loadConsent(q, childId, id, c.now, today),
    );
  }

  async createConsent(scope: RequestScope, childId: string, input: ConsentCreateRequest): Promise<Consent> {
    const { actor } = scope;
    return writeChildData(
      this.call(scope, childId, { action: 'consent.create', resourceType: 'consent' }),
      async (tx, today) => {
        const now = scope.now;
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
    scope: RequestScope,
    childId: string,
    id: string,
    ifMatch: number,
    input: ConsentWithdrawRequest,
  ): Promise<Consent> {
    const { actor } = scope;
    return writeChildData(
      this.call(scope, childId, {
        action: 'consent.withdraw',
        resourceType: 'consent',
        resourceId: id,
        // A stale If-Match answers 412 with the current consent, read through the gate and audited.
        current: () => this.getConsent(scope, childId, id, { reason: 'version_conflict' }),
      }),
      async (tx, today) => {
        const now = scope.now;
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

  async createDisclosure(scope: RequestScope, childId: string, input: DisclosureCreateRequest): Promise<Disclosure> {
    const { actor } = scope;
    const details: Record<string, string> = { legal_basis_id: input.legalBasisId };
    return writeChildData(
      this.call(scope, childId, { action: 'disclosure.create', resourceType: 'disclosure', details }),
      async (tx, today) => {
        const now = scope.now;
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
}
