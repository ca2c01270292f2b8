import { systemClock } from './clock.js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from './app-config.js';
import type { AppContext } from './context.js';
import type { Db } from './db/client.js';
import { AuditWriter } from './audit/writer.js';
import { installErrorHandler } from './http/errors.js';
import { installSecurityHeaders } from './http/security.js';
import { installCsrfHook, installSessionHook } from './http/session-hook.js';
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
import { reportRoutes } from './modules/reports/routes.js';
import { logReviewRoutes } from './modules/logreview/routes.js';
import { installRateLimits } from './http/rate-limit.js';
import { createLogger } from './logger.js';

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

  const audit = new AuditWriter(db, config.audit.maxBatchEvents);
  const ctx: AppContext = { config, db, audit, now: opts.now ?? systemClock };
  app.addHook('onClose', async () => {
    await audit.close();
  });

  await app.register(fastifyCookie);
  installErrorHandler(app);
  installSecurityHeaders(app, config);
  installCsrfHook(app, ctx);
  installSessionHook(app, ctx);
  installRateLimits(app, config, ctx.now);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Barnkompass API',
        version: '0.1.0',
        description:
          'Every route under /api/children reads child data through one access gate and one audit. No access and no such child look the same (404). Personal identity numbers travel only in request bodies.',
      },
      tags: [
        { name: 'children', description: "Children's data (access-controlled and audited)" },
        {
          name: 'concerns',
          description:
            'Noticing (uppmärksamma): concerns about a child, their five questions and decisions (versioned: ETag / If-Match)',
        },
        { name: 'chronology', description: "A child's shared, append-only chronology of significant events" },
        {
          name: 'wheel',
          description:
            'Map (kartlägga): wellbeing-wheel assessments per perspective over time, with My World Triangle and Resilience Matrix (versioned: ETag / If-Match; never a total score)',
        },
        {
          name: 'plan',
          description:
            "Collaborate (samarbeta): the child's plan — services, needs, goals, actions, the child's voice, guardians' views, disagreements, level with history — and two-step handover of the coordinator and barnets bästa-ansvarig roles; network meetings with decisions, reviews with coded outcomes, closing and reopening (versioned: ETag / If-Match)",
        },
        { name: 'todo', description: 'My to-do list across the children I may see' },
        {
          name: 'consultation',
          description:
            "Anonymous consultation (konsultationsteam): cases without personal data, the team's advice, and linking to a named child after consent",
        },
        {
          name: 'attendance',
          description:
            'School attendance (närvaro): CSV import per school and period, absence thresholds, and attendance alerts for a person to review',
        },
        {
          name: 'reports',
          description:
            "Orosanmälan: reports of concern to the social services of the child's municipality (never dependent on consent; the reporter is never shown to the family), social services' inbox, receipt and feedback to the reporter",
        },
        {
          name: 'log-review',
          description:
            "Log review (logguppföljning): random and rule-based samples of the audit with documented outcomes, and the family's log extract of who accessed a child's data",
        },
        {
          name: 'followup',
          description:
            'Population follow-up (uppföljning): published, suppressed aggregates of the school survey by wheel indicator — overview, drill-down, equity, school profile. Anonymous aggregates only, never microdata',
        },
        {
          name: 'privacy',
          description:
            'Consent, secrecy domains, disclosures under a legal basis (versioned catalogue) and break-glass emergency access',
        },
        {
          name: 'followup-admin',
          description:
            'Population follow-up, analyst side: survey imports with column mapping and progress, population counts and response rates, aggregated tables from others, operational series, indicator definitions (versioned), Kolada KPIs and runs, CSV/PDF exports of published (suppressed) numbers. Analysts manage; managers read.',
        },
        { name: 'session', description: 'Login session and the assignment the user acts in' },
        { name: 'dev', description: 'Demo mode only' },
        { name: 'system', description: 'Health and API description' },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: config.session.cookieName } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: false,
    uiConfig: { docExpansion: 'list' },
  });

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
  await app.register(oidcRoutes(ctx));
  if (config.mode === 'demo') await app.register(devRoutes(ctx));
  if (config.benchEndpoints) await app.register(benchRoutes(ctx));

  // The web UI: static files, and index.html for client-side routes. Everything else unknown is
  // the same 404 as "no access".
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

  return { app, ctx, routes };
}
