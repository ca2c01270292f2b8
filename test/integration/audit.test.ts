import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';
import { verifyAuditChain } from '../../src/server/audit/verify.js';
import { anchorChainHead } from '../../src/server/audit/anchor.js';
import { appendToChain } from '../../src/server/audit/chain.js';

describe.each(testDbKinds())('audit (%s)', (kind) => {
  let t: TestApp;
  let cookie: string;
  let childIds: string[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login('anna.lindqvist');
    // Three of anna's pupils.
    const s = scenario(t.tdb.db, testToday());
    childIds = [];
    for (let i = 0; i < 3; i++) childIds.push((await s.child({ team: ['anna.lindqvist'] })).id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('completeness: every child id in a response has an audit row for that request', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } });
    const listed: string[] = res.json().children.map((c: { id: string }) => c.id);
    expect(listed.length).toBeGreaterThan(0);
    const rows = await t.tdb.db.query<{
      child_id: string;
      action: string;
      outcome: string;
      actor_assignment_id: string;
    }>('SELECT child_id, action, outcome, actor_assignment_id FROM audit_event WHERE request_id = $1', [
      res.headers['x-request-id'],
    ]);
    expect(new Set(rows.rows.map((r) => r.child_id))).toEqual(new Set(listed));
    expect(
      rows.rows.every((r) => r.action === 'child.list' && r.outcome === 'permitted' && r.actor_assignment_id),
    ).toBe(true);

    const one = await t.app.inject({ method: 'GET', url: `/api/children/${childIds[0]}`, headers: { cookie } });
    expect(one.statusCode).toBe(200);
    const r1 = await t.tdb.db.query<{ child_id: string; action: string }>(
      'SELECT child_id, action FROM audit_event WHERE request_id = $1',
      [one.headers['x-request-id']],
    );
    expect(r1.rows).toEqual([{ child_id: childIds[0], action: 'child.read' }]);
  });

  it('fails closed: when the audit cannot be committed, no child data leaves the server', async () => {
    const before = await t.tdb.db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event');
    t.ctx.audit.failNext = 1;
    const res = await t.app.inject({ method: 'GET', url: `/api/children/${childIds[0]}`, headers: { cookie } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: 'internal', message: 'Something went wrong' });
    expect(res.body).not.toMatch(/givenName|personnummer|familyName/);
    t.ctx.audit.failNext = 1;
    const list = await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } });
    expect(list.statusCode).toBe(500);
    expect(list.body).not.toContain(childIds[0]);
    const after = await t.tdb.db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('a write and its audit event commit together or not at all', async () => {
    const erik = await personByUsername(t.tdb.db, 'erik.johansson');
    const erikCookie = await t.login('erik.johansson');
    // An audit append that fails inside the same transaction rolls the write back.
    await expect(
      t.tdb.db.transaction(async (tx) => {
        await tx.query('UPDATE user_session SET assignment_id = $1 WHERE person_id = $2', [
          erik.assignments[0]!.id,
          erik.id,
        ]);
        await appendToChain(
          tx,
          [
            {
              actorPersonId: erik.id,
              actorAssignmentId: null,
              childId: null,
              action: 'session.assignment_selected',
              resourceType: 'session',
              resourceId: null,
              outcome: 'bogus' as never,
              requestId: 'x',
            },
          ],
          t.now(),
        );
      }),
    ).rejects.toThrow();
    const s = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: erikCookie } });
    expect(s.json().assignment).toBeNull();
    // Through the API both land.
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/session/assignment',
      headers: { cookie: erikCookie },
      payload: { assignmentId: erik.assignments[1]!.id },
    });
    expect(res.statusCode).toBe(204);
    const rows = await t.tdb.db.query('SELECT 1 FROM audit_event WHERE request_id = $1 AND action = $2', [
      res.headers['x-request-id'],
      'session.assignment_selected',
    ]);
    expect(rows.rows.length).toBe(1);
  });

  it('the application role cannot update, delete or truncate audit rows', async () => {
    await expect(t.tdb.db.query("UPDATE audit_event SET outcome = 'permitted' WHERE seq = 1")).rejects.toThrow();
    await expect(t.tdb.db.query('DELETE FROM audit_event WHERE seq = 1')).rejects.toThrow();
    await expect(t.tdb.db.query('TRUNCATE audit_event')).rejects.toThrow();
    await expect(t.tdb.db.query('DELETE FROM audit_anchor')).rejects.toThrow();
    // Even the owner is stopped by the append-only triggers.
    await expect(t.tdb.db.ownerTransaction((tx) => tx.query('DELETE FROM audit_event WHERE seq = 1'))).rejects.toThrow(
      /append-only/,
    );
  });

  it('concurrent reads keep one gap-free chain (group commit)', async () => {
    const before = t.ctx.audit.stats.batches;
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.app.inject({ method: 'GET', url: `/api/children/${childIds[i % childIds.length]}`, headers: { cookie } }),
      ),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const v = await verifyAuditChain(t.tdb.db);
    expect(v).toMatchObject({ ok: true });
    // Batching happened: fewer commits than requests.
    expect(t.ctx.audit.stats.batches - before).toBeLessThan(60);
  });
});

