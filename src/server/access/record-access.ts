/**
 * RECORD-LEVEL ACCESS — secrecy domains, consent, disclosures, break-glass, guardian secrets and
 * protected identity. The gate (gate.ts) decides whether a child is reachable; this file decides
 * which of the child's RECORDS an actor sees. It is the one place the rule exists.
 *
 * Contract (for every module that returns child records):
 *  - Every record of child data carries `secrecy_domain` (its author's unit's OSL domain) and a
 *    data category (DataCategory). A record is visible to an actor who passed the gate when
 *      (a) it has no domain (written by an assignment without a unit), or
 *      (b) its domain is the actor's own domain (the acting assignment's unit's domain), or
 *      (c) the actor has an active break-glass for the child (this person, this assignment), or
 *      (d) a consent for the child is given, not withdrawn (withdrawn_at > now), valid today, lists
 *          the actor's unit among its recipients, the record's domain among its sources and the
 *          record's category among its categories, and still rests on someone entitled to give it
 *          TODAY: the child judged mature enough to decide alone (child_decides) consented, or at
 *          least one guardian who consented has custody of the child today (custody.has_custody,
 *          valid_from/valid_to). Guardians consent for the child as vårdnadshavare (DOMAIN.md §3),
 *          so when a consenting guardian's custody ends their consent no longer counts; if no
 *          consenting guardian with custody remains, the consent no longer holds (from the next
 *          request; the remaining custodian can be asked for a new consent). A consent row without
 *          any party (never made through the service) is no basis at all (default deny), or
 * *      (e) a disclosure under a legal basis for the child names the actor's unit as recipient, the
 *          record's domain as source and the category, and is valid today.
 *    Evaluated on every request against the request's clock: withdrawal and expiry take effect on
 *    the next request. Hidden records are not counted, listed, linked or hinted at anywhere (DOMAIN.md
 *    does not allow telling that another domain holds records about the child: that fact is itself
 *    secret — contact with BUP or social services is sensitive).
 *  - APIs: `recordVisibleSql(...)` (an SQL predicate for statements that read records, lists and
 *    to-do included) and `recordScope(...)`/`RecordScope` (what readChildData hands every loader:
 *    `filter(records, category)` and the bases used, which go into the read's audit event).
 *  - Writes always go to the writer's own unit and domain (services set owning_unit_id /
 *    secrecy_domain from the actor; never from the request).
 *  - Guardian-secret items: records with `secret_from_guardians = true` (e.g. what the child told
 *    the school counsellor) must never appear in anything produced for guardians or the child's
 *    family (the family log extract, guardian views, printouts for the family). Use
 *    `forGuardians(records)` / `isForGuardians(record)` in TypeScript or `guardianVisibleSql(alias)`
 *    in SQL. Professionals on the team still see them (subject to the domain rule above).
 *  - Protected identity (child.protected_identity, skyddade personuppgifter): address, school
 *    location and contact details are shown only to those who need them (`needsProtectedDetails`:
 *    the child's coordinator and barnets bästa-ansvarig — the responsible at the child's unit).
 *    The child is never found by search except by its team, never exported, messaged about or
 *    included in statistics microdata (use `excludeProtectedSql(alias)`), and every audit event of a
 *    read or write of such a child carries `details.protected_identity = true` (readChildData,
 *    writeChildData and listChildData add it). Reads through break-glass carry `details.break_glass_id`.
 *  - Log reviewers: a break-glass creates `privacy_alert` rows for the child's coordinator and for
 *    the log reviewers (`recipient_kind = 'log_reviewers'`, the organisation of the person who broke
 *    the glass); `LOG_REVIEWER_ROLES` names who those are.
 */
import type { Queryable } from '../db/client.js';
import type { AssignedActor, AssignmentRole, SecrecyDomain } from './actor.js';
import { fragment, sql, textOf, type SqlFragment, type SqlParams } from '../db/sql.js';

