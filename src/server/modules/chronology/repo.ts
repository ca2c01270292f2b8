import { randomUUID } from 'node:crypto';
import type { AssignedActor } from '../../access/actor.js';
import type { Queryable } from '../../db/client.js';
import { isoTimestamp } from '../../../core/time.js';
import type { ConcernDecisionCode } from '../../../contract/concern-decision.js';
import type { ChronologyEntry, ChronologyKind, Significance } from '../../../contract/chronology.js';

export interface NewChronologyEntry {
  childId: string;
  kind: ChronologyKind;
  eventDate: string;
  significance: Significance;
  text: string;
  concernId?: string | null;
  /** Codes only, never free text. */
  details?: {
    decision?: ConcernDecisionCode;
    supportLevelBefore?: number;
    supportLevelAfter?: number;
    consultationCaseId?: string;
  };
  /** The author: the source service and unit are those of the assignment they act in. */
  actor: Pick<AssignedActor, 'personId' | 'assignmentId' | 'organisationId' | 'unitId' | 'secrecyDomain'>;
  createdAt: string;
  /** Secret from the guardians (access/record-access.ts: forGuardians). */
  secretFromGuardians?: boolean;
}

/** Appends one entry (the table refuses UPDATE and DELETE). Returns its id. */
export async function appendEntry(q: Queryable, e: NewChronologyEntry): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO chronology_entry (id, child_id, kind, event_date, significance, text, concern_id, details, source_organisation_id, source_unit_id,
                                   secrecy_domain, entered_by_person_id, entered_by_assignment_id, created_at, secret_from_guardians)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14::timestamptz, $15)`,
    [
      id,
      e.childId,
      e.kind,
      e.eventDate,
      e.significance,
      e.text,
      e.concernId ?? null,
      JSON.stringify(e.details ?? {}),
      e.actor.organisationId,
      e.actor.unitId,
      e.actor.secrecyDomain,
      e.actor.personId,
      e.actor.assignmentId,
      e.createdAt,
      e.secretFromGuardians ?? false,
    ],
  );
  return id;
}

interface EntryRow {
  id: string;
  child_id: string;
  kind: ChronologyKind;
  event_date: string;
  significance: Significance;
  text: string;
  concern_id: string | null;
  details: unknown;
  organisation_name: string;
  unit_name: string | null;
  unit_kind: string | null;
  secrecy_domain: string | null;
  person_id: string;
  person_name: string;
  title: string | null;
  author_unit: string | null;
  secret_from_guardians: boolean;
  created_at: unknown;
}

const SELECT = `
  SELECT e.id, e.child_id, e.kind, e.event_date::text AS event_date, e.significance, e.text, e.concern_id, e.details,
         o.name AS organisation_name, u.name AS unit_name, u.kind AS unit_kind, e.secrecy_domain,
         p.id AS person_id, p.given_name || ' ' || p.family_name AS person_name, a.title, au.name AS author_unit, e.secret_from_guardians, e.created_at
    FROM chronology_entry e
    JOIN organisation o ON o.id = e.source_organisation_id
    LEFT JOIN unit u ON u.id = e.source_unit_id
    JOIN person p ON p.id = e.entered_by_person_id
    JOIN assignment a ON a.id = e.entered_by_assignment_id
    LEFT JOIN unit au ON au.id = a.unit_id`;

function toEntry(r: EntryRow): ChronologyEntry {
  const d = (
    typeof r.details === 'string' ? JSON.parse(r.details) : (r.details ?? {})
  ) as NewChronologyEntry['details'] & object;
  return {
    id: r.id,
    childId: r.child_id,
    kind: r.kind,
    eventDate: r.event_date,
    significance: r.significance,
    text: r.text,
    concernId: r.concern_id,
    decision: d.decision ?? null,
    supportLevel:
      typeof d.supportLevelBefore === 'number' && typeof d.supportLevelAfter === 'number'
        ? { before: d.supportLevelBefore, after: d.supportLevelAfter }
        : null,
    source: {
      organisationName: r.organisation_name,
      unitName: r.unit_name,
      unitKind: r.unit_kind,
      secrecyDomain: r.secrecy_domain,
    },
    enteredBy: { personId: r.person_id, name: r.person_name, title: r.title, unitName: r.author_unit },
    secretFromGuardians: r.secret_from_guardians === true,
    createdAt: isoTimestamp(r.created_at),
  };
}

/** The child's chronology, newest event first (entries of one day: latest written first). */
export async function listEntries(q: Queryable, childId: string): Promise<ChronologyEntry[]> {
  const r = await q.query<EntryRow>(
    `${SELECT} WHERE e.child_id = $1 ORDER BY e.event_date DESC, e.created_at DESC, e.id`,
    [childId],
  );
  return r.rows.map(toEntry);
}

export async function loadEntry(q: Queryable, childId: string, id: string): Promise<ChronologyEntry | null> {
  const r = await q.query<EntryRow>(`${SELECT} WHERE e.child_id = $1 AND e.id = $2`, [childId, id]);
  return r.rows[0] ? toEntry(r.rows[0]) : null;
}
