import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  AUTH_ERRORS,
  INPUT_ERRORS,
  READ_ERRORS,
  VERSIONED_WRITE_ERRORS,
  WRITE_ERRORS,
} from '../../../contract/errors.js';
import { requireAssignment, requireScope } from '../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { ChildId } from '../../../contract/common.js';
import {
  InboxReport,
  InboxReportList,
  MyReport,
  MyReportList,
  ReportFeedbackRequest,
  ReportFromChildRequest,
  ReportFromScratchRequest,
  ReportId,
  ReportOptions,
  ReportView,
} from '../../../contract/reports.js';
import { ReportService } from './service.js';

const reportParams = z.object({ reportId: ReportId });
const NO_ACCESS =
  '404 when the report does not exist, or you neither filed it nor work in the social services that received it (indistinguishable).';
const INBOX =
  "For social services only: a social worker or social services manager acting in a social services unit; they see the reports to their unit's municipality (403 otherwise).";

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new ReportService(ctx);
  return async (app) => {
    app.get(
      '/api/reports/options',
      {
        schema: {
          tags: ['reports'],
          summary: 'What a report of concern needs: municipalities, the statute in force, and what I may do',
          response: { 200: ReportOptions, ...AUTH_ERRORS },
        },
      },
      async (req) => service.options(requireAssignment(req)),
    );

    app.post(
      '/api/children/:childId/reports',
      {
        schema: {
          tags: ['reports'],
          summary: "File a report of concern (orosanmälan) from the child's page",
          description:
            "To the social services of the child's municipality, under the statute in force (recorded on the report). Never depends on consent. The reporter is never shown to guardians or the child. " +
            '404 when the child does not exist or is not on your team (indistinguishable); to report a child you cannot see, use POST /api/reports.',
          params: z.object({ childId: ChildId }),
          body: ReportFromChildRequest,
          response: { 201: MyReport, ...READ_ERRORS },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.fileFromChild(requireScope(req), req.params.childId, req.body)),
    );

    app.post(
      '/api/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'File a report of concern (orosanmälan) from scratch',
          description:
            'Names the child by personnummer in the body (never in a URL), with the name as you know it and the municipality whose social services should receive it. ' +
            'Any professional who works with children may file (the duty to report does not need a place on the team). The answer never tells whether the child is known in Barnkompass, and never repeats the personnummer.',
          body: ReportFromScratchRequest,
          response: { 201: MyReport, ...INPUT_ERRORS },
        },
      },
      async (req, reply) => reply.code(201).send(await service.fileFromScratch(requireScope(req), req.body)),
    );

    app.get(
      '/api/reports/mine',
      {
        schema: {
          tags: ['reports'],
          summary: 'The reports I have filed, with receipt and feedback',
          description: 'Feedback from social services (återkoppling) is shown to the reporter only.',
          response: { 200: MyReportList, ...AUTH_ERRORS },
        },
      },
      async (req) => ({ reports: await service.mine(requireScope(req)) }),
    );

    app.get(
      '/api/reports/inbox',
      {
        schema: {
          tags: ['reports'],
          summary: "Social services' inbox of reports of concern",
          description: `${INBOX} Unacknowledged first. Every report listed is audited.`,
          response: { 200: InboxReportList, ...AUTH_ERRORS },
        },
      },
      async (req) => service.inbox(requireScope(req)),
    );

    app.get(
      '/api/reports/:reportId',
      {
        schema: {
          tags: ['reports'],
          summary: 'One report of concern',
          description: `The receiving social services get the whole report (with an ETag); the reporter gets their own view. ${NO_ACCESS}`,
          params: reportParams,
          response: { 200: ReportView, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const view = await service.get(requireScope(req), req.params.reportId);
        if (view.inbox) setEtag(reply, view.inbox.version);
        return view;
      },
    );

    app.post(
      '/api/reports/:reportId/acknowledge',
      {
        schema: {
          tags: ['reports'],
          summary: 'Acknowledge receipt of a report',
          description: `${INBOX} Once (409 afterwards). Needs If-Match: "v<version>" (428 without it; 412 with the current report). ${NO_ACCESS}`,
          params: reportParams,
          response: { 200: InboxReport, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const updated = await service.acknowledge(requireScope(req), req.params.reportId, requireIfMatch(req));
        setEtag(reply, updated.version);
        return updated;
      },
    );

    app.post(
      '/api/reports/:reportId/feedback',
      {
        schema: {
          tags: ['reports'],
          summary: 'Send feedback (återkoppling) to the reporter',
          description: `${INBOX} Only after receipt is acknowledged (409 otherwise). Only the reporter sees it. Feedback is append-only. ${NO_ACCESS}`,
          params: reportParams,
          body: ReportFeedbackRequest,
          response: { 201: InboxReport, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const updated = await service.feedback(requireScope(req), req.params.reportId, req.body);
        setEtag(reply, updated.version);
        return reply.code(201).send(updated);
      },
    );
  };
}
