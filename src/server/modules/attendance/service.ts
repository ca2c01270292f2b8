import { createHash, randomUUID } from 'node:crypto';
import { sumByPupil } from '../../../core/attendance.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { AssignedActor } from '../../access/actor.js';
import { appendEventsInTransaction, auditedTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf, type AuditDetails } from '../../access/audit-events.js';
import { readChildData, writeChildData, childDataCalls, type ChildDataCalls } from '../../access/child-data.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import { needsProtectedDetails } from '../../access/record-access.js';
import type { Queryable } from '../../db/client.js';
import { ATTENDANCE_THRESHOLD_ROLES, requireAttendanceUnit } from '../../access/school-unit.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { createConcernInTransaction } from '../concerns/service.js';
import { checkPeriod, matchPupils, parseOrReject } from './import-steps.js';
import * as repo from './repo.js';
import type {
  AttendanceAlert,
  AttendanceAlertReviewRequest,
  AttendanceAlertReviewResult,
  AttendanceImportRequest,
  AttendanceImportSummary,
  AttendanceThresholds,
  AttendanceThresholdsRequest,
} from '../../../contract/attendance.js';
import { addDays } from '../../../core/calendar.js';
import type { RequestScope } from '../../access/request-scope.js';

/**
 * Närvaro. The import writes attendance for the pupils enrolled at the importer's own school (the
 * rule in access/school-unit.ts) and raises ALERTS for a person to review when a pupil reaches an
 * absence threshold — never a plan and never a concern by itself. Reviewing an alert is child data
 * behind the team gate: dismiss it with a reason, or raise a concern (through the concerns module,
 * in the same transaction).
 */
export class AttendanceService {
  private readonly call: ChildDataCalls;

  constructor(private readonly ctx: AppContext) {
    this.call = childDataCalls(ctx, 'attendance_alert');
  }

  private today(): string {
    return swedishToday(this.ctx.now());
  }

  // ---- thresholds (an organisation setting, not child data) ----

  private requireThresholdRole(actor: AssignedActor): void {
    if (!ATTENDANCE_THRESHOLD_ROLES.has(actor.role)) {
      throw new AppError(
        'forbidden',
        'Absence thresholds are set by a principal or an administrator of the organisation.',
        { reason: 'role' },
      );
    }
  }

  async thresholds(scope: RequestScope): Promise<AttendanceThresholds> {
    const { actor, requestId } = scope;
    this.requireThresholdRole(actor);
    const t = await repo.loadThresholds(this.ctx.db, actor.organisationId, this.defaults());
    await recordEvents(this.ctx, [
      auditEventsOf(
        actor,
        requestId,
      )({
        action: 'attendance_threshold.read',
        resourceType: 'attendance_threshold',
        resourceId: actor.organisationId,
      }),
    ]);
    return t;
  }

