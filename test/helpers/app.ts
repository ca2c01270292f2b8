import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type AppConfig } from '../../src/server/app-config.js';
import type { AppContext } from '../../src/server/context.js';
import { runningClock } from './clock.js';
import { openTestDb, type TestDb, type TestDbKind } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  tdb: TestDb;
  config: AppConfig;
  routes: { method: string; url: string }[];
  /** Logs in through POST /api/dev/login and returns the Cookie header value. */
  login(username: string, assignmentId?: string): Promise<string>;
  /** The app's clock now. */
  now(): Date;
  /**
   * Stops the app's clock at `d` (session timeouts, team validity, due dates); `null` lets it run
   * again from where it started (the run's fixed instant, or the real time for a real-clock app).
   */
  setNow(d: Date | null): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * 'fixed' (the default): the clock starts at the run's fixed instant (`testNow()`, on the day the
   * template was seeded for) and runs on from there. 'real': the wall clock, for servers that a
   * browser or an identity provider talks to in real time.
   */
  clock?: 'fixed' | 'real';
}

export async function createTestApp(
  kind: TestDbKind,
  env: Record<string, string> = {},
  opts: TestAppOptions = {},
): Promise<TestApp> {
  const tdb = await openTestDb(kind);
  await tdb.db.useAppRole();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BARNKOMPASS_WEB_DIST: inject('webDist'),
    AUDIT_ANCHOR_FILE: '',
    ...env,
  });
  config.audit.anchorFile = undefined;
  const running = opts.clock === 'real' ? runningClock(new Date()) : runningClock();
  let stopped: Date | null = null;
  const now = () => stopped ?? running();
  const { app, ctx, routes } = await buildApp(config, tdb.db, { now });
  await app.ready();
  return {
    app,
    ctx,
    tdb,
    config,
    routes,
    now,
    setNow(d) {
      stopped = d;
    },
    async login(username, assignmentId) {
      const res = await app.inject({ method: 'POST', url: '/api/dev/login', payload: { username } });
      if (res.statusCode !== 200) throw new Error(`dev login failed for ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === config.session.cookieName)!;
      const header = `${cookie.name}=${cookie.value}`;
      if (assignmentId) {
        const r = await app.inject({
          method: 'PUT',
          url: '/api/session/assignment',
          headers: { cookie: header },
          payload: { assignmentId },
        });
        if (r.statusCode !== 204) throw new Error(`assignment selection failed: ${r.statusCode} ${r.body}`);
      }
      return header;
    },
    async close() {
      await app.close();
      await tdb.dispose();
    },
  };
}
