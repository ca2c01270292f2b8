import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  ErrorResponse,
  AUTH_ERRORS,
  INPUT_ERRORS,
  READ_ERRORS,
  VERSIONED_WRITE_ERRORS,
} from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { ChildId } from '../../../contract/common.js';
import {
  AttendanceAlert,
  AttendanceAlertId,
  AttendanceAlertList,
  AttendanceAlertReviewRequest,
  AttendanceAlertReviewResult,
  AttendanceImportList,
  AttendanceImportRequest,
  AttendanceImportSummary,
  AttendanceThresholds,
  AttendanceThresholdsRequest,
} from '../../../contract/attendance.js';
import { AttendanceService } from './service.js';

const childParams = z.object({ childId: ChildId });
const alertParams = z.object({ childId: ChildId, alertId: AttendanceAlertId });
const NO_ACCESS =
  '404 when the child or the alert does not exist or the child is not on your team (indistinguishable).';
const UNIT_ONLY =
  "For the principal or a school administrator (unit_admin) of a school, acting in that school's assignment; 403 otherwise (details.reason: role, other_unit, not_a_school).";

/** Imports can be large: a school's month of daily lines. */
const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

export function attendanceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new AttendanceService(ctx);
  return async (app) => {
    app.get(
      '/api/attendance/thresholds',
      {
        schema: {
          tags: ['attendance'],
          summary: "My organisation's absence thresholds",
          description:
            'The thresholds that raise an attendance alert (≥), and whether they are the configured defaults. With an ETag ("v0" while the defaults apply). Principals, unit and system administrators.',
          response: { 200: AttendanceThresholds, ...AUTH_ERRORS },
        },
      },
      async (req, reply) => {
        const t = await service.thresholds(requireScope(req));
        setEtag(reply, t.version);
        return t;
      },
    );

    app.put(
      '/api/attendance/thresholds',
      {
        schema: {
          tags: ['attendance'],
          summary: "Change my organisation's absence thresholds",
          description:
            'Applies to imports from now on; alerts already raised keep the thresholds they were raised with. Needs If-Match (428 without; 412 with the current setting when someone changed it first). Audited.',
          body: AttendanceThresholdsRequest,
          response: { 200: AttendanceThresholds, ...INPUT_ERRORS, 412: ErrorResponse, 428: ErrorResponse },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const t = await service.saveThresholds(scope, requireIfMatch(req), req.body);
        setEtag(reply, t.version);
        return t;
      },
    );

    app.get(
      '/api/attendance/imports',
      {
        schema: {
          tags: ['attendance'],
          summary: "My school's attendance imports",
          description: `Summaries only (counts and line numbers, no child data). ${UNIT_ONLY}`,
          response: { 200: AttendanceImportList, ...AUTH_ERRORS },
        },
      },
      async (req) => service.listImports(requireScope(req)),
    );

    app.get(
      '/api/attendance/imports/:importId',
      {
        schema: {
          tags: ['attendance'],
          summary: 'One attendance import (summary)',
          description: `404 for another school's import. ${UNIT_ONLY}`,
          params: z.object({ importId: z.uuid() }),
          response: { 200: AttendanceImportSummary, ...READ_ERRORS },
        },
      },
      async (req) => service.getImport(requireScope(req), req.params.importId),
    );

    app.post(
      '/api/attendance/imports',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['attendance'],
          summary: "Import a period's attendance for my school (CSV)",
          description:
            "The CSV file's text with the period and whether it counts minutes or lessons. Every line is checked first: any problem and NOTHING is imported (400, details.rowErrors by line number and code; values are never echoed). " +
            'Pupils not enrolled at the school in the period are reported by line ("not enrolled here") and never imported. Pupils at an absence threshold get an attendance alert for a person to review — never a plan or a concern. ' +
            `One audit event per child written, in the import's transaction. The same file again for the same school answers 200 with the first import's summary (alreadyImported) and writes nothing; a new import answers 201. ${UNIT_ONLY}`,
          body: AttendanceImportRequest,
          response: { 200: AttendanceImportSummary, 201: AttendanceImportSummary, ...INPUT_ERRORS, 413: ErrorResponse },
        },
      },
      async (req, reply) => {
        const summary = await service.import(requireScope(req), req.body);
        return reply.code(summary.alreadyImported ? 200 : 201).send(summary);
      },
    );

    app.get(
      '/api/children/:childId/attendance-alerts',
      {
        schema: {
          tags: ['attendance'],
          summary: "A child's attendance alerts",
          description: `Every alert raised for the child, open and reviewed. ${NO_ACCESS}`,
          params: childParams,
          response: { 200: AttendanceAlertList, ...READ_ERRORS },
        },
      },
      async (req) => ({ alerts: await service.listAlerts(requireScope(req), req.params.childId) }),
    );

    app.get(
      '/api/children/:childId/attendance-alerts/:alertId',
      {
        schema: {
          tags: ['attendance'],
          summary: 'One attendance alert',
          description: `The attendance facts, the thresholds reached and the review. With an ETag. ${NO_ACCESS}`,
          params: alertParams,
          response: { 200: AttendanceAlert, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const alert = await service.getAlert(requireScope(req), req.params.childId, req.params.alertId);
        setEtag(reply, alert.version);
        return alert;
      },
    );

    app.post(
      '/api/children/:childId/attendance-alerts/:alertId/review',
      {
        schema: {
          tags: ['attendance'],
          summary: 'Review an attendance alert',
          description:
            'outcome dismissed (with the reason), or concern: a concern raised by you (as POST …/concerns would), in the same transaction as the review. An alert is reviewed once (409 after that). ' +
            `Needs If-Match: "v<version>" (428 without; 412 with the current alert when someone reviewed it first). ${NO_ACCESS}`,
          params: alertParams,
          body: AttendanceAlertReviewRequest,
          response: { 200: AttendanceAlertReviewResult, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const result = await service.review(
          scope,
          req.params.childId,
          req.params.alertId,
          requireIfMatch(req),
          req.body,
        );
        setEtag(reply, result.alert.version);
        return result;
      },
    );
  };
}
