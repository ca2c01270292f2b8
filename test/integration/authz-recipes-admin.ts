/**
 * The authorization matrix's recipes for administration. Each relation of ADMIN_ACCESS gets its own
 * fixture — a unit, a person whose only assignment is at it — written straight into the tables, not
 * through the code under test; the routes that address a unit, a person or an assignment answer as
 * the truth table says (allow / 404 / 403), and every allowed call is audited once.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Queryable } from '../../src/server/db/client.js';
import type { TestApp } from '../helpers/app.js';
import { testToday } from '../helpers/clock.js';
import { demoUnitId } from '../helpers/scenario.js';
import { ADMIN_ACCESS, type AdminRelation } from './authz-truth-table.js';

interface Fixture {
  unitId: string;
  personId: string;
  assignmentId: string;
}

async function fixtureUnit(
  tx: Queryable,
  o: { organisationOf: string; parentUnitId?: string; unitId?: string },
): Promise<Fixture> {
  const unitId = o.unitId ?? randomUUID();
  if (!o.unitId)
    await tx.query(
      `INSERT INTO unit (id, organisation_id, name, kind, secrecy_domain, parent_unit_id)
       SELECT $1, organisation_id, 'Matrisens fritidsgård', 'leisure_centre', 'other', $3 FROM unit WHERE id = $2`,
      [unitId, o.organisationOf, o.parentUnitId ?? null],
    );
  const personId = randomUUID();
  const assignmentId = randomUUID();
  await tx.query(`INSERT INTO person (id, given_name, family_name) VALUES ($1, 'Matris', 'Personsson')`, [personId]);
  await tx.query(
    `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, valid_from)
     SELECT $1, $2, organisation_id, id, 'leisure_leader', $4::date - 30 FROM unit WHERE id = $3`,
    [assignmentId, personId, unitId, testToday()],
  );
  return { unitId, personId, assignmentId };
}

/** A unit administrator made for the matrix (a demo-login user), administering a unit of its own. */
async function matrixUnitAdmin(tx: Queryable): Promise<{ unitId: string; assignmentId: string }> {
  const unitId = randomUUID();
  const personId = randomUUID();
  const assignmentId = randomUUID();
  await tx.query(
    `INSERT INTO unit (id, organisation_id, name, kind, secrecy_domain)
     SELECT $1, organisation_id, 'Matrisens förvaltning', 'administration', 'other' FROM unit WHERE id = $2`,
    [unitId, demoUnitId('0780:admin')],
  );
  await tx.query(
    `INSERT INTO person (id, given_name, family_name, username, is_test_data) VALUES ($1, 'Matris', 'Admin', 'matrix.unitadmin', true)`,
    [personId],
  );
  await tx.query(
    `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, valid_from)
     SELECT $1, $2, organisation_id, id, 'unit_admin', $4::date - 30 FROM unit WHERE id = $3`,
    [assignmentId, personId, unitId, testToday()],
  );
  return { unitId, assignmentId };
}

const STATUS = { allow: 200, not_found: 404, forbidden: 403 } as const;

/** Every relation: unit read, rename, person read, assignment end and unit end answer as ADMIN_ACCESS says. */
export async function checkAdminRoutes(t: TestApp): Promise<void> {
  const region = demoUnitId('region:admin');
  const vaxjo = demoUnitId('0780:admin');
  const fixtures = await t.tdb.db.ownerTransaction(async (tx) => {
    const own = await matrixUnitAdmin(tx);
    const cases: [AdminRelation, string, Fixture][] = [
      ['system_admin_same_organisation', 'admin.kronoberg', await fixtureUnit(tx, { organisationOf: region })],
      ['system_admin_other_organisation', 'admin.kronoberg', await fixtureUnit(tx, { organisationOf: vaxjo })],
      [
        'unit_admin_unit_under_own',
        'matrix.unitadmin',
        await fixtureUnit(tx, { organisationOf: vaxjo, parentUnitId: own.unitId }),
      ],
      ['unit_admin_own_unit', 'matrix.unitadmin', await fixtureUnit(tx, { organisationOf: vaxjo, unitId: own.unitId })],
      ['unit_admin_other_unit', 'matrix.unitadmin', await fixtureUnit(tx, { organisationOf: vaxjo })],
      ['professional', 'anna.lindqvist', await fixtureUnit(tx, { organisationOf: vaxjo })],
      ['analyst', 'lars.berg', await fixtureUnit(tx, { organisationOf: region })],
    ];
    return cases;
  });
  const cookies = new Map<string, string>();
  for (const [relation, actor, f] of fixtures) {
    if (!cookies.has(actor)) cookies.set(actor, await t.login(actor));
    const cookie = cookies.get(actor)!;
    const version = async (table: 'unit' | 'person' | 'assignment', id: string) =>
      `"v${(await t.tdb.db.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id])).rows[0]!.version}"`;
    const calls = [
      { method: 'GET' as const, url: `/api/admin/units/${f.unitId}` },
      {
        method: 'PATCH' as const,
        url: `/api/admin/units/${f.unitId}`,
        payload: { name: 'Matrisens nya namn' },
        ifMatch: () => version('unit', f.unitId),
      },
      { method: 'GET' as const, url: `/api/admin/people/${f.personId}` },
      {
        method: 'PATCH' as const,
        url: `/api/admin/people/${f.personId}`,
        payload: { email: 'matris@example.se' },
        ifMatch: () => version('person', f.personId),
      },
      {
        method: 'POST' as const,
        url: `/api/admin/assignments/${f.assignmentId}/end`,
        payload: { validTo: testToday() },
        ifMatch: () => version('assignment', f.assignmentId),
      },
      {
        method: 'POST' as const,
        url: `/api/admin/units/${f.unitId}/end`,
        payload: { validTo: testToday(), endAssignments: true },
        ifMatch: () => version('unit', f.unitId),
      },
    ];
    const expected = ADMIN_ACCESS[relation];
    for (const c of calls) {
      const res = await t.app.inject({
        method: c.method,
        url: c.url,
        headers: { cookie, ...(c.ifMatch ? { 'if-match': await c.ifMatch() } : {}) },
        ...(c.payload ? { payload: c.payload } : {}),
      });
      const label = `${c.method} ${c.url} as ${actor} (${relation})`;
      expect(res.statusCode, `${label}: ${res.body}`).toBe(STATUS[expected]);
      const events = await t.tdb.db.query<{ action: string; child_id: string | null }>(
        'SELECT action, child_id FROM audit_event WHERE request_id = $1',
        [res.headers['x-request-id']],
      );
      if (expected === 'allow') {
        expect(events.rows.length, `${label}: audited`).toBe(1);
        expect(events.rows[0]!.action, label).toMatch(/^admin\./);
        expect(events.rows[0]!.child_id, label).toBeNull();
      } else {
        expect(res.body, label).not.toContain('Personsson');
      }
    }
  }
}
