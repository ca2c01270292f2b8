/**
 * The authorization truth table, written from the issue and DOMAIN.md — deliberately NOT derived
 * from src/server/access. If the policy code and this table disagree, one of them is wrong.
 */

/** How an actor relates to a child. */
export type Relation =
  | 'on_team' // active team membership in the assignment the actor acts in
  | 'former_member' // membership ended before today
  | 'same_org_off_team' // same organisation, never on the team
  | 'other_org' // another municipality's professional
  | 'other_assignment_of_same_person' // on the team, but in an assignment the actor is not acting in now
  | 'admin' // system/unit administrator: administers, never reads case content
  | 'analyst' // population level only
  | 'no_such_child';

export const CHILD_ACCESS: Record<Relation, 'allow' | 'deny'> = {
  on_team: 'allow',
  former_member: 'deny',
  same_org_off_team: 'deny',
  other_org: 'deny',
  other_assignment_of_same_person: 'deny',
  admin: 'deny',
  analyst: 'deny',
  no_such_child: 'deny',
};

/**
 * Record level: once the gate lets an actor reach a child, which of the child's records
 * they see depends on the record's secrecy domain (OSL 23/25/26 kap.) and the basis the actor has.
 * The reader is a professional ON the child's team unless the relation says otherwise; records are
 * concerns, chronology entries and wheel assessments of the child.
 */
export type PrivacyRelation =
  | 'other_domain_no_consent' // on the team, in another domain than the record's; no consent, no disclosure
  | 'other_domain_with_consent' // a given consent, valid today, covering the reader's unit, the record's domain and category
  | 'consent_withdrawn' // that consent, withdrawn before the request
  | 'consent_expired' // a consent whose last day has passed
  // Consent by guardians (there is no guardian login: staff record the guardians' positions). A
  // guardian consents for the child as vårdnadshavare: the consent holds while a guardian who
  // consented has custody (custody.has_custody, valid_from/valid_to), evaluated at read time.
  | 'guardian_with_custody_consent' // recorded through the API; the consenting guardian has custody today
  | 'guardian_without_custody_consent' // recording a consent given by a guardian without custody is refused (400): no basis
  | 'guardian_custody_ended' // the consent above after the consenting guardian's custody ended: no longer a basis
  | 'disclosure_active' // a disclosure under a legal basis from the record's domain to the reader's unit, valid today
  | 'break_glass_active' // NOT on the team; an active break-glass for this child, in this assignment
  | 'break_glass_expired'; // NOT on the team; the break-glass has expired: the child itself is gone

export type DataClass =
  | 'own_domain_record' // written in the reader's own secrecy domain
  | 'other_domain_record'; // written in another secrecy domain

export const RECORD_ACCESS: Record<PrivacyRelation, Record<DataClass, 'visible' | 'hidden'>> = {
  other_domain_no_consent: { own_domain_record: 'visible', other_domain_record: 'hidden' },
  other_domain_with_consent: { own_domain_record: 'visible', other_domain_record: 'visible' },
  consent_withdrawn: { own_domain_record: 'visible', other_domain_record: 'hidden' },
  consent_expired: { own_domain_record: 'visible', other_domain_record: 'hidden' },
  guardian_with_custody_consent: { own_domain_record: 'visible', other_domain_record: 'visible' },
  guardian_without_custody_consent: { own_domain_record: 'visible', other_domain_record: 'hidden' },
  guardian_custody_ended: { own_domain_record: 'visible', other_domain_record: 'hidden' },
  disclosure_active: { own_domain_record: 'visible', other_domain_record: 'visible' },
  break_glass_active: { own_domain_record: 'visible', other_domain_record: 'visible' },
  break_glass_expired: { own_domain_record: 'hidden', other_domain_record: 'hidden' },
};

