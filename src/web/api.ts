/**
 * The web UI's only door to the server: JSON over fetch with the session cookie. Types come from
 * the API contract (src/contract), which the server implements; the web imports nothing of the server.
 */
import type { z } from 'zod';
import type {
  ChildList,
  ChildOverview as ChildOverviewSchema,
  ChildSearchResult,
  ChildSummary as ChildSummarySchema,
} from '../contract/children.js';
import type { SessionInfo as SessionInfoSchema } from '../contract/session.js';
import type { DemoUser as DemoUserSchema } from '../contract/dev.js';

export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export type Assignment = SessionInfo['assignments'][number];
export type ChildSummary = z.infer<typeof ChildSummarySchema>;
export type ChildOverview = z.infer<typeof ChildOverviewSchema>;
export type Guardian = ChildOverview['guardians'][number];
export type TeamMember = ChildOverview['team'][number];
export type Enrolment = ChildOverview['enrolments'][number];
export type DemoUser = z.infer<typeof DemoUserSchema>;
export type TeamRole = TeamMember['teamRole'];

export interface ErrorBody {
  error: string;
  message: string;
  requestId?: string;
  issues?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}

/** A failed request. status 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.body?.error;
  }
  get requestId(): string | undefined {
    return this.body?.requestId;
  }
  get isNotFound(): boolean {
    return this.status === 404;
  }
}

interface AuthHandlers {
  /** 401: the session is gone (expired, logged out elsewhere). */
  onUnauthenticated(): void;
  /** 403 assignment_required: the user must choose which assignment they act in. */
  onAssignmentRequired(): void;
}

let handlers: AuthHandlers = { onUnauthenticated: () => undefined, onAssignmentRequired: () => undefined };

export function setAuthHandlers(h: AuthHandlers): void {
  handlers = h;
}

/** One JSON request. `headers` adds to the defaults (e.g. If-Match for versioned writes). */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        ...(body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) throw failed(res.status, json);
  return json as T;
}

/**
 * A file from the server (a PDF or CSV export) as a Blob, with the same error handling as
 * `request`: a failed download is an ApiError with the server's error body, never a file that holds
 * the error message.
 */
export async function download(path: string): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'GET', credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.ok) {
    try {
      return { blob: await res.blob(), filename: attachmentName(res.headers.get('content-disposition')) };
    } catch {
      throw new ApiError(0, null);
    }
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  throw failed(res.status, json);
}

/** The error for a failed answer, after telling the session handlers about 401 and 403. */
function failed(status: number, json: unknown): ApiError {
  const err = new ApiError(status, isErrorBody(json) ? json : null);
  if (status === 401) handlers.onUnauthenticated();
  else if (status === 403 && err.body?.details?.reason === 'assignment_required') handlers.onAssignmentRequired();
  return err;
}

/** The plain `filename="…"` of an attachment (our server names its files in ASCII). */
export function attachmentName(disposition: string | null): string | null {
  const m = disposition ? /filename="([^"\\/]+)"/i.exec(disposition) : null;
  return m?.[1] ?? null;
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ErrorBody).error === 'string';
}

export const api = {
  session: () => request<SessionInfo>('GET', '/api/session'),
  selectAssignment: (assignmentId: string) => request<void>('PUT', '/api/session/assignment', { assignmentId }),
  logout: () => request<{ redirectTo: string }>('POST', '/api/session/logout'),
  demoUsers: () => request<{ users: DemoUser[] }>('GET', '/api/dev/users'),
  myChildren: () => request<z.infer<typeof ChildList>>('GET', '/api/children'),
  child: (id: string) => request<ChildOverview>('GET', `/api/children/${encodeURIComponent(id)}`),
  // The personnummer goes in the body, never in the URL (URLs end up in logs and history).
  searchChild: (personnummer: string) =>
    request<z.infer<typeof ChildSearchResult>>('POST', '/api/children/search', { personnummer }),
};

/**
 * Where the identity provider login starts; in demo mode `hint` names the demo user. `returnTo` is
 * the page to come back to (a path with ids only; the server accepts only its own paths).
 */
export function loginUrl(opts: { hint?: string; returnTo?: string | null } = {}): string {
  const q = new URLSearchParams();
  if (opts.hint) q.set('hint', opts.hint);
  if (opts.returnTo && opts.returnTo !== '/') q.set('returnTo', opts.returnTo);
  const s = q.toString();
  return s ? `/auth/login?${s}` : '/auth/login';
}

/** Anything thrown by a request as an ApiError: what is not one (a bug, a lost connection) reads as "could not reach". */
export const asApiError = (err: unknown): ApiError => (err instanceof ApiError ? err : new ApiError(0, null));

/** The version someone else saved, from a 412 answer; null for any other error. */
export function theirVersion<T>(err: unknown): T | null {
  return err instanceof ApiError && err.status === 412 && err.body?.details?.current
    ? (err.body.details.current as T)
    : null;
}

/** Field → message from a 400 answer: zod issues ("indicators.1") or an AppError's details.field. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || err.status !== 400 || !err.body) return {};
  const out: Record<string, string> = {};
  for (const i of err.body.issues ?? []) {
    const field = i.path.split('.')[0] ?? '';
    if (field && field !== '(root)' && !out[field]) out[field] = i.message;
  }
  const f = err.body.details?.field;
  if (typeof f === 'string' && !out[f]) out[f] = err.body.message;
  return out;
}

/** The field a 400 answer names (details.field, or the first issue's path). */
export function errorField(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.status !== 400 || !err.body) return null;
  const f = err.body.details?.field;
  if (typeof f === 'string') return f;
  const first = err.body.issues?.[0]?.path;
  return first && first !== '(root)' ? first : null;
}
