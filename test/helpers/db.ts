import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db } from '../../src/server/db/client.js';

export type TestDbKind = 'pglite' | 'postgres';

/** The database kinds this run covers: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDbKinds(): TestDbKind[] {
  return inject('pgTemplateDb') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb {
  db: Db;
  kind: TestDbKind;
  /** A connection string for the PostgreSQL copy (for tests that need a second connection). */
  url?: string;
  dispose(): Promise<void>;
}

/** A private, migrated, demo-seeded database for one test file. */
export async function openTestDb(kind: TestDbKind, opts: { poolSize?: number } = {}): Promise<TestDb> {
  if (kind === 'pglite') {
    const buf = await readFile(inject('pgliteTemplate'));
    const db = await openDb({ loadDataDir: new Blob([buf]) });
    return { db, kind, dispose: () => db.close() };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `bk_t_${inject('runId')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateDb')}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = await openDb({ databaseUrl: url, poolSize: opts.poolSize ?? 5 });
  return {
    db,
    kind,
    url,
    async dispose() {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
