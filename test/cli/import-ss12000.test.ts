import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSs12000Server, type Ss12000Server } from '../ss12000/server.js';

// `npx barnkompass import ss12000` as a county's operations script calls it: a real process on an
// embedded database of its own, against the local SS 12000 server.
const BIN = path.resolve(import.meta.dirname, '../../bin/barnkompass.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'bk-ss12000-cli-'));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'import', 'ss12000', ...args],
      { env: { ...process.env, NODE_ENV: 'test', BARNKOMPASS_DATA: dataDir, DATABASE_URL: '' } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('barnkompass import ss12000', () => {
  let server: Ss12000Server;
  beforeAll(async () => {
    server = await startSs12000Server({ schools: 1, pupilsPerSchool: 12 });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names what is missing and exits 2 on a usage error', async () => {
    const r = await run(['--token', 'x']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--base-url is required');
    const feed = await run(['--base-url', server.url, '--feed', 'Växjö skolsystem']);
    expect(feed.code).toBe(2);
    expect(feed.stderr).toContain('--feed must be lower-case letters');
  });

  it('prints exactly one JSON object; progress and no personal data on stderr; a second run changes nothing', async () => {
    const first = await run(['--base-url', server.url, '--token', 'test-token']);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!);
    expect(summary).toMatchObject({
      source: 'ss12000',
      organisations: { created: 3, updated: 0, ended: 0 },
      enrolments: { created: 12, updated: 0, ended: 0 },
      rejected: [],
    });
    expect(first.stderr).toContain('ss12000: teams formed');
    for (const p of server.state.county.persons) {
      expect(first.stderr).not.toContain((p.civicNo as { value: string }).value);
      expect(first.stderr).not.toContain(String(p.familyName));
    }
    const second = JSON.parse((await run(['--base-url', server.url, '--token', 'test-token'])).stdout);
    for (const e of ['organisations', 'persons', 'duties', 'enrolments', 'guardianships', 'groups', 'teams'])
      expect(second[e], e).toEqual({ created: 0, updated: 0, ended: 0 });
  }, 120_000);

  it('exits 1 with a clear message when the token is refused, and writes nothing', async () => {
    const r = await run(['--base-url', server.url, '--token', 'wrong']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('refused the token (401)');
    expect(r.stderr).toContain('Nothing was written');
    expect(r.stderr).not.toContain('wrong');
  }, 60_000);
});
