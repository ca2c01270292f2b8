import { readFileSync, writeFileSync } from 'node:fs';
import type { Violation } from './check.js';

// The known violations of the tree as it is, so the rules can be enforced before every file meets
// them. An entry names rule, file and target (never a line, which moves with every edit); `count`
// says how many times the same entry occurs. The baseline may only shrink: a new violation fails the
// house test, and so does an entry that no longer occurs.

export interface BaselineEntry {
  rule: string;
  file: string;
  target?: string;
  count?: number;
}

export interface Unexpected {
  key: string;
  allowed: number;
  violations: Violation[];
}

export interface Stale {
  key: string;
  allowed: number;
  found: number;
}

/** Locale-independent order, so the baseline file is the same on every machine. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(entry: { rule: string; file: string; target?: string }): string {
  return entry.target === undefined ? `${entry.rule} ${entry.file}` : `${entry.rule} ${entry.file} -> ${entry.target}`;
}

function group(violations: Violation[]): Map<string, Violation[]> {
  const byKey = new Map<string, Violation[]>();
  for (const v of violations) {
    const key = keyOf(v);
    byKey.set(key, [...(byKey.get(key) ?? []), v]);
  }
  return byKey;
}

export function toBaseline(violations: Violation[]): BaselineEntry[] {
  const entries = [...group(violations).values()].map((vs) => {
    const { rule, file, target } = vs[0]!;
    const entry: BaselineEntry = { rule, file };
    if (target !== undefined) entry.target = target;
    if (vs.length > 1) entry.count = vs.length;
    return entry;
  });
  return entries.sort((a, b) => byCodePoint(keyOf(a), keyOf(b)));
}

export function compareWithBaseline(
  violations: Violation[],
  baseline: BaselineEntry[],
): { unexpected: Unexpected[]; stale: Stale[] } {
  const allowed = new Map<string, number>();
  for (const e of baseline) allowed.set(keyOf(e), (allowed.get(keyOf(e)) ?? 0) + (e.count ?? 1));
  const found = group(violations);
  const unexpected: Unexpected[] = [];
  for (const [key, vs] of found) {
    const limit = allowed.get(key) ?? 0;
    if (vs.length > limit) unexpected.push({ key, allowed: limit, violations: vs });
  }
  const stale: Stale[] = [];
  for (const [key, limit] of allowed) {
    const now = found.get(key)?.length ?? 0;
    if (now < limit) stale.push({ key, allowed: limit, found: now });
  }
  return { unexpected, stale };
}

export function describeUnexpected(u: Unexpected): string {
  const head =
    u.allowed === 0 ? '' : `(${u.violations.length} found where the baseline allows ${u.allowed}; one is new) `;
  return head + u.violations.map((v) => v.message).join('\n');
}

export function describeStale(s: Stale): string {
  const fix = s.found === 0 ? 'remove the entry' : `lower its count to ${s.found}`;
  return `${s.key}: the baseline allows ${s.allowed} but the tree has ${s.found}, so it was fixed; ${fix} in test/architecture/known-violations.json so it cannot come back`;
}

export function readBaseline(file: string): BaselineEntry[] {
  return JSON.parse(readFileSync(file, 'utf8')) as BaselineEntry[];
}

export function writeBaseline(file: string, violations: Violation[]): void {
  writeFileSync(file, `${JSON.stringify(toBaseline(violations), null, 2)}\n`);
}
