import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  AdminAssignment,
  AdminAssignmentCreate,
  AdminAssignmentEnd,
  AdminOptions,
  AdminPeopleList,
  AdminPeopleSearch,
  AdminPerson,
  AdminPersonCreate,
  AdminPersonDetail,
  AdminPersonUpdate,
  AdminUnit,
  AdminUnitCreate,
  AdminUnitDetail,
  AdminUnitEnd,
  AdminUnitList,
  AdminUnitRename,
} from '../../../contract/admin.js';
import { AUTH_ERRORS, READ_ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS } from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { AdminPeopleService } from './people-service.js';
import { AdminUnitsService } from './units-service.js';

const unitParams = z.object({ unitId: z.uuid() });
const personParams = z.object({ personId: z.uuid() });
const assignmentParams = z.object({ assignmentId: z.uuid() });
const WHO =
  'For system administrators (every unit of their organisation) and unit administrators (their unit and the units under it); 403 for anyone else. No child data.';
const OUT_OF_REACH = '404 when it does not exist or is outside the units you administer.';
const VERSIONED =
  'Needs If-Match: "v<version>" (428 without it; 412 with the current version when someone — or an import — changed it first).';
const SOURCE =
  'A row imported from a source can be corrected by hand; `source` names it, and its next import may change it back.';

const tagged = { tags: ['admin'] };

function sendVersioned<T extends { version: number }>(reply: FastifyReply, value: T, code = 200) {
  setEtag(reply, value.version);
  return reply.code(code).send(value);
}

