#!/usr/bin/env node
// The `barnkompass` command. TypeScript sources run through tsx's loader, so there is no separate
// server build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register();
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
try {
  const { main } = await import(path.join(root, 'src/cli/main.ts'));
  const code = await main(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
} catch (err) {
  // A person reads this: the message, not a stack trace (set DEBUG=1 for the stack).
  console.error(`barnkompass: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.DEBUG) console.error(err);
  process.exitCode = 1;
}
