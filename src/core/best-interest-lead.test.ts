import { describe, expect, it } from 'vitest';
import { ageOn } from './calendar.js';
import {
  proposeBestInterestLead,
  schoolStartDate,
  stageOn,
  TRANSITION_HORIZON_DAYS,
  type EnrolmentFact,
} from './best-interest-lead.js';

const preschool = (from: string, to: string | null = null): EnrolmentFact => ({
  unitKind: 'preschool',
  validFrom: from,
  validTo: to,
});
const school = (from: string, to: string | null = null): EnrolmentFact => ({
  unitKind: 'compulsory_school',
  validFrom: from,
  validTo: to,
});
const gymnasium = (from: string, to: string | null = null): EnrolmentFact => ({
  unitKind: 'upper_secondary_school',
  validFrom: from,
  validTo: to,
});

describe('barnets bästa-ansvarig by age and schooling', () => {
  it('ages and school start are calendar arithmetic', () => {
    expect(ageOn('2020-03-01', '2026-02-28')).toBe(5);
    expect(ageOn('2020-03-01', '2026-03-01')).toBe(6);
    expect(schoolStartDate('2020-12-31')).toBe('2026-08-15');
  });

  it('a baby or preschool child has the BVC nurse, until förskoleklass', () => {
    expect(proposeBestInterestLead({ birthDate: '2025-06-01', today: '2026-01-10', enrolments: [] })).toMatchObject({
      stage: 'before_preschool_class',
      role: 'child_health_nurse',
      transition: null,
      acceptableRoles: ['child_health_nurse'],
      currentMatches: null,
      proposeChange: true, // nobody holds it yet
    });
    const p = proposeBestInterestLead({
      birthDate: '2022-02-01',
      today: '2026-01-10',
      enrolments: [preschool('2023-03-01')],
      currentRole: 'child_health_nurse',
    });
    expect(p).toMatchObject({
      role: 'child_health_nurse',
      currentMatches: true,
      proposeChange: false,
      transition: null,
    });
  });

  it('flags the transition to the principal ahead of förskoleklass, and accepts both roles meanwhile', () => {
    const p = proposeBestInterestLead({
      birthDate: '2020-05-10',
      today: '2026-06-01',
      enrolments: [preschool('2021-08-01')],
      currentRole: 'child_health_nurse',
    });
    expect(p.role).toBe('child_health_nurse');
    expect(p.currentMatches).toBe(true);
    expect(p.transition).toEqual({ on: '2026-08-15', stage: 'school_age_not_enrolled', role: 'principal' });
    expect(p.acceptableRoles).toEqual(['child_health_nurse', 'principal']);
    expect(p.proposeChange).toBe(true);
    // A school place known in advance makes the transition "in school" on the first day.
    const known = proposeBestInterestLead({
      birthDate: '2020-05-10',
      today: '2026-06-01',
      enrolments: [preschool('2021-08-01', '2026-08-14'), school('2026-08-15')],
      currentRole: 'child_health_nurse',
    });
    expect(known.transition).toEqual({ on: '2026-08-15', stage: 'in_school', role: 'principal' });
    // Further away than the horizon: not flagged yet.
    const early = proposeBestInterestLead({
      birthDate: '2020-05-10',
      today: '2026-01-10',
      enrolments: [preschool('2021-08-01')],
      currentRole: 'child_health_nurse',
    });
    expect(early.transition).toBeNull();
    expect(early.proposeChange).toBe(false);
    expect(TRANSITION_HORIZON_DAYS).toBeGreaterThan(30);
  });

  it('a pupil has the principal; a nurse still holding the role is proposed for a change', () => {
    const p = proposeBestInterestLead({
      birthDate: '2019-03-03',
      today: '2026-09-01',
      enrolments: [school('2025-08-15')],
      currentRole: 'child_health_nurse',
    });
    expect(p).toMatchObject({
      stage: 'in_school',
      role: 'principal',
      currentMatches: false,
      proposeChange: true,
      acceptableRoles: ['principal'],
    });
    expect(
      proposeBestInterestLead({
        birthDate: '2012-03-03',
        today: '2026-09-01',
        enrolments: [school('2018-08-15')],
        currentRole: 'principal',
      }),
    ).toMatchObject({
      role: 'principal',
      currentMatches: true,
      proposeChange: false,
    });
  });

  it('a young person of 16+ who has left school has KAA; leaving school is flagged ahead', () => {
    expect(
      proposeBestInterestLead({
        birthDate: '2009-04-04',
        today: '2026-09-01',
        enrolments: [school('2015-08-15', '2025-06-10')],
      }),
    ).toMatchObject({
      stage: 'left_school',
      role: 'youth_follow_up_officer',
    });
    const leaving = proposeBestInterestLead({
      birthDate: '2009-04-04',
      today: '2026-05-01',
      enrolments: [gymnasium('2025-08-15', '2026-06-12')],
      currentRole: 'principal',
    });
    expect(leaving.role).toBe('principal');
    expect(leaving.transition).toEqual({ on: '2026-06-13', stage: 'left_school', role: 'youth_follow_up_officer' });
    expect(leaving.acceptableRoles).toEqual(['principal', 'youth_follow_up_officer']);
    expect(leaving.proposeChange).toBe(true);
  });

  it('a school-age child under 16 who is not enrolled stays with a principal', () => {
    expect(stageOn('2015-01-01', '2026-09-01', [])).toEqual({ stage: 'school_age_not_enrolled', role: 'principal' });
  });

  it('the role ends at 18: an adult has none, and turning 18 is flagged', () => {
    expect(
      proposeBestInterestLead({
        birthDate: '2007-01-01',
        today: '2026-09-01',
        enrolments: [gymnasium('2023-08-15')],
        currentRole: null,
      }),
    ).toMatchObject({
      stage: 'adult',
      role: null,
      acceptableRoles: [],
      proposeChange: false,
    });
    expect(
      proposeBestInterestLead({
        birthDate: '2007-01-01',
        today: '2026-09-01',
        enrolments: [],
        currentRole: 'youth_follow_up_officer',
      }),
    ).toMatchObject({ currentMatches: false, proposeChange: true });
    const soon = proposeBestInterestLead({
      birthDate: '2008-10-01',
      today: '2026-09-01',
      enrolments: [gymnasium('2024-08-15')],
      currentRole: 'principal',
    });
    expect(soon.transition).toEqual({ on: '2026-10-01', stage: 'adult', role: null });
    expect(soon.acceptableRoles).toEqual(['principal']);
  });
});
