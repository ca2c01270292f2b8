import type { AssignmentRole } from '../../../access/actor.js';

/**
 * How SS 12000's words become Barnkompass's: a duty's role (dutyRole) becomes an assignment role
 * and says in which of the school's units the person works — elevhälsa's medical part (the school
 * nurse and doctor, health-care secrecy) is a unit of its own, the psychosocial part (counsellor,
 * psychologist) another, as the demo county has them. An organisation's type and school types
 * become a unit kind. Anything else is not guessed: the sync rejects it with the reason given here.
 */

export type SchoolUnitKind =
  | 'preschool'
  | 'compulsory_school'
  | 'upper_secondary_school'
  | 'student_health_medical'
  | 'student_health_psychosocial';

/** Where at the school a duty belongs: the school unit itself, or one of its elevhälsa units. */
export type DutyPlace = 'school' | 'student_health_medical' | 'student_health_psychosocial';

export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

const DUTY_ROLES: Record<string, { role: AssignmentRole; place: DutyPlace }> = {
  rektor: { role: 'principal', place: 'school' },
  'biträdande rektor': { role: 'principal', place: 'school' },
  förskolechef: { role: 'principal', place: 'school' },
  lärare: { role: 'teacher', place: 'school' },
  förskollärare: { role: 'preschool_teacher', place: 'school' },
  specialpedagog: { role: 'special_educator', place: 'school' },
  speciallärare: { role: 'special_educator', place: 'school' },
  kurator: { role: 'school_counsellor', place: 'student_health_psychosocial' },
  skolpsykolog: { role: 'school_psychologist', place: 'student_health_psychosocial' },
  skolsköterska: { role: 'school_nurse', place: 'student_health_medical' },
  skolläkare: { role: 'school_doctor', place: 'student_health_medical' },
};

/** The assignment role and place of an SS 12000 duty, or why it is not taken. */
export function dutyRoleOf(
  dutyRole: string,
  unitKind: SchoolUnitKind,
): Mapped<{ role: AssignmentRole; place: DutyPlace }> {
  const known = DUTY_ROLES[dutyRole.trim().toLowerCase()];
  if (!known) return { ok: false, reason: 'unsupported_duty_role' };
  // A teacher at a preschool unit is a preschool teacher (förskollärare) whatever the source calls it.
  if (known.role === 'teacher' && unitKind === 'preschool')
    return { ok: true, value: { ...known, role: 'preschool_teacher' } };
  return { ok: true, value: known };
}

const PRESCHOOL_TYPES = new Set(['FS', 'OP', 'PBS']);
const UPPER_SECONDARY_TYPES = new Set(['GY', 'GYS', 'VUX']);
// FKLASS is the standard's förskoleklass; FSK is accepted as some systems write it.
const COMPULSORY_TYPES = new Set(['FKLASS', 'FSK', 'GR', 'GRS', 'SP', 'SAM', 'FTH']);
const PRESCHOOL_CLASS_TYPES = new Set(['FKLASS', 'FSK']);

/**
 * The unit kind of an SS 12000 organisation: a Förskoleenhet, or a unit with only preschool types,
 * is a preschool; a unit with upper-secondary types and none of compulsory school's is an upper
 * secondary school; a Skolenhet with compulsory types is a compulsory school. Huvudman and other
 * levels are not units children are enrolled at.
 */
export function unitKindOf(
  organisationType: string | undefined,
  schoolTypes: readonly string[] = [],
): Mapped<SchoolUnitKind> {
  const type = (organisationType ?? '').trim().toLowerCase();
  const types = schoolTypes.map((t) => t.trim().toUpperCase());
  if (type === 'förskoleenhet' || (types.length > 0 && types.every((t) => PRESCHOOL_TYPES.has(t))))
    return { ok: true, value: 'preschool' };
  if (type !== 'skolenhet') return { ok: false, reason: 'not_a_school_unit' };
  if (types.some((t) => COMPULSORY_TYPES.has(t))) return { ok: true, value: 'compulsory_school' };
  if (types.some((t) => UPPER_SECONDARY_TYPES.has(t))) return { ok: true, value: 'upper_secondary_school' };
  return { ok: false, reason: 'unknown_school_type' };
}

/**
 * An enrolment's grade as Barnkompass writes it: `F` for förskoleklass, `1`–`9` in compulsory school,
 * `gy1`–`gy4` in upper secondary school, none at a preschool.
 */
export function gradeOf(schoolType: string | undefined, schoolYear: number | undefined): string | null {
  const type = (schoolType ?? '').trim().toUpperCase();
  if (PRESCHOOL_CLASS_TYPES.has(type)) return 'F';
  if (PRESCHOOL_TYPES.has(type) || schoolYear === undefined) return null;
  if (UPPER_SECONDARY_TYPES.has(type)) return `gy${schoolYear}`;
  return schoolYear === 0 ? 'F' : String(schoolYear);
}
