import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../audit/events.js';
import { auditEvent, auditEventsOf, checkDetails } from './audit-events.js';

const anna = { personId: 'p-1', assignmentId: 'a-1' };

describe('the typed audit-event builder', () => {
  it('fills actor, assignment and request id, and leaves out empty details', () => {
    expect(auditEvent(anna, 'r-1', { action: 'concern.list', resourceType: 'concern', childId: 'c-1' })).toEqual({
      actorPersonId: 'p-1',
      actorAssignmentId: 'a-1',
      childId: 'c-1',
      action: 'concern.list',
      resourceType: 'concern',
      resourceId: null,
      outcome: 'permitted',
      requestId: 'r-1',
    });
    expect(
      auditEvent(null, null, { action: 'session.logout', resourceType: 'session', details: {} }),
    ).not.toHaveProperty('details');
  });

  it('a permitted concern decision must carry the decision and the support level before and after', () => {
    const decide = (details: Record<string, unknown>) => () =>
      auditEvent(anna, 'r-1', { action: 'concern.decide', resourceType: 'concern', details: details as never });
    expect(decide({ decision: 'own_service' })).toThrow(/concern\.decide/);
    expect(decide({ decision: 'maybe', supportLevelBefore: 1, supportLevelAfter: 2 })).toThrow();
    expect(decide({ decision: 'own_service', supportLevelBefore: 1, supportLevelAfter: 2 })().details).toEqual({
      decision: 'own_service',
      supportLevelBefore: 1,
      supportLevelAfter: 2,
    });
  });

  it('a denied or not-found attempt carries what was known when it stopped', () => {
    expect(() => checkDetails('concern.decide', 'denied', { decision: 'collaboration', reason: 'x' })).not.toThrow();
    expect(() => checkDetails('plan.level_change', 'not_found', {})).not.toThrow();
    expect(() => checkDetails('plan.level_change', 'permitted', { levelAfter: 2 })).toThrow();
  });

  it('refuses a key nobody declared (no names or free text slip into the audit)', () => {
    expect(() => checkDetails('concern.read', 'permitted', { childName: 'Alva' })).toThrow();
    expect(() => checkDetails('concern.read', 'denied', { childName: 'Alva' })).toThrow();
    expect(() =>
      checkDetails('concern.read', 'permitted', { reason: 'version_conflict', protected_identity: true }),
    ).not.toThrow();
  });

  it('has a schema for every action, and the access facts fit every action about a child', () => {
    for (const action of AUDIT_ACTIONS) expect(() => checkDetails(action, 'not_found', {})).not.toThrow();
  });

  it('binds actor, request and resource type for one request', () => {
    const event = auditEventsOf(anna, 'r-2', 'report');
    expect(event({ action: 'report.read', resourceId: 'x', outcome: 'not_found' })).toMatchObject({
      resourceType: 'report',
      requestId: 'r-2',
      outcome: 'not_found',
    });
  });
});
