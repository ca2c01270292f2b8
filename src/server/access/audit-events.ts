import { z } from 'zod';
import type { AuditAction, AuditEventInput, AuditOutcome } from '../audit/events.js';

export type { AuditAction, AuditEventInput, AuditOutcome } from '../audit/events.js';
export type AuditResourceType = AuditEventInput['resourceType'];

/**
 * The one way an audit event is built outside `audit/`: the actor, assignment and request id are
 * filled in here, and the `details` are checked against the schema of the action when the event is
 * built. Details are ids, codes, counts and flags — never personal data — so every schema is strict:
 * a key nobody declared (a name, a free text) fails loudly instead of landing in the audit.
 *
 * A permitted event must carry what its action promises (a concern decision the support level
 * before and after); a denied, not-found or failed attempt carries what was known when it stopped,
 * so for those outcomes every key is optional.
 */

const id = z.string().min(1);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().nonnegative();
const supportLevel = z.number().int().min(1).max(3);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** What any event about a child may carry: the access facts (child-data.ts, record-access.ts) and why it was made. */
const ACCESS = {
  protected_identity: z.literal(true).optional(),
  break_glass_id: id.optional(),
  consent_ids: z.string().optional(),
  disclosure_ids: z.string().optional(),
  /** A code: version_conflict, active_plan_exists, break_glass_read_only, role, a closing reason… */
  reason: z.string().optional(),
};

const plain = z.strictObject(ACCESS);
const shape = <S extends z.ZodRawShape>(s: S) => plain.extend(s);
/** Aggregate and anonymous work (follow-up, Kolada): scalars only, keys chosen by the module. */
const anonymous = z.record(z.string(), scalar);

const levelsChanged = { supportLevelBefore: supportLevel, supportLevelAfter: supportLevel };

/** A family member acting in the portal: which kind, and their id (a guardian or a child row; never staff). */
const CITIZEN = { citizen: z.enum(['guardian', 'child']), citizenId: id };
const CITIZEN_OPTIONAL = { citizen: CITIZEN.citizen.optional(), citizenId: id.optional() };

