import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendToChain } from '../../src/server/audit/chain.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { demoReviewerAssignmentId } from '../../src/server/demo/seed-reports.js';
import { CHILD_TEST_NUMBERS } from '../../src/server/demo/test-personnummer.js';
import { countReportsByMunicipalityMonth } from '../../src/server/modules/reports/repo.js';
import { loadRetentionConfig } from '../../src/server/modules/logreview/config.js';
import { purgeExpired } from '../../src/server/modules/logreview/retention.js';
import { auditOfRequest } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

// A valid test personnummer that no demo child has: the demo draws its children's numbers from the
// test pool for the day it is built for, so it is looked up, not written down.
let PNR_UNKNOWN = '';

describe.each(testDbKinds())('orosanmälan, log review and the log extract (%s)', (kind) => {
  let t: TestApp;
  let anna: string;
  let sara: string;
  let sanna: string;
  let johan: string;
  let reviewer: string;
  let admin: string;
  let annaChild: string;
  let offTeam: { id: string; personnummer: string };
  let formerChild: string;
  const today = testToday();

  const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown, ifMatch?: string) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const auditOf = (requestId: string) => auditOfRequest(t.tdb.db, requestId);
  const rid = (res: { headers: Record<string, unknown> }) => String(res.headers['x-request-id']);

  beforeAll(async () => {
    t = await createTestApp(kind);
    anna = await t.login('anna.lindqvist');
    sara = await t.login('sara.nilsson');
    sanna = await t.login('sanna.kvist');
    johan = await t.login('johan.falk');
    admin = await t.login('admin.kronoberg');
    reviewer = await t.login('tomas.engstrom', demoReviewerAssignmentId());
    // anna's pupil; a pupil in her municipality whose team she was never on; one whose team she left.
    const s = scenario(t.tdb.db, today);
    annaChild = (await s.child({ team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }] })).id;
    offTeam = await s.child({
      team: [{ user: 'helena.strand', role: 'best_interest_lead' }],
      enrolledAt: '0780:school:2',
    });
    const left = await s.child({ team: [{ user: 'per.sandberg', role: 'best_interest_lead' }] });
    await s.formerTeamMember(left, 'anna.lindqvist', 40);
    formerChild = left.id;
    const taken = new Set(
      (await t.tdb.db.query<{ personnummer: string }>('SELECT personnummer FROM child')).rows.map(
        (r) => r.personnummer,
      ),
    );
    const unknown = CHILD_TEST_NUMBERS.find((p) => p.startsWith('20') && !taken.has(p));
    if (!unknown) throw new Error('every test personnummer is a demo child: no unknown number to report on');
    PNR_UNKNOWN = unknown;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('orosanmälan', () => {
    let reportId: string;

    it('files from the child page: the statute in force is recorded, the child comes from the record, audited', async () => {
      const res = await req('POST', `/api/children/${annaChild}/reports`, anna, {
        concern: 'Barnet berättar om våld hemma.',
        immediateDanger: false,
        guardiansInformed: 'not_appropriate',
        reporterPhone: '0470-123 45',
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      reportId = body.id;
      expect(body.source).toBe('child_page');
      expect(body.childId).toBe(annaChild);
      expect(body.legalBasis.id).toBe('sol_2025_400_anmalan');
      expect(body.acknowledgedAt).toBeNull();
      expect(res.headers['cache-control']).toBe('no-store');
      expect(await auditOf(rid(res))).toMatchObject([
        { action: 'report.create', outcome: 'permitted', child_id: annaChild, resource_id: reportId },
      ]);
    });

    it('from the child page needs the team (404 like a missing child, audited as denied)', async () => {
      const res = await req('POST', `/api/children/${offTeam.id}/reports`, anna, {
        concern: 'x',
        immediateDanger: false,
        guardiansInformed: 'no',
      });
      expect(res.statusCode).toBe(404);
      expect(await auditOf(rid(res))).toMatchObject([
        { action: 'report.create', outcome: 'denied', child_id: offTeam.id },
      ]);
    });

    it('from scratch: anyone working with children, personnummer in the body, never echoed, never telling whether the child is known', async () => {
      const known = await req('POST', '/api/reports', johan, {
        personnummer: offTeam.personnummer,
        childName: 'Som jag vet det',
        municipalityCode: '0780',
        concern: 'Oro.',
        immediateDanger: true,
        guardiansInformed: 'no',
      });
      const unknown = await req('POST', '/api/reports', johan, {
        personnummer: PNR_UNKNOWN,
        childName: 'Okänt barn',
        municipalityCode: '0780',
        concern: 'Oro.',
        immediateDanger: false,
        guardiansInformed: 'yes',
      });
      expect(known.statusCode, known.body).toBe(201);
      expect(unknown.statusCode, unknown.body).toBe(201);
      for (const r of [known, unknown]) {
        expect(r.body).not.toContain(offTeam.personnummer);
        expect(r.body).not.toContain(PNR_UNKNOWN);
        expect(r.json().childId).toBeNull();
        expect(Object.keys(r.json()).sort()).toEqual(Object.keys(known.json()).sort());
      }
      expect(known.json().childBirthDate).toBe(
        `${offTeam.personnummer.slice(0, 4)}-${offTeam.personnummer.slice(4, 6)}-${offTeam.personnummer.slice(6, 8)}`,
      );
      // Linked to the record internally (the audit knows the child; the reporter does not).
      expect(await auditOf(rid(known))).toMatchObject([
        { action: 'report.create', child_id: offTeam.id, details: { matched: true, source: 'from_scratch' } },
      ]);
      expect(await auditOf(rid(unknown))).toMatchObject([
        { action: 'report.create', child_id: null, details: { matched: false } },
      ]);
      const bad = await req('POST', '/api/reports', johan, {
        personnummer: '201501092398',
        childName: 'X',
        municipalityCode: '0780',
        concern: 'Oro.',
        immediateDanger: false,
        guardiansInformed: 'yes',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).not.toContain('201501092398');
      expect(bad.json().details.field).toBe('personnummer');
    });

    it('administrators, population roles and log reviewers cannot file (403), and never see the inbox', async () => {
      for (const cookie of [admin, reviewer]) {
        const res = await req('POST', '/api/reports', cookie, {
          personnummer: PNR_UNKNOWN,
          childName: 'X',
          municipalityCode: '0780',
          concern: 'Oro.',
          immediateDanger: false,
          guardiansInformed: 'yes',
        });
        expect(res.statusCode).toBe(403);
        expect((await req('GET', '/api/reports/inbox', cookie)).statusCode).toBe(403);
      }
      expect((await req('GET', '/api/reports/inbox', anna)).statusCode).toBe(403);
    });

    it("social services of the child's municipality receive it in their inbox with the reporter; another municipality does not", async () => {
      const inbox = await req('GET', '/api/reports/inbox', sara);
      expect(inbox.statusCode).toBe(200);
      const r = inbox.json().reports.find((x: { id: string }) => x.id === reportId);
      expect(r.reporter.name).toBe('Anna Lindqvist');
      expect(r.reporter.phone).toBe('0470-123 45');
      expect(r.childPersonnummer).toMatch(/^\d{8}-\d{4}$/);
      expect(inbox.json().municipality.code).toBe('0780');
      const ljungby = await req('GET', '/api/reports/inbox', sanna);
      expect(ljungby.json().reports.some((x: { id: string }) => x.id === reportId)).toBe(false);
      expect((await req('GET', `/api/reports/${reportId}`, sanna)).statusCode).toBe(404);
      expect((await req('GET', `/api/reports/${reportId}`, johan)).statusCode).toBe(404);
    });

    it('acknowledge (If-Match, once) and feedback only after receipt; the reporter sees both', async () => {
      const one = await req('GET', `/api/reports/${reportId}`, sara);
      expect(one.json().viewer).toBe('social_services');
      const etag = String(one.headers.etag);
      expect(
        (await req('POST', `/api/reports/${reportId}/feedback`, sara, { kind: 'other', text: 'x' })).statusCode,
      ).toBe(409);
      expect((await req('POST', `/api/reports/${reportId}/acknowledge`, sara)).statusCode).toBe(428);
      expect((await req('POST', `/api/reports/${reportId}/acknowledge`, sara, undefined, '"v99"')).statusCode).toBe(
        412,
      );
      const ack = await req('POST', `/api/reports/${reportId}/acknowledge`, sara, undefined, etag);
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.json().acknowledgedBy.name).toBe('Sara Nilsson');
      expect(
        (await req('POST', `/api/reports/${reportId}/acknowledge`, sara, undefined, String(ack.headers.etag)))
          .statusCode,
      ).toBe(409);
      const fb = await req('POST', `/api/reports/${reportId}/feedback`, sara, {
        kind: 'investigation_opened',
        text: 'Utredning inledd.',
      });
      expect(fb.statusCode, fb.body).toBe(201);
      expect(await auditOf(rid(fb))).toMatchObject([{ action: 'report.feedback', child_id: annaChild }]);
      const mine = await req('GET', '/api/reports/mine', anna);
      const m = mine.json().reports.find((x: { id: string }) => x.id === reportId);
      expect(m.acknowledgedAt).not.toBeNull();
      expect(m.feedback).toMatchObject([{ kind: 'investigation_opened', text: 'Utredning inledd.' }]);
      // Another professional on the child's team sees neither the report nor its feedback.
      const view = await req('GET', `/api/reports/${reportId}`, anna);
      expect(view.json().viewer).toBe('reporter');
      expect(view.json().inbox).toBeNull();
    });

    it('counts per municipality and month, aggregate only', async () => {
      const rows = await countReportsByMunicipalityMonth(t.tdb.db, '2000-01-01', today);
      expect(rows.every((r) => Object.keys(r).sort().join() === 'count,month,municipalityCode')).toBe(true);
      const thisMonth = rows.find((r) => r.municipalityCode === '0780' && r.month === today.slice(0, 7));
      expect(thisMonth!.count).toBeGreaterThanOrEqual(3);
    });

    it('report events never reach the family log extract (the reporter is never shown to the family)', async () => {
      const ext = await req('GET', `/api/children/${annaChild}/access-log`, anna);
      expect(ext.statusCode, ext.body).toBe(200);
      expect(ext.body).not.toMatch(/report/i);
      expect(ext.body).not.toContain('Lindqvist');
    });
  });

  describe('log review', () => {
    it('only log reviewers draw and read samples (403 otherwise)', async () => {
      for (const cookie of [anna, admin, sara]) {
        expect((await req('GET', '/api/log-review/samples', cookie)).statusCode).toBe(403);
        expect((await req('POST', '/api/log-review/samples', cookie, { from: today, to: today })).statusCode).toBe(403);
      }
    });

    it('the demo has samples of several kinds, one with an outcome', async () => {
      const res = await req('GET', '/api/log-review/samples?status=all', reviewer);
      expect(res.statusCode, res.body).toBe(200);
      const kinds = new Set(res.json().samples.map((s: { kind: string }) => s.kind));
      for (const k of ['out_of_hours', 'off_team', 'many_children', 'random']) expect(kinds.has(k), k).toBe(true);
      expect(res.json().samples.some((s: { outcome: string | null }) => s.outcome === 'ok')).toBe(true);
      expect(res.body).not.toMatch(/address|Storgatan|postal/i);
    });

    it('draws rule-based samples: denied access, after membership ended, out of hours, many children, protected identity, break-glass', async () => {
      const a = await personByUsername(t.tdb.db, 'anna.lindqvist');
      const annaA = a.assignments[0]!.id;
      // A protected-identity child anna is on the team of; and a former team child.
      await t.tdb.db.query('UPDATE child SET protected_identity = true WHERE id = $1', [annaChild]);
      const former = formerChild;
      const reads = [
        await req('GET', `/api/children/${annaChild}`, anna),
        await req('GET', `/api/children/${former}`, anna),
        await req('GET', `/api/children/${offTeam.id}`, anna),
      ];
      // Out of hours: an access at 22:30/23:30 Swedish time today (the audit writer stamps real time,
      // so the row is appended through the same chain function with that time).
      await appendToChain(
        t.tdb.db,
        [
          {
            actorPersonId: a.id,
            actorAssignmentId: annaA,
            childId: annaChild,
            action: 'child.read',
            resourceType: 'child',
            resourceId: null,
            outcome: 'permitted',
            requestId: 'late-test',
          },
        ],
        new Date(`${today}T21:30:00Z`),
      );
      const late = { headers: { 'x-request-id': 'late-test' }, statusCode: 200, body: '' };
      // A break-glass access as the privacy module records it (details flag).
      await t.ctx.audit.record([
        {
          actorPersonId: a.id,
          actorAssignmentId: annaA,
          childId: offTeam.id,
          action: 'child.read',
          resourceType: 'child',
          resourceId: null,
          outcome: 'permitted',
          requestId: 'bg-test',
          details: { break_glass_id: '00000000-0000-4000-8000-000000000001' },
        },
      ]);
      const draw = await req('POST', '/api/log-review/samples', reviewer, { from: today, to: today, randomCount: 2 });
      await t.tdb.db.query('UPDATE child SET protected_identity = false WHERE id = $1', [annaChild]);
      expect(draw.statusCode, draw.body).toBe(201);
      const list = (await req('GET', '/api/log-review/samples?status=open', reviewer)).json().samples as {
        id: string;
        kind: string;
        event: { seq: number; outcome: string };
        child: { id: string } | null;
        reason: Record<string, unknown>;
      }[];
      const seqOf = async (res: { headers: Record<string, unknown>; statusCode: number; body: string }) => {
        const rows = (
          await t.tdb.db.query<{ seq: string }>('SELECT seq FROM audit_event WHERE request_id = $1', [rid(res)])
        ).rows;
        if (!rows[0]) throw new Error(`no audit for ${res.statusCode} ${res.body.slice(0, 200)}`);
        return Number(rows[0].seq);
      };
      const has = (k: string, seq: number) => list.some((s) => s.kind === k && s.event.seq === seq);
      expect(has('protected_identity', await seqOf(reads[0]!))).toBe(true);
      expect(has('after_membership_ended', await seqOf(reads[1]!))).toBe(true);
      expect(has('off_team', await seqOf(reads[2]!))).toBe(true);
      expect(has('out_of_hours', await seqOf(late))).toBe(true);
      const bg = Number(
        (await t.tdb.db.query<{ seq: string }>(`SELECT seq FROM audit_event WHERE request_id = 'bg-test'`)).rows[0]!
          .seq,
      );
      expect(has('break_glass', bg)).toBe(true);
      expect(has('off_team', bg)).toBe(true);
      // Drawing again does not duplicate rule samples.
      const again = await req('POST', '/api/log-review/samples', reviewer, {
        from: today,
        to: today,
        kinds: ['off_team', 'out_of_hours'],
      });
      expect(again.json().total).toBe(0);
      expect(await auditOf(rid(draw))).toMatchObject([{ action: 'log_review.draw', child_id: null }]);
    });

    it('many children in a short time, with the configured threshold', async () => {
      const local = await createTestApp(kind, {
        LOG_REVIEW_MANY_CHILDREN: '3',
        LOG_REVIEW_MANY_CHILDREN_MINUTES: '60',
      });
      try {
        const c = await local.login('anna.lindqvist');
        const mine = scenario(local.tdb.db, today);
        const kids = [];
        for (let i = 0; i < 3; i++) kids.push(await mine.child({ team: ['anna.lindqvist'] }));
        for (const ch of kids)
          await local.app.inject({ method: 'GET', url: `/api/children/${ch.id}`, headers: { cookie: c } });
        const r = await local.login('tomas.engstrom', demoReviewerAssignmentId());
        const draw = await local.app.inject({
          method: 'POST',
          url: '/api/log-review/samples',
          headers: { cookie: r },
          payload: { from: today, to: today, kinds: ['many_children'] },
        });
        expect(draw.json().drawn.many_children).toBeGreaterThanOrEqual(1);
        const list = (
          await local.app.inject({
            method: 'GET',
            url: '/api/log-review/samples?kind=many_children',
            headers: { cookie: r },
          })
        ).json().samples;
        expect(
          list.some(
            (s: { reason: { children: number; windowMinutes: number }; actor: { name: string } }) =>
              s.reason.children >= 3 && s.reason.windowMinutes === 60 && s.actor.name === 'Anna Lindqvist',
          ),
        ).toBe(true);
      } finally {
        await local.close();
      }
    });

    it('documents an outcome (If-Match; a note required unless ok), audited; another organisation cannot see it', async () => {
      const list = (await req('GET', '/api/log-review/samples?status=open', reviewer)).json().samples as {
        id: string;
      }[];
      const id = list[0]!.id;
      const one = await req('GET', `/api/log-review/samples/${id}`, reviewer);
      expect(one.statusCode).toBe(200);
      expect(Array.isArray(one.json().context)).toBe(true);
      const etag = String(one.headers.etag);
      expect(
        (await req('PUT', `/api/log-review/samples/${id}/outcome`, reviewer, { outcome: 'incident' }, etag)).statusCode,
      ).toBe(400);
      expect((await req('PUT', `/api/log-review/samples/${id}/outcome`, reviewer, { outcome: 'ok' })).statusCode).toBe(
        428,
      );
      const done = await req(
        'PUT',
        `/api/log-review/samples/${id}/outcome`,
        reviewer,
        { outcome: 'follow_up', note: 'Samtal med medarbetaren.' },
        etag,
      );
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json().outcomeBy.name).toBe('Tomas Engström');
      expect(
        (await req('PUT', `/api/log-review/samples/${id}/outcome`, reviewer, { outcome: 'ok' }, etag)).statusCode,
      ).toBe(412);
      expect(await auditOf(rid(done))).toMatchObject([
        { action: 'log_review.outcome', details: { outcome: 'follow_up' } },
      ]);
      // A reviewer of another organisation: give admin.kronoberg's person a reviewer assignment in the region.
      const region = await t.tdb.db.query<{ organisation_id: string; unit_id: string }>(
        `SELECT organisation_id, unit_id FROM assignment WHERE id = $1`,
        [demoAssignmentId('admin.kronoberg')],
      );
      const other = '00000000-0000-4000-8000-0000000000aa';
      await t.tdb.db.query(
        `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, title) SELECT $1, person_id, organisation_id, unit_id, 'log_reviewer', 'Granskare' FROM assignment WHERE id = $2`,
        [other, demoAssignmentId('admin.kronoberg')],
      );
      expect(region.rows.length).toBe(1);
      const regionReviewer = await t.login('admin.kronoberg', other);
      expect((await req('GET', `/api/log-review/samples/${id}`, regionReviewer)).statusCode).toBe(404);
      expect(
        (await req('GET', '/api/log-review/samples?status=all', regionReviewer))
          .json()
          .samples.some((s: { id: string }) => s.id === id),
      ).toBe(false);
    });
  });

  describe('log extract', () => {
    it('lists who (unit and role, never a name) read or wrote, when; on the team only; audited', async () => {
      await req('GET', `/api/children/${annaChild}`, anna);
      const res = await req('GET', `/api/children/${annaChild}/access-log`, anna);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.entries.length).toBeGreaterThan(0);
      const e = body.entries.find((x: { what: string }) => x.what === 'overview');
      expect(e).toMatchObject({ access: 'read', role: 'teacher', secrecyDomain: 'school' });
      expect(e.unitName).toBeTruthy();
      expect(res.body).not.toMatch(/Anna|Lindqvist|Nilsson/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(await auditOf(rid(res))).toMatchObject([
        { action: 'log_extract.read', outcome: 'permitted', child_id: annaChild },
      ]);
      const denied = await req('GET', `/api/children/${annaChild}/access-log`, johan);
      expect(denied.statusCode).toBe(404);
    });

    it('names no unit or organisation for a child with protected identity', async () => {
      await t.tdb.db.query('UPDATE child SET protected_identity = true WHERE id = $1', [annaChild]);
      try {
        const res = await req('GET', `/api/children/${annaChild}/access-log`, anna);
        expect(res.json().protectedIdentity).toBe(true);
        expect(
          res
            .json()
            .entries.every(
              (x: { unitName: string | null; organisationName: string | null }) =>
                x.unitName === null && x.organisationName === null,
            ),
        ).toBe(true);
        expect(res.body).not.toMatch(/skolan|kommun/i);
      } finally {
        await t.tdb.db.query('UPDATE child SET protected_identity = false WHERE id = $1', [annaChild]);
      }
    });
  });

  describe('retention', () => {
    it('audit retention is at least 5 years; purge removes old samples and sessions, never audit events', async () => {
      expect(() => loadRetentionConfig({ RETENTION_AUDIT_YEARS: '4' })).toThrow(/at least 5/);
      expect(loadRetentionConfig({}).auditYears).toBeGreaterThanOrEqual(5);
      const a = await personByUsername(t.tdb.db, 'anna.lindqvist');
      const sixYearsAgo = new Date(t.now().getTime() - 6 * 366 * 86_400_000);
      await appendToChain(
        t.tdb.db,
        [
          {
            actorPersonId: a.id,
            actorAssignmentId: a.assignments[0]!.id,
            childId: annaChild,
            action: 'child.read',
            resourceType: 'child',
            resourceId: null,
            outcome: 'permitted',
            requestId: 'old-audit',
          },
        ],
        sixYearsAgo,
      );
      const seq = (await t.tdb.db.query<{ seq: string }>(`SELECT seq FROM audit_event WHERE request_id = 'old-audit'`))
        .rows[0]!.seq;
      const org = (
        await t.tdb.db.query<{ organisation_id: string }>('SELECT organisation_id FROM assignment WHERE id = $1', [
          demoReviewerAssignmentId(),
        ])
      ).rows[0]!.organisation_id;
      const reviewerPerson = (await personByUsername(t.tdb.db, 'tomas.engstrom')).id;
      await t.tdb.db.query(
        `INSERT INTO log_review_sample (id, organisation_id, kind, audit_seq, occurred_at, drawn_at, drawn_by_person_id, drawn_by_assignment_id)
         VALUES (gen_random_uuid(), $1, 'random', $2, $3, $3, $4, $5)`,
        [org, seq, sixYearsAgo.toISOString(), reviewerPerson, demoReviewerAssignmentId()],
      );
      const auditBefore = Number(
        (await t.tdb.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_event')).rows[0]!.n,
      );
      const dry = await purgeExpired(t.tdb.db, t.config.retention, t.now(), { dryRun: true });
      expect(dry.logReviewSamples).toBe(1);
      expect(dry.audit.purged).toBe(0);
      const done = await purgeExpired(t.tdb.db, t.config.retention, t.now(), { dryRun: false });
      expect(done.logReviewSamples).toBe(1);
      expect(
        Number((await t.tdb.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_event')).rows[0]!.n),
      ).toBeGreaterThanOrEqual(auditBefore);
      expect((await t.tdb.db.query(`SELECT 1 FROM audit_event WHERE request_id = 'old-audit'`)).rows).toHaveLength(1);
      expect(done.audit.oldestKept! <= sixYearsAgo.toISOString()).toBe(true);
      // And the application role cannot delete audit rows at all.
      await expect(t.tdb.db.query(`DELETE FROM audit_event WHERE request_id = 'old-audit'`)).rejects.toThrow();
    });
  });
});
