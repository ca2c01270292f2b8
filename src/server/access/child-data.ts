import { AppError, notFound } from '../../core/errors.js';
import type { Queryable } from '../db/client.js';
import { swedishToday } from '../clock.js';
import type { AppContext } from '../context.js';
import { versionConflict } from '../http/versioning.js';
import type { AssignedActor } from './actor.js';
import { appendEventsInTransaction, recordEvents } from './audit-door.js';
import { auditEvent, type AuditAction, type AuditEventInput, type ChildAuditDetails } from './audit-events.js';
import { CHILD_ACCESS_PERMITTED, childAccess, childAccessSql, mayHoldCaseData, type ChildAccess } from './gate.js';
import { recordScope, type DataCategory, type DomainRecord, type RecordScope } from './record-access.js';
import { AnswerAfterRollback, MissingResource, StaleVersion, type CurrentLoader } from './write-outcomes.js';
import type { SqlFragment } from '../db/sql.js';
import type { RequestScope } from './request-scope.js';

/**
 * The choke point, as two functions every child-data service uses:
 * - `readChildData`: gate → load → the read's audit event durably committed → data returned.
 * - `writeChildData`: one transaction holding the gate check, the write and its audit event.
 * No access and "no such resource" both end as the same 404, and both are audited. A write's
 * stale version and missing resource (write-outcomes.ts) are answered here too, after the rollback.
 */
export interface ChildDataCall {
  ctx: AppContext;
  actor: AssignedActor;
  childId: string;
  requestId: string;
  action: AuditAction;
  resourceType: AuditEventInput['resourceType'];
  resourceId?: string | null;
  /** Known before the data is touched; a write adds what it learns (`WriteResult.details`). */
  details?: ChildAuditDetails;
  /** For a write on a versioned resource: the current resource for the 412 of a `StaleVersion`. */
  current?: CurrentLoader;
  /** The request's time (`RequestScope.now`), so that its gate, dates and audit agree; else the app's clock, read once. */
  now?: Date;
}

/** A service's calls to the choke point in a request's scope: its resource type fixed, the action and the rest per call. */
export type ChildDataCalls = (
  scope: RequestScope,
  childId: string,
  rest: Pick<ChildDataCall, 'action'> & Partial<ChildDataCall>,
) => ChildDataCall;

export function childDataCalls(ctx: AppContext, resourceType: ChildDataCall['resourceType']): ChildDataCalls {
  return (scope, childId, rest) => ({
    ctx,
    actor: scope.actor,
    requestId: scope.requestId,
    now: scope.now,
    childId,
    resourceType,
    ...rest,
  });
}

/**
 * What a loader gets besides the connection and today: the gate's facts about the child, and the
 * record filter (record-access.ts) for this actor and child — computed on first use. Every loader
 * that returns records of child data applies `await scope()` to them.
 */
export interface ChildDataContext {
  access: ChildAccess;
  scope(): Promise<RecordScope>;
  /**
   * The records the actor may see (the record filter). Without a record of another secrecy domain
   * in the list it answers at once; otherwise it computes the scope (one query per request).
   */
  visible<T>(records: readonly T[], category: DataCategory, domainOf?: (r: T) => string | null): Promise<T[]>;
  now: Date;
}

/** Audit details every event about this child carries: protected identity and break-glass. */
function accessDetails(a: ChildAccess | null): Record<string, string | boolean> {
  const d: Record<string, string | boolean> = {};
  if (a?.protectedIdentity) d.protected_identity = true;
  if (a?.breakGlassId) d.break_glass_id = a.breakGlassId;
  return d;
}

function event(
  c: ChildDataCall,
  outcome: AuditEventInput['outcome'],
  childId: string | null,
  resourceId: string | null,
  extra: Record<string, string | number | boolean> = {},
): AuditEventInput {
  return auditEvent(c.actor, c.requestId, {
    action: c.action,
    resourceType: c.resourceType,
    resourceId,
    childId,
    outcome,
    details: { ...(c.details ?? {}), ...extra },
  });
}

