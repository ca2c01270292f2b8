import { randomUUID } from 'node:crypto';
import { appendEventsInTransaction } from '../../access/audit-door.js';
import { auditEvent } from '../../access/audit-events.js';
import { swedishToday } from '../../clock.js';
import type { Db, Queryable } from '../../db/client.js';
import { reconcileDirectoryTeams } from '../directory/teams.js';
import { ROLES_BY_UNIT_KIND } from '../directory/unit-kinds.js';
import * as writes from './writes-repo.js';

/**
 * The first system administrator of a new installation: `npx barnkompass grant system-admin`. No
 * file hands out the keys to the system (an HR export's `system_admin` is refused), and the UI only
 * lets a system administrator make another one, so the operator who installs Barnkompass names the
 * first one from the command line — a person already imported, with their login — at a unit of
 * theirs. Audited like the same step in the UI (no acting person: the command line). Running it again
 * for someone who already is one changes nothing.
 */

export class GrantRefused extends Error {}

export interface GrantSystemAdminInput {
  /** The person's login: the subject the identity provider sends (the people file's `login_id`). */
  login: string;
  /** The unit: its Barnkompass id, or its `unit_id` in a people file. */
  unit: string;
  /** The issuer their login belongs to (`OIDC_ISSUER`; a demo user is also found by username). */
  issuer: string | null;
  now: Date;
}

export interface GrantSystemAdminResult {
  assignmentId: string;
  created: boolean;
  validFrom: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findUnit(
  tx: Queryable,
  unit: string,
  today: string,
): Promise<{ id: string; organisationId: string; kind: string } | undefined> {
  const r = await tx.query<{ id: string; organisation_id: string; kind: string }>(
    `SELECT u.id, u.organisation_id, u.kind FROM unit u
      WHERE (u.id = $1::uuid OR u.id IN (SELECT l.local_id FROM directory_link l
              WHERE l.source = 'people' AND l.entity = 'units' AND l.external_id = $2 AND l.ended_on IS NULL))
        AND (u.valid_to IS NULL OR u.valid_to >= $3::date)`,
    [UUID.test(unit) ? unit : null, unit, today],
  );
  if (r.rows.length > 1) throw new GrantRefused('more than one unit has that id: give the Barnkompass id of the unit');
  const u = r.rows[0];
  return u && { id: u.id, organisationId: u.organisation_id, kind: u.kind };
}

export async function grantSystemAdmin(db: Db, input: GrantSystemAdminInput): Promise<GrantSystemAdminResult> {
  const today = swedishToday(input.now);
  return db.transaction(async (tx) => {
    const people = await tx.query<{ id: string; enabled: boolean }>(
      `SELECT id, enabled FROM person
        WHERE (oidc_issuer IS NOT DISTINCT FROM $2 AND lower(oidc_subject) = lower($1)) OR username = $1
        ORDER BY (username = $1) NULLS FIRST LIMIT 1`,
      [input.login, input.issuer],
    );
    const person = people.rows[0];
    if (!person)
      throw new GrantRefused(
        'no person logs in with that login: import them first (the people file’s login_id), with OIDC_ISSUER set',
      );
    if (!person.enabled) throw new GrantRefused('that person is disabled: enable them first');
    const unit = await findUnit(tx, input.unit, today);
    if (!unit) throw new GrantRefused('there is no open unit with that id');
    if (!ROLES_BY_UNIT_KIND[unit.kind as keyof typeof ROLES_BY_UNIT_KIND]?.includes('system_admin'))
      throw new GrantRefused(
        'a system administrator sits at an administration unit: choose one of kind administration',
      );
    const existing = await tx.query<{ id: string; valid_from: string }>(
      `SELECT id, valid_from::text FROM assignment WHERE person_id = $1 AND unit_id = $2 AND role = 'system_admin'
          AND (valid_to IS NULL OR valid_to >= $3::date) ORDER BY valid_from LIMIT 1`,
      [person.id, unit.id, today],
    );
    if (existing.rows[0])
      return { assignmentId: existing.rows[0].id, created: false, validFrom: existing.rows[0].valid_from };
    const id = randomUUID();
    await writes.insertAssignment(tx, {
      id,
      personId: person.id,
      organisationId: unit.organisationId,
      unitId: unit.id,
      role: 'system_admin',
      title: 'Systemadministratör',
      validFrom: today,
      validTo: null,
      now: input.now.toISOString(),
    });
    const teams = await reconcileDirectoryTeams(tx, today);
    const event = auditEvent(null, null, {
      action: 'admin.assignment_create',
      resourceType: 'assignment',
      resourceId: id,
      details: {
        personId: person.id,
        unitId: unit.id,
        role: 'system_admin',
        validFrom: today,
        validTo: null,
        teamsCreated: teams.created,
        teamsEnded: teams.ended,
      },
    });
    await appendEventsInTransaction(tx, [event], input.now);
    return { assignmentId: id, created: true, validFrom: today };
  });
}
