import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../../core/errors.js';
import { DEMO_INSTRUMENT_ID } from '../../../../core/followup/index.js';
import type { AppContext } from '../../../context.js';
import { ErrorResponse } from '../../../http/schemas.js';
import { requireAssignment } from '../../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../../http/versioning.js';
import { acquirePdfRenderer, renderHtmlToPdf } from '../../../pdf/render.js';
import { publishedFollowupFor } from '../published.js';
import { exportCsv, exportRows, reportHtml } from './exports.js';
import * as repo from './repo.js';
import {
  AggregateImportRequest,
  AggregateImportResult,
  AggregateTableMetaSchema,
  IndicatorBody,
  IndicatorKey,
  IndicatorList,
  IndicatorPatch,
  IndicatorSchema,
  InstrumentDetail,
  InstrumentId,
  InstrumentList,
  JobStarted,
  JobStatus,
  KoladaRunRequest,
  KpiPage,
  MunicipalityCode,
  OperationalImportRequest,
  OperationalImportResult,
  OperationalSeriesList,
  PopulationImportRequest,
  PopulationImportResult,
  PublishedAggregateTable,
  ResponseRateTable,
  SurveyImportList,
  SurveyImportRequest,
  UploadChunkRequest,
  UploadColumns,
  UploadProgress,
  UploadStarted,
  UploadStartRequest,
} from '../../../../contract/followup-admin.js';
import { FollowupAdminService, requireRole, type Access } from './service.js';

const TAG = 'followup-admin';
const ANALYST = 'Analysts only (403 details.reason = role for every other role; 401 without a session).';
const READER = 'Analysts and managers (403 details.reason = role for every other role; 401 without a session).';
const E = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } as const;
const CSV_BODY_LIMIT = 8 * 1024 * 1024;
const instrumentQuery = z.object({ instrumentId: InstrumentId.default(DEMO_INSTRUMENT_ID) });
const uploadParams = z.object({ uploadId: z.uuid() });
const indicatorParams = z.object({ instrumentId: InstrumentId, key: IndicatorKey });
const list = (re: RegExp) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      const parts = s.split(',').map((x) => x.trim());
      if (parts.some((p) => !re.test(p))) {
        ctx.addIssue({ code: 'custom', message: 'a comma-separated list' });
        return z.NEVER;
      }
      return parts;
    });

