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
import {
  ConsultationAdviceRequest,
  ConsultationCase,
  ConsultationCaseId,
  ConsultationCaseList,
  ConsultationCreateRequest,
  ConsultationLinkRequest,
  ConsultationLinkResult,
  ConsultationOptions,
} from '../../../contract/consultation.js';
import { ConsultationService } from './service.js';

const caseParams = z.object({ caseId: ConsultationCaseId });
const NO_ACCESS = "404 when the case does not exist or is not yours or your consultation team's (indistinguishable).";
const NO_PERSONAL_DATA =
  'Free text is checked for anything that looks like a personnummer (10 or 12 digits, with or without separator), an e-mail address or a phone number: 400 with details.reason = personal_data and details.found naming the kinds — the text itself is never echoed.';

export function consultationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new ConsultationService(ctx);
  return async (app) => {
    app.get(
      '/api/consultation-teams',
      {
        schema: {
          tags: ['consultation'],
          summary: 'Consultation teams and municipalities (for a new case)',
          description:
            'The consultation teams (konsultationsteam), which municipalities each serves, whether I am a member, and the municipalities a case can be about. 403 for administrators and population roles.',
          response: { 200: ConsultationOptions, ...AUTH_ERRORS },
        },
      },
      async (req) => service.options(requireAssignment(req)),
    );

    app.get(
      '/api/consultation-cases',
      {
        schema: {
          tags: ['consultation'],
          summary: "My consultation cases and my teams' cases",
          description:
            'Anonymous cases I brought (in the assignment I act in) and the cases of the consultation teams I am a member of. No child data. Audited.',
          response: { 200: ConsultationCaseList, ...AUTH_ERRORS },
        },
      },
      async (req) => ({ cases: await service.list(requireScope(req)) }),
    );

    app.post(
      '/api/consultation-cases',
      {
        schema: {
          tags: ['consultation'],
          summary: 'Bring an anonymous case to a consultation team',
          description:
            'Structured fields only (age band, school stage, municipality, wheel indicators) and free text without personal data. ' +
            `${NO_PERSONAL_DATA} mandatoryReportSuspected must be answered; true is refused (400, details.reason = mandatory_report): such cases call for an orosanmälan, not anonymous consultation. Answers 201 with an ETag.`,
          body: ConsultationCreateRequest,
          response: { 201: ConsultationCase, ...INPUT_ERRORS },
        },
      },
      async (req, reply) => {
        const created = await service.create(requireScope(req), req.body);
        setEtag(reply, created.version);
        reply.header('Location', `/api/consultation-cases/${created.id}`);
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/api/consultation-cases/:caseId',
      {
        schema: {
          tags: ['consultation'],
          summary: 'One consultation case',
          description: `With an ETag. ${NO_ACCESS}`,
          params: caseParams,
          response: { 200: ConsultationCase, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const found = await service.get(requireScope(req), req.params.caseId);
        setEtag(reply, found.version);
        return found;
      },
    );

    app.put(
      '/api/consultation-cases/:caseId/advice',
      {
        schema: {
          tags: ['consultation'],
          summary: "Record or correct the consultation team's advice",
          description:
            `Members of the case's team only (403 otherwise): the advice, the day of the consultation, the participating roles (never names) and whether the team judged that an orosanmälan must be made. ${NO_PERSONAL_DATA} ` +
            `409 once the case is linked to a child. Needs If-Match: "v<version>" (428 without it; 412 with the current case when someone changed it first). ${NO_ACCESS}`,
          params: caseParams,
          body: ConsultationAdviceRequest,
          response: { 200: ConsultationCase, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const updated = await service.advise(scope, req.params.caseId, requireIfMatch(req), req.body);
        setEtag(reply, updated.version);
        return updated;
      },
    );

    app.post(
      '/api/consultation-cases/:caseId/link',
      {
        schema: {
          tags: ['consultation'],
          summary: 'Link a consultation case to a named child (after consent)',
          description:
            "Only with consent recorded in the request (who gave it, how, when; 400 without). You must be on the child's team: 404 otherwise, exactly as for a child that does not exist, and audited. " +
            "The case must have its advice and not be linked already (409). The consent record, the advice copied into the child's chronology and the link are written in one transaction with the audit row. " +
            NO_ACCESS,
          params: caseParams,
          body: ConsultationLinkRequest,
          response: { 201: ConsultationLinkResult, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => reply.code(201).send(await service.link(requireScope(req), req.params.caseId, req.body)),
    );
  };
}
