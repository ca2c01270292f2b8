import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireDataDirLock } from './data-dir-lock.js';

describe('data folder lock', () => {
  it('refuses a second user of the same folder, and recovers from a dead holder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bk-lock-'));
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(/Another Barnkompass process \(pid \d+\)/);
    release();
    const again = acquireDataDirLock(dir);
    again();
    writeFileSync(path.join(dir, 'barnkompass.lock'), '999999999');
    const afterCrash = acquireDataDirLock(dir);
    afterCrash();
  });
});
