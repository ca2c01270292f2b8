#!/usr/bin/env node
// `npm test`: the type check and every vitest tier in one run, ending with the plain line
// "N passed, N failed" that CI reads. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, '.test-artifacts');
mkdirSync(artifacts, { recursive: true });
const report = path.join(artifacts, `vitest-report-${process.pid}.json`);
rmSync(report, { force: true });
const args = process.argv.slice(2);

let passed = 0;
let failed = 0;

if (args.length === 0) {
  process.stdout.write('type check (tsc --noEmit)…\n');
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root],
    { stdio: 'inherit', cwd: root },
  );
  if (tsc.status === 0) passed += 1;
  else failed += 1;
  process.stdout.write('format and lint (biome check)…\n');
  const biome = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/@biomejs/biome/bin/biome'), 'check', '--max-diagnostics=50', root],
    { stdio: 'inherit', cwd: root },
  );
  if (biome.status === 0) passed += 1;
  else failed += 1;
}

const vitest = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...args,
  ],
  { stdio: 'inherit', cwd: root, env: process.env },
);

if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrors ?? 0);
  // A test file that failed to load has no tests in the counts; count it as a failure.
  for (const f of r.testResults ?? [])
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed += 1;
  if (r.numPendingTests || r.numTodoTests)
    process.stdout.write(`${(r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)} skipped\n`);
  rmSync(report, { force: true });
} else {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
