import type { PortalConsents } from '../../../contract/portal.js';
import type { Consent } from '../../../contract/privacy.js';
import { AppError } from '../../../core/errors.js';
import { type PortalCall, readPortalChild, writePortalChild } from '../../access/portal.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';

/**
 * Consents in the family's own Barnkompass: what is shared with whom, why and until when, and each
 * guardian's and the child's position; a guardian with custody (or the child, where their own say
 * was recorded) withdraws one themself. The record filter reads consents at request time, so a
 * withdrawal takes effect for the staff on their next request.
 */

const IN_FORCE: ReadonlySet<Consent['status']> = new Set(['active', 'not_yet_valid']);

function mayWithdraw(call: PortalCall, c: Consent): boolean {
  if (!IN_FORCE.has(c.status)) return false;
  // A guardian session reaches the child only with custody today (the family's gate).
  if (call.citizen.kind === 'guardian') return true;
  return c.parties.some((p) => p.kind === 'child');
}

function forFamily(call: PortalCall, c: Consent): PortalConsents['consents'][number] {
  return {
    id: c.id,
    purpose: c.purpose,
    recipients: c.recipients.map((r) => r.name),
    sourceDomains: c.sourceDomains,
    dataCategories: c.dataCategories,
    validFrom: c.validFrom,
    validTo: c.validTo,
    status: c.status,
    parties: c.parties.map((p) => ({
      kind: p.kind,
      givenName: p.name ? p.name.split(' ')[0]! : null,
      position: p.position,
    })),
    withdrawnAt: c.withdrawal?.at ?? null,
    mayWithdraw: mayWithdraw(call, c),
  };
}

async function consentsOf(q: Queryable, call: PortalCall, childId: string): Promise<PortalConsents> {
  const all = await repo.listConsents(q, childId, call.now, call.today);
  return { consents: all.map((c) => forFamily(call, c)) };
}

export function familyConsents(call: PortalCall, childId: string): Promise<PortalConsents> {
  return readPortalChild(call, childId, (q) => consentsOf(q, call, childId), 'consents');
}

export function withdrawByFamily(call: PortalCall, childId: string, consentId: string): Promise<PortalConsents> {
  return writePortalChild(call, childId, { action: 'consent.withdraw', resourceType: 'consent' }, async (tx) => {
    const current = (await repo.listConsents(tx, childId, call.now, call.today)).find((c) => c.id === consentId);
    if (!current) throw new AppError('not_found', 'Not found or no access');
    if (!mayWithdraw(call, current))
      throw new AppError('conflict', 'This consent is no longer in force: there is nothing to withdraw.', {
        reason: 'not_in_force',
      });
    const done = await repo.withdrawConsentByFamily(tx, {
      id: consentId,
      childId,
      byParty: call.citizen.kind,
      guardianId: call.citizen.kind === 'guardian' ? call.citizen.id : null,
      now: call.now.toISOString(),
    });
    if (!done)
      throw new AppError('conflict', 'This consent has already been withdrawn.', { reason: 'already_withdrawn' });
    return { result: await consentsOf(tx, call, childId), resourceId: consentId };
  });
}
