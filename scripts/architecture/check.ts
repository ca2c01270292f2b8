// The house rules, checked by reading the code with the TypeScript compiler API (docs/architecture.md
// names them; scripts/architecture/rules.ts holds them as data).
//
//   npx tsx scripts/architecture/check.ts                  every violation in the tree; exits 1 if any
//   npx tsx scripts/architecture/check.ts --baseline       only what the baseline does not allow, and
//                                                          baseline entries that no longer occur
//   npx tsx scripts/architecture/check.ts --write-baseline rewrites test/architecture/known-violations.json
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  byCodePoint,
  compareWithBaseline,
  describeStale,
  describeUnexpected,
  readBaseline,
  writeBaseline,
} from './baseline.js';
import { type FileFacts, parseFile, SOURCE_EXTENSIONS } from './parse.js';
import { resolveImport } from './resolve.js';
import {
  CLOCK_ADVICE,
  checksClock,
  checksFileSize,
  checksFunctionSize,
  FILE_LINE_LIMIT,
  FUNCTION_LINE_LIMIT,
  IMPORT_RULES,
  RULE_IDS,
  type RuleId,
} from './rules.js';

export { RULE_IDS, type RuleId } from './rules.js';

export interface Violation {
  rule: RuleId;
  file: string;
  line: number;
  /** The imported file, the clock call or the function: with rule and file, what the baseline names. */
  target?: string;
  message: string;
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const BASELINE_FILE = path.join(REPO_ROOT, 'test/architecture/known-violations.json');
const SCANNED_FOLDERS = ['src', 'test', 'bench', 'scripts'];

/**
 * Checks source texts (keyed by repository-relative path with forward slashes) against the house
 * rules, or against the ones named. Pure: the same map gives the same violations, sorted by file and line.
 */
export function checkArchitecture(
  files: ReadonlyMap<string, string>,
  rules: readonly RuleId[] = RULE_IDS,
): Violation[] {
  const active = new Set(rules);
  const violations: Violation[] = [];
  for (const [file, text] of files) {
    if (!SOURCE_EXTENSIONS.includes(path.posix.extname(file))) continue;
    const facts = parseFile(file, text);
    violations.push(...importViolations(file, facts, files, active));
    violations.push(...clockViolations(file, facts, active));
    violations.push(...sizeViolations(file, facts, active));
  }
  return violations.sort((a, b) => byCodePoint(a.file, b.file) || a.line - b.line || byCodePoint(a.rule, b.rule));
}

function importViolations(
  file: string,
  facts: FileFacts,
  files: ReadonlyMap<string, string>,
  active: ReadonlySet<RuleId>,
): Violation[] {
  const found: Violation[] = [];
  const exists = (candidate: string) => files.has(candidate);
  for (const { specifier, line } of facts.imports) {
    const target = resolveImport(file, specifier, exists);
    if (target === undefined) continue;
    for (const rule of IMPORT_RULES) {
      if (!active.has(rule.id)) continue;
      const why = rule.forbids(file, target);
      if (why === undefined) continue;
      const message = `${file}:${line} imports '${specifier}' (${target}) — ${rule.id}: ${why}.`;
      found.push({ rule: rule.id, file, line, target, message });
    }
  }
  return found;
}

function clockViolations(file: string, facts: FileFacts, active: ReadonlySet<RuleId>): Violation[] {
  if (!active.has('one-clock') || !checksClock(file)) return [];
  return facts.clockReads.map(({ call, line, within }) => ({
    rule: 'one-clock' as const,
    file,
    line,
    target: call,
    message: `${file}:${line} reads the wall clock with ${call} in ${within} — one-clock: ${CLOCK_ADVICE}.`,
  }));
}

function sizeViolations(file: string, facts: FileFacts, active: ReadonlySet<RuleId>): Violation[] {
  const found: Violation[] = [];
  if (active.has('file-size') && checksFileSize(file) && facts.lineCount > FILE_LINE_LIMIT) {
    found.push({
      rule: 'file-size',
      file,
      line: 1,
      message: `${file} has ${facts.lineCount} lines — file-size: at most ${FILE_LINE_LIMIT} lines per source file; split it along its reasons to change.`,
    });
  }
  if (!active.has('function-size') || !checksFunctionSize(file)) return found;
  for (const fn of facts.functions) {
    if (fn.lines <= FUNCTION_LINE_LIMIT) continue;
    found.push({
      rule: 'function-size',
      file,
      line: fn.line,
      target: fn.name,
      message: `${file}:${fn.line} function '${fn.name}' has a ${fn.lines}-line body — function-size: at most ${FUNCTION_LINE_LIMIT} lines (route tables excepted); split it into named steps.`,
    });
  }
  return found;
}

/** The source files of the working tree (tracked or not yet), keyed by repository-relative path. */
export function loadRepoFiles(root: string = REPO_ROOT): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && SOURCE_EXTENSIONS.includes(path.posix.extname(entry.name)))
        files.set(child, readFileSync(path.join(root, child), 'utf8'));
    }
  };
  for (const folder of SCANNED_FOLDERS) walk(folder);
  return files;
}

function main(args: string[]): number {
  const violations = checkArchitecture(loadRepoFiles());
  if (args.includes('--write-baseline')) {
    writeBaseline(BASELINE_FILE, violations);
    process.stdout.write(
      `${violations.length} known violations written to ${path.relative(REPO_ROOT, BASELINE_FILE)}\n`,
    );
    return 0;
  }
  if (args.includes('--baseline')) {
    const { unexpected, stale } = compareWithBaseline(violations, readBaseline(BASELINE_FILE));
    for (const u of unexpected) process.stdout.write(`${describeUnexpected(u)}\n`);
    for (const s of stale) process.stdout.write(`${describeStale(s)}\n`);
    process.stdout.write(`${unexpected.length} new, ${stale.length} fixed but still in the baseline\n`);
    return unexpected.length + stale.length === 0 ? 0 : 1;
  }
  for (const v of violations) process.stdout.write(`${v.message}\n`);
  const counts = RULE_IDS.map((id) => `${id} ${violations.filter((v) => v.rule === id).length}`);
  process.stdout.write(`${violations.length} violations (${counts.join(', ')})\n`);
  return violations.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
