import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './proportion.js';
import { PublishInputError, parsePublishCsv, publishOutputSchema, publishTable, type PublishRow } from './publish.js';

const OPTIONS = ['Helt och hållet', 'Till stor del', 'Inte särskilt', 'Inte alls', 'Vet inte'];

function rowsFor(counts: Record<string, number[]>): PublishRow[] {
  return Object.entries(counts).flatMap(([group, values]) =>
    values.map((count, i) => ({ group, option: OPTIONS[i]!, count })),
  );
}

function expectInputError(run: () => unknown, message: RegExp, line?: number | null): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PublishInputError);
    expect((error as PublishInputError).message).toMatch(message);
    if (line !== undefined) expect((error as PublishInputError).line).toBe(line);
    return;
  }
  throw new Error('expected a PublishInputError');
}

describe('publishTable', () => {
  it('produces the contract shape with n, x, share and Wilson CI', () => {
    const out = publishTable({
      rows: rowsFor({ Växjö: [300, 272, 80, 20, 16], Lessebo: [30, 31, 12, 6, 3], Ydre: [4, 2, 1, 0, 1] }),
      positive: ['Helt och hållet', 'Till stor del'],
      rules: 'default',
    });
    expect(publishOutputSchema.parse(out)).toEqual(out);
    expect(out.rules).toBe('default');
    expect(out.disclosure_risks).toEqual([]);
    const [vaxjo, lessebo, ydre] = out.groups;
    const ci = wilsonInterval(572, 688);
    expect(vaxjo).toEqual({
      group: 'Växjö',
      n: 688,
      x: 572,
      share: 572 / 688,
      ci_low: ci.low,
      ci_high: ci.high,
      status: 'ok',
      options: {
        'Helt och hållet': { count: 300, status: 'ok' },
        'Till stor del': { count: 272, status: 'ok' },
        'Inte särskilt': { count: 80, status: 'ok' },
        'Inte alls': { count: 20, status: 'ok' },
        'Vet inte': { count: 16, status: 'ok' },
      },
    });
    // Lessebo: "Vet inte" = 3 is primary; the smallest other option (6) hides with it; the share
    // of the positive options stays publishable.
    expect(lessebo!.options['Vet inte']).toEqual({ count: null, status: 'suppressed_primary' });
    expect(lessebo!.options['Inte alls']).toEqual({ count: null, status: 'suppressed_secondary' });
    expect(lessebo).toMatchObject({ n: 82, x: 61, status: 'ok' });
    expect(lessebo!.ci_low).toBeCloseTo(0.6400110670496505, 12);
    // Ydre (n = 8) is below the minimum: nothing, not even n, is published.
    expect(ydre).toMatchObject({
      n: null,
      x: null,
      share: null,
      ci_low: null,
      ci_high: null,
      status: 'unit_too_small',
    });
    expect(Object.values(ydre!.options).every((o) => o.count === null && o.status === 'unit_too_small')).toBe(true);
  });

  it('defaults positive to the first option seen and rules to "default"', () => {
    const out = publishTable({ rows: rowsFor({ A: [12, 20, 30, 40, 50] }) });
    expect(out.rules).toBe('default');
    expect(out.groups[0]).toMatchObject({ n: 152, x: 12 });
  });

  it('nulls x, share and CI when a positive option is suppressed, keeping n', () => {
    const out = publishTable({
      rows: rowsFor({ A: [3, 20, 30, 40, 50] }),
      positive: ['Helt och hållet', 'Till stor del'],
    });
    expect(out.groups[0]).toMatchObject({
      n: 143,
      x: null,
      share: null,
      ci_low: null,
      ci_high: null,
      status: 'suppressed',
    });
  });

  it('nulls the share when secondary suppression hits a positive option', () => {
    const out = publishTable({ rows: rowsFor({ A: [6, 20, 30, 40, 2] }) });
    expect(out.groups[0]!.options['Helt och hållet']!.status).toBe('suppressed_secondary');
    expect(out.groups[0]).toMatchObject({ share: null, status: 'suppressed' });
  });

  it('skolinspektionen rules: units under 20 are too small, and leaks are reported', () => {
    const out = publishTable({
      rows: rowsFor({ A: [30, 12, 3, 6, 5], B: [5, 5, 4, 2, 1] }),
      rules: 'skolinspektionen',
    });
    expect(out.groups[1]!.status).toBe('unit_too_small');
    expect(out.groups[0]!.options['Inte särskilt']).toEqual({ count: null, status: 'suppressed_primary' });
    expect(out.disclosure_risks).toEqual([
      { group: 'A', options: ['Inte särskilt'], reason: 'derivable_by_subtraction' },
    ]);
  });

  it('rejects bad programmatic input with a PublishInputError', () => {
    expectInputError(() => publishTable({ rows: [] }), /no rows/);
    expectInputError(() => publishTable({ rows: [{ group: 'A', option: 'x', count: -1 }] }), /row 1 \(count\)/);
    expectInputError(
      () => publishTable({ rows: rowsFor({ A: [1, 2, 3, 4, 5] }), positive: ['Nej'] }),
      /"Nej" does not occur/,
    );
    expectInputError(
      () => publishTable({ rows: rowsFor({ A: [1, 2, 3, 4, 5] }), positive: [] }),
      /at least one option/,
    );
    expectInputError(
      () => publishTable({ rows: [...rowsFor({ A: [1, 2, 3, 4, 5] }), { group: 'A', option: OPTIONS[0]!, count: 1 }] }),
      /row 6: duplicate row for group "A"/,
    );
  });

  it('every publication is safe: thresholds hold and no risks are reported under default rules', () => {
    const groupCounts = fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
      minLength: 5,
      maxLength: 5,
    });
    fc.assert(
      fc.property(
        fc.array(groupCounts, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        (groups, positiveCount) => {
          const rows = rowsFor(Object.fromEntries(groups.map((c, i) => [`G${i}`, c])));
          const positive = OPTIONS.slice(0, positiveCount);
          const out = publishTable({ rows, positive });
          expect(publishOutputSchema.safeParse(out).success).toBe(true);
          expect(out.disclosure_risks).toEqual([]);
          out.groups.forEach((g, i) => {
            const n = groups[i]!.reduce((s, c) => s + c, 0);
            expect(g.n).toBe(n >= 10 ? n : null);
            for (const option of Object.values(g.options))
              if (option.count !== null) expect(option.count).toBeGreaterThanOrEqual(5);
            const positiveShown = positive.every((o) => g.options[o]!.count !== null);
            expect(g.share !== null).toBe(g.n !== null && positiveShown);
            if (g.share !== null)
              expect(g.share).toBeCloseTo(groups[i]!.slice(0, positiveCount).reduce((s, c) => s + c, 0) / n, 14);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parsePublishCsv', () => {
  it('reads BOM, CRLF, spaces, quoted fields and blank lines', () => {
    const text =
      '\uFEFF group , option ,count\r\n"Växjö, centrum",Ja, 12\r\n\r\n"Växjö, centrum","Nej ""inte""",3\r\nLessebo,Ja,7\r\nLessebo,"Nej ""inte""",0\r\n';
    expect(parsePublishCsv(text)).toEqual([
      { group: 'Växjö, centrum', option: 'Ja', count: 12 },
      { group: 'Växjö, centrum', option: 'Nej "inte"', count: 3 },
      { group: 'Lessebo', option: 'Ja', count: 7 },
      { group: 'Lessebo', option: 'Nej "inte"', count: 0 },
    ]);
  });

  it('keeps options in first-seen order for the output', () => {
    const rows = parsePublishCsv('group,option,count\nA,Nej,20\nA,Ja,30\nB,Ja,12\nB,Nej,15\n');
    const out = publishTable({ rows });
    expect(Object.keys(out.groups[0]!.options)).toEqual(['Nej', 'Ja']);
    expect(out.groups[0]).toMatchObject({ n: 50, x: 20 });
  });

  it('names the line of each problem', () => {
    expectInputError(() => parsePublishCsv(''), /line 1: the file is empty/, 1);
    expectInputError(() => parsePublishCsv('\n\n'), /the file is empty/, 1);
    expectInputError(
      () => parsePublishCsv('group;option;count\nA;x;1'),
      /line 1: the header must be exactly "group,option,count"/,
      1,
    );
    expectInputError(() => parsePublishCsv('Group,Option,Count\n'), /header must be exactly/, 1);
    expectInputError(() => parsePublishCsv('group,option,count\n'), /header but no data rows/, 1);
    expectInputError(() => parsePublishCsv('group,option,count\nA,x,1\nA,y\n'), /line 3: expected 3 fields/, 3);
    expectInputError(
      () => parsePublishCsv('group,option,count\nA,x,-1\n'),
      /line 2: count "-1" is not a non-negative whole number/,
      2,
    );
    expectInputError(() => parsePublishCsv('group,option,count\nA,x,1.5\n'), /line 2: count "1.5"/, 2);
    expectInputError(() => parsePublishCsv('group,option,count\nA,x,\n'), /line 2: count ""/, 2);
    expectInputError(() => parsePublishCsv('group,option,count\nA,x,1e3\n'), /line 2: count "1e3"/, 2);
    expectInputError(() => parsePublishCsv('group,option,count\n,x,1\n'), /line 2: group is empty/, 2);
    expectInputError(
      () => parsePublishCsv('group,option,count\nA,x,1\nA,y,2\nA,x,3\n'),
      /line 4: duplicate row for group "A" and option "x" \(first given on line 2\)/,
      4,
    );
    expectInputError(
      () => parsePublishCsv('group,option,count\nA,x,1\nA,y,2\nB,x,3\n'),
      /line 4: group "B" \(first given here\) has no row for option "y"/,
      4,
    );
    expectInputError(() => parsePublishCsv('group,option,count\n"A,x,1\n'), /line 2: a quoted field is not closed/, 2);
  });

  it('counts lines inside quoted fields so later errors still point at the right line', () => {
    expectInputError(() => parsePublishCsv('group,option,count\n"A\nB",x,1\nC,x,oops\n'), /line 4: count "oops"/, 4);
  });
});
