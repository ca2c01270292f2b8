import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importPeopleCli } from '../../src/cli/import-files.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/app-config.js';
import { GrantRefused, grantSystemAdmin } from '../../src/server/modules/admin/bootstrap.js';
import { openDb, type Db } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { Ss12000Client } from '../../src/server/modules/directory/ss12000/client.js';
import { syncSs12000 } from '../../src/server/modules/directory/ss12000/sync.js';
import { startCountyIdp, type CountyIdp } from '../helpers/county-idp.js';
import { testDbKinds, type TestDbKind } from '../helpers/db.js';
import { freePort } from '../helpers/server.js';
import { startSs12000Server, type Ss12000Server } from '../ss12000/server.js';

// A county moves in: an EMPTY production database, the county's own sources imported through the
// same code the commands run, the county's identity provider (a real oidc-provider), and then the
// model's first steps as the people themselves take them over HTTP.

const SOCIAL_SERVICES = `org_number;org_name;org_kind;org_municipality_code;unit_id;unit_name;unit_kind;unit_municipality_code;person_id;given_name;family_name;login_id;assignment_id;role;title;valid_from;valid_to
212000-0689;Växjö kommun;municipality;0780;VX-SOC;Socialtjänsten barn och unga;social_services;0780;VX-1;Lena;Holm;lena.holm@vaxjo.example;VX-1-1;social_services_manager;Enhetschef;2020-01-01;
212000-0689;Växjö kommun;municipality;0780;VX-SOC;Socialtjänsten barn och unga;social_services;0780;VX-2;Omar;Said;omar.said@vaxjo.example;VX-2-1;social_worker;Socialsekreterare;2021-03-01;
212000-0689;Växjö kommun;municipality;0780;VX-ADM;Barnkompass förvaltning;administration;0780;VX-3;Karin;Berg;karin.berg@vaxjo.example;;;;;
`;