export const SECRECY_DOMAINS: readonly SecrecyDomain[] = [
  'school',
  'medical_student_health',
  'health_care',
  'social_services',
  'police',
  'other',
];
export const DATA_CATEGORIES = ['concern', 'chronology', 'wheel', 'plan'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Who may break the glass: professionals who may have to act at once for a child's safety. */
export const BREAK_GLASS_ROLES: ReadonlySet<AssignmentRole> = new Set([
  'social_worker',
  'social_services_manager',
  'school_nurse',
  'school_doctor',
  'child_health_nurse',
  'child_psychiatry_clinician',
  'principal',
]);
/** Who reviews the logs (logguppföljning) and receives break-glass alerts for their organisation. */
export const LOG_REVIEWER_ROLES: ReadonlySet<string> = new Set(['log_reviewer']);

/** The record predicate's parameters (prefixed so they never meet a statement's own). */
function readerParams(actor: AssignedActor, now: Date, today: string): SqlParams {
  return {
    rec_person: actor.personId,
    rec_assignment: actor.assignmentId,
    rec_unit: actor.unitId,
    rec_domain: actor.secrecyDomain,
    rec_now: now.toISOString(),
    rec_today: today,
  };
}

interface Exprs {
  child: string;
  domain: string;
  category: string;
}

/** The pieces of the rule, each an SQL condition over the record's child/domain/category expressions. */
function pieces(e: Exprs) {
  return {
    noDomain: `${e.domain} IS NULL`,
    ownDomain: `${e.domain} = :rec_domain::text`,
    breakGlass: `FROM break_glass bg WHERE bg.child_id = ${e.child} AND bg.person_id = :rec_person::uuid AND bg.assignment_id = :rec_assignment::uuid
                   AND bg.started_at <= :rec_now::timestamptz AND bg.expires_at > :rec_now::timestamptz AND (bg.ended_at IS NULL OR bg.ended_at > :rec_now::timestamptz)`,
    consent: `FROM consent cs WHERE cs.child_id = ${e.child} AND cs.given
                AND (cs.withdrawn_at IS NULL OR cs.withdrawn_at > :rec_now::timestamptz)
                AND cs.valid_from <= :rec_today::date AND cs.valid_to >= :rec_today::date
                AND :rec_unit::uuid = ANY(cs.recipient_unit_ids) AND ${e.domain} = ANY(cs.source_domains) AND ${e.category} = ANY(cs.data_categories)
                AND ${consentRestsOnPartySql('cs', ':rec_today::date')}`,
    disclosure: `FROM disclosure ds WHERE ds.child_id = ${e.child} AND ds.recipient_unit_id = :rec_unit::uuid
                   AND ds.from_domain = ${e.domain} AND ${e.category} = ANY(ds.data_categories)
                   AND ds.valid_from <= :rec_today::date AND ds.valid_to >= :rec_today::date AND ds.created_at <= :rec_now::timestamptz`,
  };
}

/**
 * Does the consent (table alias `cs`) still rest on someone entitled to give it, on the day
 * `todayExpr` (an SQL date expression)? The child judged mature enough to decide alone consented,
 * or a guardian who consented has custody that day. Part of rule (d) above; also what the consent's
 * shown status uses (privacy/repo.ts), so the page never says "in force" when it is not.
 */
export function consentRestsOnPartySql(alias: string, todayExpr: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error('bad alias');
  return `(EXISTS (SELECT 1 FROM consent_party cp WHERE cp.consent_id = ${alias}.id AND cp.party_kind = 'child' AND cp.child_decides AND cp.position = 'consents')
        OR EXISTS (SELECT 1 FROM consent_party cp JOIN custody cu ON cu.child_id = ${alias}.child_id AND cu.guardian_id = cp.guardian_id
                    WHERE cp.consent_id = ${alias}.id AND cp.party_kind = 'guardian' AND cp.position = 'consents'
                      AND cu.has_custody AND cu.valid_from <= ${todayExpr} AND (cu.valid_to IS NULL OR cu.valid_to >= ${todayExpr})))`;
}

function quoteCategory(category: DataCategory): string {
  if (!(DATA_CATEGORIES as readonly string[]).includes(category)) throw new Error(`unknown data category ${category}`);
  return `'${category}'`;
}

/**
 * The record filter as an SQL predicate, for statements that read records (lists, to-do, counts).
 * `childExpr` and `domainExpr` are column expressions of the record (e.g. 'c.child_id',
 * 'c.secrecy_domain').
 */
export function recordVisibleSql(
  actor: AssignedActor,
  r: { childExpr: string; domainExpr: string; category: DataCategory },
  now: Date,
  today: string,
): SqlFragment {
  return fragment(
    recordVisibleText(r.childExpr, r.domainExpr, quoteCategory(r.category)),
    readerParams(actor, now, today),
  );
}

const recordVisibleText = textOf((child: string, domain: string, category: string) => {
  const x = pieces({ child, domain, category });
  return `(${x.noDomain} OR ${x.ownDomain} OR EXISTS (SELECT 1 ${x.breakGlass}) OR EXISTS (SELECT 1 ${x.consent}) OR EXISTS (SELECT 1 ${x.disclosure}))`;
});

/** The basis a cross-domain record was shown on (ids only: they go into the read's audit event). */
export interface VisibilityBasis {
  breakGlassId: string | null;
  consentIds: string[];
  disclosureIds: string[];
}

/** A record as the filter sees it. */
export interface DomainRecord {
  secrecyDomain: string | null;
}

/**
 * What readChildData hands every loader: which of this child's records the actor sees. Computed
 * once per request (one round trip, the same SQL pieces as `recordVisibleSql`).
 */
export class RecordScope {
  private readonly used = {
    breakGlassId: null as string | null,
    consentIds: new Set<string>(),
    disclosureIds: new Set<string>(),
  };

  constructor(
    readonly actorDomain: SecrecyDomain | null,
    private readonly grants: ReadonlyMap<string, VisibilityBasis>,
  ) {}

  /** May the actor see a record of this domain and category? (Records the actor's own domain wrote, or with none, always.) */
  sees(domain: string | null, category: DataCategory): boolean {
    if (domain === null || domain === this.actorDomain) return true;
    const g = this.grants.get(`${domain}|${category}`);
    if (!g) return false;
    if (g.breakGlassId) this.used.breakGlassId = g.breakGlassId;
    for (const id of g.consentIds) this.used.consentIds.add(id);
    for (const id of g.disclosureIds) this.used.disclosureIds.add(id);
    return true;
  }

  /** The records the actor may see, in their order. `domainOf` reads a record's domain (default: `secrecyDomain`). */
  filter<T>(
    records: readonly T[],
    category: DataCategory,
    domainOf: (r: T) => string | null = (r) => (r as DomainRecord).secrecyDomain,
  ): T[] {
    return records.filter((r) => this.sees(domainOf(r), category));
  }

  /** One record, or null when it is hidden (a hidden record answers exactly like a missing one). */
  one<T>(
    record: T | null | undefined,
    category: DataCategory,
    domainOf: (r: T) => string | null = (r) => (r as DomainRecord).secrecyDomain,
  ): T | null {
    return record != null && this.sees(domainOf(record), category) ? record : null;
  }

  /** The bases used for what was shown, for the read's audit event (ids only). */
  auditDetails(): Record<string, string> {
    const d: Record<string, string> = {};
    if (this.used.breakGlassId) d.break_glass_id = this.used.breakGlassId;
    if (this.used.consentIds.size > 0) d.consent_ids = [...this.used.consentIds].sort().join(',');
    if (this.used.disclosureIds.size > 0) d.disclosure_ids = [...this.used.disclosureIds].sort().join(',');
    return d;
  }
}

const recordScopeText = textOf(() => {
  const x = pieces({ child: ':child_id::uuid', domain: 'd.dom', category: 'k.cat' });
  return `SELECT * FROM (
       SELECT d.dom, k.cat,
              (SELECT bg.id ${x.breakGlass} ORDER BY bg.expires_at DESC LIMIT 1) AS break_glass_id,
              (SELECT array_agg(cs.id ORDER BY cs.id) ${x.consent}) AS consent_ids,
              (SELECT array_agg(ds.id ORDER BY ds.id) ${x.disclosure}) AS disclosure_ids
         FROM unnest(:domains::text[]) AS d(dom) CROSS JOIN unnest(:categories::text[]) AS k(cat)
        WHERE d.dom IS DISTINCT FROM :rec_domain::text) v
      WHERE break_glass_id IS NOT NULL OR consent_ids IS NOT NULL OR disclosure_ids IS NOT NULL`;
});

/** Computes the scope of one actor for one child at the request's time. */
export async function recordScope(
  q: Queryable,
  actor: AssignedActor,
  childId: string,
  now: Date,
  today: string,
): Promise<RecordScope> {
  const st = sql(
    recordScopeText(),
    { child_id: childId, domains: SECRECY_DOMAINS, categories: DATA_CATEGORIES },
    readerParams(actor, now, today),
  );
  const r = await q.query<{
    dom: string;
    cat: string;
    break_glass_id: string | null;
    consent_ids: string[] | null;
    disclosure_ids: string[] | null;
  }>(st.text, st.values, 'privacy.record_scope');
  const grants = new Map<string, VisibilityBasis>();
  for (const row of r.rows) {
    grants.set(`${row.dom}|${row.cat}`, {
      breakGlassId: row.break_glass_id,
      consentIds: row.consent_ids ?? [],
      disclosureIds: row.disclosure_ids ?? [],
    });
  }
  return new RecordScope(actor.secrecyDomain, grants);
}

// ---------------------------------------------------------------------------------------------
// Guardian-secret items

/** A record as the guardian filter sees it. */
export interface GuardianSecretRecord {
  secretFromGuardians?: boolean | null;
}

/** May this record appear in something produced for the child's guardians (or the family)? */
export function isForGuardians(record: GuardianSecretRecord): boolean {
  return record.secretFromGuardians !== true;
}

/** The records that may appear in anything produced for guardians. */
export function forGuardians<T extends GuardianSecretRecord>(records: readonly T[]): T[] {
  return records.filter(isForGuardians);
}

/** The same, as SQL over a record table alias with a `secret_from_guardians` column. */
export function guardianVisibleSql(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error('bad alias');
  return `(NOT coalesce(${alias}.secret_from_guardians, false))`;
}

// ---------------------------------------------------------------------------------------------
// Protected identity

/**
 * Who needs a protected child's address, school location and contact details: the child's
 * coordinator and barnets bästa-ansvarig (the responsible at the child's school or care unit), in
 * the assignment they act in. Nobody else — not other team members, not break-glass.
 */
export async function needsProtectedDetails(
  q: Queryable,
  actor: AssignedActor,
  childId: string,
  today: string,
): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM team_membership t
      WHERE t.child_id = $1 AND t.assignment_id = $2 AND t.person_id = $3 AND t.team_role IN ('coordinator', 'best_interest_lead')
        AND t.valid_from <= $4::date AND (t.valid_to IS NULL OR t.valid_to >= $4::date) LIMIT 1`,
    [childId, actor.assignmentId, actor.personId, today],
  );
  return r.rows.length > 0;
}

/** SQL condition excluding children with protected identity (exports, messages, statistics microdata). */
export function excludeProtectedSql(childAlias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(childAlias)) throw new Error('bad alias');
  return `(NOT ${childAlias}.protected_identity)`;
}

/** Which of these children have protected identity (for the `protected_identity` audit flag on list events). */
export async function protectedChildIds(q: Queryable, childIds: readonly string[]): Promise<Set<string>> {
  if (childIds.length === 0) return new Set();
  const r = await q.query<{ id: string }>('SELECT id FROM child WHERE id = ANY($1::uuid[]) AND protected_identity', [
    childIds,
  ]);
  return new Set(r.rows.map((x) => x.id));
}