export function adminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const units = new AdminUnitsService(ctx);
  const people = new AdminPeopleService(ctx);
  return async (app) => {
    app.get(
      '/api/admin/options',
      {
        schema: {
          ...tagged,
          summary: 'What I administer, and the roles each kind of unit takes',
          description: WHO,
          response: { 200: AdminOptions, ...AUTH_ERRORS },
        },
      },
      async (req) => units.options(requireScope(req)),
    );
    app.get(
      '/api/admin/units',
      {
        schema: {
          ...tagged,
          summary: 'The units I administer',
          description: `Current units first, with their open assignments and source. ${WHO} Audited.`,
          response: { 200: AdminUnitList, ...AUTH_ERRORS },
        },
      },
      async (req) => ({ units: await units.list(requireScope(req)) }),
    );
    app.post(
      '/api/admin/units',
      {
        schema: {
          ...tagged,
          summary: 'Create a unit',
          description: `The secrecy domain follows the kind. A unit administrator adds units only under their own unit. ${WHO} Answers 201 with an ETag.`,
          body: AdminUnitCreate,
          response: { 201: AdminUnit, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => sendVersioned(reply, await units.create(requireScope(req), req.body), 201),
    );
    app.get(
      '/api/admin/units/:unitId',
      {
        schema: {
          ...tagged,
          summary: 'One unit and its assignments',
          description: `With an ETag. ${OUT_OF_REACH} Audited.`,
          params: unitParams,
          response: { 200: AdminUnitDetail, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const found = await units.get(requireScope(req), req.params.unitId);
        setEtag(reply, found.unit.version);
        return found;
      },
    );
    app.patch(
      '/api/admin/units/:unitId',
      {
        schema: {
          ...tagged,
          summary: 'Rename a unit',
          description: `${VERSIONED} ${SOURCE} ${OUT_OF_REACH}`,
          params: unitParams,
          body: AdminUnitRename,
          response: { 200: AdminUnit, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) =>
        sendVersioned(reply, await units.rename(requireScope(req), req.params.unitId, requireIfMatch(req), req.body)),
    );
    app.post(
      '/api/admin/units/:unitId/end',
      {
        schema: {
          ...tagged,
          summary: 'End a unit (never delete it)',
          description: `Its last day. 409 while assignments at it are open after that day (unless endAssignments ends them on the same day) or units under it are open. ${VERSIONED} ${SOURCE} ${OUT_OF_REACH}`,
          params: unitParams,
          body: AdminUnitEnd,
          response: { 200: AdminUnit, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) =>
        sendVersioned(reply, await units.end(requireScope(req), req.params.unitId, requireIfMatch(req), req.body)),
    );
    app.post(
      '/api/admin/people/search',
      {
        schema: {
          ...tagged,
          summary: 'People at the units I administer, by name',
          description: `The name is searched in the body, never the URL; at most 200 (truncated says when there are more). ${WHO} Audited.`,
          body: AdminPeopleSearch,
          response: { 200: AdminPeopleList, ...WRITE_ERRORS },
        },
      },
      async (req) => people.search(requireScope(req), req.body.query ?? ''),
    );
    app.post(
      '/api/admin/people',
      {
        schema: {
          ...tagged,
          summary: 'Create a person with their first assignment',
          description: `Names, e-mail, phone and the login id (subject) the configured identity provider sends. The first assignment is at a unit I administer. 409 when the login id is taken. ${WHO}`,
          body: AdminPersonCreate,
          response: { 201: AdminPersonDetail, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const created = await people.create(requireScope(req), req.body);
        setEtag(reply, created.person.version);
        return reply.code(201).send(created);
      },
    );
    app.get(
      '/api/admin/people/:personId',
      {
        schema: {
          ...tagged,
          summary: 'One person and their assignments at my units',
          description: `With an ETag. ${OUT_OF_REACH} Audited.`,
          params: personParams,
          response: { 200: AdminPersonDetail, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const found = await people.get(requireScope(req), req.params.personId);
        setEtag(reply, found.person.version);
        return found;
      },
    );
    app.patch(
      '/api/admin/people/:personId',
      {
        schema: {
          ...tagged,
          summary: "Correct a person's names, contact details or login id",
          description: `Only the fields sent change. 403 when the person also works at units I do not administer; 409 when another person has the login id. ${VERSIONED} ${SOURCE} ${OUT_OF_REACH}`,
          params: personParams,
          body: AdminPersonUpdate,
          response: { 200: AdminPerson, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) =>
        sendVersioned(
          reply,
          await people.update(requireScope(req), req.params.personId, requireIfMatch(req), req.body),
        ),
    );
    for (const [action, enabled] of [
      ['disable', false],
      ['enable', true],
    ] as const) {
      app.post(
        `/api/admin/people/:personId/${action}`,
        {
          schema: {
            ...tagged,
            summary: enabled ? 'Enable a person' : 'Disable a person (and end their sessions)',
            description: `403 when the person also works at units I do not administer. ${enabled ? '' : 'Disabling yourself is 409. '}${VERSIONED} ${SOURCE} ${OUT_OF_REACH}`,
            params: personParams,
            body: z.object({}).strict().optional(),
            response: { 200: AdminPerson, ...VERSIONED_WRITE_ERRORS },
          },
        },
        async (req, reply) =>
          sendVersioned(
            reply,
            await people.setEnabled(requireScope(req), req.params.personId, requireIfMatch(req), enabled),
          ),
      );
    }
    app.post(
      '/api/admin/assignments',
      {
        schema: {
          ...tagged,
          summary: 'Give a person an assignment at a unit I administer',
          description: `The role must be one the unit's kind takes (400 otherwise, with the allowed roles); system_admin only by a system administrator. 409 when the person already has that role there over overlapping days. The teams the sources form are brought up to date in the same transaction. ${WHO}`,
          body: AdminAssignmentCreate,
          response: { 201: AdminAssignment, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => sendVersioned(reply, await people.createAssignment(requireScope(req), req.body), 201),
    );
    app.post(
      '/api/admin/assignments/:assignmentId/end',
      {
        schema: {
          ...tagged,
          summary: 'End an assignment (never delete it)',
          description: `Its last day: at the earliest the day before it starts; 409 when it already ends by then. The teams it formed end with it, in the same transaction. ${VERSIONED} ${SOURCE} ${OUT_OF_REACH}`,
          params: assignmentParams,
          body: AdminAssignmentEnd,
          response: { 200: AdminAssignment, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) =>
        sendVersioned(
          reply,
          await people.endAssignment(requireScope(req), req.params.assignmentId, requireIfMatch(req), req.body),
        ),
    );
  };
}