/** What kind of guard a route has. Every route the app serves must be listed here. */
export type RouteKind =
  | 'public' // no session needed, no child data
  | 'session_optional' // answers with or without a session, no child data
  | 'session' // needs a session, no child data
  | 'child' // one child's data: gate + audit
  | 'child_list' // a list of children: gate + audit per child
  | 'handover_receiver' // answering an offer of a role: only its named receiver (person + assignment), audited
  | 'demo_only' // exists only in demo mode
  | 'auth_flow' // OIDC relying-party redirects
  // Anonymous consultation cases: an assignment whose role works with children (not admin, not
  // population); a case is visible to its author's assignment and to its consultation team's
  // members. No child data (linking a case to a child is a 'child' route).
  | 'consultation'
  // School attendance administration: the principal or a school administrator of the school unit
  // the actor acts for (imports, their summaries) and principals/administrators for their
  // organisation's thresholds. An import WRITES the data of pupils enrolled at that unit (not by
  // team) and answers with line numbers and counts only; each child written is audited.
  | 'attendance_admin'
  // Orosanmälan from scratch (and its options and the filer's own list): any assignment whose role
  // works with children (the duty to report needs no place on the team); admins, population roles and
  // log reviewers get 403. The child is named by personnummer in the body; the answer never says
  // whether the child is known.
  | 'report_filer'
  // Social services' report inbox: a social worker or social services manager acting in a social
  // services unit, for reports to that unit's municipality (403 for anyone else).
  | 'report_inbox'
  // One report: its reporter (as a person) or the receiving social services; anyone else 404.
  | 'report_party'
  // Log review: the role log_reviewer, for the samples of its own organisation (403 otherwise).
  | 'log_reviewer'
  // Published follow-up statistics: anonymous aggregates of the school survey after small-cell
  // suppression (never microdata, never a hidden cell). Any logged-in user acting in an assignment
  // may read them (analysts, managers, professionals alike); no child data, so not through the
  // child gate and not audited. Without a session: 401.
  | 'published_stats'
  // Population follow-up, analyst side: only the 'analyst' role imports survey files, population
  // counts, aggregated tables and operational series, manages indicator definitions and starts
  // Kolada runs. Anonymous/aggregate data only; nothing of a child. 403 for every other role.
  | 'analyst'
  // Published (suppressed) population aggregates for analysts and managers only: response rates,
  // the KPI page, published aggregated tables, operational series, CSV/PDF exports. 403 otherwise.
  | 'population_read'
  // The legal-basis catalogue: any assignment reads it (entries, editions, retired ones); only a
  // system administrator adds an edition or retires one (403 otherwise). No child data.
  | 'legal_basis_catalogue'
  // Break-glass: starting one is for some case roles only (403 reason=role), with a login within the
  // re-authentication window (403 reason=reauth_required); the child is named by personnummer in the
  // body; it opens the child for READING only, for a time. Ending one: only its own person (404
  // otherwise). Reviewing: the child's coordinator or a log reviewer of the organisation, never the
  // person who used it (404 otherwise), once, after it ended. Every outcome is audited.
  | 'break_glass'
  // The first step from a serving unit: a professional acting at a unit that serves the child today
  // (its school or preschool, that school's elevhälsa, its BVC) finds the child (personnummer, or
  // name among its pupils; never a protected child by name) and raises a concern, whether or not on
  // the team. The answers are the minimum to know the child and a receipt — never records. A child
  // the unit does not serve is the same 404 as one that does not exist; admins, population roles and
  // log reviewers get 403. Every outcome is audited.
  | 'serving_unit'
  // Requests for assistance, sending side: the child's coordinator, or its barnets bästa-ansvarig
  // when it has none (403 for other team members); not on the team at all: 404. Audited.
  | 'assistance_sender'
  // Requests for assistance, receiving side: the lead of the receiving unit (principal, social
  // services manager, … by the unit's kind) in the assignment acted in. The inbox holds only what
  // the request says (child's name, who asks, message), audited per child; answering is 404 for
  // anyone else (audited), and acceptance puts the named professional on the team.
  | 'assistance_lead'
  // Administration (units, people, assignments): a system_admin for every unit of its organisation,
  // a unit_admin for its unit and the units whose parent is that unit. Anyone else 403; a unit,
  // person or assignment outside the admin's reach 404. No child data; every list and change audited.
  | 'admin'
  // The family's own Barnkompass: only a family session (a guardian or a child, logged in with their
  // personnummer; never a staff session, 401). Which children, as PORTAL_ACCESS says; a child one may
  // not see is the same 404 as one that does not exist. Every read audited as the family member.
  | 'portal'
  // Answers with or without a family session (who is logged in; logging out).
  | 'portal_optional'
  // Recording or withdrawing the judgement of a child's maturity: a professional on the child's team
  // (writeChildData: break-glass is not enough); anyone else the audited 404 of every child route.
  | 'maturity_write';

/** The family's Barnkompass: how the family member relates to the child asked for. */
export type PortalRelation =
  | 'guardian_with_custody'
  | 'parent_without_custody'
  | 'guardian_custody_ended'
  | 'child_with_maturity_judgement'
  | 'child_without_maturity_judgement'
  | 'child_judgement_withdrawn'
  | 'another_child'
  | 'no_such_child';
