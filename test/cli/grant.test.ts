import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npx barnkompass grant system-admin` as the operator of a new installation runs it: a real process
// on an embedded database of its own. (Granting itself: test/integration/county-journey.test.ts.)
const BIN = path.resolve(import.meta.dirname, '../../bin/barnkompass.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'bk-grant-cli-'));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'grant', ...args],
      { env: { ...process.env, NODE_ENV: 'test', BARNKOMPASS_DATA: dataDir, DATABASE_URL: '' } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('barnkompass grant system-admin', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names what is missing and exits 2 on a usage error', async () => {
    const r = await run(['system-admin', '--unit', 'VX-ADM']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--login is required');
    expect(r.stderr).toContain('usage: barnkompass grant system-admin');
    expect((await run(['unit-admin', '--login', 'a', '--unit', 'b'])).code).toBe(2);
  }, 60_000);

  it('refuses a login nobody has, exits 1 and writes nothing', async () => {
    const r = await run(['system-admin', '--login', 'karin.berg@vaxjo.example', '--unit', 'VX-ADM']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no person logs in with that login');
  }, 60_000);
});