  async saveThresholds(
    scope: RequestScope,
    ifMatch: number,
    input: AttendanceThresholdsRequest,
  ): Promise<AttendanceThresholds> {
    const { actor, requestId } = scope;
    this.requireThresholdRole(actor);
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const ok = await repo.saveThresholds(tx, {
          organisationId: actor.organisationId,
          expectedVersion: ifMatch,
          totalAbsencePct: input.totalAbsencePct,
          invalidAbsencePct: input.invalidAbsencePct,
          personId: actor.personId,
          assignmentId: actor.assignmentId,
          now: scope.now.toISOString(),
        });
        // The organisation's setting, not child data: the current one is answered as it is, unaudited.
        if (!ok) throw new StaleVersion(() => repo.loadThresholds(this.ctx.db, actor.organisationId, this.defaults()));
        return {
          result: await repo.loadThresholds(tx, actor.organisationId, this.defaults()),
          events: [
            auditEventsOf(
              actor,
              requestId,
            )({
              action: 'attendance_threshold.update',
              resourceType: 'attendance_threshold',
              resourceId: actor.organisationId,
              details: { totalAbsencePct: input.totalAbsencePct, invalidAbsencePct: input.invalidAbsencePct },
            }),
          ],
        };
      },
      { now: () => this.ctx.now() },
    );
  }

  private defaults(): { totalAbsencePct: number; invalidAbsencePct: number } {
    return {
      totalAbsencePct: this.ctx.config.attendance.totalAbsencePct,
      invalidAbsencePct: this.ctx.config.attendance.invalidAbsencePct,
    };
  }

  // ---- imports ----

  async listImports(
    scope: RequestScope,
  ): Promise<{ unit: { id: string; name: string }; imports: AttendanceImportSummary[] }> {
    const { actor, requestId } = scope;
    const unit = await requireAttendanceUnit(this.ctx.db, actor);
    const imports = await repo.listImports(this.ctx.db, unit.id);
    await recordEvents(this.ctx, [
      auditEventsOf(
        actor,
        requestId,
      )({
        action: 'attendance_import.list',
        resourceType: 'attendance_import',
        details: { unitId: unit.id, count: imports.length },
      }),
    ]);
    return { unit: { id: unit.id, name: unit.name }, imports };
  }

  async getImport(scope: RequestScope, importId: string): Promise<AttendanceImportSummary> {
    const { actor, requestId } = scope;
    const unit = await requireAttendanceUnit(this.ctx.db, actor);
    const found = await repo.loadImport(this.ctx.db, unit.id, importId);
    await recordEvents(this.ctx, [
      auditEventsOf(
        actor,
        requestId,
      )({
        action: 'attendance_import.read',
        resourceType: 'attendance_import',
        resourceId: importId,
        outcome: found ? 'permitted' : 'not_found',
      }),
    ]);
    if (!found) throw notFound();
    return found;
  }

  /**
   * Validates the whole file first: any bad line and nothing is written (400 with every problem by
   * line). Then, in ONE transaction: the pupils enrolled at the unit are matched, their sums written,
   * alerts raised for those at a threshold, the import's summary stored and one audit event per
   * child written. The same file for the same unit again is a no-op that answers with the first
   * import's summary.
   */
  async import(scope: RequestScope, input: AttendanceImportRequest): Promise<AttendanceImportSummary> {
    const { actor, requestId } = scope;
    const unit = await requireAttendanceUnit(this.ctx.db, actor, input.unitId);
    const today = this.today();
    const period = { start: input.periodStart, end: input.periodEnd };
    checkPeriod(period, today);

    const sha256 = createHash('sha256').update(input.csv, 'utf8').digest('hex');
    const earlier = await repo.findImportByHash(this.ctx.db, unit.id, sha256);
    if (earlier) return this.noOp(actor, earlier, requestId);

    const parsed = parseOrReject(input.csv, period, scope.now);

    const pupils = sumByPupil(parsed.rows);
    const importId = randomUUID();
    const nowDate = scope.now;
    const now = nowDate.toISOString();
    const result = await auditedTransaction<{ noOp: AttendanceImportSummary | null }>(
      this.ctx.db,
      async (tx) => {
        // One import per unit at a time: the duplicate check and the alert check below stay true.
        await tx.query('SELECT pg_advisory_xact_lock(7262100, hashtext($1))', [unit.id]);
        const raced = await repo.findImportByHash(tx, unit.id, sha256);
        if (raced) return { result: { noOp: raced }, events: [] };

        const thresholds = await repo.loadThresholds(tx, unit.organisationId, this.defaults());
        const limits = { totalAbsencePct: thresholds.totalAbsencePct, invalidAbsencePct: thresholds.invalidAbsencePct };
        const { records, notEnrolledLines, newAlerts, withoutReviewer } = await matchPupils(
          tx,
          unit.id,
          period,
          pupils,
          limits,
          today,
        );

        await repo.insertImport(tx, {
          id: importId,
          unitId: unit.id,
          sha256,
          periodStart: period.start,
          periodEnd: period.end,
          measure: input.measure,
          rowsTotal: parsed.dataRows,
          rowsImported: records.reduce((n, r) => n + r.pupil.lines.length, 0),
          notEnrolledLines,
          children: records.length,
          alertsRaised: newAlerts.length,
          alertsWithoutReviewerLines: newAlerts
            .filter((r) => withoutReviewer.has(r.childId))
            .flatMap((r) => r.pupil.lines)
            .sort((a, b) => a - b),
          totalThresholdPct: limits.totalAbsencePct,
          invalidThresholdPct: limits.invalidAbsencePct,
          personId: actor.personId,
          assignmentId: actor.assignmentId,
          now,
        });
        await repo.insertRecords(
          tx,
          importId,
          unit.id,
          period,
          input.measure,
          records.map((r) => ({
            id: r.id,
            childId: r.childId,
            scheduled: r.pupil.scheduled,
            validAbsence: r.pupil.validAbsence,
            invalidAbsence: r.pupil.invalidAbsence,
            sourceLines: r.pupil.lines.length,
          })),
        );
        await repo.insertAlerts(
          tx,
          {
            importId,
            unitId: unit.id,
            period,
            measure: input.measure,
            thresholds: limits,
            reviewDue: addDays(today, this.ctx.config.attendance.reviewDays),
            now,
          },
          newAlerts.map((r) => ({
            id: randomUUID(),
            childId: r.childId,
            recordId: r.id,
            scheduled: r.pupil.scheduled,
            validAbsence: r.pupil.validAbsence,
            invalidAbsence: r.pupil.invalidAbsence,
            totalAbsencePct: r.evaluation.totalAbsencePct ?? 0,
            invalidAbsencePct: r.evaluation.invalidAbsencePct ?? 0,
            triggered: r.evaluation.triggered,
          })),
        );
        // One audit event per child written, chained in this transaction (or none of it happened).
        const alerted = new Set(newAlerts.map((r) => r.childId));
        const event = auditEventsOf(actor, requestId, 'attendance_import');
        const events =
          records.length > 0
            ? records.map((r) =>
                event({
                  action: 'attendance.import',
                  resourceId: importId,
                  childId: r.childId,
                  details: { alertRaised: alerted.has(r.childId) },
                }),
              )
            : [event({ action: 'attendance.import', resourceId: importId, details: { children: 0 } })];
        return { result: { noOp: null }, events };
      },
      { now: () => nowDate },
    );
    if (result.noOp) return this.noOp(actor, result.noOp, requestId);
    const summary = await repo.loadImport(this.ctx.db, unit.id, importId);
    if (!summary) throw new Error('attendance import vanished after its commit');
    return summary;
  }

  private async noOp(
    actor: AssignedActor,
    earlier: AttendanceImportSummary,
    requestId: string,
  ): Promise<AttendanceImportSummary> {
    await recordEvents(this.ctx, [
      auditEventsOf(
        actor,
        requestId,
      )({
        action: 'attendance.import',
        resourceType: 'attendance_import',
        resourceId: earlier.importId,
        details: { alreadyImported: true },
      }),
    ]);
    return { ...earlier, alreadyImported: true };
  }

  // ---- alerts (child data: the team gate) ----

  async listAlerts(scope: RequestScope, childId: string): Promise<AttendanceAlert[]> {
    const { actor } = scope;
    return readChildData(
      this.call(scope, childId, { action: 'attendance_alert.list', resourceId: null }),
      async (q, today) => withholdSchool(q, actor, childId, today, await repo.listAlerts(q, childId, today)),
    );
  }

  async getAlert(
    scope: RequestScope,
    childId: string,
    alertId: string,
    details?: AuditDetails<'attendance_alert.read'>,
  ): Promise<AttendanceAlert> {
    const { actor } = scope;
    return readChildData(
      this.call(scope, childId, {
        action: 'attendance_alert.read',
        resourceId: alertId,
        ...(details ? { details } : {}),
      }),
      async (q, today) => {
        const a = await repo.loadAlert(q, childId, alertId, today);
        return a ? (await withholdSchool(q, actor, childId, today, [a]))[0]! : null;
      },
    );
  }

  /**
   * A person's review: dismissed (with the reason) or a concern raised from it. The concern is
   * created by the concerns module's own function in this transaction, with its own audit row.
   */
  async review(
    scope: RequestScope,
    childId: string,
    alertId: string,
    ifMatch: number,
    input: AttendanceAlertReviewRequest,
  ): Promise<AttendanceAlertReviewResult> {
    const { actor, requestId } = scope;
    return writeChildData(
      this.call(scope, childId, {
        action: 'attendance_alert.review',
        resourceId: alertId,
        details: { outcome: input.outcome === 'dismissed' ? 'dismissed' : 'concern_created' },
        // A stale If-Match answers 412 with the current alert, read through the gate and audited.
        current: () => this.getAlert(scope, childId, alertId, { reason: 'version_conflict' }),
      }),
      async (tx, today) => {
        const current = await repo.lockAlert(tx, childId, alertId);
        if (!current) throw new MissingResource();
        if (current.status !== 'open') throw new AppError('conflict', 'This alert has already been reviewed.');
        if (current.version !== ifMatch) throw new StaleVersion();
        const now = scope.now.toISOString();
        let concern: AttendanceAlertReviewResult['concern'] = null;
        if (input.outcome === 'concern') {
          concern = await createConcernInTransaction(this.ctx, tx, actor, childId, input.concern, today);
          await appendEventsInTransaction(
            tx,
            [
              auditEventsOf(
                actor,
                requestId,
              )({
                action: 'concern.create',
                resourceType: 'concern',
                resourceId: concern.id,
                childId,
                details: { from: 'attendance_alert', alertId },
              }),
            ],
            scope.now,
          );
        }
        const ok = await repo.reviewAlert(tx, {
          alertId,
          expectedVersion: ifMatch,
          status: input.outcome === 'dismissed' ? 'dismissed' : 'concern_created',
          dismissReason: input.outcome === 'dismissed' ? input.reason : null,
          concernId: concern?.id ?? null,
          personId: actor.personId,
          assignmentId: actor.assignmentId,
          now,
        });
        if (!ok) throw new StaleVersion();
        const alert = await repo.loadAlert(tx, childId, alertId, today);
        if (!alert) throw new Error('attendance alert vanished inside its own transaction');
        return {
          result: { alert, concern },
          resourceId: alertId,
          ...(concern ? { details: { concernId: concern.id } } : {}),
        };
      },
    );
  }
}

/**
 * Protected identity (skyddade personuppgifter): an alert names the school — the child's
 * school location — and the reviewer's unit. Both are withheld from everyone who does not need
 * them (only the coordinator and barnets bästa-ansvarig do, as on the child's page).
 */
async function withholdSchool(
  q: Queryable,
  actor: AssignedActor,
  childId: string,
  today: string,
  alerts: AttendanceAlert[],
): Promise<AttendanceAlert[]> {
  if (alerts.length === 0) return alerts;
  const prot = await q.query('SELECT 1 FROM child WHERE id = $1 AND protected_identity', [childId]);
  if (prot.rows.length === 0 || (await needsProtectedDetails(q, actor, childId, today))) return alerts;
  return alerts.map((a) => ({
    ...a,
    unit: null,
    review: a.review ? { ...a.review, reviewedBy: { ...a.review.reviewedBy, unitName: null } } : null,
  }));
}
