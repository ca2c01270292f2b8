import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { testToday } from '../../../test/helpers/clock.js';
import { demoUnitId, scenario, type Scenario } from '../../../test/helpers/scenario.js';
import { addDays } from '../../core/calendar.js';
import { AppError } from '../../core/errors.js';
import { demoAssignmentId, demoPersonId } from '../demo/seed.js';
import type { AssignedActor } from './actor.js';
import { requestScope } from './request-scope.js';
import {
  LEAD_AT_PARENT_UNIT,
  servingBasis,
  UNIT_LEAD_ROLES,
  unitLeads,
  unitsLedBy,
  writeAsServingUnit,
  type UnitKind,
} from './serving-unit.js';

describe('the serving-unit rule (pglite)', () => {
  let t: TestApp;
  let s: Scenario;
  const today = testToday();

  beforeAll(async () => {
    t = await createTestApp('pglite');
    s = scenario(t.tdb.db, today);
    await s.studentHealthOf('0780:eh-psy', '0780:school:0');
  });
  afterAll(async () => {
    await t?.close();
  });

  const actorOf = async (username: string, index = 0): Promise<AssignedActor> => {
    const a = (
      await t.tdb.db.query<{ role: AssignedActor['role']; organisation_id: string; unit_id: string; domain: string }>(
        'SELECT a.role, a.organisation_id, a.unit_id, u.secrecy_domain AS domain FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.id = $1',
        [demoAssignmentId(username, index)],
      )
    ).rows[0]!;
    return {
      personId: demoPersonId(username),
      sessionTokenHash: 'test',
      assignmentId: demoAssignmentId(username, index),
      role: a.role,
      organisationId: a.organisation_id,
      unitId: a.unit_id,
      secrecyDomain: a.domain as AssignedActor['secrecyDomain'],
    };
  };

  it('names the lead roles of every unit kind the schema allows; every service that works with children has one', async () => {
    const def = (
      await t.tdb.db.query<{ def: string }>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid = 'unit'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) ~ '\\mkind\\M'`,
      )
    ).rows[0]!.def;
    const kinds = [...def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    expect(Object.keys(UNIT_LEAD_ROLES).sort()).toEqual([...new Set(kinds)].sort());
    for (const k of kinds as UnitKind[])
      if (k !== 'administration' && k !== 'analysis') expect(UNIT_LEAD_ROLES[k].length, k).toBeGreaterThan(0);
    expect([...LEAD_AT_PARENT_UNIT].every((k) => k.startsWith('student_health'))).toBe(true);
  });

  it('serves by enrolment, by the school’s elevhälsa and by a BVC listing, on the dates they hold', async () => {
    const pupil = await s.child({ team: [] });
    expect(await servingBasis(t.tdb.db, demoUnitId('0780:school:0'), pupil.id, today)).toBe('enrolment');
    expect(await servingBasis(t.tdb.db, demoUnitId('0780:eh-psy'), pupil.id, today)).toBe('student_health');
    expect(await servingBasis(t.tdb.db, demoUnitId('0780:school:1'), pupil.id, today)).toBeNull();
    expect(await servingBasis(t.tdb.db, demoUnitId('0780:school:0'), pupil.id, addDays(today, -201))).toBeNull();

    const infant = await s.child({ age: 1, team: [], enrolledAt: null });
    await t.tdb.db.ownerTransaction((tx) =>
      tx.query(
        'INSERT INTO health_listing (id, child_id, unit_id, valid_from, valid_to) VALUES ($1, $2, $3, $4::date, $5::date)',
        [randomUUID(), infant.id, demoUnitId('0780:bvc:0'), addDays(today, -100), addDays(today, -1)],
      ),
    );
    expect(await servingBasis(t.tdb.db, demoUnitId('0780:bvc:0'), infant.id, addDays(today, -1))).toBe('listing');
    expect(await servingBasis(t.tdb.db, demoUnitId('0780:bvc:0'), infant.id, today)).toBeNull();
  });

  it('finds the leads by unit kind: the principal for the school and its elevhälsa, the manager for social services', async () => {
    const school = await unitLeads(t.tdb.db, demoUnitId('0780:school:0'), today);
    expect(school.map((l) => l.assignmentId)).toEqual([demoAssignmentId('per.sandberg', 0)]);
    const eh = await unitLeads(t.tdb.db, demoUnitId('0780:eh-psy'), today);
    expect(eh.map((l) => l.assignmentId)).toEqual([demoAssignmentId('per.sandberg', 0)]);
    const soc = await unitLeads(t.tdb.db, demoUnitId('0780:soc'), today);
    expect(soc.map((l) => l.assignmentId)).toEqual([demoAssignmentId('jonas.lindgren', 1)]);
    const per = requestScope(await actorOf('per.sandberg'), 'r1', t.now());
    // (The school's own psychosocial elevhälsa, from the schools' system, is his too.)
    const own = await t.tdb.db.query<{ id: string }>(
      `SELECT id FROM unit WHERE parent_unit_id = $1 AND kind = 'student_health_psychosocial' AND id <> $2`,
      [demoUnitId('0780:school:0'), demoUnitId('0780:eh-psy')],
    );
    expect(own.rows).toHaveLength(1);
    expect((await unitsLedBy(t.tdb.db, per)).sort()).toEqual(
      [demoUnitId('0780:school:0'), demoUnitId('0780:eh-psy'), own.rows[0]!.id].sort(),
    );
    const anna = requestScope(await actorOf('anna.lindqvist'), 'r2', t.now());
    expect(await unitsLedBy(t.tdb.db, anna)).toEqual([]);
  });

  it('a write that fails rolls back whole, with no audit event; an unserved child is an audited 404', async () => {
    const pupil = await s.child({ team: [] });
    const scope = requestScope(await actorOf('anna.lindqvist'), `r-${randomUUID()}`, t.now());
    const events = async () =>
      (await t.tdb.db.query('SELECT 1 FROM audit_event WHERE request_id = $1', [scope.requestId])).rows.length;
    await expect(
      writeAsServingUnit(t.ctx, scope, pupil.id, { action: 'concern.create', resourceType: 'concern' }, async (tx) => {
        await tx.query('UPDATE child SET support_level = 3 WHERE id = $1', [pupil.id]);
        throw new AppError('validation_failed', 'nope');
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(
      (await t.tdb.db.query<{ l: number }>('SELECT support_level AS l FROM child WHERE id = $1', [pupil.id])).rows[0]!
        .l,
    ).toBe(1);
    expect(await events()).toBe(0);

    const elsewhere = await s.child({ team: [], enrolledAt: '0780:school:1' });
    await expect(
      writeAsServingUnit(
        t.ctx,
        scope,
        elsewhere.id,
        { action: 'concern.create', resourceType: 'concern' },
        async () => {
          throw new Error('must not be called');
        },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await events()).toBe(1);
  });
});
