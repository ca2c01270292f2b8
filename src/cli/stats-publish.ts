import { readFile } from 'node:fs/promises';
import { PublishInputError, parsePublishCsv, publishTable } from '../core/statistics/index.js';

const RULES = ['default', 'skolinspektionen'] as const;
type RuleName = (typeof RULES)[number];

/**
 * `barnkompass stats publish FILE.csv [--positive "A,B"] [--rules default|skolinspektionen]`
 * A stable contract for other tools: JSON on stdout, a clear message and a non-zero exit on bad input.
 */
export async function statsPublish(
  args: { file?: string; positive?: string; rules?: string },
  out = process.stdout,
  err = process.stderr,
): Promise<number> {
  if (!args.file) {
    err.write('usage: barnkompass stats publish FILE.csv [--positive "A,B"] [--rules default|skolinspektionen]\n');
    return 2;
  }
  const rules = (args.rules ?? 'default') as RuleName;
  if (!RULES.includes(rules)) {
    err.write(`unknown rule set "${args.rules}": use one of ${RULES.join(', ')}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (e) {
    err.write(
      `cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`,
    );
    return 2;
  }
  try {
    const rows = parsePublishCsv(text);
    const positive =
      args.positive === undefined
        ? undefined
        : args.positive
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    const result = publishTable({ rows, positive, rules });
    out.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof PublishInputError) {
      err.write(`${args.file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
