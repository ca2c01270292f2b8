import { describe, expect, it } from 'vitest';
import { dutyRoleOf, gradeOf, unitKindOf } from './mapping.js';

describe('SS 12000 words as Barnkompass words', () => {
  it('maps duty roles to assignment roles and their place at the school', () => {
    expect(dutyRoleOf('Rektor', 'compulsory_school')).toEqual({
      ok: true,
      value: { role: 'principal', place: 'school' },
    });
    expect(dutyRoleOf('Lärare', 'compulsory_school')).toEqual({
      ok: true,
      value: { role: 'teacher', place: 'school' },
    });
    expect(dutyRoleOf('Lärare', 'preschool')).toEqual({
      ok: true,
      value: { role: 'preschool_teacher', place: 'school' },
    });
    expect(dutyRoleOf('Förskollärare', 'preschool').ok).toBe(true);
    expect(dutyRoleOf('Skolsköterska', 'compulsory_school')).toEqual({
      ok: true,
      value: { role: 'school_nurse', place: 'student_health_medical' },
    });
    expect(dutyRoleOf('Kurator', 'upper_secondary_school')).toEqual({
      ok: true,
      value: { role: 'school_counsellor', place: 'student_health_psychosocial' },
    });
    expect(dutyRoleOf(' skolpsykolog ', 'compulsory_school')).toEqual({
      ok: true,
      value: { role: 'school_psychologist', place: 'student_health_psychosocial' },
    });
  });

  it('does not guess a duty it does not know', () => {
    expect(dutyRoleOf('Annan personal', 'compulsory_school')).toEqual({ ok: false, reason: 'unsupported_duty_role' });
    expect(dutyRoleOf('Vaktmästare', 'compulsory_school')).toEqual({ ok: false, reason: 'unsupported_duty_role' });
  });

  it('tells preschools, compulsory and upper secondary schools apart, and refuses other levels', () => {
    expect(unitKindOf('Förskoleenhet')).toEqual({ ok: true, value: 'preschool' });
    expect(unitKindOf('Skolenhet', ['FS'])).toEqual({ ok: true, value: 'preschool' });
    expect(unitKindOf('Skolenhet', ['FSK', 'GR'])).toEqual({ ok: true, value: 'compulsory_school' });
    expect(unitKindOf('Skolenhet', ['GY'])).toEqual({ ok: true, value: 'upper_secondary_school' });
    expect(unitKindOf('Skolenhet', ['GR', 'GY'])).toEqual({ ok: true, value: 'compulsory_school' });
    expect(unitKindOf('Huvudman')).toEqual({ ok: false, reason: 'not_a_school_unit' });
    expect(unitKindOf('Skolenhet', ['KU'])).toEqual({ ok: false, reason: 'unknown_school_type' });
    expect(unitKindOf(undefined, [])).toEqual({ ok: false, reason: 'not_a_school_unit' });
    expect(unitKindOf('Skolenhet', ['FKLASS'])).toEqual({ ok: true, value: 'compulsory_school' });
  });

  it('writes grades as the rest of Barnkompass does: F, 1–9, gy1–gy4, none at a preschool', () => {
    expect(gradeOf('FKLASS', 0)).toBe('F');
    expect(gradeOf('GR', 7)).toBe('7');
    expect(gradeOf('GR', 0)).toBe('F');
    expect(gradeOf('GY', 2)).toBe('gy2');
    expect(gradeOf('FS', 3)).toBeNull();
    expect(gradeOf('GR', undefined)).toBeNull();
  });
});