async function deny(c: ChildDataCall, access: ChildAccess | null = null): Promise<never> {
  const exists = access
    ? access.exists
    : (await c.ctx.db.query('SELECT 1 FROM child WHERE id = $1', [c.childId])).rows.length > 0;
  await recordEvents(c.ctx, [
    event(
      c,
      exists ? 'denied' : 'not_found',
      exists ? c.childId : null,
      c.resourceId ?? null,
      exists ? accessDetails(access) : {},
    ),
  ]);
  throw notFound();
}

function context(
  c: ChildDataCall,
  q: Queryable,
  access: ChildAccess,
  now: Date,
  today: string,
): { ctx: ChildDataContext; used: () => RecordScope | null } {
  let scope: Promise<RecordScope> | null = null;
  let resolved: RecordScope | null = null;
  const getScope = () => {
    scope ??= recordScope(q, c.actor, c.childId, now, today).then((s) => (resolved = s));
    return scope;
  };
  const own = (d: string | null) => d === null || d === c.actor.secrecyDomain;
  return {
    ctx: {
      access,
      now,
      scope: getScope,
      async visible<T>(
        records: readonly T[],
        category: DataCategory,
        domainOf: (r: T) => string | null = (r) => (r as DomainRecord).secrecyDomain,
      ): Promise<T[]> {
        if (records.every((r) => own(domainOf(r)))) return [...records];
        return (await getScope()).filter(records, category, domainOf);
      },
    },
    used: () => resolved,
  };
}

/** The read's audit event (permitted, or not found when the loader found nothing) durably committed, then the data. */
async function finishRead<T>(
  c: ChildDataCall,
  access: ChildAccess,
  used: RecordScope | null,
  data: T | null,
): Promise<T> {
  const extra = { ...accessDetails(access), ...(used?.auditDetails() ?? {}) };
  const outcome = data === null ? 'not_found' : 'permitted';
  await recordEvents(c.ctx, [event(c, outcome, c.childId, c.resourceId ?? null, extra)]);
  if (data === null) throw notFound();
  return data;
}

export async function readChildData<T>(
  c: ChildDataCall,
  load: (q: Queryable, today: string, context: ChildDataContext) => Promise<T | null>,
): Promise<T> {
  const now = c.now ?? c.ctx.now();
  const today = swedishToday(now);
  const access = await childAccess(c.ctx.db, c.actor, c.childId, today, now);
  if (!access.permitted) return deny(c, access);
  const lc = context(c, c.ctx.db, access, now, today);
  const data = await load(c.ctx.db, today, lc.ctx);
  return finishRead(c, access, lc.used(), data);
}

/** The gate as SQL for `readChildDataInline`: select-list columns over the child row, and their parameters. */
export interface InlineGate {
  /** `childAccessSql` for the child alias the statement gives: select-list columns and their parameters. */
  sql(child: string): SqlFragment;
  /** The SQL condition "the gate said yes" over the columns of `sql` (gate.ts CHILD_ACCESS_PERMITTED). */
  readonly permitted: string;
}

/**
 * The same choke point for a hot read whose one statement carries the gate beside the data (one
 * round trip instead of two; bench plan-read). `load` runs the statement with the gate's columns
 * (`InlineGate.sql`) and must compute the data only under `InlineGate.permitted`; it returns the
 * gate's answer and the raw data. Then, as in `readChildData`: no access → the data is dropped,
 * the denial audited, 404; else `finish` applies the record filter, the read's audit event is
 * durably committed, and only then does the data leave.
 */
