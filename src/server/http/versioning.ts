import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';

/**
 * Optimistic concurrency for mutable resources (DESIGN invariant 5: no lost updates). Every
 * versioned resource has an integer `version`; GET answers `ETag: "v<version>"`; writes must send
 * `If-Match` with the version they started from. Missing → 428; stale → 412 with the current
 * resource in the body, so the UI can show what changed and let the user re-apply their edit.
 */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('ETag', etagFor(version));
}

/** The version the client's If-Match names; 428 when it is missing, 400 when unreadable. */
export function requireIfMatch(req: FastifyRequest): number {
  const header = req.headers['if-match'];
  if (!header)
    throw new AppError(
      'precondition_required',
      'This change needs an If-Match header with the version (ETag) you started from.',
    );
  const m = /^(?:W\/)?"v(\d+)"$/.exec(String(header).trim());
  if (!m) throw new AppError('bad_request', 'The If-Match header should be an ETag from this API, such as "v3".');
  return Number(m[1]);
}

/** 412 with the current state of the resource. */
export function versionConflict(current: unknown, currentVersion: number): AppError {
  return new AppError(
    'precondition_failed',
    'Someone else has changed this since you opened it. Their version is included; review it and apply your change again.',
    {
      currentVersion,
      current,
    },
  );
}