export const PORTAL_ACCESS: Record<PortalRelation, 'allow' | 'not_found'> = {
  guardian_with_custody: 'allow',
  parent_without_custody: 'not_found',
  guardian_custody_ended: 'not_found',
  child_with_maturity_judgement: 'allow',
  child_without_maturity_judgement: 'not_found',
  child_judgement_withdrawn: 'not_found',
  another_child: 'not_found',
  no_such_child: 'not_found',
};

/** The first step from a serving unit (see 'serving_unit'), by how the actor's unit relates to the child. */
export type ServingRelation = 'unit_serves_child' | 'unit_does_not_serve' | 'no_such_child' | 'no_case_role';
export const SERVING_UNIT_ACCESS: Record<ServingRelation, 'allow' | 'not_found' | 'forbidden'> = {
  unit_serves_child: 'allow',
  unit_does_not_serve: 'not_found',
  no_such_child: 'not_found',
  no_case_role: 'forbidden',
};

/** Administration: how the actor relates to the unit (or the person or assignment at it) addressed. */
export type AdminRelation =
  | 'system_admin_same_organisation'
  | 'system_admin_other_organisation'
  | 'unit_admin_own_unit'
  | 'unit_admin_unit_under_own'
  | 'unit_admin_other_unit'
  | 'professional'
  | 'analyst';
export const ADMIN_ACCESS: Record<AdminRelation, 'allow' | 'not_found' | 'forbidden'> = {
  system_admin_same_organisation: 'allow',
  system_admin_other_organisation: 'not_found',
  unit_admin_own_unit: 'allow',
  unit_admin_unit_under_own: 'allow',
  unit_admin_other_unit: 'not_found',
  professional: 'forbidden',
  analyst: 'forbidden',
};

/** Requests for assistance: who may send one for a child, and who may answer one to a unit. */
export type AssistanceRelation =
  | 'coordinator'
  | 'best_interest_lead_without_coordinator'
  | 'best_interest_lead_beside_coordinator'
  | 'team_member'
  | 'off_team'
  | 'lead_of_receiving_unit'
  | 'professional_at_receiving_unit'
  | 'lead_of_another_unit';
export const ASSISTANCE_ACCESS: Record<AssistanceRelation, 'allow' | 'forbidden' | 'not_found'> = {
  coordinator: 'allow',
  best_interest_lead_without_coordinator: 'allow',
  best_interest_lead_beside_coordinator: 'forbidden',
  team_member: 'forbidden',
  off_team: 'not_found',
  lead_of_receiving_unit: 'allow',
  professional_at_receiving_unit: 'not_found',
  lead_of_another_unit: 'not_found',
};

