// The county's file imports: `import people FILE` (staff, units and assignments from the employer's
// HR/HSA export) and `import population FILE` (children, guardians, custody and BVC listings from the
// population register), on PGlite and PostgreSQL. The fixtures hold Skatteverket test numbers; each
// is replaced here by a free one from the project's pool, so the demo county's children never meet them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importPeopleCli, importPopulationCli } from '../../src/cli/import-files.js';
import { addDays } from '../../src/core/calendar.js';
import type { Db, Queryable } from '../../src/server/db/client.js';
import { CHILD_TEST_NUMBERS, GUARDIAN_TEST_NUMBERS } from '../../src/server/demo/test-personnummer.js';
import {
  type FileImportSummary,
  runPeopleImport,
  runPopulationImport,
} from '../../src/server/modules/directory/files/run.js';
import { readSourceFile } from '../../src/server/modules/directory/files/source-file.js';
import { testNow, testToday } from '../helpers/clock.js';
import { openTestDb, testDbKinds, type TestDb } from '../helpers/db.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/directory');
const ISSUER = 'https://idp.testlan.example';
const ZERO = { created: 0, updated: 0, ended: 0 };

/** Every personnummer of the fixtures, by kind (children first in the list's order of birth). */
const FIXTURE_CHILDREN = [
  '202301012395',
  '201912312392',
  '201501032393',
  '201601022385',
  '201601082389',
  '201601142388',
  '201601172385',
];
const FIXTURE_ADULTS = [
  '198501139995',
  '198502069993',
  '198504129886',
  '197904079295',
  '198006089240',
  '198107039276',
  '198209109282',
  '198311209285',
  '198504199897',
];

async function freeNumbers(db: Db): Promise<Map<string, string>> {
  const r = await db.query<{ p: string }>(
    `SELECT personnummer AS p FROM child UNION SELECT personnummer FROM guardian WHERE personnummer IS NOT NULL
     UNION SELECT personnummer FROM person WHERE personnummer IS NOT NULL`,
  );
  const used = new Set(r.rows.map((x) => x.p));
  const pick = (pool: readonly string[], n: number) =>
    [...pool]
      .reverse()
      .filter((p) => !used.has(p))
      .slice(0, n);
  const children = pick(CHILD_TEST_NUMBERS, FIXTURE_CHILDREN.length);
  const adults = pick(GUARDIAN_TEST_NUMBERS, FIXTURE_ADULTS.length);
  expect(children.length + adults.length).toBe(FIXTURE_CHILDREN.length + FIXTURE_ADULTS.length);
  return new Map([
    ...FIXTURE_CHILDREN.map((p, i) => [p, children[i]!] as const),
    ...FIXTURE_ADULTS.map((p, i) => [p, adults[i]!] as const),
  ]);
}