export function followupAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new FollowupAdminService(ctx);
  return async (app) => {
    const pdf = acquirePdfRenderer(ctx.config.chromiumPath);
    app.addHook('onClose', async () => {
      await service.close();
      await pdf.release();
    });
    /** Role check before the body is parsed and validated: 401/403 come first, whatever the body. */
    const guard = (access: Access) => async (req: FastifyRequest) => {
      requireRole(requireAssignment(req), access);
    };
    const actorFor = (req: Parameters<typeof requireAssignment>[0], access: Access) => {
      const actor = requireAssignment(req);
      requireRole(actor, access);
      return actor;
    };

    // ---------- survey files: upload, columns, import job ----------

    app.post(
      '/api/followup-admin/uploads',
      {
        onRequest: guard('analyst'),
        schema: {
          tags: [TAG],
          summary: 'Start uploading a survey file (CSV or XLSX)',
          description: `The file goes to the server in parts (JSON, base64) and is kept there — under the data folder, never served back — until it is imported, discarded, or an hour passes. ${ANALYST}`,
          body: UploadStartRequest,
          response: { 201: UploadStarted, ...E, 413: ErrorResponse },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await service.startUpload(actorFor(req, 'analyst'), req.body.fileName, req.body.sizeBytes)),
    );

    app.post(
      '/api/followup-admin/uploads/:uploadId/chunks',
      {
        onRequest: guard('analyst'),
        bodyLimit: 3 * 1024 * 1024,
        schema: {
          tags: [TAG],
          summary: 'Send the next part of an uploaded file',
          description: `Parts must come in order: offset = the bytes received so far (409 with details.receivedBytes otherwise). At most 1 MiB per part. ${ANALYST}`,
          params: uploadParams,
          body: UploadChunkRequest,
          response: { 200: UploadProgress, ...E, 409: ErrorResponse, 413: ErrorResponse },
        },
      },
      async (req) => service.appendChunk(actorFor(req, 'analyst'), req.params.uploadId, req.body.offset, req.body.data),
    );

    app.get(
      '/api/followup-admin/uploads/:uploadId/columns',
      {
        onRequest: guard('analyst'),
        schema: {
          tags: [TAG],
          summary: "An uploaded file's columns and a proposed mapping",
          description: `The header row only (no values leave the server), the mapping targets (background fields and the instrument's items) and a proposed mapping by name. 400 when the file is empty or neither CSV nor XLSX. ${ANALYST}`,
          params: uploadParams,
          querystring: instrumentQuery,
          response: { 200: UploadColumns, ...E, 409: ErrorResponse },
        },
      },
      async (req) => service.columns(actorFor(req, 'analyst'), req.params.uploadId, req.query.instrumentId),
    );

    app.post(
      '/api/followup-admin/uploads/:uploadId/discard',
      {
        onRequest: guard('analyst'),
        schema: {
          tags: [TAG],
          summary: 'Delete an uploaded file without importing it',
          description: ANALYST,
          params: uploadParams,
          response: { 204: z.null(), ...E, 409: ErrorResponse },
        },
      },
      async (req, reply) => {
        await service.discardUpload(actorFor(req, 'analyst'), req.params.uploadId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/followup-admin/survey-imports',
      {
        onRequest: guard('analyst'),
        schema: {
          tags: [TAG],
          summary: 'Validate or import an uploaded survey file with a column mapping',
          description:
            "Checks the file and the mapping at once (400: details.reason = invalid_file | mapping with the problems), then runs a job (202) whose progress GET /api/followup-admin/jobs/:jobId reports. The job's result: status imported | already_imported (the same bytes were imported before: nothing written) | rejected (errors with onInvalidRows = reject_file: nothing imported) | validated (mode = validate), and the validation summary — counts per error type and examples with line, column and message, never a respondent's values. Imports are audited. " +
            ANALYST,
          body: SurveyImportRequest,
          response: { 202: JobStarted, ...E, 409: ErrorResponse },
        },
      },
      async (req, reply) =>
        reply
          .code(202)
          .send({ jobId: (await service.startSurveyImport(actorFor(req, 'analyst'), req.body, String(req.id))).id }),
    );

    app.get(
      '/api/followup-admin/survey-imports',
      {
        onRequest: guard('analyst'),
        schema: {
          tags: [TAG],
          summary: 'Earlier survey and population imports',
          description: ANALYST,
          querystring: instrumentQuery,
          response: { 200: SurveyImportList, ...E },
        },
      },
      async (req) => {
        actorFor(req, 'analyst');
        return service.listImports(req.query.instrumentId);
      },
    );

    app.get(
      '/api/followup-admin/jobs/:jobId',
      {
        onRequest: guard('analyst'),
        schema: {
          tags: [TAG],
          summary: 'Progress of an import job',
          description: `phase, fraction (0–1), rows and bytes so far; result or error when finished. Only the person who started the job sees it (404 otherwise). ${ANALYST}`,
          params: z.object({ jobId: z.uuid() }),
          response: { 200: JobStatus, ...E },
        },
      },
      async (req) => service.job(actorFor(req, 'analyst'), req.params.jobId),
    );

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
        return service.instruments();
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
        return service.instrument(req.params.instrumentId);
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
        return service.listIndicators(req.params.instrumentId);
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
        const created = await service.createIndicator(
          actorFor(req, 'analyst'),
          req.params.instrumentId,
          req.body,
          String(req.id),
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
        const ind = await service.getIndicator(req.params.instrumentId, req.params.key);
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
        const actor = actorFor(req, 'analyst');
        const ind = await service.updateIndicator(
          actor,
          req.params.instrumentId,
          req.params.key,
          requireIfMatch(req),
          req.body,
          String(req.id),
        );
        setEtag(reply, ind.version);
        return ind;
      },
    );

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
        const r = await service.importPopulation(actorFor(req, 'analyst'), req.body, String(req.id));
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
        return service.responseRates(req.query.instrumentId);
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
        const r = await service.importAggregate(actorFor(req, 'analyst'), req.body, String(req.id));
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
        return service.listAggregates();
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
        return service.publishedAggregate(req.params.tableId);
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
        const r = await service.importOperational(actorFor(req, 'analyst'), req.body, String(req.id));
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
        return service.operationalSeries(req.query.municipality ? [req.query.municipality] : null);
      },
    );

    // ---------- Kolada ----------

    app.get(
      '/api/followup-admin/kpis',
      {
        onRequest: guard('reader'),
        schema: {
          tags: [TAG],
          summary: 'Kolada KPIs and operational series for a municipality, with wheel indicator and goal-chain stage',
          description: `Values by year and gender; Kolada's Privacy status is shown as suppressed (value null). ${READER}`,
          querystring: z.object({ municipality: MunicipalityCode.optional() }),
          response: { 200: KpiPage, ...E },
        },
      },
      async (req) => {
        actorFor(req, 'reader');
        return service.kpiPage(req.query.municipality);
      },
    );

    app.post(
      '/api/followup-admin/kolada-runs',
      {
        onRequest: guard('analyst'),
        schema: {
          tags: [TAG],
          summary: 'Start a Kolada import run',
          description: `Runs the Kolada importer (incremental unless full) as a job: 202 with the job id (409 while another run is going); GET /api/followup-admin/jobs/:jobId reports progress and the run summary. Audited. ${ANALYST}`,
          body: KoladaRunRequest,
          response: { 202: JobStarted, ...E, 409: ErrorResponse },
        },
      },
      async (req, reply) =>
        reply.code(202).send({ jobId: service.startKoladaRun(actorFor(req, 'analyst'), req.body, String(req.id)).id }),
    );

    // ---------- exports ----------

    const exportQuery = z.object({
      instrumentId: InstrumentId.default(DEMO_INSTRUMENT_ID),
      indicators: list(/^[a-z][a-z0-9_]*$/),
      years: list(/^[0-9]{4}$/),
    });
    /** Rows of the tables the read API publishes (one snapshot, the API's protected path; see exports.ts). */
    async function exportData(instrumentId: string, municipality: string, indicatorKeys?: string[], years?: number[]) {
      const shown = await publishedFollowupFor(ctx.db).shownTables(instrumentId);
      const snap = shown.snapshot;
      const stored = shown.instrument;
      const names = await ctx.db.transaction((tx) => repo.municipalityNames(tx));
      if (!names.has(municipality)) throw new AppError('not_found', 'No such municipality in this county.');
      const unknown = (indicatorKeys ?? []).filter((k) => !snap.indicators.some((i) => i.key === k));
      if (unknown.length > 0)
        throw new AppError('bad_request', `Unknown or disabled indicators: ${unknown.join(', ')}.`);
      const indicators = indicatorKeys ? snap.indicators.filter((i) => indicatorKeys.includes(i.key)) : snap.indicators;
      const rows = exportRows(shown, indicators, stored.waves, municipality, years);
      return { shown, stored, name: names.get(municipality)!, rows };
    }
    /** Who exported what: committed before the file is sent (a failed audit = no file). */
    const auditExport = (
      req: FastifyRequest,
      actor: ReturnType<typeof requireAssignment>,
      format: 'csv' | 'pdf',
      q: { instrumentId: string; indicators?: string[] | undefined },
      years: string,
      rows: number,
    ) =>
      service.auditExport(actor, String(req.id), (req.params as { municipalityCode: string }).municipalityCode, {
        format,
        instrument: q.instrumentId,
        indicators: q.indicators?.join(',') ?? 'all',
        years,
        rows,
      });

    app.get(
      '/api/followup-admin/exports/:municipalityCode/csv',
      {
        onRequest: guard('reader'),
        schema: {
          tags: [TAG],
          summary: 'CSV of published follow-up tables for a municipality',
          description: `County and municipality per grade and wave, and the municipality by gender, for the chosen indicators (default: all enabled). Every number is what the read API (/api/followup) publishes — the same tables, with the protection of linked tables across areas — so a cell the API hides is empty here with the status in words. UTF-8 with BOM, semicolon, decimal comma (Swedish Excel). Audited (followup.export) before the file is sent. ${READER}`,
          params: z.object({ municipalityCode: MunicipalityCode }),
          querystring: exportQuery,
          response: { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (req, reply) => {
        const actor = actorFor(req, 'reader');
        const { name, rows } = await exportData(
          req.query.instrumentId,
          req.params.municipalityCode,
          req.query.indicators,
          req.query.years?.map(Number),
        );
        const csv = exportCsv(rows, name);
        await auditExport(req, actor, 'csv', req.query, req.query.years?.join(',') ?? 'all', rows.length);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="uppfoljning-${req.params.municipalityCode}.csv"`)
          .send(csv as never);
      },
    );

    app.get(
      '/api/followup-admin/exports/:municipalityCode/pdf',
      {
        onRequest: guard('reader'),
        schema: {
          tags: [TAG],
          summary: 'Per-municipality follow-up report (tagged PDF, Swedish)',
          description: `Response rates, every enabled indicator of the latest wave (or ?years=YYYY) by wheel indicator with CI, n, the county and the difference from the rest of the county, and the latest Kolada values. Only numbers the read API publishes (the same protected tables). Audited (followup.export) before the file is sent. ${READER}`,
          params: z.object({ municipalityCode: MunicipalityCode }),
          querystring: exportQuery,
          response: { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (req, reply) => {
        const actor = actorFor(req, 'reader');
        const { shown, stored, name, rows } = await exportData(
          req.query.instrumentId,
          req.params.municipalityCode,
          req.query.indicators,
        );
        const year = req.query.years
          ? Math.max(...req.query.years.map(Number))
          : stored.waves[stored.waves.length - 1]!.year;
        const rates = shown
          .responseRates()
          .filter((r) => r.municipality === req.params.municipalityCode && r.school === null);
        const kpiPage = await service.kpiPage(req.params.municipalityCode);
        const kpis = kpiPage.kpis
          .map((k) => {
            const totals = k.values.filter((v) => v.gender === 'T').sort((a, b) => b.period - a.period);
            return {
              id: k.id,
              title: k.title,
              latest: totals[0] ? { period: totals[0].period, value: totals[0].value, status: totals[0].status } : null,
            };
          })
          .filter((k) => k.latest !== null);
        const html = reportHtml({
          municipalityName: name,
          instrumentName: stored.instrument.name,
          year,
          rows,
          responseRates: rates,
          kpis,
          generatedOn: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long' }).format(
            ctx.now(),
          ),
        });
        const title = `Uppföljning ${year} – ${name}`;
        const bytes = await renderHtmlToPdf(html, { lang: 'sv', title });
        await auditExport(req, actor, 'pdf', req.query, String(year), rows.filter((r) => r.year === year).length);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="uppfoljning-${req.params.municipalityCode}-${year}.pdf"`,
          )
          .send(bytes as never);
      },
    );
  };
}
