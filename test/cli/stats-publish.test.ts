import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publishOutputSchema } from '../../src/core/statistics/index.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/barnkompass.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'bk-stats-'));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_ENV: 'test' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function csv(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

// Skolenkäten-like counts per municipality for "Känner du dig trygg i skolan?".
const TABLE = `group,option,count
Alvesta,Stämmer helt och hållet,61
Alvesta,Stämmer ganska bra,40
Alvesta,Stämmer ganska dåligt,9
Alvesta,Stämmer inte alls,3
Lessebo,Stämmer helt och hållet,20
Lessebo,Stämmer ganska bra,11
Lessebo,Stämmer ganska dåligt,2
Lessebo,Stämmer inte alls,1
Markaryd,Stämmer helt och hållet,6
Markaryd,Stämmer ganska bra,2
Markaryd,Stämmer ganska dåligt,0
Markaryd,Stämmer inte alls,0
`;

describe('barnkompass stats publish (the real command)', () => {
  it('prints the contract JSON: n, x, share with Wilson CI, per-option status, no disclosure risks under the default rules', async () => {
    const r = await run([
      'stats',
      'publish',
      csv('t.csv', TABLE),
      '--positive',
      'Stämmer helt och hållet,Stämmer ganska bra',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = publishOutputSchema.parse(JSON.parse(r.stdout));
    expect(out.rules).toBe('default');
    const alvesta = out.groups.find((g) => g.group === 'Alvesta')!;
    expect(alvesta).toMatchObject({ n: 113, x: 101, status: 'ok' });
    expect(alvesta.share).toBeCloseTo(101 / 113, 12);
    expect(alvesta.ci_low!).toBeLessThan(alvesta.share!);
    expect(alvesta.options['Stämmer inte alls']).toEqual({ count: null, status: 'suppressed_primary' });
    // A single hidden cell would be recoverable from n: a second one is hidden too.
    expect(Object.values(alvesta.options).filter((o) => o.count === null).length).toBeGreaterThanOrEqual(2);
    const markaryd = out.groups.find((g) => g.group === 'Markaryd')!;
    expect(markaryd).toMatchObject({ status: 'unit_too_small', n: null, share: null, ci_low: null, ci_high: null });
    expect(out.disclosure_risks).toEqual([]);
  });

  it('reproduces Skolinspektionen-style masking, and reports what it still reveals', async () => {
    const r = await run(['stats', 'publish', csv('s.csv', TABLE), '--rules', 'skolinspektionen']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rules).toBe('skolinspektionen');
    expect(out.groups.find((g: { group: string }) => g.group === 'Lessebo').status).not.toBe('unit_too_small');
    expect(out.disclosure_risks.length).toBeGreaterThan(0);
  });

  it.each([
    ['missing header', 'Alvesta,Ja,3\n', /header/i],
    ['empty file', '', /empty/i],
    ['negative count', 'group,option,count\nA,Ja,-1\n', /line 2/],
    ['non-integer count', 'group,option,count\nA,Ja,2.5\n', /line 2/],
  ])(
    'bad input (%s) → non-zero exit and a clear message on stderr, nothing on stdout',
    async (_label, text, message) => {
      const r = await run(['stats', 'publish', csv(`bad-${Math.random()}.csv`, text)]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    },
  );

  it('a missing file and an unknown rule set are explained', async () => {
    const missing = await run(['stats', 'publish', path.join(dir, 'nope.csv')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no such file/);
    const rules = await run(['stats', 'publish', csv('r.csv', TABLE), '--rules', 'lax']);
    expect(rules.code).not.toBe(0);
    expect(rules.stderr).toMatch(/unknown rule set/);
  });
});
