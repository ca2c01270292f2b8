/**
 * Who should be the child's barnets bästa-ansvarig (≈ GIRFEC's named person), by age and schooling
 * (DOMAIN.md §2): the BVC nurse until förskoleklass, then the principal (rektor) of the child's
 * school until 18, and the municipality's youth follow-up (KAA, kommunala aktivitetsansvaret) for a
 * young person of 16 or more who has left school. (The midwife before birth is outside this system:
 * children here are born.) The role changes at transitions, so a proposal is also made ahead of one.
 *
 * Pure and dependency-free: the server uses it to say who may receive the role in a handover and
 * to flag a proposal on the plan; the web UI shows the same proposal.
 */

import { addDays, addYears, ageOn } from './calendar.js';

export const BEST_INTEREST_LEAD_ROLES = ['child_health_nurse', 'principal', 'youth_follow_up_officer'] as const;
export type BestInterestLeadRole = (typeof BEST_INTEREST_LEAD_ROLES)[number];

/** Why this role: the child's stage. */
export type BestInterestLeadStage =
  | 'before_preschool_class' // BVC until förskoleklass
  | 'in_school' // enrolled in förskoleklass, compulsory or upper-secondary school
  | 'school_age_not_enrolled' // of compulsory-school age but not enrolled: the principal (home municipality)
  | 'left_school' // 16 or older and not in school: KAA
  | 'adult'; // 18 or older: no barnets bästa-ansvarig

/** How far ahead a coming transition is flagged (and its role accepted for a handover). */
export const TRANSITION_HORIZON_DAYS = 120;

/** Förskoleklass starts with the autumn term of the year the child turns six (mid-August). */
export const SCHOOL_START_MONTH_DAY = '08-15';

export interface EnrolmentFact {
  unitKind: string;
  validFrom: string;
  validTo: string | null;
}

export interface BestInterestLeadInput {
  birthDate: string;
  /** The Swedish calendar day (YYYY-MM-DD). */
  today: string;
  enrolments: readonly EnrolmentFact[];
  /** The assignment role of the current barnets bästa-ansvarig, if there is one. */
  currentRole?: string | null;
}

export interface BestInterestLeadTransition {
  /** The day the stage changes. */
  on: string;
  stage: BestInterestLeadStage;
  role: BestInterestLeadRole | null;
}

export interface BestInterestLeadProposal {
  stage: BestInterestLeadStage;
  /** The role that fits the child today; null for an adult. */
  role: BestInterestLeadRole | null;
  /** A transition within TRANSITION_HORIZON_DAYS that changes the role, if any. */
  transition: BestInterestLeadTransition | null;
  /** Roles that may receive the role in a handover now: today's, and the coming one's. */
  acceptableRoles: BestInterestLeadRole[];
  /** The holder's role fits (null when there is no holder). */
  currentMatches: boolean | null;
  /**
   * Propose a change: there is no holder although one is needed, the holder's role does not fit
   * today, or a transition to another role is coming.
   */
  proposeChange: boolean;
}

const SCHOOL_KINDS = new Set(['compulsory_school', 'upper_secondary_school']);

/** The day förskoleklass starts for a child born on `birthDate`. */
export function schoolStartDate(birthDate: string): string {
  return `${Number(birthDate.slice(0, 4)) + 6}-${SCHOOL_START_MONTH_DAY}`;
}

const activeOn = (e: EnrolmentFact, day: string) => e.validFrom <= day && (e.validTo === null || e.validTo >= day);

/** The stage and role on one day. */
export function stageOn(
  birthDate: string,
  day: string,
  enrolments: readonly EnrolmentFact[],
): { stage: BestInterestLeadStage; role: BestInterestLeadRole | null } {
  if (ageOn(birthDate, day) >= 18) return { stage: 'adult', role: null };
  if (enrolments.some((e) => SCHOOL_KINDS.has(e.unitKind) && activeOn(e, day)))
    return { stage: 'in_school', role: 'principal' };
  if (day < schoolStartDate(birthDate)) return { stage: 'before_preschool_class', role: 'child_health_nurse' };
  if (ageOn(birthDate, day) >= 16) return { stage: 'left_school', role: 'youth_follow_up_officer' };
  return { stage: 'school_age_not_enrolled', role: 'principal' };
}

/**
 * The proposal for today, and a coming transition within the horizon: starting förskoleklass,
 * turning 18, or a school enrolment ending at 16 or later (→ KAA). Enrolments known to start in the
 * future count from their start.
 */
export function proposeBestInterestLead(input: BestInterestLeadInput): BestInterestLeadProposal {
  const { birthDate, today, enrolments } = input;
  const now = stageOn(birthDate, today, enrolments);
  const horizon = addDays(today, TRANSITION_HORIZON_DAYS);
  // Days on which the stage may change: school start, 18th birthday, enrolment starts and ends.
  const candidates = new Set<string>([schoolStartDate(birthDate), addYears(birthDate, 18)]);
  for (const e of enrolments) {
    candidates.add(e.validFrom);
    if (e.validTo) candidates.add(addDays(e.validTo, 1));
  }
  let transition: BestInterestLeadTransition | null = null;
  for (const day of [...candidates].filter((d) => d > today && d <= horizon).sort()) {
    const next = stageOn(birthDate, day, enrolments);
    if (next.role !== now.role) {
      transition = { on: day, stage: next.stage, role: next.role };
      break;
    }
  }
  const acceptableRoles = [now.role, transition?.role].filter(
    (r): r is BestInterestLeadRole => r !== null && r !== undefined,
  );
  const unique = [...new Set(acceptableRoles)];
  const current = input.currentRole ?? null;
  const currentMatches = current === null ? null : current === now.role;
  const proposeChange =
    (current === null && now.role !== null) ||
    currentMatches === false ||
    (transition !== null && transition.role !== current);
  return { stage: now.stage, role: now.role, transition, acceptableRoles: unique, currentMatches, proposeChange };
}

export function isBestInterestLeadRole(v: unknown): v is BestInterestLeadRole {
  return typeof v === 'string' && (BEST_INTEREST_LEAD_ROLES as readonly string[]).includes(v);
}
