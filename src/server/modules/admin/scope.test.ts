import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { AssignedActor, AssignmentRole } from '../../access/actor.js';
import { ROLES_BY_UNIT_KIND, roleFitsUnitKind, UNIT_KINDS } from '../directory/unit-kinds.js';
import { administered, adminReach, mayGrantRole } from './scope.js';

const actor = (role: AssignmentRole, unitId: string | null = 'u1'): AssignedActor => ({
  personId: 'p',
  sessionTokenHash: 'h',
  assignmentId: 'a',
  role,
  organisationId: 'o1',
  unitId,
  secrecyDomain: 'other',
});

describe('who administers what', () => {
  it('a system admin reaches its whole organisation; a unit admin its unit and the units under it', () => {
    const sys = adminReach(actor('system_admin'));
    expect(sys.kind).toBe('organisation');
    expect(administered(sys, 'u')).toEqual({ text: 'u.organisation_id = :adm_org', params: { adm_org: 'o1' } });
    const unit = adminReach(actor('unit_admin'));
    expect(administered(unit, 'x')).toEqual({
      text: '(x.id = :adm_unit OR x.parent_unit_id = :adm_unit)',
      params: { adm_unit: 'u1' },
    });
  });

  it('nobody else reaches administration: 403 with a reason', () => {
    for (const role of ['teacher', 'principal', 'analyst', 'manager', 'log_reviewer'] as const) {
      const err = (() => {
        try {
          adminReach(actor(role));
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(403);
      expect((err as AppError).details).toEqual({ reason: 'role' });
    }
    expect(() => adminReach(actor('unit_admin', null))).toThrow(/names no unit/);
  });

  it('only a system admin hands out system_admin', () => {
    expect(mayGrantRole(adminReach(actor('unit_admin')), 'system_admin')).toBe(false);
    expect(mayGrantRole(adminReach(actor('unit_admin')), 'teacher')).toBe(true);
    expect(mayGrantRole(adminReach(actor('system_admin')), 'system_admin')).toBe(true);
  });
});

describe('roles per unit kind', () => {
  it('a school nurse only at a medical elevhälsa unit; every kind takes a unit admin', () => {
    const nurseKinds = UNIT_KINDS.filter((k) => roleFitsUnitKind('school_nurse', k));
    expect(nurseKinds).toEqual(['student_health_medical']);
    for (const k of UNIT_KINDS) expect(ROLES_BY_UNIT_KIND[k]).toContain('unit_admin');
    expect(roleFitsUnitKind('social_worker', 'social_services')).toBe(true);
    expect(roleFitsUnitKind('social_worker', 'compulsory_school')).toBe(false);
  });
});
