import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web UI with Vite when dist/web is missing or older than its sources. */
export async function ensureWebBuilt(root: string, outDir: string, log: (m: string) => void): Promise<void> {
  const index = path.join(outDir, 'index.html');
  const sources = [path.join(root, 'src/web'), path.join(root, 'src/i18n'), path.join(root, 'src/core')].filter(
    existsSync,
  );
  const srcTime = Math.max(
    ...sources.map(newestMtime),
    existsSync(path.join(root, 'vite.config.ts')) ? statSync(path.join(root, 'vite.config.ts')).mtimeMs : 0,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= srcTime) return;
  log('building the web UI…');
  const { build } = await import('vite');
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  log('web UI built');
}
