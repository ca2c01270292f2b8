import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../core/errors.js';
import type { AdminAssignment } from '../../../contract/admin.js';
import { checkAssignmentEnd } from './assignments.js';

const assignment = (validFrom: string, validTo: string | null): AdminAssignment => ({
  id: '00000000-0000-4000-8000-000000000001',
  personId: '00000000-0000-4000-8000-000000000002',
  personName: 'X Y',
  unitId: '00000000-0000-4000-8000-000000000003',
  unitName: 'U',
  role: 'teacher',
  title: null,
  validFrom,
  validTo,
  source: null,
  version: 1,
});

const refusal = (f: () => void): AppError => {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('not refused');
};

describe('ending an assignment', () => {
  it('on any day from the day before it starts (it never took effect) onwards', () => {
    expect(() => checkAssignmentEnd(assignment('2026-03-10', null), '2026-03-09')).not.toThrow();
    expect(() => checkAssignmentEnd(assignment('2026-03-10', null), '2027-01-01')).not.toThrow();
    const early = refusal(() => checkAssignmentEnd(assignment('2026-03-10', null), '2026-03-08'));
    expect(early.status).toBe(400);
    expect(early.details).toEqual({ field: 'validTo' });
    expect(early.message).toContain('2026-03-09');
  });

  it('only earlier than it already ends: otherwise 409 saying when it ends', () => {
    expect(() => checkAssignmentEnd(assignment('2026-01-01', '2026-06-30'), '2026-05-31')).not.toThrow();
    const later = refusal(() => checkAssignmentEnd(assignment('2026-01-01', '2026-06-30'), '2026-06-30'));
    expect(later.status).toBe(409);
    expect(later.details).toMatchObject({ reason: 'already_ended', validTo: '2026-06-30' });
  });
});
