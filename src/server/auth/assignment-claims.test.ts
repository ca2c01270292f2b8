import { describe, expect, it } from 'vitest';
import { assignmentsFromClaim } from './assignment-claims.js';
import type { AssignmentView } from './sessions.js';

const a = (id: string, unitId: string, organisationId: string, role: AssignmentView['role']): AssignmentView => ({
  id,
  role,
  title: null,
  organisationId,
  organisationName: 'O',
  unitId,
  unitName: 'U',
  secrecyDomain: 'school',
});
const nurseVaxjo = a('a1', 'u-vaxjo', 'o-vaxjo', 'school_nurse');
const nurseAlvesta = a('a2', 'u-alvesta', 'o-alvesta', 'school_nurse');
const managerVaxjo = a('a3', 'u-vaxjo', 'o-vaxjo', 'manager');
const all = [nurseVaxjo, nurseAlvesta, managerVaxjo];

describe('assignment claim mapping', () => {
  it('no claim: every recorded assignment is allowed', () => {
    expect(assignmentsFromClaim(undefined, all)).toBeNull();
  });
  it('matches assignment ids, unit ids, organisation ids and scope:role pairs', () => {
    expect(assignmentsFromClaim('a2', all)).toEqual([nurseAlvesta]);
    expect(assignmentsFromClaim('u-vaxjo', all)).toEqual([nurseVaxjo, managerVaxjo]);
    expect(assignmentsFromClaim(['u-vaxjo:manager'], all)).toEqual([managerVaxjo]);
    expect(assignmentsFromClaim(['o-alvesta:school_nurse', 'a1'], all)).toEqual([nurseVaxjo, nurseAlvesta]);
  });
  it('a claim naming nothing we have on record matches nothing', () => {
    expect(assignmentsFromClaim('u-elsewhere', all)).toEqual([]);
    expect(assignmentsFromClaim(['u-vaxjo:police_officer'], all)).toEqual([]);
    expect(assignmentsFromClaim([42, ''], all)).toEqual([]);
  });
});
