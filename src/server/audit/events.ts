/**
 * Typed audit events. Every access to child data (permitted or not) produces one event per child
 * touched, so that "who saw this child" can always be answered from the audit alone.
 */
export const AUDIT_ACTIONS = [
  'child.list', // a child appeared in a list the actor received
  'child.read', // the child's overview was read
  'child.search', // a search by personnummer (outcome says whether it matched something visible)
  'concern.list', // the child's concerns were listed
  'concern.read', // one concern was read (also when a write answered 412 with the current version)
  'concern.create',
  'concern.update',
  'concern.decide', // a decision was recorded (details: decision, support level before/after)
  'chronology.read',
  'chronology.create',
  'todo.list', // a child appeared in the actor's to-do view
  // Wellbeing wheel (Map / kartlägga)
  'wheel_assessment.list',
  'wheel_assessment.read',
  'wheel_assessment.create',
  'wheel_assessment.update',
  'wheel_comparison.read',
  // The child's plan (Collaborate / samarbeta) and role handovers
  'plan.read', // the plan view (also when a write answered 409/412 with the current version)
  'plan.create',
  'plan.update',
  'plan.level_change', // details: level and support level before/after
  'plan_service.create',
  'plan_service.update',
  'plan_need.create',
  'plan_need.update',
  'plan_goal.create',
  'plan_goal.update',
  'plan_action.create',
  'plan_action.update',
  'plan_voice.create',
  'plan_voice.update',
  'plan_guardian_view.create',
  'plan_guardian_view.update',
  'plan_disagreement.create',
  'handover.offer',
  'handover.withdraw',
  'handover.list', // an offer (for this child) appeared in the actor's list of handovers
  'handover.accept', // details: role; the team roles moved in the same transaction
  'handover.decline',
  // Meet, follow up, close (the plan's meetings, reviews and status)
  'plan_meeting.list',
  'plan_meeting.read', // one meeting (also when a write answered 412 with the current version)
  'plan_meeting.create',
  'plan_meeting.update', // details: status before/after when it changed
  'plan_meeting.decide', // details: effect (none / action_created / action_changed)
  'plan_review.list',
  'plan_review.create', // details: outcome counts; the actions and the plan changed in the same transaction
  'plan.close', // details: reason code
  'plan.reopen',
  // Anonymous consultation (konsultationsteam): no child, except when a case is linked to one
  'consultation.list', // cases listed (no child data; child_id null)
  'consultation.read',
  'consultation.create',
  'consultation.advise', // the team recorded or changed its advice
  'consultation.link', // linked to a named child after consent; the advice copied to the chronology
  // Attendance (närvaro)
  'attendance.import', // one event per child written by an import (details: alert raised or not)
  'attendance_import.list',
  'attendance_import.read',
  'attendance_threshold.read',
  'attendance_threshold.update',
  'attendance_alert.list',
  'attendance_alert.read',
  'attendance_alert.review', // details: outcome (dismissed / concern_created)
  // Population follow-up, analyst side (no child: aggregate and anonymous data only)
  'followup.import', // survey file, population counts, aggregated table or operational series (details: kind, status, rows)
  'followup_indicator.create',
  'followup_indicator.update', // details: key, enabled, version
  'kolada.import', // an import run started over HTTP (details: run id, status)
  // Directory (who works and studies where, from the county's sources; no child in the event)
  'directory.import', // an import run committed (details: source, counts; never personal data)
  'followup.export', // a CSV or PDF of published tables went out (resource: the municipality; details: format, instrument, indicators, years, rows)
  // Orosanmälan (report of concern to social services) — resource_type 'report'
  'report.create', // filed (details: source child_page/from_scratch, matched: the child is known here)
  'report.list', // a report appeared in a list (the social services inbox, or the reporter's own)
  'report.read',
  'report.acknowledge', // social services acknowledged receipt
  'report.feedback', // social services sent feedback (återkoppling) to the reporter
  // Log review (logguppföljning) and the family's log extract
  'log_review.draw', // samples drawn (details: counts per kind; child_id null)
  'log_review.list',
  'log_review.read', // one sample (the audited access it points at) was looked at
  'log_review.outcome', // an outcome was documented
  'log_extract.read', // the extract of who accessed the child's data was produced
  // Consent, disclosures under a legal basis, break-glass (privacy)
  'privacy.read', // the child's consents, disclosures and break-glass history
  'consent.create', // details: given (true/false)
  'consent.read',
  'consent.withdraw',
  'disclosure.create', // details: legal basis id
  'legal_basis.create', // the catalogue (no child)
  'legal_basis.retire',
  'break_glass.start', // details: minutes; denied with reason role / reauth_required
  'break_glass.end',
  'break_glass.review', // details: outcome
  'break_glass.list',
  // The first step from a serving unit, and bringing in another service (samordningsfunktion)
  'team_membership.create', // someone was put on the child's team by a workflow (details: reason, role)
  'assistance.create', // a request for assistance was sent (details: basis kind and id)
  'assistance.list', // a request appeared in a list (the child's team section, or the receiving lead's inbox)
  'assistance.accept', // accepted; the professional joined the team in the same transaction
  'assistance.decline', // declined with a reason
  'assistance.withdraw', // withdrawn by the sender's side while it waited
  // Administration in the UI (units, people, assignments; no child in the event, never names)
  'admin.list', // units, people or assignments were listed (details: view, count)
  'admin.unit_create',
  'admin.unit_update', // renamed
  'admin.unit_end', // details: validTo, assignments ended with it
  'admin.person_create',
  'admin.person_update', // a correction (details: which fields, never their values)
  'admin.person_disable', // the person's sessions ended in the same transaction
  'admin.person_enable',
  'admin.assignment_create', // details: role, unit, dates; the teams reconciled in the same transaction
  'admin.assignment_end', // details: validTo
  'session.login',
  'session.login_failed',
  'session.logout',
  'session.assignment_selected',
  // The family's own Barnkompass (portal): a guardian or a child acting, never staff (details: citizen, citizenId)
  'portal.list', // the children the family member may see (details: count)
  'portal.read', // one child's page
  'maturity.record', // a professional recorded the judgement that the child may see their own Barnkompass
  'maturity.withdraw',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditOutcome = 'permitted' | 'denied' | 'not_found' | 'failed';

export interface AuditEventInput {
  actorPersonId: string | null;
  actorAssignmentId: string | null;
  childId: string | null;
  action: AuditAction;
  resourceType:
    | 'child'
    | 'child_list'
    | 'session'
    | 'concern'
    | 'chronology'
    | 'todo'
    | 'wheel_assessment'
    | 'plan'
    | 'plan_service'
    | 'plan_need'
    | 'plan_goal'
    | 'plan_action'
    | 'plan_voice'
    | 'plan_guardian_view'
    | 'plan_disagreement'
    | 'plan_meeting'
    | 'plan_review'
    | 'handover'
    | 'consultation_case'
    | 'attendance_import'
    | 'attendance_threshold'
    | 'attendance_alert'
    | 'report'
    | 'log_review_sample'
    | 'log_extract'
    | 'followup_import'
    | 'followup_indicator'
    | 'kolada_import_run'
    | 'directory_import_run'
    | 'followup_export'
    | 'consent'
    | 'disclosure'
    | 'legal_basis'
    | 'break_glass'
    | 'privacy'
    | 'team_membership'
    | 'assistance_request'
    | 'unit'
    | 'person'
    | 'assignment'
    | 'portal'
    | 'maturity_judgement';
  resourceId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  /** Never personal data (no names, no personnummer): ids and reasons only. */
  details?: Record<string, string | number | boolean | null>;
}

/** A stored, chained row. */
export interface AuditRow {
  seq: number;
  id: string;
  occurredAt: string; // ISO 8601 with milliseconds, UTC
  actorPersonId: string | null;
  actorAssignmentId: string | null;
  childId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  requestId: string | null;
  details: unknown;
  prevHash: string;
  rowHash: string;
}
