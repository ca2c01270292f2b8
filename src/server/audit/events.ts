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
  'session.login',
  'session.login_failed',
  'session.logout',
  'session.assignment_selected',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditOutcome = 'permitted' | 'denied' | 'not_found' | 'failed';

export interface AuditEventInput {
  actorPersonId: string | null;
  actorAssignmentId: string | null;
  childId: string | null;
  action: AuditAction;
  resourceType: 'child' | 'child_list' | 'session' | 'concern' | 'chronology' | 'todo' | 'wheel_assessment';
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