const DETAILS = {
  'child.list': shape({ count: count.optional() }),
  'child.read': plain,
  'child.search': plain,
  'concern.list': plain,
  'concern.read': plain,
  'concern.create': shape({
    from: z.literal('attendance_alert').optional(),
    alertId: id.optional(),
    // Raised from a unit that serves the child (access/serving-unit.ts; reason 'serving_unit'): how it serves it.
    basis: z.enum(['enrolment', 'student_health', 'listing']).optional(),
  }),
  'concern.update': plain,
  'concern.decide': shape({
    decision: z.enum(['no_further_action', 'own_service', 'collaboration']),
    ...levelsChanged,
  }),
  'chronology.read': plain,
  'chronology.create': plain,
  'todo.list': shape({ items: count.optional(), count: count.optional() }),
  'wheel_assessment.list': plain,
  'wheel_assessment.read': plain,
  'wheel_assessment.create': plain,
  'wheel_assessment.update': plain,
  'wheel_comparison.read': plain,
  // The paper plan (modules/plan/pdf-routes.ts) is read as the plan, in the language it was printed in.
  'plan.read': shape({
    part: z.literal('handover_candidates').optional(),
    format: z.literal('pdf').optional(),
    lang: z.enum(['sv', 'en']).optional(),
  }),
  'plan.create': shape({ level: supportLevel, ...levelsChanged }),
  'plan.update': plain,
  'plan.level_change': shape({ levelBefore: supportLevel, levelAfter: supportLevel, ...levelsChanged }),
  'plan_service.create': plain,
  'plan_service.update': plain,
  'plan_need.create': plain,
  'plan_need.update': plain,
  'plan_goal.create': plain,
  'plan_goal.update': plain,
  'plan_action.create': plain,
  'plan_action.update': plain,
  'plan_voice.create': plain,
  'plan_voice.update': plain,
  'plan_guardian_view.create': plain,
  'plan_guardian_view.update': plain,
  'plan_disagreement.create': plain,
  'handover.offer': shape({
    role: z.enum(['coordinator', 'best_interest_lead']),
    selfAppointed: z.literal(true).optional(),
  }),
  'handover.withdraw': plain,
  'handover.list': shape({ childVisible: z.boolean().optional(), count: count.optional() }),
  'handover.accept': shape({ role: z.enum(['coordinator', 'best_interest_lead']) }),
  'handover.decline': shape({ role: z.enum(['coordinator', 'best_interest_lead']) }),
  'plan_meeting.list': plain,
  'plan_meeting.read': plain,
  'plan_meeting.create': plain,
  'plan_meeting.update': shape({ statusBefore: z.string().optional(), statusAfter: z.string().optional() }),
  'plan_meeting.decide': shape({ effect: z.enum(['none', 'action_created', 'action_changed']) }),
  'plan_review.list': plain,
  'plan_review.create': shape({
    done: count.optional(),
    continue: count.optional(),
    change: count.optional(),
    bring_in_service: count.optional(),
  }),
  'plan.close': shape({ reason: z.string() }),
  'plan.reopen': plain,
  'consultation.list': shape({ count }),
  'consultation.read': plain,
  'consultation.create': plain,
  'consultation.advise': shape({ mandatoryReportAdvised: z.boolean() }),
  'consultation.link': shape({ method: z.string(), givenBy: z.string() }),
  'attendance.import': shape({
    alertRaised: z.boolean().optional(),
    children: count.optional(),
    alreadyImported: z.literal(true).optional(),
  }),
  'attendance_import.list': shape({ unitId: id, count }),
  'attendance_import.read': plain,
  'attendance_threshold.read': plain,
  'attendance_threshold.update': shape({ totalAbsencePct: z.number(), invalidAbsencePct: z.number() }),
  'attendance_alert.list': plain,
  'attendance_alert.read': plain,
  'attendance_alert.review': shape({ outcome: z.enum(['dismissed', 'concern_created']), concernId: id.optional() }),
  'followup.import': anonymous,
  'followup_indicator.create': anonymous,
  'followup_indicator.update': anonymous,
  'kolada.import': anonymous,
  'directory.import': anonymous,
  'followup.export': anonymous,
  'report.create': shape({
    source: z.enum(['child_page', 'from_scratch']),
    legalBasis: id,
    matched: z.boolean().optional(),
  }),
  'report.list': shape({ view: z.enum(['reporter', 'inbox']), count: count.optional() }),
  'report.read': shape({ view: z.enum(['reporter', 'inbox']).optional() }),
  'report.acknowledge': plain,
  'report.feedback': shape({ kind: z.string() }),
  'log_review.draw': shape({
    from: day,
    to: day,
    total: count,
    // How many samples of each kind were drawn (logreview SAMPLE_KINDS).
    random: count.optional(),
    off_team: count.optional(),
    break_glass: count.optional(),
    protected_identity: count.optional(),
    out_of_hours: count.optional(),
    many_children: count.optional(),
    after_membership_ended: count.optional(),
  }),
  'log_review.list': shape({ count }),
  'log_review.read': plain,
  'log_review.outcome': shape({ outcome: z.string(), kind: z.string() }),
  'log_extract.read': shape({ from: day, to: day }),
  'privacy.read': plain,
  'consent.create': shape({ given: z.boolean() }),
  'consent.read': plain,
  'consent.withdraw': shape(CITIZEN_OPTIONAL),
  'disclosure.create': shape({ legal_basis_id: id }),
  'legal_basis.create': plain,
  'legal_basis.retire': plain,
  'break_glass.start': shape({ break_glass_id: id, minutes: z.number().int().positive() }),
  'break_glass.end': shape({ break_glass_id: id }),
  'break_glass.review': shape({ outcome: z.string(), break_glass_id: id }),
  'break_glass.list': plain,
  'team_membership.create': shape({
    role: z.enum(['member', 'contact_person']),
    assignmentId: id,
    concernId: id.optional(),
    requestId: id.optional(),
  }),
  'assistance.create': shape({
    basisKind: z.enum(['consent', 'legal_basis']),
    consentId: id.optional(),
    legalBasisId: id.optional(),
    toUnitId: id,
  }),
  'assistance.list': shape({ view: z.enum(['team', 'inbox']), count: count.optional() }),
  'assistance.accept': shape({ role: z.enum(['member', 'contact_person']), assignmentId: id }),
  'assistance.decline': plain,
  'assistance.withdraw': plain,
  'admin.list': shape({ view: z.enum(['units', 'unit', 'people', 'person']), count }),
  'admin.unit_create': shape({ kind: z.string(), organisationId: id, parentUnitId: id.optional() }),
  'admin.unit_update': shape({ source: z.string().optional() }),
  'admin.unit_end': shape({
    validTo: day,
    assignmentsEnded: count,
    teamsEnded: count.optional(),
    source: z.string().optional(),
  }),
  'admin.person_create': shape({ assignmentId: id }),
  'admin.person_update': shape({ fields: z.string(), source: z.string().optional() }),
  'admin.person_disable': shape({ sessionsEnded: count, source: z.string().optional() }),
  'admin.person_enable': shape({ source: z.string().optional() }),
  'admin.assignment_create': shape({
    personId: id,
    unitId: id,
    role: z.string(),
    validFrom: day,
    validTo: day.nullable(),
    teamsCreated: count,
    teamsEnded: count,
  }),
  'admin.assignment_end': shape({
    personId: id,
    unitId: id,
    role: z.string(),
    validTo: day,
    teamsEnded: count,
    source: z.string().optional(),
  }),
  'session.login': shape({ method: z.enum(['oidc', 'dev']), ...CITIZEN_OPTIONAL }),
  'session.login_failed': z.record(z.string(), z.string()),
  'session.logout': shape(CITIZEN_OPTIONAL),
  'session.assignment_selected': plain,
  'portal.list': shape({ ...CITIZEN, count: count.optional() }),
  'portal.read': shape({ ...CITIZEN, view: z.enum(['page', 'log_extract', 'consents', 'calendar']) }),
  'maturity.record': plain,
  'maturity.withdraw': plain,
} satisfies Record<AuditAction, z.ZodType<Record<string, unknown>>>;

