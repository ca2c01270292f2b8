import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Db } from './client.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface MigrationFile {
  id: string;
  sql: string;
}

export async function listMigrations(): Promise<MigrationFile[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (f) => ({
      id: f.replace(/\.sql$/, ''),
      sql: await readFile(path.join(MIGRATIONS_DIR, f), 'utf8'),
    })),
  );
}

/**
 * Applies pending SQL migrations, each in its own owner transaction, in file order. The same SQL
 * runs on PGlite and PostgreSQL (kept within PostgreSQL 15 features). An advisory lock keeps two
 * app servers starting at once from migrating concurrently.
 */
export async function migrate(db: Db, onProgress?: (msg: string) => void): Promise<string[]> {
  const applied: string[] = [];
  await db.ownerTransaction(async (tx) => {
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  const migrations = await listMigrations();
  for (const m of migrations) {
    await db.ownerTransaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7262001)');
      const done = await tx.query('SELECT 1 FROM schema_migration WHERE id = $1', [m.id]);
      if (done.rows.length > 0) return;
      onProgress?.(`migrating ${m.id}`);
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migration (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    });
  }
  return applied;
}
