import type { AppConfig } from './app-config.js';
import type { Db } from './db/client.js';
import type { AuditWriter } from './audit/writer.js';

/** What every module gets: configuration, the database and the audit writer. No globals. */
export interface AppContext {
  config: AppConfig;
  db: Db;
  audit: AuditWriter;
  /** Injectable clock: session timeouts and team validity are tested by moving it. */
  now: () => Date;
  /** Set by the OIDC module when the identity provider offers RP-initiated logout. */
  oidcLogoutUrl?: (idToken: string) => Promise<string | null>;
}
