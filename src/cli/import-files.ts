import { type AppConfig, loadConfig } from '../server/app-config.js';
import { systemClock } from '../server/clock.js';
import type { Db } from '../server/db/client.js';
import {
  type FileImportOptions,
  type FileImportSummary,
  runPeopleImport,
  runPopulationImport,
} from '../server/modules/directory/files/run.js';
import { FileFormatError, readSourceFile } from '../server/modules/directory/files/source-file.js';
import { FEED_NAME } from '../server/modules/directory/store.js';
import { openMigratedDb } from '../server/start.js';
import { progressReporter } from './progress.js';

/**
 * `barnkompass import people FILE [--dry-run]` and `barnkompass import population FILE [--dry-run]`:
 * progress on stderr, exactly one JSON object on stdout (the run's summary), exit code 0 whenever
 * the run was done — rejected records included — and non-zero only when it could not be (no file,
 * a file that is not of the format, the database down), with the reason on stderr.
 * docs/import-formats.md describes both files.
 */

export interface ImportFileOptions {
  file: string | undefined;
  dryRun: boolean;
  /** Which of the county's files of this kind (default: `default`). */
  feed?: string | undefined;
}

/** For tests and the demo: a database already open, a fixed clock, and where output goes. */
export interface ImportFileDeps {
  config?: AppConfig;
  db?: Db;
  now?: () => Date;
  stdout?: (text: string) => void;
  log?: (message: string) => void;
}

type Source = 'people' | 'population';

const RUNNERS = { people: runPeopleImport, population: runPopulationImport };
const PHASES = { people: 6, population: 6 };

export function importPeopleCli(opts: ImportFileOptions, deps: ImportFileDeps = {}): Promise<number> {
  return importFileCli('people', opts, deps);
}

export function importPopulationCli(opts: ImportFileOptions, deps: ImportFileDeps = {}): Promise<number> {
  return importFileCli('population', opts, deps);
}

/** An error's message without anything shaped like a personnummer or an organisation number. */
export function safeMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\d{6,8}[-+]?\d{4}/g, '…').replace(/\d{6,}/g, '…');
}

async function importFileCli(source: Source, opts: ImportFileOptions, deps: ImportFileDeps): Promise<number> {
  const log = deps.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const stdout = deps.stdout ?? ((t: string) => process.stdout.write(t));
  if (!opts.file) {
    log(`usage: barnkompass import ${source} FILE [--feed NAME] [--dry-run]   (formats: docs/import-formats.md)`);
    return 2;
  }
  if (opts.feed !== undefined && !FEED_NAME.test(opts.feed)) {
    log(`barnkompass: import ${source}: --feed must be lower-case letters, digits, '.', '_' or '-' (e.g. vaxjo-hr)`);
    return 2;
  }
  let file: Awaited<ReturnType<typeof readSourceFile>>;
  try {
    file = await readSourceFile(opts.file);
  } catch (err) {
    log(`barnkompass: import ${source}: ${safeMessage(err)}`);
    return 1;
  }
  const config = deps.config ?? (deps.db ? undefined : loadConfig());
  let db: Db;
  try {
    db = deps.db ?? (await openAppDb(config as AppConfig, log));
  } catch (err) {
    log(`barnkompass: import ${source}: the database could not be opened: ${safeMessage(err)}`);
    return 1;
  }
  const p = progressReporter(`import ${source}`);
  let phase = 0;
  const options: FileImportOptions = {
    now: deps.now ?? systemClock,
    dryRun: opts.dryRun,
    feed: opts.feed,
    oidcIssuer: config?.oidc.issuer,
    onProgress: (label) => p.update(++phase, PHASES[source], label),
  };
  if (source === 'people' && !options.oidcIssuer)
    log(`import people: no OIDC issuer is configured (OIDC_ISSUER), so the file's login ids are not set`);
  try {
    const summary = await RUNNERS[source](db, file, options);
    p.done(doneLine(source, summary, opts.dryRun));
    stdout(`${JSON.stringify(summary)}\n`);
    return 0;
  } catch (err) {
    p.done();
    log(
      err instanceof FileFormatError
        ? `barnkompass: import ${source}: ${safeMessage(err)}`
        : `barnkompass: import ${source} failed, nothing was imported: ${safeMessage(err)}`,
    );
    return 1;
  } finally {
    if (!deps.db) await db.close();
  }
}

async function openAppDb(config: AppConfig, log: (m: string) => void): Promise<Db> {
  const db = await openMigratedDb(config, log);
  try {
    await db.useAppRole();
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

function doneLine(source: Source, summary: FileImportSummary, dryRun: boolean): string {
  const rejected = summary.rejected.length;
  return `import ${source}: done${rejected > 0 ? `, ${rejected} record(s) rejected (see "rejected")` : ''}${
    dryRun ? ' — dry run: nothing was kept' : ''
  }`;
}
