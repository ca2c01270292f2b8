import { parseArgs } from 'node:util';
import type { AppConfig } from '../server/app-config.js';
import { systemClock } from '../server/clock.js';
import { Ss12000Client, Ss12000Error } from '../server/modules/directory/ss12000/client.js';
import { syncSs12000 } from '../server/modules/directory/ss12000/sync.js';
import { FEED_NAME } from '../server/modules/directory/store.js';
import { openMigratedDb } from '../server/start.js';

export const SS12000_USAGE = `usage: barnkompass import ss12000 --base-url URL [--token TOKEN] [--since ISO-TIME] [--feed NAME] [--dry-run]
  --base-url  the SS 12000 API of the school administration system (https://…/v2)
  --token     bearer token (or SS12000_TOKEN in the environment, which keeps it out of the process list)
  --since     only what changed after this time (RFC 3339), and what was deleted since; without it a
              full sync, which also ends whatever the source no longer has
  --feed      which of the county's school systems this is (default: default); a full sync ends only
              what this feed no longer has, never what another school system delivered
  --dry-run   do everything and print what would change, then roll back
`;

/** Usage errors exit 2, a run that could not be done exits 1; rejected records do not fail a run. */
export async function importSs12000Cli(argv: string[], config: AppConfig, log: (m: string) => void): Promise<number> {
  let opts: {
    baseUrl: string;
    token: string | undefined;
    since: string | undefined;
    dryRun: boolean;
    feed: string | undefined;
  };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        since: { type: 'string' },
        'dry-run': { type: 'boolean' },
        feed: { type: 'string' },
      },
    });
    if (positionals.length !== 2) throw new Error(`unexpected argument: ${positionals.slice(2).join(' ')}`);
    const baseUrl = values['base-url'];
    if (!baseUrl) throw new Error('--base-url is required');
    if (!/^https?:\/\//.test(baseUrl)) throw new Error('--base-url must be an http(s) URL');
    const since = values.since;
    if (since !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(since) || Number.isNaN(Date.parse(since))))
      throw new Error('--since must be a time such as 2026-12-01T00:00:00Z');
    if (values.feed !== undefined && !FEED_NAME.test(values.feed))
      throw new Error("--feed must be lower-case letters, digits, '.', '_' or '-' (e.g. vaxjo-skolsystem)");
    opts = {
      baseUrl,
      token: values.token ?? (process.env.SS12000_TOKEN || undefined),
      since: since === undefined ? undefined : new Date(since).toISOString(),
      dryRun: values['dry-run'] === true,
      feed: values.feed,
    };
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    process.stderr.write(SS12000_USAGE);
    return 2;
  }
  const client = new Ss12000Client({ baseUrl: opts.baseUrl, token: opts.token });
  const db = await openMigratedDb(config, log);
  try {
    await db.useAppRole();
    log(
      `SS 12000 ${opts.since ? `changes since ${opts.since}` : 'full sync'} from ${new URL(opts.baseUrl).host}${opts.dryRun ? ' (dry run)' : ''}`,
    );
    const summary = await syncSs12000(db, client, {
      since: opts.since,
      dryRun: opts.dryRun,
      feed: opts.feed,
      oidcIssuer: config.oidc.issuer,
      now: systemClock(),
      progress: (m) => log(`ss12000: ${m}`),
    });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    log(`ss12000: done, ${summary.rejected.length} record(s) rejected${opts.dryRun ? ', nothing kept (dry run)' : ''}`);
    return 0;
  } catch (err) {
    log(`barnkompass: SS 12000 import failed: ${err instanceof Error ? err.message : String(err)}`);
    if (err instanceof Ss12000Error && err.kind === 'unavailable')
      log('  Nothing was written. The run can be repeated as it is once the server answers again.');
    else log('  Nothing was written.');
    return 1;
  } finally {
    await db.close();
  }
}
