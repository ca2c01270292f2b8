import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AUTH_ERRORS, READ_ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS } from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { ChildId } from '../../../contract/common.js';
import { HandoverService } from './handover-service.js';
import {
  HandoverCandidates,
  HandoverDeclineRequest,
  HandoverId,
  HandoverList,
  HandoverOfferRequest,
  HandoverResult,
  PlanAction,
  PlanActionCreateRequest,
  PlanActionPatchRequest,
  PlanDisagreement,
  PlanDisagreementCreateRequest,
  PlanCreateRequest,
  PlanGoal,
  PlanGoalCreateRequest,
  PlanGoalPatchRequest,
  PlanGuardianView,
  PlanGuardianViewCreateRequest,
  PlanGuardianViewPatchRequest,
  PlanHandover,
  PlanItemId,
  PlanLevelRequest,
  PlanLevelResult,
  PlanNeed,
  PlanNeedCreateRequest,
  PlanNeedPatchRequest,
  PlanPatchRequest,
  Plan,
  PlanService as PlanServiceSchema,
  PlanServiceCreateRequest,
  PlanServicePatchRequest,
  PlanView,
  PlanVoice,
  PlanVoiceCreateRequest,
  PlanVoicePatchRequest,
} from '../../../contract/plan/index.js';
import { serializePlanViewWire } from './plan-wire.js';
import type { PlanItem } from './repo.js';
import { PlanItemService } from './items-service.js';
import { PlanService } from './service.js';
import { PlanVoiceService } from './voices-service.js';
import type { RequestScope } from '../../access/request-scope.js';

const childParams = z.object({ childId: ChildId });
const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .describe('The ETag of the version you started from, e.g. "v3" (required: 428 without it)'),
});
const NO_ACCESS =
  '404 when the child does not exist or is not on your team (indistinguishable), and when the child has no active plan.';
const VERSIONED =
  'Needs If-Match: "v<version>" (the ETag you started from). 428 without it; 412 when someone changed it first — the body\'s details.current is their version.';

/** The items of a plan: path segment, schemas, and the service methods that write them. */
const ITEMS = [
  {
    path: 'services',
    param: 'serviceId',
    what: 'a service taking part',
    item: PlanServiceSchema,
    create: PlanServiceCreateRequest,
    patch: PlanServicePatchRequest,
    createNote:
      'An organisation/unit taking part, with exactly one contact person: someone on the team whose assignment is in that unit.',
    patchNote:
      'Change the contact person or the contribution; ended: true records that the service no longer takes part (from today).',
  },
  {
    path: 'needs',
    param: 'needId',
    what: 'a need',
    item: PlanNeed,
    create: PlanNeedCreateRequest,
    patch: PlanNeedPatchRequest,
    createNote: 'A need, linked to one wellbeing-wheel indicator.',
    patchNote: 'Only the fields sent change.',
  },
  {
    path: 'goals',
    param: 'goalId',
    what: 'a goal',
    item: PlanGoal,
    create: PlanGoalCreateRequest,
    patch: PlanGoalPatchRequest,
    createNote: 'A goal, linked to a need of this plan and/or to indicators.',
    patchNote: 'Only the fields sent change.',
  },
  {
    path: 'actions',
    param: 'actionId',
    what: 'an action',
    item: PlanAction,
    create: PlanActionCreateRequest,
    patch: PlanActionPatchRequest,
    createNote:
      'What, who is responsible (a professional on the team, a guardian, or the child), which service, by when, status. At level 3 every action needs a responsible person and a due date: 400 naming the action, nothing written.',
    patchNote:
      'Only the fields sent change; at level 3 the result must still have a responsible person and a due date.',
  },
  {
    path: 'voice',
    param: 'voiceId',
    what: "the child's voice",
    item: PlanVoice,
    create: PlanVoiceCreateRequest,
    patch: PlanVoicePatchRequest,
    createNote: '"Det här tycker jag": what the child thinks, dated; writtenByChild when the child wrote it.',
    patchNote: 'Only the fields sent change.',
  },
  {
    path: 'guardian-views',
    param: 'viewId',
    what: "a guardian's view",
    item: PlanGuardianView,
    create: PlanGuardianViewCreateRequest,
    patch: PlanGuardianViewPatchRequest,
    createNote:
      "One guardian's view in their own field: one per guardian with custody (409 when it already exists — change it instead).",
    patchNote: 'Only the fields sent change.',
  },
] as const;

