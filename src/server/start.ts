import { mkdir } from 'node:fs/promises';
import type { AppConfig } from './app-config.js';
import { openDb, type Db } from './db/client.js';
import { migrate } from './db/migrate.js';
import { acquireDataDirLock } from './db/data-dir-lock.js';
import { buildApp, type BuiltApp } from './app.js';
import { isDemoSeeded, seedDemo } from './demo/seed.js';
import { seedDemoSurvey } from './demo/demo-survey.js';
import { anchorChainHead } from './audit/anchor.js';

/** Opens the database (PGlite in the data folder, or PostgreSQL), migrates, and switches to the app role. */
export async function openMigratedDb(config: AppConfig, log: (msg: string) => void = () => undefined): Promise<Db> {
  let release = () => undefined as void;
  await mkdir(config.dataDir, { recursive: true });
  if (!config.databaseUrl) {
    await mkdir(config.dataDir, { recursive: true });
    release = acquireDataDirLock(config.dataDir);
  }
  try {
    const db = await openDb({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
      poolSize: config.poolSize,
    });
    const applied = await migrate(db, log);
    if (applied.length > 0) log(`applied ${applied.length} migration(s)`);
    const close = db.close.bind(db);
    db.close = async () => {
      await close();
      release();
    };
    return db;
  } catch (err) {
    release();
    throw err;
  }
}

export async function ensureDemoData(db: Db, log: (msg: string) => void = () => undefined): Promise<void> {
  let seeded = false;
  if (!(await isDemoSeeded(db))) {
    log('seeding the demo county (first start)…');
    await seedDemo(db, { onProgress: (done, total, label) => log(`  [${done}/${total}] ${label}`) });
    seeded = true;
  }
  // The synthetic school survey (three waves, ~7,000 respondents each) for the follow-up; it checks
  // for itself whether it is there, so data folders from before it existed get it too.
  const survey = await seedDemoSurvey(db, {
    onProgress: (done, total, label) => log(`  survey [${done}/${total}] ${label}`),
  });
  if (!survey.alreadySeeded) log(`demo school survey loaded (${survey.respondents} respondents)`);
  // The planner's statistics for what was just written: PGlite has no autovacuum, so without this
  // the embedded demo would plan every query from default estimates for as long as it lives.
  if (seeded || !survey.alreadySeeded) {
    const started = performance.now();
    await db.ownerTransaction((tx) => tx.query('ANALYZE'));
    log(`planner statistics gathered (${Math.round(performance.now() - started)} ms)`);
  }
}

/** Starts the server: migrate, seed in demo mode, listen, anchor the audit head periodically. */
export async function startServer(
  config: AppConfig,
  log: (msg: string) => void = console.log,
): Promise<BuiltApp & { close: () => Promise<void> }> {
  const db = await openMigratedDb(config, log);
  if (config.mode === 'demo') await ensureDemoData(db, log);
  await db.useAppRole();
  const built = await buildApp(config, db);
  const timer = setInterval(() => {
    anchorChainHead(db, config.audit.anchorFile).catch((err: Error) =>
      built.app.log.error({ errName: err.name }, 'audit anchoring failed'),
    );
  }, config.audit.anchorIntervalMs);
  timer.unref();
  await built.app.listen({ port: config.port, host: config.host });
  const close = async () => {
    clearInterval(timer);
    await built.app.close();
    await anchorChainHead(db, config.audit.anchorFile).catch(() => undefined);
    await db.close();
  };
  return { ...built, close };
}
