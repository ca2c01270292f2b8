import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  JobStarted,
  JobStatus,
  SurveyImportList,
  SurveyImportRequest,
  UploadChunkRequest,
  UploadColumns,
  UploadProgress,
  UploadStarted,
  UploadStartRequest,
} from '../../../../contract/followup-admin.js';
import { ErrorResponse } from '../../../../contract/errors.js';
import { ANALYST, actorFor, E, type FollowupParts, guard, instrumentQuery, requestedBy, TAG } from './route-kit.js';

const uploadParams = z.object({ uploadId: z.uuid() });

/** Survey files: upload in parts, columns and a proposed mapping, the import job and its progress. */
export function registerSurveyFileRoutes(app: Parameters<FastifyPluginAsyncZod>[0], parts: FollowupParts): void {
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
        .send(await parts.surveyUploads.startUpload(actorFor(req, 'analyst'), req.body.fileName, req.body.sizeBytes)),
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
    async (req) =>
      parts.surveyUploads.appendChunk(actorFor(req, 'analyst'), req.params.uploadId, req.body.offset, req.body.data),
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
    async (req) => parts.surveyUploads.columns(actorFor(req, 'analyst'), req.params.uploadId, req.query.instrumentId),
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
      await parts.surveyUploads.discardUpload(actorFor(req, 'analyst'), req.params.uploadId);
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
      reply.code(202).send({
        jobId: (await parts.surveyUploads.startSurveyImport(requestedBy(parts, req, 'analyst'), req.body)).id,
      }),
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
      return parts.surveyUploads.listImports(req.query.instrumentId);
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
    async (req) => parts.surveyUploads.job(actorFor(req, 'analyst'), req.params.jobId),
  );
}