describe.each(testDbKinds())('audit tamper detection (%s)', (kind) => {
  let t: TestApp;
  let cookie: string;

  /** As a database superuser with triggers off: what an attacker with DBA rights could do. */
  async function tamper(sql: string, params: unknown[] = []) {
    await t.tdb.db.ownerTransaction(async (tx) => {
      await tx.query("SET LOCAL session_replication_role = 'replica'");
      await tx.query(sql, params);
    });
  }

  async function freshChain() {
    await t?.close();
    t = await createTestApp(kind);
    cookie = await t.login('anna.lindqvist');
    for (let i = 0; i < 6; i++) await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } });
    await t.ctx.audit.flush();
    const v = await verifyAuditChain(t.tdb.db);
    expect(v.ok).toBe(true);
    expect(v.rowsChecked).toBeGreaterThan(10);
    await anchorChainHead(t.tdb.db);
    return v.rowsChecked;
  }

  afterAll(async () => {
    await t?.close();
  });

  it('detects an edited row at that row', async () => {
    await freshChain();
    await tamper("UPDATE audit_event SET outcome = 'denied' WHERE seq = 5");
    expect((await verifyAuditChain(t.tdb.db)).firstBroken).toEqual({ seq: 5, reason: 'hash_mismatch' });
  });

  it('detects an edit that also recomputed the row hash at the next row', async () => {
    await freshChain();
    await tamper("UPDATE audit_event SET row_hash = repeat('a', 64) WHERE seq = 5");
    const v = await verifyAuditChain(t.tdb.db);
    expect(v.ok).toBe(false);
    expect(v.firstBroken!.seq).toBe(5);
  });

  it('detects a deleted row at that row', async () => {
    await freshChain();
    await tamper('DELETE FROM audit_event WHERE seq = 7');
    expect((await verifyAuditChain(t.tdb.db)).firstBroken).toEqual({ seq: 7, reason: 'missing_row' });
  });

  it('detects reordered rows at the first moved row', async () => {
    await freshChain();
    await tamper('UPDATE audit_event SET seq = -1 WHERE seq = 3');
    await tamper('UPDATE audit_event SET seq = 3 WHERE seq = 4');
    await tamper('UPDATE audit_event SET seq = 4 WHERE seq = -1');
    const v = await verifyAuditChain(t.tdb.db);
    expect(v.ok).toBe(false);
    expect(v.firstBroken!.seq).toBe(3);
  });

  it('detects truncation of the tail and of the whole table via the anchors', async () => {
    const n = await freshChain();
    await tamper('DELETE FROM audit_event WHERE seq > $1', [n - 3]);
    expect((await verifyAuditChain(t.tdb.db)).firstBroken).toEqual({ seq: n - 2, reason: 'truncated' });
    await tamper('TRUNCATE audit_event');
    expect((await verifyAuditChain(t.tdb.db)).firstBroken).toEqual({ seq: 1, reason: 'truncated' });
  });

  it('the anchor file outside the database still catches a cut tail when the anchor table was wiped too', async () => {
    const n = await freshChain();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bk-anchor-')), 'anchors.jsonl');
    await anchorChainHead(t.tdb.db, file);
    expect((await verifyAuditChain(t.tdb.db, { anchorFile: file })).ok).toBe(true); // the table anchor and the file agree…
    await tamper('DELETE FROM audit_event WHERE seq > $1', [n - 2]);
    await tamper('TRUNCATE audit_anchor');
    expect((await verifyAuditChain(t.tdb.db)).ok).toBe(true); // …without the file the cut is invisible,
    expect((await verifyAuditChain(t.tdb.db, { anchorFile: file })).firstBroken).toEqual({
      seq: n - 1,
      reason: 'truncated',
    });
  });
});
