import type { PortalChildPage, PortalChildren } from '../../../contract/portal.js';
import { ageOn } from '../../../core/calendar.js';
import type { Queryable } from '../../db/client.js';
import { activePlan } from './plan-repo.js';

/**
 * What the family sees, read for children the portal gate already allowed (access/portal.ts).
 * Only what is recorded for the family: who helps (names, titles, units, how to reach them) and the
 * next meeting the family is invited to. Never notes, orosanmälningar or records of other services.
 */

export async function childSummaries(
  q: Queryable,
  childIds: string[],
  today: string,
  selfId: string | null,
): Promise<PortalChildren['children']> {
  const r = await q.query<{ id: string; given_name: string; birth_date: string }>(
    `SELECT id, given_name, birth_date::text FROM child WHERE id = ANY($1::uuid[]) ORDER BY birth_date, given_name`,
    [childIds],
  );
  return r.rows.map((c) => ({
    id: c.id,
    givenName: c.given_name,
    age: ageOn(c.birth_date, today),
    self: c.id === selfId,
  }));
}

const ROLE_ORDER = `CASE t.team_role WHEN 'coordinator' THEN 0 WHEN 'best_interest_lead' THEN 1 WHEN 'contact_person' THEN 2 ELSE 3 END`;

export async function childPage(
  q: Queryable,
  childId: string,
  today: string,
  self: boolean,
  guardianId: string | null,
): Promise<PortalChildPage | null> {
  const child = await q.query<{ given_name: string }>('SELECT given_name FROM child WHERE id = $1', [childId]);
  if (!child.rows[0]) return null;
  const team = await q.query<{
    given_name: string;
    family_name: string;
    title: string | null;
    unit_name: string | null;
    email: string | null;
    team_role: PortalChildPage['helpers'][number]['teamRole'];
  }>(
    `SELECT DISTINCT ON (p.id) p.given_name, p.family_name, a.title, u.name AS unit_name, p.email, t.team_role
       FROM team_membership t JOIN person p ON p.id = t.person_id JOIN assignment a ON a.id = t.assignment_id
       LEFT JOIN unit u ON u.id = a.unit_id
      WHERE t.child_id = $1 AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date)
      ORDER BY p.id, ${ROLE_ORDER}`,
    [childId, today],
  );
  const order = { coordinator: 0, best_interest_lead: 1, contact_person: 2, member: 3 } as const;
  const rows = [...team.rows].sort(
    (a, b) => order[a.team_role] - order[b.team_role] || a.family_name.localeCompare(b.family_name, 'sv'),
  );
  const contact = rows[0]?.team_role === 'coordinator' || rows[0]?.team_role === 'best_interest_lead' ? rows[0] : null;
  return {
    id: childId,
    givenName: child.rows[0].given_name,
    self,
    helpers: rows.map((h) => ({
      name: `${h.given_name} ${h.family_name}`,
      title: h.title,
      unitName: h.unit_name,
      email: h.email,
      namedContact: h === contact,
      teamRole: h.team_role,
    })),
    nextMeeting: await nextMeeting(q, childId, today, self, guardianId),
    plan: await activePlan(q, childId),
  };
}

/** The next planned meeting the family member is invited to: the child (their own login) or this guardian. */
async function nextMeeting(
  q: Queryable,
  childId: string,
  today: string,
  self: boolean,
  guardianId: string | null,
): Promise<PortalChildPage['nextMeeting']> {
  const r = await q.query<{
    id: string;
    meeting_date: string;
    start_time: string;
    end_time: string | null;
    place: string | null;
    digital: boolean;
    purpose: string;
  }>(
    `SELECT m.id, m.meeting_date::text, to_char(m.start_time, 'HH24:MI') AS start_time, to_char(m.end_time, 'HH24:MI') AS end_time,
            m.place, m.digital, m.purpose
       FROM plan_meeting m
      WHERE m.child_id = $1 AND m.status = 'planned' AND m.meeting_date >= $2::date
        AND EXISTS (SELECT 1 FROM plan_meeting_invitee i WHERE i.meeting_id = m.id
                     AND ((i.kind = 'child' AND $3) OR (i.kind = 'guardian' AND i.guardian_id = $4::uuid)))
      ORDER BY m.meeting_date, m.start_time LIMIT 1`,
    [childId, today, self, guardianId],
  );
  const m = r.rows[0];
  return m
    ? {
        id: m.id,
        date: m.meeting_date,
        startTime: m.start_time,
        endTime: m.end_time,
        place: m.place,
        digital: m.digital,
        purpose: m.purpose,
      }
    : null;
}

export async function citizenGivenName(q: Queryable, kind: 'guardian' | 'child', id: string): Promise<string | null> {
  const r = await q.query<{ given_name: string }>(
    `SELECT given_name FROM ${kind === 'guardian' ? 'guardian' : 'child'} WHERE id = $1`,
    [id],
  );
  return r.rows[0]?.given_name ?? null;
}

/**
 * A planned meeting the family member is invited to, as an iCalendar event (RFC 5545) for their own
 * calendar: times in UTC, the place or "digital", the purpose. Null when not invited or not planned.
 */
export async function meetingCalendar(
  q: Queryable,
  childId: string,
  meetingId: string,
  self: boolean,
  guardianId: string | null,
  now: Date,
): Promise<string | null> {
  const r = await q.query<{
    id: string;
    start: string;
    end: string;
    place: string | null;
    digital: boolean;
    purpose: string;
  }>(
    `SELECT m.id,
            to_char(((m.meeting_date + m.start_time) AT TIME ZONE 'Europe/Stockholm') AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"') AS start,
            to_char(((m.meeting_date + COALESCE(m.end_time, m.start_time + interval '1 hour')) AT TIME ZONE 'Europe/Stockholm') AT TIME ZONE 'UTC',
                    'YYYYMMDD"T"HH24MISS"Z"') AS end,
            m.place, m.digital, m.purpose
       FROM plan_meeting m
      WHERE m.id = $1 AND m.child_id = $2 AND m.status = 'planned'
        AND EXISTS (SELECT 1 FROM plan_meeting_invitee i WHERE i.meeting_id = m.id
                     AND ((i.kind = 'child' AND $3) OR (i.kind = 'guardian' AND i.guardian_id = $4::uuid)))`,
    [meetingId, childId, self, guardianId],
  );
  const m = r.rows[0];
  if (!m) return null;
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const text = (s: string) =>
    s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Barnkompass//Familj//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${m.id}@barnkompass`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${m.start}`,
    `DTEND:${m.end}`,
    `SUMMARY:${text(`Möte: ${m.purpose}`)}`,
    `LOCATION:${text(m.place ?? (m.digital ? 'Digitalt möte' : ''))}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