type DetailsSchemas = typeof DETAILS;
/** The details an event of action A may carry (every key optional here; `checkDetails` says which are required). */
export type AuditDetails<A extends AuditAction> = Partial<z.input<DetailsSchemas[A]>>;
/** The details of some action about a child: the declared keys only (the anonymous follow-up ones left out). */
export type ChildAuditDetails = {
  [A in AuditAction]: DetailsSchemas[A] extends typeof anonymous ? never : AuditDetails<A>;
}[AuditAction];

// The outcomes other than 'permitted' stop part-way: every key of the action's schema is optional.
const PARTIAL = new Map<AuditAction, z.ZodType>();
function partialOf(action: AuditAction): z.ZodType {
  let s = PARTIAL.get(action);
  if (!s) {
    const full = DETAILS[action] as z.ZodType;
    s = full instanceof z.ZodObject ? full.partial() : full;
    PARTIAL.set(action, s);
  }
  return s;
}

/** Throws when the details do not fit the action (a programming error: the event is never written). */
export function checkDetails(action: AuditAction, outcome: AuditOutcome, details: Record<string, unknown>): void {
  const schema = outcome === 'permitted' ? (DETAILS[action] as z.ZodType) : partialOf(action);
  const r = schema.safeParse(details);
  if (!r.success) throw new Error(`audit details of ${action} (${outcome}) do not fit its schema: ${r.error.message}`);
}

/** Who an event is about as an actor: a person in an assignment (either may be unknown). */
export interface AuditActor {
  personId: string | null;
  assignmentId: string | null;
}

export interface AuditEventSpec<A extends AuditAction = AuditAction> {
  action: A;
  resourceType: AuditResourceType;
  resourceId?: string | null;
  childId?: string | null;
  outcome?: AuditOutcome;
  details?: AuditDetails<A>;
}

/** Builds one event (outcome 'permitted' unless said otherwise), its details checked against the action. */
export function auditEvent<A extends AuditAction>(
  actor: AuditActor | null,
  requestId: string | null,
  spec: AuditEventSpec<A>,
): AuditEventInput {
  const outcome = spec.outcome ?? 'permitted';
  const details = spec.details as Record<string, string | number | boolean | null> | undefined;
  const hasDetails = details !== undefined && Object.keys(details).length > 0;
  checkDetails(spec.action, outcome, details ?? {});
  return {
    actorPersonId: actor?.personId ?? null,
    actorAssignmentId: actor?.assignmentId ?? null,
    childId: spec.childId ?? null,
    action: spec.action,
    resourceType: spec.resourceType,
    resourceId: spec.resourceId ?? null,
    outcome,
    requestId,
    ...(hasDetails ? { details } : {}),
  };
}

/** `auditEvent` with the actor and request id of one request bound, and the resource type when given. */
export function auditEventsOf(
  actor: AuditActor | null,
  requestId: string | null,
  resourceType?: AuditResourceType,
): <A extends AuditAction>(
  spec: Omit<AuditEventSpec<A>, 'resourceType'> & { resourceType?: AuditResourceType },
) => AuditEventInput {
  return (spec) => {
    const type = spec.resourceType ?? resourceType;
    if (!type) throw new Error(`audit event ${spec.action} without a resource type`);
    return auditEvent(actor, requestId, { ...spec, resourceType: type });
  };
}
