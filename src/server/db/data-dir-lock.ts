import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Embedded PGlite allows exactly one process per data folder; a second one (say `barnkompass audit
 * verify` while the server runs) would corrupt it. A pid lock file makes that a clear error.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'barnkompass.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && isAlive(pid)) {
        throw new Error(
          `Another Barnkompass process (pid ${pid}) is using the data folder ${dataDir}. Stop it first: the embedded database allows one process at a time.`,
        );
      }
      rmSync(file, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
