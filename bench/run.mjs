#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.ts with tsx. Each benchmark prints JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(name ? 1 : 0);
}
const tsx = path.join(dir, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
const r = spawnSync(process.execPath, [existsSync(tsx) ? tsx : 'tsx', path.join(dir, `${name}.ts`), ...rest], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
