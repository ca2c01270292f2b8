import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseYears } from '../../src/cli/kolada.js';
import { closedPort, startKoladaStub, type KoladaStub } from './stub.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/barnkompass.mjs');

let stub: KoladaStub;
let dataDir: string;
beforeAll(async () => {
  stub = await startKoladaStub();
  dataDir = mkdtempSync(path.join(tmpdir(), 'bk-kolada-'));
});
afterAll(async () => {
  await stub.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The real command, asynchronously (the stub answers from this process). */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, NODE_ENV: 'test', BARNKOMPASS_DATA: dataDir, DATABASE_URL: '', KOLADA_BASE_URL: '' };
    execFile(process.execPath, [BIN, ...args], { env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('barnkompass import kolada (the real command)', () => {
  it('imports from the API, prints a summary, and the next run is incremental', async () => {
    const r = await run([
      'import',
      'kolada',
      '--kpi',
      'N17625,N09890',
      '--years',
      '2020-2023',
      '--base-url',
      stub.baseUrl,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Kolada import done (run 1, first run: everything in scope)');
    expect(r.stdout).toContain(`API             ${stub.baseUrl}`);
    expect(r.stdout).toContain('KPIs            2 imported of 2 requested');
    expect(r.stdout).toContain('years           2020–2023');
    expect(r.stdout).toContain('values          168 received: 168 new, 0 changed, 0 unchanged, 0 removed');
    expect(r.stderr).toContain('kolada: 2/2'); // progress (plain lines when not a terminal)

    const again = await run([
      'import',
      'kolada',
      '--kpi',
      'N17625,N09890',
      '--years',
      '2020-2023',
      '--base-url',
      stub.baseUrl,
    ]);
    expect(again.code, again.stderr).toBe(0);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(again.stdout).toContain(`Kolada import done (run 2, changes since ${today})`);
    expect(stub.dataRequests().at(-1)!.query.from_date).toBe(today);
    expect(again.stdout).toContain('0 new, 0 changed, 168 unchanged, 0 removed');

    const full = await run([
      'import',
      'kolada',
      '--kpi',
      'N17625',
      '--years',
      '2023',
      '--base-url',
      stub.baseUrl,
      '--full',
    ]);
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toContain('(run 3, full)');
    // Three real processes, each starting tsx and PGlite: on a busy 2-core machine that is minutes.
  }, 360_000);

  it('unreachable API: non-zero exit and a message that says so', async () => {
    const port = await closedPort();
    const r = await run(['import', 'kolada', '--kpi', 'N17625', '--base-url', `http://127.0.0.1:${port}/v3`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `barnkompass: Kolada import failed: Kolada API unreachable at http://127.0.0.1:${port}/v3/kpi?id=N17625 (connection refused)`,
    );
    expect(r.stderr).toContain('The Kolada API could not be reached from this machine');
    expect(r.stderr).toContain('Nothing was imported. Run 4 is recorded as failed.');
  });

  it('bad arguments: usage and exit 2', async () => {
    const r = await run(['import', 'kolada', '--years', '2023-2020']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--years: range runs backwards');
    expect(r.stderr).toContain('usage: barnkompass import kolada');
    const unknown = await run(['import', 'kolada', '--nope']);
    expect(unknown.code).toBe(2);
    const source = await run(['import', 'somewhere']);
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('unknown import source: somewhere');
  });

  it('parses year lists and ranges', () => {
    expect(parseYears('2020-2023')).toEqual([2020, 2021, 2022, 2023]);
    expect(parseYears('2023, 2019,2021–2022')).toEqual([2019, 2021, 2022, 2023]);
    expect(() => parseYears('20')).toThrow(/not a year/);
  });
});
