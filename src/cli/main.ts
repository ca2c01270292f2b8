import { systemClock } from '../server/clock.js';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig } from '../server/app-config.js';
import { ensureDemoData, openMigratedDb, startServer } from '../server/start.js';
import { verifyAuditChain } from '../server/audit/verify.js';
import { anchorChainHead } from '../server/audit/anchor.js';
import { seedDemo, isDemoSeeded } from '../server/demo/seed.js';
import { seedDemoSurvey } from '../server/demo/demo-survey.js';
import { progressReporter } from './progress.js';
import { ensureWebBuilt } from './web-build.js';
import { statsPublish } from './stats-publish.js';
import { importKoladaCli } from './kolada.js';
import { importSs12000Cli } from './import-ss12000.js';
import { importPeopleCli, importPopulationCli } from './import-files.js';
import { grantCli } from './grant.js';
import { purgeExpired } from '../server/modules/logreview/retention.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const HELP = `barnkompass — early, coordinated support to every child

Usage: barnkompass <command> [options]

Commands:
  serve            Build the web UI if needed, migrate, seed the demo county on first start
                   (demo mode), and serve on PORT (default 3000).
  migrate          Apply pending database migrations.
  seed-demo        Load the fictional demo county (idempotent).
  grant system-admin --login LOGIN --unit UNIT
                   Make an imported person the first system administrator, at an administration
                   unit (its id in the people file); after that, administrators are made in the UI.
  audit verify     Walk the audit hash chain and its anchors; name the first broken row.
  audit anchor     Copy the current chain head outside the audit table now.
  retention purge [--dry-run]
                   Delete what is past its retention: log-review samples (RETENTION_LOG_REVIEW_YEARS),
                   ended sessions (RETENTION_SESSION_DAYS). Never audit events: they are append-only
                   and kept at least 5 years (RETENTION_AUDIT_YEARS cannot be set lower).
  stats publish FILE.csv [--positive "A,B"] [--rules default|skolinspektionen]
                   Publish an aggregated table (CSV header group,option,count) with shares,
                   Wilson 95 % intervals and small-cell suppression; JSON on stdout.
  import kolada [--kpi N17625,N09890] [--years 2020-2023] [--base-url URL] [--full]
                   Import KPI metadata and values from the Kolada API v3 for the Kronoberg
                   municipalities (incremental from the last successful run unless --full).
  import ss12000 --base-url URL [--token TOKEN] [--since ISO-TIME] [--feed NAME] [--dry-run]
                   Schools, preschools, staff, pupils, guardians and class groups from the school
                   administration system's SS 12000 API; forms the pupils' teams. JSON on stdout.
  import people FILE [--feed NAME] [--dry-run]
                   Staff, units and assignments of other services (HR/HSA export, CSV or JSON).
  import population FILE [--feed NAME] [--dry-run]
                   Children, guardians, custody and BVC listing from the population register.
                   --feed names which of the county's sources of that kind it is (each school
                   system, each employer's export): a full run ends only what its own feed no
                   longer has. The formats: docs/import-formats.md.