async function emptyDatabase(kind: TestDbKind): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDb({});
    return { db, drop: () => db.close() };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `bk_county_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: u.toString(), poolSize: 4 });
  return {
    db,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The browser's part of an OIDC login, with a cookie jar per host: returns the app's Cookie header. */
async function oidcLogin(baseUrl: string, idp: CountyIdp, subject: string): Promise<string> {
  idp.loginAs(subject);
  const jar = new Map<string, Map<string, string>>();
  const cookieFor = (url: string) =>
    [...(jar.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = `${baseUrl}/auth/login`;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieFor(url) } });
    const cookies = jar.get(new URL(url).host) ?? new Map<string, string>();
    jar.set(new URL(url).host, cookies);
    for (const line of res.headers.getSetCookie()) {
      const [nv] = line.split(';');
      const i = nv!.indexOf('=');
      cookies.set(nv!.slice(0, i).trim(), nv!.slice(i + 1));
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`login stopped at ${res.status}`);
    url = new URL(location, url).href;
    if (url.startsWith(baseUrl) && !new URL(url).pathname.startsWith('/auth/')) return cookieFor(baseUrl);
  }
  throw new Error('too many redirects');
}

describe.each(testDbKinds())('a county moves in, from an empty production database (%s)', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let baseUrl: string;
  let idp: CountyIdp;
  let school: Ss12000Server;
  const dir = mkdtempSync(path.join(tmpdir(), 'bk-county-'));
  let concerned: { childId: string; principal: string } | undefined;

  beforeAll(async () => {
    ({ db, drop } = await emptyDatabase(kind));
    await migrate(db);
    await db.useAppRole();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    idp = await startCountyIdp({
      clientId: 'barnkompass',
      clientSecret: 'county-secret-for-tests',
      redirectUri: `${baseUrl}/auth/callback`,
    });
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      BARNKOMPASS_WEB_DIST: inject('webDist'),
      AUDIT_ANCHOR_FILE: '',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: 'barnkompass',
      OIDC_CLIENT_SECRET: 'county-secret-for-tests',
      OIDC_ALLOW_INSECURE: 'true',
    });
    config.audit.anchorFile = undefined;
    ({ app } = await buildApp(config, db, { now: () => new Date() }));
    await app.listen({ port, host: '127.0.0.1' });

    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    school = await startSs12000Server({
      schools: 1,
      pupilsPerSchool: 30,
      schoolYear: { start: `${year - 1}-08-15`, end: `${year + 1}-06-10` },
      seed: 11,
    });
    const peopleFile = path.join(dir, 'people.csv');
    writeFileSync(peopleFile, SOCIAL_SERVICES);
    const out: string[] = [];
    const code = await importPeopleCli(
      { file: peopleFile, dryRun: false },
      { config, db, stdout: (t) => out.push(t), log: () => {} },
    );
    expect(code, out.join('')).toBe(0);
    const sync = await syncSs12000(db, new Ss12000Client({ baseUrl: school.url, token: 'test-token' }), {
      oidcIssuer: idp.issuer,
      now: new Date(),
    });
    expect(sync.rejected).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await school?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = async (
    cookie: string,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, etag: res.headers.get('etag') };
  };
  const subjectOf = (ss12000PersonId: string) =>
    String((school.state.find('persons', ss12000PersonId)!.eduPersonPrincipalNames as string[])[0]).toLowerCase();
  const classes = () =>
    school.state.county.groups.map((g) => ({
      pupils: (g.groupMemberships as { person: { id: string } }[]).map((m) => m.person.id),
      mentors: school.state.county.duties
        .filter((d) =>
          ((d.assignmentRole as { group: { id: string } }[] | undefined) ?? []).some((a) => a.group.id === g.id),
        )
        .map((d) => (d.person as { id: string }).id),
    }));

  it('the operator names the first system administrator, who logs in and administers the county’s units', async () => {
    const grant = (login: string, unit: string) =>
      grantSystemAdmin(db, { login, unit, issuer: idp.issuer, now: new Date() });
    await expect(grant('nobody@vaxjo.example', 'VX-ADM')).rejects.toThrow(GrantRefused);
    await expect(grant('karin.berg@vaxjo.example', 'VX-SOC')).rejects.toThrow(/administration unit/);
    const first = await grant('karin.berg@vaxjo.example', 'VX-ADM');
    expect(first.created).toBe(true);
    expect((await grant('karin.berg@vaxjo.example', 'VX-ADM')).created).toBe(false);
    const audited = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_event WHERE action = 'admin.assignment_create' AND resource_id = $1`,
      [first.assignmentId],
    );
    expect(Number(audited.rows[0]!.n)).toBe(1);
    const admin = await oidcLogin(baseUrl, idp, 'karin.berg@vaxjo.example');
    const units = await api(admin, 'GET', '/api/admin/units');
    expect(units.status, JSON.stringify(units.body)).toBe(200);
    expect(JSON.stringify(units.body)).toContain('Socialtjänsten barn och unga');
  });

  it('a teacher logs in through the county’s provider and sees the pupils of her class', async () => {
    const [first] = classes();
    const cookie = await oidcLogin(baseUrl, idp, subjectOf(first!.mentors[0]!));
    const mine = await api(cookie, 'GET', '/api/children');
    expect(mine.status).toBe(200);
    expect(mine.body.children).toHaveLength(first!.pupils.length);
  });

  it('a teacher raises a concern about a pupil not on her team; the principal is alerted and decides it', async () => {
    const [first, second] = classes();
    const pupil = school.state.find('persons', second!.pupils[0]!)!;
    const teacher = await oidcLogin(baseUrl, idp, subjectOf(first!.mentors[0]!));
    const found = await api(teacher, 'POST', '/api/serving-unit/children/search', {
      personnummer: (pupil.civicNo as { value: string }).value,
    });
    expect(found.status).toBe(200);
    expect(found.body.children).toHaveLength(1);
    const childId = found.body.children[0].id as string;
    // Not on the child's team: its records stay closed to her.
    expect((await api(teacher, 'GET', `/api/children/${childId}`)).status).toBe(404);
    const receipt = await api(teacher, 'POST', `/api/serving-unit/children/${childId}/concerns`, {
      observation: 'Har varit ledsen och trött på lektionerna de senaste veckorna.',
      indicators: ['healthy', 'included'],
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    expect(receipt.body.recipientReason).toBe('best_interest_lead');

    const rektor = school.state.county.duties.find((d) => d.dutyRole === 'Rektor')!;
    const principal = await oidcLogin(baseUrl, idp, subjectOf((rektor.person as { id: string }).id));
    const todo = await api(principal, 'GET', '/api/todo');
    const item = (todo.body.items as { kind: string; resourceId: string; childId: string }[]).find(
      (i) => i.kind === 'concern_decision' && i.resourceId === receipt.body.concernId,
    );
    expect(item?.childId).toBe(childId);
    const concern = await api(principal, 'GET', `/api/children/${childId}/concerns/${receipt.body.concernId}`);
    expect(concern.status).toBe(200);
    const decided = await api(
      principal,
      'POST',
      `/api/children/${childId}/concerns/${receipt.body.concernId}/decision`,
      { decision: 'collaboration', reason: 'Flera verksamheter behövs: vi tar fram en plan tillsammans med familjen.' },
      { 'if-match': concern.etag! },
    );
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.supportLevel.after).toBe(3);
    concerned = { childId, principal };
  });

  it('with the family’s consent the principal brings in social services; the manager names the social worker, who joins the team', async () => {
    const { childId, principal } = concerned!;
    const overview = await api(principal, 'GET', `/api/children/${childId}`);
    expect(overview.status).toBe(200);
    const guardians = (overview.body.guardians as { id: string; hasCustody: boolean }[]).filter((g) => g.hasCustody);
    expect(guardians.length).toBeGreaterThan(0);
    const soc = (
      await db.query<{ id: string }>(
        `SELECT id FROM unit WHERE kind = 'social_services' AND name = 'Socialtjänsten barn och unga'`,
      )
    ).rows[0]!.id;
    const consent = await api(principal, 'POST', `/api/children/${childId}/consents`, {
      purpose: 'Att socialtjänsten ska kunna ge stöd till familjen tillsammans med skolan.',
      recipientUnitIds: [soc],
      sourceDomains: ['school'],
      dataCategories: ['concern', 'chronology', 'plan'],
      method: 'signed_paper',
      validTo: `${new Date().getUTCFullYear() + 1}-06-30`,
      parties: guardians.map((g) => ({ kind: 'guardian', guardianId: g.id, position: 'consents' })),
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    const sent = await api(principal, 'POST', `/api/children/${childId}/assistance-requests`, {
      toUnitId: soc,
      basis: { kind: 'consent', consentId: consent.body.id },
      message: 'Vi behöver stöd av socialtjänsten i familjens vardag; familjen vill det också.',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    const manager = await oidcLogin(baseUrl, idp, 'lena.holm@vaxjo.example');
    const inbox = await api(manager, 'GET', '/api/assistance/inbox');
    expect((inbox.body.requests as { id: string }[]).map((r) => r.id)).toContain(sent.body.id);
    const worker = (
      await db.query<{ id: string }>(
        `SELECT a.id FROM assignment a JOIN person p ON p.id = a.person_id WHERE p.oidc_subject = 'omar.said@vaxjo.example'`,
      )
    ).rows[0]!.id;
    const socialWorker = await oidcLogin(baseUrl, idp, 'omar.said@vaxjo.example');
    expect((await api(socialWorker, 'GET', `/api/children/${childId}`)).status).toBe(404);
    const accepted = await api(manager, 'POST', `/api/assistance/${sent.body.id}/accept`, {
      assignmentId: worker,
      teamRole: 'contact_person',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((await api(socialWorker, 'GET', `/api/children/${childId}`)).status).toBe(200);
    const mine = await api(socialWorker, 'GET', '/api/children');
    expect((mine.body.children as { id: string }[]).map((c) => c.id)).toEqual([childId]);
  });
});
