import { parseArgs } from 'node:util';
import type { AppConfig } from '../server/app-config.js';
import { systemClock } from '../server/clock.js';
import { GrantRefused, grantSystemAdmin } from '../server/modules/admin/bootstrap.js';
import { openMigratedDb } from '../server/start.js';

export const GRANT_USAGE = `usage: barnkompass grant system-admin --login LOGIN --unit UNIT
  --login  the person's login: the subject the identity provider sends (the people file's login_id)
  --unit   an administration unit: its id in the people file, or its Barnkompass id
The first system administrator of a new installation; after that, administrators are made in the UI.
`;

/** `barnkompass grant system-admin`: exit 2 on a usage error, 1 when refused, 0 when done (JSON on stdout). */
export async function grantCli(argv: string[], config: AppConfig, log: (m: string) => void): Promise<number> {
  let login: string;
  let unit: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { login: { type: 'string' }, unit: { type: 'string' } },
    });
    if (positionals[1] !== 'system-admin' || positionals.length !== 2)
      throw new Error('what to grant: system-admin is the only grant');
    if (!values.login?.trim()) throw new Error('--login is required');
    if (!values.unit?.trim()) throw new Error('--unit is required');
    login = values.login.trim();
    unit = values.unit.trim();
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    process.stderr.write(GRANT_USAGE);
    return 2;
  }
  const db = await openMigratedDb(config, log);
  try {
    await db.useAppRole();
    const issuer = config.oidc.issuer ?? null;
    const result = await grantSystemAdmin(db, { login, unit, issuer, now: systemClock() });
    process.stdout.write(`${JSON.stringify({ grant: 'system_admin', ...result })}\n`);
    log(result.created ? 'grant: done, audited' : 'grant: already a system administrator there; nothing changed');
    return 0;
  } catch (err) {
    if (err instanceof GrantRefused) {
      log(`barnkompass: grant refused: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}