describe.each(testDbKinds())('directory file imports (%s)', (kind) => {
  let t: TestDb;
  let dir: string;
  let pnr: Map<string, string>;
  const now = () => testNow();
  const yesterday = addDays(testToday(), -1);

  /** A fixture (or a text in its shape) with the free numbers in, as a file of the temp folder. */
  function file(name: string, text = readFileSync(path.join(FIXTURES, name), 'utf8')): string {
    const out = path.join(dir, name);
    writeFileSync(
      out,
      text.replace(/\d{12}/g, (m) => pnr.get(m) ?? m),
    );
    return out;
  }
  const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
  const people = async (f: string, dryRun = false) =>
    runPeopleImport(t.db, await readSourceFile(f), { now, dryRun, oidcIssuer: ISSUER });
  const population = async (f: string, dryRun = false) =>
    runPopulationImport(t.db, await readSourceFile(f), { now, dryRun });
  const one = async <T>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params)).rows[0]!;
  const counts = (s: FileImportSummary, ...entities: string[]) => entities.map((e) => s[e]);

  beforeAll(async () => {
    t = await openTestDb(kind);
    await t.db.useAppRole();
    dir = mkdtempSync(path.join(tmpdir(), 'bk-directory-files-'));
    pnr = await freeNumbers(t.db);
  });
  afterAll(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the people file: organisations, units with their secrecy domain, staff with login, assignments', async () => {
    const s = await people(file('people.csv'));
    expect(s).toMatchObject({
      source: 'people',
      organisations: { created: 3, updated: 0, ended: 0 },
      units: { created: 5, updated: 0, ended: 0 },
      persons: { created: 5, updated: 0, ended: 0 },
      assignments: { created: 6, updated: 0, ended: 0 },
      rejected: [],
    });
    const nurse = await one<{ oidc_issuer: string; oidc_subject: string; personnummer: string; domain: string }>(
      `SELECT p.oidc_issuer, p.oidc_subject, p.personnummer, u.secrecy_domain AS domain FROM person p
         JOIN assignment a ON a.person_id = p.id JOIN unit u ON u.id = a.unit_id
        WHERE a.role = 'child_health_nurse' AND u.name = 'BVC Testbo centrum'`,
    );
    expect(nurse).toEqual({
      oidc_issuer: ISSUER,
      oidc_subject: 'tova.ekstrom@region-testlan.example',
      personnummer: pnr.get('198006089240'),
      domain: 'health_care',
    });
    const run = await one<{ status: string; dry_run: boolean; summary: unknown }>(
      `SELECT status, dry_run, summary FROM directory_import_run WHERE id = $1`,
      [s.runId],
    );
    expect(run).toEqual({ status: 'succeeded', dry_run: false, summary: JSON.parse(JSON.stringify(s)) });
    const event = await one<{ details: Record<string, unknown>; resource_type: string }>(
      `SELECT details, resource_type FROM audit_event WHERE action = 'directory.import' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event.resource_type).toBe('directory_import_run');
    expect(event.details).toMatchObject({ source: 'people', persons_created: 5, dry_run: false, rejected: 0 });
    for (const v of Object.values(event.details)) expect(['string', 'number', 'boolean']).toContain(typeof v);
  });

  it('a second run, CSV or the same in JSON, creates and updates nothing', async () => {
    for (const name of ['people.csv', 'people.json']) {
      const s = await people(file(name));
      expect(counts(s, 'organisations', 'units', 'persons', 'assignments'), name).toEqual([ZERO, ZERO, ZERO, ZERO]);
      expect(s.rejected).toEqual([]);
    }
  });

  it('imports the population file: children, guardians, custody, listings with the nurse, and the nurse on the team', async () => {
    const s = await population(file('population.csv'));
    expect(s).toMatchObject({
      source: 'population',
      children: { created: 3, updated: 0, ended: 0 },
      guardians: { created: 4, updated: 0, ended: 0 },
      guardianships: { created: 5, updated: 0, ended: 0 },
      listings: { created: 2, updated: 0, ended: 0 },
      rejected: [],
    });
    expect(s.teams).toMatchObject({ created: expect.any(Number) });
    const infant = await one<{ birth_date: string; gender: string; nurse: string | null; team: string }>(
      `SELECT c.birth_date::text, c.gender, a.role AS nurse,
              (SELECT count(*)::text FROM team_membership m WHERE m.child_id = c.id AND m.assignment_id = a.id
                  AND m.origin = 'directory') AS team
         FROM child c JOIN health_listing l ON l.child_id = c.id LEFT JOIN assignment a ON a.id = l.nurse_assignment_id
        WHERE c.personnummer = $1`,
      [pnr.get('202301012395')],
    );
    const p = pnr.get('202301012395')!;
    expect(infant).toEqual({
      birth_date: `${p.slice(0, 4)}-${p.slice(4, 6)}-${p.slice(6, 8)}`,
      gender: Number(p[10]) % 2 === 1 ? 'male' : 'female',
      nurse: 'child_health_nurse',
      team: '1',
    });
  });

  it('keeps the name of a protected child and guardian and never an address', async () => {
    const child = await one<Record<string, unknown>>(
      `SELECT given_name, protected_identity, identity_marking, address_line, postal_code, city FROM child WHERE personnummer = $1`,
      [pnr.get('201912312392')],
    );
    expect(child).toEqual({
      given_name: 'Alva',
      protected_identity: true,
      identity_marking: 'protected_registration',
      address_line: null,
      postal_code: null,
      city: null,
    });
    const guardian = await one<Record<string, unknown>>(
      'SELECT given_name, identity_marking, address_line FROM guardian WHERE personnummer = $1',
      [pnr.get('198504129886')],
    );
    expect(guardian).toEqual({ given_name: 'Linnea', identity_marking: 'protected_registration', address_line: null });
  });

  it('the JSON population file says the same: nothing changes', async () => {
    const s = await population(file('population.json'));
    expect(counts(s, 'children', 'guardians', 'guardianships', 'listings')).toEqual([ZERO, ZERO, ZERO, ZERO]);
  });

  it('a changed record is updated, and only that one', async () => {
    const changed = fixture('population.csv').replaceAll('Storgatan 1', 'Storgatan 2').replaceAll(';Jonas;', ';Jon;');
    const s = await population(file('population-changed.csv', changed));
    // Three children live on Storgatan, one of them with a guardian whose name changed too.
    expect(counts(s, 'children', 'guardians', 'guardianships', 'listings')).toEqual([
      { created: 0, updated: 2, ended: 0 },
      { created: 0, updated: 2, ended: 0 },
      ZERO,
      ZERO,
    ]);
    const jon = await one<{ given_name: string; address_line: string }>(
      'SELECT given_name, address_line FROM guardian WHERE personnummer = $1',
      [pnr.get('198502069993')],
    );
    expect(jon).toEqual({ given_name: 'Jon', address_line: 'Storgatan 2' });
  });

  it('a child who becomes protected has the stored address cleared', async () => {
    const lines = fixture('population.csv').split('\n');
    const protectedRows = lines.map((l) =>
      l.startsWith('202301012395') ? l.replace(';none;Storgatan 1;99101;Testbo;', ';protected_registration;;;;') : l,
    );
    const s = await population(file('population-protected.csv', protectedRows.join('\n')));
    expect(s.children).toEqual({ created: 0, updated: 2, ended: 0 }); // and the other child back on Storgatan 1
    const child = await one<Record<string, unknown>>(
      'SELECT protected_identity, address_line, postal_code, city FROM child WHERE personnummer = $1',
      [pnr.get('202301012395')],
    );
    expect(child).toEqual({ protected_identity: true, address_line: null, postal_code: null, city: null });
  });

  it('a guardian the register no longer has ends with their custody the day before the run, and is not deleted', async () => {
    const without = fixture('population.csv')
      .split('\n')
      .filter((l) => !l.includes('198502069993'))
      .join('\n');
    const s = await population(file('population-without.csv', without));
    expect(s.guardianships).toEqual({ created: 0, updated: 0, ended: 1 });
    expect(s.guardians).toMatchObject({ ended: 1 });
    const custody = await one<{ valid_to: string; guardians: string }>(
      `SELECT c.valid_to::text, (SELECT count(*)::text FROM guardian WHERE personnummer = $1) AS guardians
         FROM custody c JOIN guardian g ON g.id = c.guardian_id WHERE g.personnummer = $1`,
      [pnr.get('198502069993')],
    );
    expect(custody).toEqual({ valid_to: yesterday, guardians: '1' });
    // The guardian's standing: no custody valid today.
    const standing = await one<{ n: string }>(
      `SELECT count(*)::text AS n FROM custody c JOIN guardian g ON g.id = c.guardian_id
        WHERE g.personnummer = $1 AND c.valid_from <= $2::date AND (c.valid_to IS NULL OR c.valid_to >= $2::date)`,
      [pnr.get('198502069993'), testToday()],
    );
    expect(standing.n).toBe('0');
  });

  it('staff the HR file no longer has: the assignment ends, the login is disabled, the row stays', async () => {
    const without = fixture('people.csv')
      .split('\n')
      .filter((l) => !l.includes('TB-3002'))
      .join('\n');
    const s = await people(file('people-without.csv', without));
    expect(counts(s, 'units', 'persons', 'assignments')).toEqual([
      ZERO,
      { created: 0, updated: 0, ended: 1 },
      { created: 0, updated: 0, ended: 1 },
    ]);
    const omar = await one<{ enabled: boolean; valid_to: string }>(
      `SELECT p.enabled, a.valid_to::text FROM person p JOIN assignment a ON a.person_id = p.id
        WHERE p.personnummer = $1`,
      [pnr.get('198311209285')],
    );
    expect(omar).toEqual({ enabled: false, valid_to: yesterday });
    // Back in the next file: open again.
    const back = await people(file('people.csv'));
    expect(back.assignments).toEqual({ created: 0, updated: 1, ended: 0 });
    const again = await one<{ enabled: boolean; valid_to: string | null }>(
      `SELECT p.enabled, a.valid_to::text FROM person p JOIN assignment a ON a.person_id = p.id WHERE p.personnummer = $1`,
      [pnr.get('198311209285')],
    );
    expect(again).toEqual({ enabled: true, valid_to: null });
  });

  it('rejects records that do not fit, with reasons, writes nothing of them and takes the rest', async () => {
    const header = fixture('people.csv').split('\n')[0];
    const bad = [
      header,
      '990000-0002;Testbo kommun;municipality;9901;TB-SOC;Socialtjänsten Testbo barn och unga;social_services;9901;BAD-1;198001011234;Ada;Fel;;;;BAD-1-1;social_worker;;2024-01-01;',
      '990000-0002;Testbo kommun;municipality;9901;TB-SOC;Socialtjänsten Testbo barn och unga;social_services;9901;BAD-2;;Bo;Roll;;;;BAD-2-1;wizard;;2024-01-01;',
      '990000-0002;Testbo kommun;municipality;9901;TB-X;Okänd enhet;spaceport;9901;BAD-3;;Cai;Slag;;;;BAD-3-1;social_worker;;2024-01-01;',
      '990000-0002;Testbo kommun;municipality;9901;TB-SOC;Socialtjänsten Testbo barn och unga;social_services;9901;BAD-4;;Dan;Datum;;;;BAD-4-1;social_worker;;2024-02-30;',
      '990000-0002;Testbo kommun;municipality;9901;TB-SOC;Socialtjänsten Testbo barn och unga;social_services;9901;BAD-5;;;Namnlös;;;;BAD-5-1;social_worker;;2024-01-01;',
      '990000-0002;Testbo kommun;municipality;9901;TB-SOC;Socialtjänsten Testbo barn och unga;social_services;9901;OK-6;;Eva;Dubbel;;;;OK-6-1;social_worker;;2024-01-01;',
      '990000-0002;Testbo kommun;municipality;9901;TB-SOC;Socialtjänsten Testbo barn och unga;social_services;9901;OK-6;;Eva;Dubbel;;;;OK-6-2;social_worker;;2024-06-01;',
      '990000-0002;Testbo kommun;municipality;9901;TB-SOC;Socialtjänsten Testbo barn och unga;social_services;9901;BAD-7;198209109282;Maja;Kopia;;;;;;;;',
    ].join('\n');
    const s = await people(
      file('people-bad.csv', `${fixture('people.csv').trim()}\n${bad.split('\n').slice(1).join('\n')}\n`),
    );
    expect(s.rejected).toEqual(
      expect.arrayContaining([
        { entity: 'persons', id: 'BAD-1', reason: 'invalid_personnummer' },
        { entity: 'assignments', id: 'BAD-1-1', reason: 'unknown_person' },
        { entity: 'assignments', id: 'BAD-2-1', reason: 'unsupported_role' },
        { entity: 'units', id: 'TB-X', reason: 'unsupported_unit_kind' },
        { entity: 'assignments', id: 'BAD-3-1', reason: 'unknown_unit' },
        { entity: 'assignments', id: 'BAD-4-1', reason: 'invalid_date' },
        { entity: 'persons', id: 'BAD-5', reason: 'missing_field:given_name' },
        { entity: 'assignments', id: 'OK-6-2', reason: 'duplicate' },
        { entity: 'persons', id: 'BAD-7', reason: 'duplicate' },
      ]),
    );
    // BAD-2, BAD-3, BAD-4 and OK-6; not BAD-1 (personnummer) nor BAD-5 (no given name).
    expect(s.persons).toEqual({ created: 4, updated: 0, ended: 0 });
    const written = await one<{ n: string }>(
      `SELECT count(*)::text AS n FROM directory_link WHERE source = 'people'
          AND external_id IN ('BAD-1', 'BAD-1-1', 'BAD-5', 'BAD-5-1', 'TB-X', 'BAD-3-1', 'OK-6-2', 'BAD-4-1')`,
    );
    expect(written.n).toBe('0');
    expect(s.assignments).toEqual({ created: 1, updated: 0, ended: 0 }); // OK-6-1
  });

  it('rejects a protected child with an address and names no record by personnummer', async () => {
    const header = fixture('population.csv').split('\n')[0];
    const rows = [
      header,
      // Another municipality's file: it does not end the children of 9901.
      '201601022385;Ida;Öppen;9902;protected_registration;Gatan 5;99101;Testbo;;;;;;;;;;;;;;;;',
      '201601022380;Fel;Summa;9902;none;;;;;;;;;;;;;;;;;;;',
      '201601082389;Liv;Okänd;9902;none;;;;;;;;;;;;;;;;NO-SUCH-BVC;;;',
    ];
    const s = await population(file('population-bad.csv', `${rows.join('\n')}\n`));
    expect(s.rejected).toEqual([
      { entity: 'children', id: 'line 2', reason: 'protected_with_address' },
      { entity: 'children', id: 'line 3', reason: 'invalid_personnummer' },
      { entity: 'listings', id: 'line 4', reason: 'unknown_unit' },
    ]);
    expect(s.children).toEqual({ created: 1, updated: 0, ended: 0 });
    const ida = await one<{ n: string }>('SELECT count(*)::text AS n FROM child WHERE personnummer = $1', [
      pnr.get('201601022385'),
    ]);
    expect(ida.n).toBe('0');
    expect(JSON.stringify(s.rejected)).not.toMatch(/\d{6}/);
  });

  it('a dry run prints the counts a real run would and keeps nothing', async () => {
    const tables = [
      'child',
      'guardian',
      'custody',
      'health_listing',
      'directory_link',
      'team_membership',
      'directory_import_run',
      'audit_event',
    ];
    const before = await Promise.all(tables.map((x) => one<{ n: string }>(`SELECT count(*)::text AS n FROM ${x}`)));
    const header = fixture('population.csv').split('\n')[0];
    const text = `${header}\n201601142388;Nova;Torr;9903;none;;;;198504199897;Kim;Torr;none;;;;parent;ja;ja;;;;;;\n`;
    const s = await population(file('population-dry.csv', text), true);
    expect(s).toMatchObject({
      dryRun: true,
      children: { created: 1 },
      guardians: { created: 1 },
      guardianships: { created: 1 },
    });
    const after = await Promise.all(tables.map((x) => one<{ n: string }>(`SELECT count(*)::text AS n FROM ${x}`)));
    expect(after).toEqual(before);
    // The same file for real: the same counts.
    const real = await population(file('population-dry.csv', text));
    expect({ ...real, runId: s.runId, dryRun: true }).toEqual(s);
  });

  it('a run that fails midway keeps nothing, is recorded as failed and says so without personal data', async () => {
    const db = t.db;
    // The database refuses the children's insert, with a message that quotes a personnummer.
    const failing = new Proxy(db, {
      get(target, prop) {
        if (prop === 'transaction')
          return <T>(fn: (tx: Queryable) => Promise<T>) =>
            db.transaction((tx) =>
              fn({
                exec: (text) => tx.exec(text),
                query: (text, values, name) =>
                  text.includes('INSERT INTO child ')
                    ? Promise.reject(Object.assign(new Error('refused 201501032393'), { code: 'XX000' }))
                    : tx.query(text, values, name),
              }),
            );
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Db;
    const before = await one<{ n: string }>('SELECT count(*)::text AS n FROM directory_link');
    const header = fixture('population.csv').split('\n')[0];
    const text = `${header}\n201601172385;Nils;Torr;9903;none;;;;198504199897;Kim;Torr;none;;;;parent;ja;ja;;;;;;\n`;
    const out: string[] = [];
    const err: string[] = [];
    const code = await importPopulationCli(
      { file: file('population-fails.csv', text), dryRun: false },
      { db: failing, now, stdout: (x) => out.push(x), log: (x) => err.push(x) },
    );
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('failed, nothing was imported');
    expect(err.join('\n')).not.toMatch(/\d{6}/);
    expect(await one<{ n: string }>('SELECT count(*)::text AS n FROM directory_link')).toEqual(before);
    const run = await one<{ status: string; summary: unknown }>(
      `SELECT status, summary FROM directory_import_run WHERE status = 'failed'`,
    );
    expect(run).toEqual({ status: 'failed', summary: { source: 'population', error: 'XX000' } });
  });

  it('the commands print exactly one JSON object and fail only when the run cannot be done', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const deps = { db: t.db, now, stdout: (x: string) => out.push(x), log: (x: string) => err.push(x) };
    // The real stdout: one line, one JSON object (progress goes to stderr).
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(
        await importPopulationCli({ file: file('population.json'), dryRun: false }, { ...deps, stdout: undefined }),
      ).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(out).toHaveLength(1);
    expect(out[0]!.endsWith('}\n') && out[0]!.split('\n').length === 2).toBe(true);
    const summary = JSON.parse(out[0]!);
    expect(Object.keys(summary)).toEqual([
      'source',
      'runId',
      'dryRun',
      'children',
      'guardians',
      'guardianships',
      'listings',
      'teams',
      'rejected',
    ]);
    expect(await importPeopleCli({ file: file('people.json'), dryRun: true }, deps)).toBe(0);
    expect(Object.keys(JSON.parse(out[1]!))).toEqual([
      'source',
      'runId',
      'dryRun',
      'organisations',
      'units',
      'persons',
      'assignments',
      'teams',
      'rejected',
    ]);
    writeFileSync(path.join(dir, 'broken.json'), '{"children": [');
    expect(await importPopulationCli({ file: path.join(dir, 'broken.json'), dryRun: false }, deps)).toBe(1);
    expect(await importPeopleCli({ file: path.join(dir, 'missing.csv'), dryRun: false }, deps)).toBe(1);
    writeFileSync(path.join(dir, 'other.csv'), 'a;b\n1;2\n');
    expect(await importPeopleCli({ file: path.join(dir, 'other.csv'), dryRun: false }, deps)).toBe(1);
    expect(await importPeopleCli({ file: undefined, dryRun: false }, deps)).toBe(2);
    expect(out).toHaveLength(2);
    expect(err.join('\n')).toMatch(/not valid JSON[\s\S]*missing\.csv[\s\S]*lacks the column/);
  });
});
