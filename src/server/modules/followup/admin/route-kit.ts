import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InstrumentId } from '../../../../contract/followup-admin.js';
import { DEMO_INSTRUMENT_ID } from '../../../../core/followup/index.js';
import type { AssignedActor } from '../../../access/actor.js';
import type { Db } from '../../../db/client.js';
import { ErrorResponse } from '../../../../contract/errors.js';
import { requireAssignment } from '../../../http/session-hook.js';
import type { FollowupService } from '../cube/service.js';
import type { RequestedBy } from '../events.js';
import type { JobRegistry } from '../import/jobs.js';
import type { SurveyUploads } from '../import/survey-uploads.js';
import type { PublishedFollowup } from '../published.js';
import { type Access, requireRole } from './access.js';
import type { KoladaRuns } from './kolada-runs.js';

/** The follow-up's parts, made once per app by the module's registration (routes.ts). */
export interface FollowupParts {
  readonly db: Db;
  /** The app's injectable clock (stamps the audit events of writes, runs and exports). */
  readonly now: () => Date;
  readonly cube: FollowupService;
  readonly published: PublishedFollowup;
  readonly jobs: JobRegistry;
  readonly surveyUploads: SurveyUploads;
  readonly kolada: KoladaRuns;
}

export const TAG = 'followup-admin';
export const ANALYST = 'Analysts only (403 details.reason = role for every other role; 401 without a session).';
export const READER = 'Analysts and managers (403 details.reason = role for every other role; 401 without a session).';
export const E = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } as const;
export const CSV_BODY_LIMIT = 8 * 1024 * 1024;
export const instrumentQuery = z.object({ instrumentId: InstrumentId.default(DEMO_INSTRUMENT_ID) });

/** Role check before the body is parsed and validated: 401/403 come first, whatever the body. */
export const guard = (access: Access) => async (req: FastifyRequest) => {
  requireRole(requireAssignment(req), access);
};

export function actorFor(req: FastifyRequest, access: Access): AssignedActor {
  const actor = requireAssignment(req);
  requireRole(actor, access);
  return actor;
}

/** The actor (role checked) and the request, as the audit event of a write names them, with the app's clock. */
export function requestedBy(parts: Pick<FollowupParts, 'now'>, req: FastifyRequest, access: Access): RequestedBy {
  return { actor: actorFor(req, access), requestId: String(req.id), clock: parts.now };
}