export const ROUTE_TABLE: Record<string, RouteKind> = {
  'GET /health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/*': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/*': 'public',
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  'GET /api/docs/initOAuth': 'public',
  'GET /api/docs/uiConfig': 'public',
  'GET /api/session': 'session_optional',
  'PUT /api/session/assignment': 'session',
  'POST /api/session/logout': 'session_optional',
  'GET /api/children': 'child_list',
  'GET /api/children/:childId': 'child',
  'POST /api/children/search': 'child',
  'GET /api/children/:childId/concerns': 'child',
  'POST /api/children/:childId/concerns': 'child',
  'GET /api/children/:childId/concerns/:concernId': 'child',
  'PATCH /api/children/:childId/concerns/:concernId': 'child',
  'POST /api/children/:childId/concerns/:concernId/decision': 'child',
  'GET /api/children/:childId/chronology': 'child',
  'POST /api/children/:childId/chronology': 'child',
  'GET /api/children/:childId/wheel-assessments': 'child',
  'POST /api/children/:childId/wheel-assessments': 'child',
  'GET /api/children/:childId/wheel-assessments/:assessmentId': 'child',
  'PATCH /api/children/:childId/wheel-assessments/:assessmentId': 'child',
  'GET /api/children/:childId/wheel-comparison': 'child',
  'GET /api/children/:childId/plan': 'child',
  'GET /api/children/:childId/plans/:planId': 'child',
  'GET /api/children/:childId/plan/handover-candidates': 'child',
  'GET /api/children/:childId/plan/pdf': 'child',
  'POST /api/children/:childId/plan': 'child',
  'PATCH /api/children/:childId/plan': 'child',
  'POST /api/children/:childId/plan/level': 'child',
  'POST /api/children/:childId/plan/services': 'child',
  'PATCH /api/children/:childId/plan/services/:serviceId': 'child',
  'POST /api/children/:childId/plan/needs': 'child',
  'PATCH /api/children/:childId/plan/needs/:needId': 'child',
  'POST /api/children/:childId/plan/goals': 'child',
  'PATCH /api/children/:childId/plan/goals/:goalId': 'child',
  'POST /api/children/:childId/plan/actions': 'child',
  'PATCH /api/children/:childId/plan/actions/:actionId': 'child',
  'POST /api/children/:childId/plan/voice': 'child',
  'PATCH /api/children/:childId/plan/voice/:voiceId': 'child',
  'POST /api/children/:childId/plan/guardian-views': 'child',
  'PATCH /api/children/:childId/plan/guardian-views/:viewId': 'child',
  'POST /api/children/:childId/plan/disagreements': 'child',
  'POST /api/children/:childId/plan/handovers': 'child',
  'POST /api/children/:childId/plan/handovers/:handoverId/withdraw': 'child',
  'GET /api/children/:childId/plan/meetings': 'child',
  'POST /api/children/:childId/plan/meetings': 'child',
  'GET /api/children/:childId/plan/meetings/:meetingId': 'child',
  'PATCH /api/children/:childId/plan/meetings/:meetingId': 'child',
  'POST /api/children/:childId/plan/meetings/:meetingId/decisions': 'child',
  'GET /api/children/:childId/plan/reviews': 'child',
  'POST /api/children/:childId/plan/reviews': 'child',
  'POST /api/children/:childId/plan/close': 'child',
  'POST /api/children/:childId/plan/reopen': 'child',
  'GET /api/handovers': 'child_list',
  'POST /api/handovers/:handoverId/accept': 'handover_receiver',
  'POST /api/handovers/:handoverId/decline': 'handover_receiver',
  'GET /api/todo': 'child_list',
  'GET /api/consultation-teams': 'consultation',
  'GET /api/consultation-cases': 'consultation',
  'POST /api/consultation-cases': 'consultation',
  'GET /api/consultation-cases/:caseId': 'consultation',
  'PUT /api/consultation-cases/:caseId/advice': 'consultation',
  'POST /api/consultation-cases/:caseId/link': 'child',
  'GET /api/attendance/thresholds': 'attendance_admin',
  'PUT /api/attendance/thresholds': 'attendance_admin',
  'GET /api/attendance/imports': 'attendance_admin',
  'GET /api/attendance/imports/:importId': 'attendance_admin',
  'POST /api/attendance/imports': 'attendance_admin',
  'GET /api/children/:childId/attendance-alerts': 'child',
  'GET /api/children/:childId/attendance-alerts/:alertId': 'child',
  'POST /api/children/:childId/attendance-alerts/:alertId/review': 'child',
  'GET /api/followup/instruments': 'published_stats',
  'GET /api/followup/overview': 'published_stats',
  'GET /api/followup/indicators/:indicatorId': 'published_stats',
  'GET /api/followup/equity': 'published_stats',
  'GET /api/followup/schools/:schoolId/profile': 'published_stats',
  'POST /api/followup-admin/uploads': 'analyst',
  'POST /api/followup-admin/uploads/:uploadId/chunks': 'analyst',
  'GET /api/followup-admin/uploads/:uploadId/columns': 'analyst',
  'POST /api/followup-admin/uploads/:uploadId/discard': 'analyst',
  'POST /api/followup-admin/survey-imports': 'analyst',
  'GET /api/followup-admin/survey-imports': 'analyst',
  'GET /api/followup-admin/jobs/:jobId': 'analyst',
  'GET /api/followup-admin/instruments': 'analyst',
  'GET /api/followup-admin/instruments/:instrumentId': 'analyst',
  'GET /api/followup-admin/instruments/:instrumentId/indicators': 'analyst',
  'POST /api/followup-admin/instruments/:instrumentId/indicators': 'analyst',
  'GET /api/followup-admin/instruments/:instrumentId/indicators/:key': 'analyst',
  'PATCH /api/followup-admin/instruments/:instrumentId/indicators/:key': 'analyst',
  'POST /api/followup-admin/population-imports': 'analyst',
  'POST /api/followup-admin/aggregate-tables': 'analyst',
  'POST /api/followup-admin/operational-imports': 'analyst',
  'POST /api/followup-admin/kolada-runs': 'analyst',
  'GET /api/followup-admin/response-rates': 'population_read',
  'GET /api/followup-admin/aggregate-tables': 'population_read',
  'GET /api/followup-admin/aggregate-tables/:tableId': 'population_read',
  'GET /api/followup-admin/operational-series': 'population_read',
  'GET /api/followup-admin/kpis': 'population_read',
  'GET /api/followup-admin/exports/:municipalityCode/csv': 'population_read',
  'GET /api/followup-admin/exports/:municipalityCode/pdf': 'population_read',
  'GET /api/reports/options': 'report_filer',
  'POST /api/reports': 'report_filer',
  'GET /api/reports/mine': 'report_filer',
  'GET /api/reports/inbox': 'report_inbox',
  'GET /api/reports/:reportId': 'report_party',
  'POST /api/reports/:reportId/acknowledge': 'report_inbox',
  'POST /api/reports/:reportId/feedback': 'report_inbox',
  'POST /api/children/:childId/reports': 'child',
  'GET /api/children/:childId/access-log': 'child',
  'POST /api/log-review/samples': 'log_reviewer',
  'GET /api/log-review/samples': 'log_reviewer',
  'GET /api/log-review/samples/:sampleId': 'log_reviewer',
  'PUT /api/log-review/samples/:sampleId/outcome': 'log_reviewer',
  'GET /api/children/:childId/privacy': 'child',
  'POST /api/children/:childId/consents': 'child',
  'GET /api/children/:childId/consents/:consentId': 'child',
  'POST /api/children/:childId/consents/:consentId/withdraw': 'child',
  'POST /api/children/:childId/disclosures': 'child',
  'GET /api/legal-bases': 'legal_basis_catalogue',
  'GET /api/legal-bases/:basisId': 'legal_basis_catalogue',
  'POST /api/legal-bases': 'legal_basis_catalogue',
  'POST /api/legal-bases/:basisId/retire': 'legal_basis_catalogue',
  'GET /api/break-glass': 'break_glass',
  'POST /api/break-glass': 'break_glass',
  'POST /api/break-glass/:breakGlassId/end': 'break_glass',
  'POST /api/break-glass/:breakGlassId/review': 'break_glass',
  'POST /api/serving-unit/children/search': 'serving_unit',
  'POST /api/serving-unit/children/:childId/concerns': 'serving_unit',
  'GET /api/children/:childId/assistance-requests': 'child',
  'POST /api/children/:childId/assistance-requests': 'assistance_sender',
  'POST /api/children/:childId/assistance-requests/:requestId/withdraw': 'assistance_sender',
  'GET /api/assistance/inbox': 'assistance_lead',
  'POST /api/assistance/:requestId/accept': 'assistance_lead',
  'POST /api/assistance/:requestId/decline': 'assistance_lead',
  'GET /api/admin/options': 'admin',
  'GET /api/admin/units': 'admin',
  'POST /api/admin/units': 'admin',
  'GET /api/admin/units/:unitId': 'admin',
  'PATCH /api/admin/units/:unitId': 'admin',
  'POST /api/admin/units/:unitId/end': 'admin',
  'POST /api/admin/people/search': 'admin',
  'POST /api/admin/people': 'admin',
  'GET /api/admin/people/:personId': 'admin',
  'PATCH /api/admin/people/:personId': 'admin',
  'POST /api/admin/people/:personId/disable': 'admin',
  'POST /api/admin/people/:personId/enable': 'admin',
  'POST /api/admin/assignments': 'admin',
  'POST /api/admin/assignments/:assignmentId/end': 'admin',
  'GET /api/dev/users': 'demo_only',
  'POST /api/dev/login': 'demo_only',
  'GET /auth/login': 'auth_flow',
  'GET /auth/callback': 'auth_flow',
  'GET /auth/familj/login': 'auth_flow',
  'GET /auth/familj/callback': 'auth_flow',
  'GET /api/portal/me': 'portal_optional',
  'POST /api/portal/logout': 'portal_optional',
  'GET /api/portal/children': 'portal',
  'GET /api/portal/children/:childId': 'portal',
  'GET /api/portal/children/:childId/access-log': 'portal',
  'GET /api/portal/children/:childId/consents': 'portal',
  'GET /api/portal/children/:childId/meetings/:meetingId/calendar': 'portal',
  'POST /api/portal/children/:childId/consents/:consentId/withdraw': 'portal',
  'GET /api/children/:childId/maturity-judgement': 'child',
  'POST /api/children/:childId/maturity-judgement': 'maturity_write',
  'DELETE /api/children/:childId/maturity-judgement': 'maturity_write',
};

/** The built web UI's static files: public, no data (file names carry content hashes). */
export const STATIC_ROUTE = /^GET \/(assets\/[\w.-]+|[\w.-]+\.(html|svg|ico|png|webmanifest|txt))$/;

/** Route patterns that belong to the demo identity provider (mounted only in demo mode). */
export const DEMO_PROVIDER_PREFIX = '/oidc';
