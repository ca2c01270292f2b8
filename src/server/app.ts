import { systemClock } from './clock.js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from './app-config.js';
import type { AppContext } from './context.js';
import type { Db } from './db/client.js';
import { AuditWriter } from './audit/writer.js';
import { installErrorHandler } from './http/errors.js';
import { installSecurityHeaders } from './http/security.js';
import { installCsrfHook, installSessionHook } from './http/session-hook.js';
import { installCitizenHook } from './http/citizen-hook.js';
import { childRoutes } from './modules/children/routes.js';
import { wheelRoutes } from './modules/wheel/routes.js';
import { concernRoutes } from './modules/concerns/routes.js';
import { chronologyRoutes } from './modules/chronology/routes.js';
import { todoRoutes } from './modules/todo/routes.js';
import { privacyRoutes } from './modules/privacy/routes.js';
import { planRoutes } from './modules/plan/routes.js';
import { meetingRoutes } from './modules/plan/meetings-routes.js';
import { planPdfRoutes } from './modules/plan/pdf-routes.js';
import { consultationRoutes } from './modules/consultation/routes.js';
import { attendanceRoutes } from './modules/attendance/routes.js';
import { followupRoutes } from './modules/followup/routes.js';
import { sessionRoutes } from './modules/session/routes.js';
import { devRoutes } from './modules/dev/routes.js';
import { benchRoutes } from './modules/dev/bench-routes.js';
import { oidcRoutes } from './auth/oidc-routes.js';
import { familyOidcRoutes } from './auth/family-oidc-routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import { familyPrivacyRoutes } from './modules/privacy/family-routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { logReviewRoutes } from './modules/logreview/routes.js';
import { assistanceRoutes } from './modules/assistance/routes.js';
import { adminRoutes } from './modules/admin/routes.js';
import { installRateLimits } from './http/rate-limit.js';
import { createLogger } from './logger.js';
import { registerOpenApi } from './openapi.js';

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Every route the app serves (the authorization-matrix test enumerates them). */
  routes: { method: string; url: string }[];
}

/**
 * Builds the whole HTTP application on an open, migrated database. Does not listen: main.ts does,
 * and tests use app.inject().
 */
export async function buildApp(
  config: AppConfig,
  db: Db,
  opts: { now?: () => Date; logger?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<BuiltApp> {
  const base: FastifyInstance = Fastify({
    ...(opts.logger === false
      ? { logger: false }
      : { loggerInstance: createLogger(config, opts.logStream) as FastifyBaseLogger }),
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.mode === 'production',
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const routes: BuiltApp['routes'] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Request-Id', String(req.id));
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const audit = new AuditWriter(db, config.audit.maxBatchEvents, opts.now);
  const ctx: AppContext = { config, db, audit, now: opts.now ?? systemClock };
  app.addHook('onClose', async () => {
    await audit.close();
  });

  await app.register(fastifyCookie);
  installErrorHandler(app);
  installSecurityHeaders(app, config);
  installCsrfHook(app, ctx);
  installSessionHook(app, ctx);
  installCitizenHook(app, ctx);
  installRateLimits(app, config, ctx.now);

  await registerOpenApi(app, config);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Ready when the database answers',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => {
      await db.query('SELECT 1');
      return { status: 'ok' as const };
    },
  );

  await registerModules(app, ctx);

  await registerWebUi(app, config);

  return { app, ctx, routes };
}

/** Every module's routes; dev and bench routes only when the configuration turns them on. */
async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const config = ctx.config;
  await app.register(sessionRoutes(ctx));
  await app.register(childRoutes(ctx));
  await app.register(concernRoutes(ctx));
  await app.register(chronologyRoutes(ctx));
  await app.register(todoRoutes(ctx));
  await app.register(consultationRoutes(ctx));
  await app.register(attendanceRoutes(ctx));
  await app.register(followupRoutes(ctx));
  await app.register(wheelRoutes(ctx));
  await app.register(planRoutes(ctx));
  await app.register(meetingRoutes(ctx));
  await app.register(planPdfRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await app.register(logReviewRoutes(ctx));
  await app.register(privacyRoutes(ctx));
  await app.register(assistanceRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(oidcRoutes(ctx));
  await app.register(familyOidcRoutes(ctx));
  await app.register(portalRoutes(ctx));
  await app.register(familyPrivacyRoutes(ctx));
  if (config.mode === 'demo') await app.register(devRoutes(ctx));
  if (config.benchEndpoints) await app.register(benchRoutes(ctx));
}

/**
 * The web UI: static files, and index.html for client-side routes. Everything else unknown is
 * the same 404 as "no access".
 */
async function registerWebUi(app: FastifyInstance, config: AppConfig): Promise<void> {
  const hasWeb = existsSync(path.join(config.webDistDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDistDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.header(
          'Cache-Control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const p = req.url.split('?')[0] ?? '/';
    if (
      hasWeb &&
      req.method === 'GET' &&
      !p.startsWith('/api/') &&
      !p.startsWith('/auth/') &&
      !p.startsWith('/oidc') &&
      !path.extname(p)
    ) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not_found', message: 'Not found or no access', requestId: String(req.id) });
  });
}
