import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AggregateImportRequest,
  AggregateImportResult,
  AggregateTableMetaSchema,
  MunicipalityCode,
  OperationalImportRequest,
  OperationalImportResult,
  OperationalSeriesList,
  PopulationImportRequest,
  PopulationImportResult,
  PublishedAggregateTable,
  ResponseRateTable,
} from '../../../../contract/followup-admin.js';
import { importAggregate } from '../import/aggregate.js';
import { importOperational } from '../import/operational.js';
import { importPopulation } from '../import/population.js';
import { listAggregates, publishedAggregate } from './aggregates.js';
import { responseRates } from './instruments.js';
import { operationalSeries } from './operational-series.js';
import {
  ANALYST,
  actorFor,
  CSV_BODY_LIMIT,
  E,
  type FollowupParts,
  guard,
  instrumentQuery,
  READER,
  requestedBy,
  TAG,
} from './route-kit.js';

/** Population counts and response rates, aggregated tables from others, operational series. */
export function registerTableRoutes(app: Parameters<FastifyPluginAsyncZod>[0], parts: FollowupParts): void {
  // ---------- population counts and response rates ----------

  app.post(
    '/api/followup-admin/population-imports',
    {
      onRequest: guard('analyst'),
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        tags: [TAG],
        summary: 'Import pupils per school, grade and wave (CSV)',
        description: `Columns ar, skolenhetskod, arskurs, elever (kommun optional: else the school's). Any bad row → 400 with every problem by line (details.rowErrors), nothing written. The same file again answers already_imported. Audited. ${ANALYST}`,
        body: PopulationImportRequest,
        response: { 200: PopulationImportResult, 201: PopulationImportResult, ...E },
      },
    },
    async (req, reply) => {
      const r = await importPopulation(parts.db, requestedBy(parts, req, 'analyst'), req.body);
      return reply.code(r.status === 'imported' ? 201 : 200).send(r);
    },
  );

  app.get(
    '/api/followup-admin/response-rates',
    {
      onRequest: guard('reader'),
      schema: {
        tags: [TAG],
        summary: 'Response rates per wave and grade (county and municipalities), low ones flagged',
        description: READER,
        querystring: instrumentQuery,
        response: { 200: ResponseRateTable, ...E },
      },
    },
    async (req) => {
      actorFor(req, 'reader');
      return responseRates(parts.db, parts.cube, req.query.instrumentId);
    },
  );

  // ---------- aggregated tables from others ----------

  app.post(
    '/api/followup-admin/aggregate-tables',
    {
      onRequest: guard('analyst'),
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        tags: [TAG],
        summary: "Import an aggregated table (e.g. Skolinspektionen's Skolenkäten counts)",
        description: `CSV with header group,option,count (the stats publish contract). Bad input → 400 with the line, nothing written. The same file again answers already_imported. Audited. ${ANALYST}`,
        body: AggregateImportRequest,
        response: { 200: AggregateImportResult, 201: AggregateImportResult, ...E },
      },
    },
    async (req, reply) => {
      const r = await importAggregate(parts.db, requestedBy(parts, req, 'analyst'), req.body);
      return reply.code(r.status === 'imported' ? 201 : 200).send(r);
    },
  );

  app.get(
    '/api/followup-admin/aggregate-tables',
    {
      onRequest: guard('reader'),
      schema: {
        tags: [TAG],
        summary: 'Imported aggregated tables',
        description: READER,
        response: { 200: z.object({ tables: z.array(AggregateTableMetaSchema) }), ...E },
      },
    },
    async (req) => {
      actorFor(req, 'reader');
      return listAggregates(parts.db);
    },
  );

  app.get(
    '/api/followup-admin/aggregate-tables/:tableId',
    {
      onRequest: guard('reader'),
      schema: {
        tags: [TAG],
        summary: 'An aggregated table as published (suppressed)',
        description: `The stats publish contract with the table's rule set; suppressed counts are null with one "suppressed" label. ${READER}`,
        params: z.object({ tableId: z.uuid() }),
        response: { 200: PublishedAggregateTable, ...E },
      },
    },
    async (req) => {
      actorFor(req, 'reader');
      return publishedAggregate(parts.db, req.params.tableId);
    },
  );

  // ---------- operational series ----------

  app.post(
    '/api/followup-admin/operational-imports',
    {
      onRequest: guard('analyst'),
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        tags: [TAG],
        summary: 'Import an operational series (orosanmälningar, placements, …) per municipality and period (CSV)',
        description: `Columns kommun, period, varde (and namnare for share series). Series computed from Barnkompass's own data cannot be imported (400). Any bad row → 400 by line, nothing written. Audited. ${ANALYST}`,
        body: OperationalImportRequest,
        response: { 200: OperationalImportResult, 201: OperationalImportResult, ...E },
      },
    },
    async (req, reply) => {
      const r = await importOperational(parts.db, requestedBy(parts, req, 'analyst'), req.body);
      return reply.code(r.status === 'imported' ? 201 : 200).send(r);
    },
  );

  app.get(
    '/api/followup-admin/operational-series',
    {
      onRequest: guard('reader'),
      schema: {
        tags: [TAG],
        summary: 'Operational series per municipality and period (aggregates, small counts suppressed)',
        description: READER,
        querystring: z.object({ municipality: MunicipalityCode.optional() }),
        response: { 200: OperationalSeriesList, ...E },
      },
    },
    async (req) => {
      actorFor(req, 'reader');
      return operationalSeries(parts.db, req.query.municipality ? [req.query.municipality] : null);
    },
  );
}
