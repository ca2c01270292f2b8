import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IndicatorBody,
  IndicatorKey,
  IndicatorList,
  IndicatorPatch,
  IndicatorSchema,
  InstrumentDetail,
  InstrumentId,
  InstrumentList,
} from '../../../../contract/followup-admin.js';
import { ErrorResponse } from '../../../../contract/errors.js';
import { requireIfMatch, setEtag } from '../../../http/versioning.js';
import { createIndicator, getIndicator, listIndicators, updateIndicator } from './indicators.js';
import { instrumentDetail, listInstruments } from './instruments.js';
import { ANALYST, actorFor, E, type FollowupParts, guard, requestedBy, TAG } from './route-kit.js';

const indicatorParams = z.object({ instrumentId: InstrumentId, key: IndicatorKey });

/** Instruments and indicator definitions (versioned). */
export function registerIndicatorRoutes(app: Parameters<FastifyPluginAsyncZod>[0], parts: FollowupParts): void {
  // ---------- instruments and indicators ----------

  app.get(
    '/api/followup-admin/instruments',
    {
      onRequest: guard('analyst'),
      schema: {
        tags: [TAG],
        summary: 'Survey instruments',
        description: ANALYST,
        response: { 200: InstrumentList, ...E },
      },
    },
    async (req) => {
      actorFor(req, 'analyst');
      return listInstruments(parts.db);
    },
  );

  app.get(
    '/api/followup-admin/instruments/:instrumentId',
    {
      onRequest: guard('analyst'),
      schema: {
        tags: [TAG],
        summary: 'An instrument: items with codebooks per version, waves',
        description: ANALYST,
        params: z.object({ instrumentId: InstrumentId }),
        response: { 200: InstrumentDetail, ...E },
      },
    },
    async (req) => {
      actorFor(req, 'analyst');
      return instrumentDetail(parts.db, req.params.instrumentId);
    },
  );

  app.get(
    '/api/followup-admin/instruments/:instrumentId/indicators',
    {
      onRequest: guard('analyst'),
      schema: {
        tags: [TAG],
        summary: 'Indicator definitions (enabled and disabled)',
        description: ANALYST,
        params: z.object({ instrumentId: InstrumentId }),
        response: { 200: IndicatorList, ...E },
      },
    },
    async (req) => {
      actorFor(req, 'analyst');
      return listIndicators(parts.db, req.params.instrumentId);
    },
  );

  app.post(
    '/api/followup-admin/instruments/:instrumentId/indicators',
    {
      onRequest: guard('analyst'),
      schema: {
        tags: [TAG],
        summary: 'Create an indicator definition',
        description: `Validated against the instrument (items, answer codes per item version, universe, grades): 400 details.problems lists everything to fix. 409 when the key is taken. With an ETag. Audited. ${ANALYST}`,
        params: z.object({ instrumentId: InstrumentId }),
        body: IndicatorBody,
        response: { 201: IndicatorSchema, ...E, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const created = await createIndicator(
        parts.db,
        requestedBy(parts, req, 'analyst'),
        req.params.instrumentId,
        req.body,
      );
      setEtag(reply, created.version);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/followup-admin/instruments/:instrumentId/indicators/:key',
    {
      onRequest: guard('analyst'),
      schema: {
        tags: [TAG],
        summary: 'One indicator definition (with an ETag)',
        description: ANALYST,
        params: indicatorParams,
        response: { 200: IndicatorSchema, ...E },
      },
    },
    async (req, reply) => {
      actorFor(req, 'analyst');
      const ind = await getIndicator(parts.db, req.params.instrumentId, req.params.key);
      setEtag(reply, ind.version);
      return ind;
    },
  );

  app.patch(
    '/api/followup-admin/instruments/:instrumentId/indicators/:key',
    {
      onRequest: guard('analyst'),
      schema: {
        tags: [TAG],
        summary: 'Change, enable or disable an indicator',
        description: `Needs If-Match (428 without; 412 with the current definition when someone changed it first). The merged definition is validated against the instrument (400 details.problems). Audited. ${ANALYST}`,
        params: indicatorParams,
        body: IndicatorPatch,
        response: { 200: IndicatorSchema, ...E, 412: ErrorResponse, 428: ErrorResponse },
      },
    },
    async (req, reply) => {
      const by = requestedBy(parts, req, 'analyst');
      const ind = await updateIndicator(
        parts.db,
        by,
        { instrumentId: req.params.instrumentId, key: req.params.key, ifMatch: requireIfMatch(req) },
        req.body,
      );
      setEtag(reply, ind.version);
      return ind;
    },
  );
}