Environment:
  PORT, HOST               where to listen (3000, 0.0.0.0)
  BARNKOMPASS_DATA         data folder for the embedded database (./data)
  DATABASE_URL             postgres://… to use PostgreSQL instead of embedded PGlite
  NODE_ENV=production      real OIDC login only; no demo users, no /api/dev
  OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_SCOPES   the identity provider
  PUBLIC_URL               the URL users reach the app at (http://localhost:PORT)
  KOLADA_BASE_URL          Kolada API v3 base URL (https://api.kolada.se/v3)
  SS12000_TOKEN            bearer token for import ss12000 (instead of --token)

Options:
  -h, --help       Show this help.
`;

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: 'boolean', short: 'h' }, positive: { type: 'string' }, rules: { type: 'string' } },
  });
  const [command, sub] = positionals;
  if (values.help || !command || command === 'help') {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 1;
  }
  if (command === 'stats') {
    // Pure computation on a file: no database, no configuration.
    if (sub !== 'publish') {
      process.stderr.write(
        'usage: barnkompass stats publish FILE.csv [--positive "A,B"] [--rules default|skolinspektionen]\n',
      );
      return 2;
    }
    return statsPublish({
      file: positionals[2],
      positive: values.positive as string | undefined,
      rules: values.rules as string | undefined,
    });
  }
  const config = loadConfig();
  const log = (m: string) => process.stderr.write(`${m}\n`);
  switch (command) {
    case 'serve':
      return serve(config, log);
    case 'migrate': {
      const db = await openMigratedDb(config, log);
      await db.close();
      log('database is up to date');
      return 0;
    }
    case 'seed-demo':
      return seedDemoCommand(config, log);
    case 'audit':
      return auditCommand(config, sub, log);
    case 'retention':
      return retentionCommand(config, sub, argv, log);
    case 'import':
      return importCommand(sub, argv, config, log);
    case 'grant':
      return grantCli(argv, config, log);
    default:
      log(`unknown command: ${command}\n`);
      process.stdout.write(HELP);
      return 1;
  }
}

type Log = (m: string) => void;

async function importCommand(sub: string | undefined, argv: string[], config: AppConfig, log: Log): Promise<number> {
  if (sub === 'ss12000') return importSs12000Cli(argv, config, log);
  if (sub === 'people' || sub === 'population') {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: false,
      options: { 'dry-run': { type: 'boolean' }, feed: { type: 'string' } },
    });
    const feed = typeof values.feed === 'string' ? values.feed : undefined;
    const opts = { file: positionals[2], dryRun: values['dry-run'] === true, feed };
    return sub === 'people' ? importPeopleCli(opts, { config, log }) : importPopulationCli(opts, { config, log });
  }
  return importKoladaCli(argv, config, log);
}

async function serve(config: AppConfig, log: Log): Promise<number> {
  const started = Date.now();
  await ensureWebBuilt(ROOT, config.webDistDir, log);
  const server = await startServer(config, log);
  log(
    `Barnkompass is ready on ${config.publicUrl} (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}, ${config.mode} mode) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const stop = async () => {
    log('shutting down…');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return await new Promise<number>(() => undefined);
}

async function seedDemoCommand(config: AppConfig, log: Log): Promise<number> {
  if (config.mode === 'production') {
    log('refusing to load demo data with NODE_ENV=production');
    return 2;
  }
  const db = await openMigratedDb(config, log);
  if (await isDemoSeeded(db)) log('the demo county is already loaded');
  else {
    const p = progressReporter('seeding');
    await seedDemo(db, { onProgress: (d, t, l) => p.update(d, t, l) });
    p.done('demo county loaded');
  }
  const ps = progressReporter('demo school survey');
  const survey = await seedDemoSurvey(db, { onProgress: (d, t, l) => ps.update(d, t, l) });
  ps.done(
    survey.alreadySeeded
      ? 'the demo school survey is already loaded'
      : `demo school survey loaded (${survey.respondents} respondents)`,
  );
  await db.close();
  return 0;
}

async function auditCommand(config: AppConfig, sub: string | undefined, log: Log): Promise<number> {
  const db = await openMigratedDb(config);
  try {
    if (sub === 'verify') {
      const p = progressReporter('verifying audit chain');
      const result = await verifyAuditChain(db, {
        anchorFile: config.audit.anchorFile,
        onProgress: (c, t) => p.update(c, t),
      });
      p.done();
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      if (!result.ok) log(`audit chain BROKEN at row seq=${result.firstBroken!.seq} (${result.firstBroken!.reason})`);
      else log(`audit chain intact: ${result.rowsChecked} rows, ${result.anchorsChecked} anchors`);
      return result.ok ? 0 : 1;
    }
    if (sub === 'anchor') {
      const a = await anchorChainHead(db, config.audit.anchorFile);
      log(a ? `anchored head at seq ${a.seq}` : 'nothing new to anchor');
      return 0;
    }
    log('usage: barnkompass audit verify|anchor');
    return 1;
  } finally {
    await db.close();
  }
}

async function retentionCommand(config: AppConfig, sub: string | undefined, argv: string[], log: Log): Promise<number> {
  if (sub !== 'purge') {
    log('usage: barnkompass retention purge [--dry-run]');
    return 2;
  }
  const db = await openMigratedDb(config);
  try {
    await db.useAppRole();
    const result = await purgeExpired(db, config.retention, systemClock(), { dryRun: argv.includes('--dry-run') });
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } finally {
    await db.close();
  }
}

export { ensureDemoData };
