// The OpenAPI document (generated from the routes' zod schemas) and its UI at /api/docs: the
// document's title, description and tags, one per area of the API.

import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { AppConfig } from './app-config.js';

export async function registerOpenApi(app: FastifyInstance, config: AppConfig): Promise<void> {
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
          name: 'assistance',
          description:
            "Bringing in another service (samordningsfunktion): the coordinator's request for assistance on a consent or a legal basis, and the receiving unit lead's answer (accept naming who joins the team, or decline)",
        },
        {
          name: 'admin',
          description:
            "Administration: an organisation's system and unit administrators keep units, people and assignments (role at a unit, from–to) by hand beside the imported sources — ending, never deleting; every change audited; no child data",
        },
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
}
