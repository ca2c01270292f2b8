// The house rules on the real tree (scripts/architecture/rules.ts; each rule's own tests are in
// rules.test.ts). Violations the tree had when the rules came in are listed in known-violations.json
// (rule, file, target, count; no line numbers). The list may only shrink: this test fails on any
// violation it does not allow, and on any entry that no longer occurs.
//
//   npx tsx scripts/architecture/check.ts                   every violation, with file, line and rule
//   npx tsx scripts/architecture/check.ts --baseline        what this test would report
//   npx tsx scripts/architecture/check.ts --write-baseline  regenerate known-violations.json from the
//                                                           tree (only to record fixes, never to excuse
//                                                           a new violation)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareWithBaseline,
  describeStale,
  describeUnexpected,
  readBaseline,
} from '../../scripts/architecture/baseline.js';
import { BASELINE_FILE, checkArchitecture, loadRepoFiles } from '../../scripts/architecture/check.js';

const files = loadRepoFiles();
const { unexpected, stale } = compareWithBaseline(checkArchitecture(files), readBaseline(BASELINE_FILE));

describe('the house rules on the real tree', () => {
  it('reads every layer of the tree', () => {
    for (const file of ['src/server/app.ts', 'src/web/main.tsx', 'src/core/wheel.ts', 'src/cli/main.ts'])
      expect(files.has(file), file).toBe(true);
    expect(files.size).toBeGreaterThan(200);
  });

  it('has no violation the baseline does not list', () => {
    expect(unexpected.map(describeUnexpected)).toEqual([]);
  });

  it('lists no violation in the baseline that has been fixed', () => {
    expect(stale.map(describeStale)).toEqual([]);
  });
});

describe('docs and code say how things are, not which issue built them', () => {
  it('names no issue numbers in code, tests, scripts or docs', () => {
    const tracked = execFileSync('git', ['ls-files', 'src', 'test', 'scripts', 'bench', 'bin', 'docs', '*.md'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.(ts|tsx|mjs|md|css|html)$/.test(f) && !f.startsWith('test/fixtures/reference/'));
    expect(tracked.length).toBeGreaterThan(300);
    const offenders = tracked.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\bissues?\s*#?\d+\b/i.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