type ItemPath = (typeof ITEMS)[number]['path'];

/** The child's plan (Collaborate / samarbeta) and role handovers. */
export function planRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new PlanService(ctx);
  const items = new PlanItemService(ctx);
  const voices = new PlanVoiceService(ctx);
  const handovers = new HandoverService(ctx);
  // biome-ignore lint/suspicious/noExplicitAny: the item table dispatches to typed service methods
  const creators: Record<ItemPath, (s: RequestScope, c: string, b: any) => Promise<PlanItem>> = {
    services: (a, c, b) => items.addService(a, c, b),
    needs: (a, c, b) => items.addNeed(a, c, b),
    goals: (a, c, b) => items.addGoal(a, c, b),
    actions: (a, c, b) => items.addAction(a, c, b),
    voice: (a, c, b) => voices.addVoice(a, c, b),
    'guardian-views': (a, c, b) => voices.addGuardianView(a, c, b),
  };
  // biome-ignore lint/suspicious/noExplicitAny: the item table dispatches to typed service methods
  const patchers: Record<ItemPath, (s: RequestScope, c: string, id: string, v: number, b: any) => Promise<PlanItem>> = {
    services: (a, c, id, v, b) => items.updateService(a, c, id, v, b),
    needs: (a, c, id, v, b) => items.updateNeed(a, c, id, v, b),
    goals: (a, c, id, v, b) => items.updateGoal(a, c, id, v, b),
    actions: (a, c, id, v, b) => items.updateAction(a, c, id, v, b),
    voice: (a, c, id, v, b) => voices.updateVoice(a, c, id, v, b),
    'guardian-views': (a, c, id, v, b) => voices.updateGuardianView(a, c, id, v, b),
  };

  return async (app) => {
    app.get(
      '/api/children/:childId/plan',
      {
        schema: {
          tags: ['plan'],
          summary: "The child's plan (Barnets plan)",
          description:
            "The active plan (else the latest closed one; plan = null when the child has none) with everything in it, and around it: the coordinator, barnets bästa-ansvarig with the default proposal by age and schooling, the team, the guardians and offers waiting for an answer. ETag = the plan's own version. 404 when the child does not exist or is not on your team.",
          params: childParams,
          response: { 200: PlanView, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const view = await service.view(requireScope(req), req.params.childId);
        if (view.plan) setEtag(reply, view.plan.version);
        // The plan goes out as PostgreSQL wrote it (plan-wire.ts); the rest through the schema.
        reply.serializer(serializePlanViewWire);
        return view as unknown as PlanView;
      },
    );

    app.get(
      '/api/children/:childId/plan/handover-candidates',
      {
        schema: {
          tags: ['plan'],
          summary: 'Who may receive the coordinator or barnets bästa-ansvarig role',
          description:
            "For the offer form: the people who may be offered each role, by the same rules the offer checks (coordinator — someone on the team or in a service taking part in the active plan; barnets bästa-ansvarig — the role that fits the child's age and schooling: a principal of the child's school, a BVC nurse or the KAA of the child's municipality). The current holder is left out. Audited as a read of the plan. 404 when the child does not exist or is not on your team.",
          params: childParams,
          response: { 200: HandoverCandidates, ...READ_ERRORS },
        },
      },
      async (req) => service.handoverCandidates(requireScope(req), req.params.childId),
    );

    app.get(
      '/api/children/:childId/plans/:planId',
      {
        schema: {
          tags: ['plan'],
          summary: 'One plan of the child, by id (an earlier plan)',
          description:
            "Any plan of the child — typically an earlier, closed one listed in the plan view's earlierPlans — with everything in it, read only. ETag = the plan's own version. 404 when the child or the plan does not exist, the plan is of a secrecy domain you may not see, or the child is not on your team (indistinguishable).",
          params: z.object({ childId: ChildId, planId: z.uuid() }),
          response: { 200: Plan, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const plan = await service.readPlan(requireScope(req), req.params.childId, req.params.planId);
        setEtag(reply, plan.version);
        return plan;
      },
    );

    app.post(
      '/api/children/:childId/plan',
      {
        schema: {
          tags: ['plan'],
          summary: 'Draw up the plan',
          description:
            "Level and the reason (the first entry of the level history); sets the child's support level to the plan's and adds a chronology entry, in one transaction. A child never has two active plans: 409 with details.planId. Level 3 needs a coordinator on the team (400). Answers 201 with the plan view and its ETag.",
          params: childParams,
          body: PlanCreateRequest,
          response: { 201: PlanView, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const view = await service.create(requireScope(req), req.params.childId, req.body);
        if (view.plan) setEtag(reply, view.plan.version);
        reply.header('Location', `/api/children/${view.childId}/plan`);
        return reply.code(201).send(view);
      },
    );

    app.patch(
      '/api/children/:childId/plan',
      {
        schema: {
          tags: ['plan'],
          summary: "Change the plan's own fields",
          description: `Background, next review date (follow-up), whether the plan is also the SIP (needs the SIP minimum content). The level changes only through POST …/plan/level, with a reason. ${VERSIONED} ${NO_ACCESS}`,
          params: childParams,
          headers: IfMatchHeader,
          body: PlanPatchRequest,
          response: { 200: PlanView, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const view = await service.update(scope, req.params.childId, requireIfMatch(req), req.body);
        if (view.plan) setEtag(reply, view.plan.version);
        return view;
      },
    );

    app.post(
      '/api/children/:childId/plan/level',
      {
        schema: {
          tags: ['plan'],
          summary: 'Change the level, with a reason',
          description:
            "Writes the level history, the plan, the child's support level (up or down), a chronology entry and the audit row in one transaction. Level 3 needs a coordinator and every action (not cancelled) with a responsible person and a due date: 400 naming the actions. " +
            `${VERSIONED} ${NO_ACCESS}`,
          params: childParams,
          headers: IfMatchHeader,
          body: PlanLevelRequest,
          response: { 200: PlanLevelResult, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const result = await service.changeLevel(scope, req.params.childId, requireIfMatch(req), req.body);
        setEtag(reply, result.plan.version);
        return result;
      },
    );

    for (const it of ITEMS) {
      const itemParams = z.object({ childId: ChildId, [it.param]: PlanItemId }) as z.ZodObject<
        { childId: typeof ChildId } & Record<string, typeof PlanItemId>
      >;
      app.post(
        `/api/children/:childId/plan/${it.path}`,
        {
          schema: {
            tags: ['plan'],
            summary: `Add ${it.what}`,
            description: `${it.createNote} Answers 201 with its ETag. ${NO_ACCESS}`,
            params: childParams,
            body: it.create,
            response: { 201: it.item, ...WRITE_ERRORS },
          },
        },
        async (req, reply) => {
          const created = await creators[it.path](requireScope(req), req.params.childId, req.body);
          setEtag(reply, created.version);
          return reply.code(201).send(created);
        },
      );
      app.patch(
        `/api/children/:childId/plan/${it.path}/:${it.param}`,
        {
          schema: {
            tags: ['plan'],
            summary: `Change ${it.what}`,
            description: `${it.patchNote} A closed plan cannot be changed (409). ${VERSIONED} ${NO_ACCESS}`,
            params: itemParams,
            headers: IfMatchHeader,
            body: it.patch,
            response: { 200: it.item, ...VERSIONED_WRITE_ERRORS },
          },
        },
        async (req, reply) => {
          const params = req.params as Record<string, string>;
          const updated = await patchers[it.path](
            requireScope(req),
            params.childId!,
            params[it.param]!,
            requireIfMatch(req),
            req.body,
          );
          setEtag(reply, updated.version);
          return updated;
        },
      );
    }

    app.post(
      '/api/children/:childId/plan/disagreements',
      {
        schema: {
          tags: ['plan'],
          summary: 'Record a disagreement',
          description: `Who (the child, a guardian, a professional on the team), about what, and what they think. Recorded, never changed. ${NO_ACCESS}`,
          params: childParams,
          body: PlanDisagreementCreateRequest,
          response: { 201: PlanDisagreement, ...WRITE_ERRORS },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await voices.addDisagreement(requireScope(req), req.params.childId, req.body)),
    );

    app.post(
      '/api/children/:childId/plan/handovers',
      {
        schema: {
          tags: ['plan'],
          summary: 'Offer the coordinator or barnets bästa-ansvarig role',
          description:
            'Step one of two: the holder offers the role (or, when nobody holds it, anyone on the team appoints — taking a vacant role yourself is immediate). The holder stays responsible until the receiver accepts. ' +
            'The receiver must hold an active assignment; a coordinator is someone on the team or in a service taking part; barnets bästa-ansvarig must fit the child (BVC nurse 0–5, the principal of the child’s school, KAA for 16+ out of school). ' +
            '400 naming why someone cannot receive it; 403 when you do not hold the role; 409 when an offer already waits. 404 when the child does not exist or is not on your team.',
          params: childParams,
          body: HandoverOfferRequest,
          response: { 201: PlanHandover, ...WRITE_ERRORS },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await handovers.offer(requireScope(req), req.params.childId, req.body)),
    );

    app.post(
      '/api/children/:childId/plan/handovers/:handoverId/withdraw',
      {
        schema: {
          tags: ['plan'],
          summary: 'Withdraw an offer',
          description:
            'By the person who made it or the holder of the role, while it waits for an answer (409 after). 404 when the child or the offer does not exist or the child is not on your team.',
          params: z.object({ childId: ChildId, handoverId: HandoverId }),
          response: { 200: PlanHandover, ...WRITE_ERRORS },
        },
      },
      async (req) => handovers.withdraw(requireScope(req), req.params.childId, req.params.handoverId),
    );

    app.get(
      '/api/handovers',
      {
        schema: {
          tags: ['plan'],
          summary: 'Offers of a role to me, and offers I made',
          description:
            'Offers to you in the assignment you act in, and offers you made, that wait for an answer. The child is named only when you may already see it (on its team); otherwise only after you accept. Every child an offer is about is audited.',
          response: { 200: HandoverList, ...AUTH_ERRORS },
        },
      },
      async (req) => handovers.list(requireScope(req)),
    );

    app.post(
      '/api/handovers/:handoverId/accept',
      {
        schema: {
          tags: ['plan'],
          summary: 'Accept an offer (step two)',
          description:
            'Only the receiver, acting in the assignment it was offered to. The team roles move in one transaction: the holder’s role ends (they stay on the team as a member), yours begins today — and from now on you can open the child. 404 for anyone else (audited); 409 when the offer is no longer open or the role changed hands.',
          params: z.object({ handoverId: HandoverId }),
          response: { 200: HandoverResult, ...WRITE_ERRORS },
        },
      },
      async (req) => handovers.accept(requireScope(req), req.params.handoverId),
    );

    app.post(
      '/api/handovers/:handoverId/decline',
      {
        schema: {
          tags: ['plan'],
          summary: 'Decline an offer',
          description:
            'Only the receiver. Nothing else changes: the holder keeps the role. An optional reason is shown to the team. 404 for anyone else (audited); 409 when the offer is no longer open.',
          params: z.object({ handoverId: HandoverId }),
          body: HandoverDeclineRequest,
          response: { 200: HandoverResult, ...WRITE_ERRORS },
        },
      },
      async (req) =>
        handovers.decline(
          requireScope(req),
          req.params.handoverId,
          req.body.reason?.trim() ? req.body.reason.trim() : null,
        ),
    );
  };
}
