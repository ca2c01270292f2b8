import { mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDb } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { swedishToday } from '../src/server/clock.js';
import { stockholmInstant } from './helpers/dates.js';

const ROOT = path.resolve(import.meta.dirname, '..');
// Per run, so two test runs on one machine (two terminals, or CI beside a developer) never share
// a template: each run has its own folder and its own PostgreSQL template database.
const RUN_ID = `${process.pid}`;
export const ARTIFACTS = path.join(ROOT, '.test-artifacts', `run-${RUN_ID}`);
export const PGLITE_TEMPLATE = path.join(ARTIFACTS, 'pglite-demo.tar.gz');
export const PG_TEMPLATE_DB = `bk_test_template_${RUN_ID}`;

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplateDb: string | null;
    runId: string;
    webDist: string;
    chromium: string | null;
    /** The run's fixed instant (ISO 8601): 10:00 in Stockholm on `testToday`. */
    testNow: string;
    /** The Swedish day the template is seeded for and the integration tests' apps run on. */
    testToday: string;
  }
}

/**
 * Once per test run: one fixed day and instant for the integration tests' clocks, a migrated PGlite
 * data directory seeded with the demo for that day (each test file loads its own copy), the same as
 * a PostgreSQL template database when TEST_DATABASE_URL is set, the built web UI, and Debian's
 * Chromium for the browser tests.
 */
export default async function setup(project: TestProject) {
  await mkdir(ARTIFACTS, { recursive: true });
  project.provide('runId', RUN_ID);
  // The only reading of the wall clock in the integration tier: everything after uses this day.
  // (Mid-morning, so that an hour or two moved forward or back by a test stays on the same day.)
  const today = swedishToday();
  project.provide('testToday', today);
  project.provide('testNow', stockholmInstant(today, 10).toISOString());

  const lite = await openDb({});
  await migrate(lite);
  await seedDemo(lite, { today });
  const dump = await (lite as unknown as { pglite: { dumpDataDir(c?: 'gzip'): Promise<Blob> } }).pglite.dumpDataDir(
    'gzip',
  );
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  project.provide('pgliteTemplate', PGLITE_TEMPLATE);

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
    await admin.end();
    const tplUrl = withDatabase(url, PG_TEMPLATE_DB);
    const db = await openDb({ databaseUrl: tplUrl, poolSize: 2 });
    await migrate(db);
    await seedDemo(db, { today });
    await db.close();
    project.provide('pgTemplateDb', PG_TEMPLATE_DB);
  } else {
    project.provide('pgTemplateDb', null);
  }

  const webDist = path.join(ARTIFACTS, 'web');
  const { build } = await import('vite');
  // vitest sets NODE_ENV=test, which makes Vite bundle React's development build; test what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: webDist, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  project.provide('webDist', webDist);

  project.provide('chromium', ensureChromium());

  return async function teardown() {
    await rm(ARTIFACTS, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`).catch(() => undefined);
      // Leftovers of this run (a test file that crashed before its cleanup) and of runs that died.
      const all = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname ~ '^bk_(t|test_template)_[0-9]+'",
      );
      for (const { datname } of all.rows) {
        const pid = Number(/^bk_(?:t|test_template)_(\d+)/.exec(datname)![1]);
        if (pid === process.pid || !isAlive(pid))
          await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
      }
      await admin.end();
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function ensureChromium(): string | null {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    // Playwright cannot download browsers here; Debian's package is the browser we test with.
    execSync('apt-get install -y chromium', { stdio: 'ignore', timeout: 600_000 });
  } catch {
    try {
      execSync('apt-get update && apt-get install -y chromium', { stdio: 'ignore', timeout: 900_000 });
    } catch {
      return null;
    }
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}