export async function readChildDataInline<R, T>(
  c: ChildDataCall,
  load: (q: Queryable, today: string, gate: InlineGate) => Promise<{ access: ChildAccess; data: R | null }>,
  finish: (data: R, q: Queryable, today: string, context: ChildDataContext) => Promise<T | null>,
): Promise<T> {
  const now = c.now ?? c.ctx.now();
  const today = swedishToday(now);
  if (!mayHoldCaseData(c.actor)) return deny(c, await childAccess(c.ctx.db, c.actor, c.childId, today, now));
  const gate: InlineGate = {
    sql: (child) => childAccessSql(c.actor, child, today, now),
    permitted: CHILD_ACCESS_PERMITTED,
  };
  const { access, data: raw } = await load(c.ctx.db, today, gate);
  if (!access.permitted) return deny(c, access);
  const lc = context(c, c.ctx.db, access, now, today);
  const data = raw === null ? null : await finish(raw, c.ctx.db, today, lc.ctx);
  return finishRead(c, access, lc.used(), data);
}

/** What a write returns: its result, the resource it touched and what the audit row should add. */
export interface WriteResult<T> {
  result: T;
  resourceId: string | null;
  /** Learnt during the write (a support level before and after), merged over the call's details. */
  details?: ChildAuditDetails;
}

/**
 * `write` returns the result and the id of the resource it touched (for the audit row). Throwing
 * inside `write` (validation, version conflict) rolls everything back, audit included; then a
 * `StaleVersion` answers 412 with the current resource, a `MissingResource` an audited 404 and an
 * `AnswerAfterRollback` whatever it says (write-outcomes.ts).
 */
export async function writeChildData<T>(
  c: ChildDataCall,
  write: (tx: Queryable, today: string, context: ChildDataContext) => Promise<WriteResult<T>>,
): Promise<T> {
  const now = c.now ?? c.ctx.now();
  const today = swedishToday(now);
  let denied: ChildAccess | null = null;
  try {
    return await c.ctx.db.transaction(async (tx) => {
      const access = await childAccess(tx, c.actor, c.childId, today, now);
      // Break-glass grants reading only: writing needs a place on the team.
      if (!access.permitted || !access.onTeam) {
        denied = access;
        throw notFound();
      }
      const lc = context(c, tx, access, now, today);
      const { result, resourceId, details } = await write(tx, today, lc.ctx);
      const done: ChildDataCall = details ? { ...c, details: { ...c.details, ...details } as ChildAuditDetails } : c;
      await appendEventsInTransaction(
        tx,
        [
          event(done, 'permitted', c.childId, resourceId, {
            ...accessDetails(access),
            ...(lc.used()?.auditDetails() ?? {}),
          }),
        ],
        c.ctx.now(),
      );
      return result;
    });
  } catch (err) {
    // The denial is audited outside the rolled-back transaction.
    if (denied !== null) {
      const a: ChildAccess = denied;
      if (a.permitted && !a.onTeam) {
        await recordEvents(c.ctx, [
          event(c, 'denied', c.childId, c.resourceId ?? null, { ...accessDetails(a), reason: 'break_glass_read_only' }),
        ]);
        throw new AppError(
          'forbidden',
          "Emergency access (break-glass) lets you read this child's data, not change it. Ask someone on the child's team.",
          { reason: 'break_glass_read_only' },
        );
      }
      return deny(c, a);
    }
    return answerAfterRollback(c, err);
  }
}

/** The answers of write-outcomes.ts, given after the write's rollback; anything else is rethrown. */
async function answerAfterRollback(c: ChildDataCall, err: unknown): Promise<never> {
  if (err instanceof StaleVersion) {
    const load = err.current ?? c.current;
    if (!load) throw new Error(`${c.action}: a stale version without a way to load the current one`);
    const current = await load();
    throw versionConflict(current, current.version);
  }
  if (err instanceof MissingResource) {
    // A resource that is not there on a child the actor may see: audited as not found, without details.
    const missing: ChildDataCall = {
      ...c,
      resourceType: err.where.resourceType ?? c.resourceType,
      resourceId: err.where.resourceId !== undefined ? err.where.resourceId : (c.resourceId ?? null),
      details: {},
    };
    await recordEvents(c.ctx, [event(missing, 'not_found', c.childId, missing.resourceId ?? null)]);
    throw notFound();
  }
  if (err instanceof AnswerAfterRollback) return err.answer();
  throw err;
}
