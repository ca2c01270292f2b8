import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { READ_ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS } from '../../../contract/errors.js';
import { requireAssignment, requireScope } from '../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { ChildId } from '../../../contract/common.js';
import {
  BreakGlass,
  BreakGlassId,
  BreakGlassList,
  BreakGlassReviewRequest,
  BreakGlassStartRequest,
  Consent,
  ConsentCreateRequest,
  ConsentId,
  ConsentWithdrawRequest,
  Disclosure,
  DisclosureCreateRequest,
  LegalBasis,
  LegalBasisCreateRequest,
  LegalBasisId,
  LegalBasisList,
  LegalBasisRetireRequest,
  PrivacyView,
} from '../../../contract/privacy.js';
import { BreakGlassService } from './break-glass-service.js';
import { LegalBasisService } from './legal-basis-service.js';
import { PrivacyService } from './service.js';

const childParams = z.object({ childId: ChildId });
const consentParams = z.object({ childId: ChildId, consentId: ConsentId });
const NO_ACCESS = '404 when the child does not exist or you may not see it (indistinguishable).';

export function privacyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new PrivacyService(ctx);
  const bases = new LegalBasisService(ctx);
  const breakGlass = new BreakGlassService(ctx);
  return async (app) => {
    app.get(
      '/api/children/:childId/privacy',
      {
        schema: {
          tags: ['privacy'],
          summary: "The child's consents, disclosures and emergency accesses",
          description: `Consents (with their status evaluated now), disclosures under a legal basis, break-glass accesses on this child (for the team), and the team's units and the custodial guardians to choose from. ${NO_ACCESS}`,
          params: childParams,
          response: { 200: PrivacyView, ...READ_ERRORS },
        },
      },
      async (req) => service.view(requireScope(req), req.params.childId),
    );

    app.post(
      '/api/children/:childId/consents',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Record a consent (samtycke)',
          description:
            'Who may see what, from which secrecy domains, for what purpose, until when. Every guardian with custody must have a recorded position (consents / declines / not asked, with a documented reason), unless the child is judged mature enough to decide alone (a written judgement, no fixed age). ' +
            `A required "no" records the consent as not given. Answers 201 with an ETag. ${NO_ACCESS}`,
          params: childParams,
          body: ConsentCreateRequest,
          response: { 201: Consent, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const consent = await service.createConsent(requireScope(req), req.params.childId, req.body);
        setEtag(reply, consent.version);
        return reply.code(201).send(consent);
      },
    );

    app.get(
      '/api/children/:childId/consents/:consentId',
      {
        schema: {
          tags: ['privacy'],
          summary: 'One consent',
          description: `With an ETag for withdrawing it. ${NO_ACCESS}`,
          params: consentParams,
          response: { 200: Consent, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const consent = await service.getConsent(requireScope(req), req.params.childId, req.params.consentId);
        setEtag(reply, consent.version);
        return consent;
      },
    );

    app.post(
      '/api/children/:childId/consents/:consentId/withdraw',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Withdraw a consent',
          description: `Either custodial guardian, or the child, may withdraw. Takes effect on the next request. Needs If-Match (428 without; 412 with the current consent). ${NO_ACCESS}`,
          params: consentParams,
          body: ConsentWithdrawRequest,
          response: { 200: Consent, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const consent = await service.withdrawConsent(
          scope,
          req.params.childId,
          req.params.consentId,
          requireIfMatch(req),
          req.body,
        );
        setEtag(reply, consent.version);
        return consent;
      },
    );

    app.post(
      '/api/children/:childId/disclosures',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Disclose without consent, under a legal basis',
          description:
            "Makes your secrecy domain's records of the chosen categories visible to one receiving service until a date, under one entry of the legal-basis catalogue, with a written justification. The basis must be in force, not retired, and allow your domain → the receiver's domain (409 / 400 otherwise). " +
            NO_ACCESS,
          params: childParams,
          body: DisclosureCreateRequest,
          response: { 201: Disclosure, ...WRITE_ERRORS },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.createDisclosure(requireScope(req), req.params.childId, req.body)),
    );

    app.get(
      '/api/legal-bases',
      {
        schema: {
          tags: ['privacy'],
          summary: 'The legal-basis catalogue',
          description:
            'Every entry and edition, retired ones included (history stays readable). `usable` says whether new disclosures may use it today.',
          response: { 200: LegalBasisList, ...READ_ERRORS },
        },
      },
      async (req) => ({ bases: await bases.listBases(requireAssignment(req)) }),
    );

    app.get(
      '/api/legal-bases/:basisId',
      {
        schema: {
          tags: ['privacy'],
          summary: 'One catalogue entry',
          params: z.object({ basisId: LegalBasisId }),
          response: { 200: LegalBasis, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        requireAssignment(req);
        const b = await bases.getBasis(req.params.basisId);
        setEtag(reply, b.version);
        return b;
      },
    );

    app.post(
      '/api/legal-bases',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Add a catalogue entry or a new edition (system administrators)',
          description:
            'A code already in the catalogue gets the next edition number; retire the old edition when the law changes.',
          body: LegalBasisCreateRequest,
          response: { 201: LegalBasis, ...READ_ERRORS },
        },
      },
      async (req, reply) => reply.code(201).send(await bases.createBasis(requireScope(req), req.body)),
    );

    app.post(
      '/api/legal-bases/:basisId/retire',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Retire a catalogue entry (system administrators)',
          description: 'Blocks new disclosures under it; disclosures already made keep showing it. Needs If-Match.',
          params: z.object({ basisId: LegalBasisId }),
          body: LegalBasisRetireRequest,
          response: { 200: LegalBasis, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const b = await bases.retireBasis(scope, req.params.basisId, requireIfMatch(req), req.body.reason);
        setEtag(reply, b.version);
        return b;
      },
    );

    app.get(
      '/api/break-glass',
      {
        schema: {
          tags: ['privacy'],
          summary: 'My emergency accesses',
          description: 'The latest 20, whether my role may use emergency access, and the settings.',
          response: { 200: BreakGlassList, ...READ_ERRORS },
        },
      },
      async (req) => breakGlass.myBreakGlass(requireAssignment(req)),
    );

    app.post(
      '/api/break-glass',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Emergency access to one child (break-glass)',
          description:
            'For some roles only (403 reason=role), with a login within BREAK_GLASS_REAUTH_MINUTES (403 reason=reauth_required: log in again), a reason, and a time box (default BREAK_GLASS_MINUTES). The child is named by personnummer in the body. ' +
            "Alerts the child's coordinator and the log reviewers; a review afterwards is mandatory. Read only. One at a time (409).",
          body: BreakGlassStartRequest,
          response: { 201: BreakGlass, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => reply.code(201).send(await breakGlass.startBreakGlass(requireScope(req), req.body)),
    );

    app.post(
      '/api/break-glass/:breakGlassId/end',
      {
        schema: {
          tags: ['privacy'],
          summary: 'End my emergency access now',
          params: z.object({ breakGlassId: BreakGlassId }),
          response: { 200: BreakGlass, ...READ_ERRORS },
        },
      },
      async (req) => breakGlass.endBreakGlass(requireScope(req), req.params.breakGlassId),
    );

    app.post(
      '/api/break-glass/:breakGlassId/review',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Review an emergency access afterwards',
          description:
            "By the child's coordinator or a log reviewer of the organisation; never by the person who used it. Once, after it ended (409 otherwise).",
          params: z.object({ breakGlassId: BreakGlassId }),
          body: BreakGlassReviewRequest,
          response: { 200: BreakGlass, ...WRITE_ERRORS },
        },
      },
      async (req) => breakGlass.reviewBreakGlass(requireScope(req), req.params.breakGlassId, req.body),
    );
  };
}
