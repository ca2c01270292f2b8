import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { KoladaRunRequest, JobStarted, KpiPage, MunicipalityCode } from '../../../../contract/followup-admin.js';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { ErrorResponse } from '../../../../contract/errors.js';
import { renderHtmlToPdf } from '../../../pdf/render.js';
import { auditExport, exportData, exportQuery } from './export-data.js';
import { exportCsv, reportHtml } from './exports.js';
import { kpiPage } from './kpis.js';
import { ANALYST, actorFor, E, type FollowupParts, guard, READER, requestedBy, TAG } from './route-kit.js';

/** The Kolada KPI page and runs, and the CSV/PDF exports of published numbers. */
export function registerKpiAndExportRoutes(
  app: Parameters<FastifyPluginAsyncZod>[0],
  ctx: Pick<AppContext, 'audit' | 'now'>,
  parts: FollowupParts,
): void {
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
      return kpiPage(parts.db, parts.cube, req.query.municipality);
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
      reply.code(202).send({ jobId: parts.kolada.start(requestedBy(parts, req, 'analyst'), req.body).id }),
  );

  // ---------- exports ----------

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
      const by = requestedBy(parts, req, 'reader');
      const { name, rows } = await exportData(
        parts,
        req.query.instrumentId,
        req.params.municipalityCode,
        req.query.indicators,
        req.query.years?.map(Number),
      );
      const csv = exportCsv(rows, name);
      await auditExport(
        ctx,
        by,
        req.params.municipalityCode,
        'csv',
        req.query,
        req.query.years?.join(',') ?? 'all',
        rows.length,
      );
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
      const by = requestedBy(parts, req, 'reader');
      const { shown, stored, name, rows } = await exportData(
        parts,
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
      const page = await kpiPage(parts.db, parts.cube, req.params.municipalityCode);
      const kpis = page.kpis
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
      await auditExport(
        ctx,
        by,
        req.params.municipalityCode,
        'pdf',
        req.query,
        String(year),
        rows.filter((r) => r.year === year).length,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="uppfoljning-${req.params.municipalityCode}-${year}.pdf"`)
        .send(bytes as never);
    },
  );
}
