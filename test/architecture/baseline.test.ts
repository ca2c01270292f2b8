import { describe, expect, it } from 'vitest';
import { compareWithBaseline, describeStale, toBaseline } from '../../scripts/architecture/baseline.js';
import type { Violation } from '../../scripts/architecture/check.js';

const violation = (file: string, line: number, target?: string): Violation => ({
  rule: 'one-clock',
  file,
  line,
  target,
  message: `${file}:${line} ${target}`,
});

describe('the baseline of known violations', () => {
  const tree = [
    violation('src/server/b.ts', 3, 'new Date()'),
    violation('src/server/a.ts', 9, 'Date.now()'),
    violation('src/server/a.ts', 4, 'Date.now()'),
  ];

  it('names rule, file and target without lines, counting repeats, in a stable order', () => {
    expect(toBaseline(tree)).toEqual([
      { rule: 'one-clock', file: 'src/server/a.ts', target: 'Date.now()', count: 2 },
      { rule: 'one-clock', file: 'src/server/b.ts', target: 'new Date()' },
    ]);
  });

  it('allows what it lists, wherever the lines moved', () => {
    const moved = tree.map((v) => ({ ...v, line: v.line + 40 }));
    expect(compareWithBaseline(moved, toBaseline(tree))).toEqual({ unexpected: [], stale: [] });
  });

  it('reports a new violation, also one more of a listed kind', () => {
    const more = [
      ...tree,
      violation('src/server/c.ts', 1, 'new Date()'),
      violation('src/server/a.ts', 30, 'Date.now()'),
    ];
    const { unexpected, stale } = compareWithBaseline(more, toBaseline(tree));
    expect(stale).toEqual([]);
    expect(unexpected.map((u) => [u.key, u.allowed, u.violations.length])).toEqual([
      ['one-clock src/server/a.ts -> Date.now()', 2, 3],
      ['one-clock src/server/c.ts -> new Date()', 0, 1],
    ]);
  });

  it('reports an entry that no longer occurs, so the baseline can only shrink', () => {
    const { unexpected, stale } = compareWithBaseline(tree.slice(0, 2), toBaseline(tree));
    expect(unexpected).toEqual([]);
    expect(stale).toEqual([{ key: 'one-clock src/server/a.ts -> Date.now()', allowed: 2, found: 1 }]);
    expect(describeStale(stale[0]!)).toContain('lower its count to 1 in test/architecture/known-violations.json');
  });
});
