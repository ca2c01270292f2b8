import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../core/errors.js';
import { InvalidIdentityNumberError, parseIdentityNumber } from '../../../core/personnummer.js';
import type { AssignedActor } from '../../access/actor.js';
import { auditedTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf, type AuditDetails } from '../../access/audit-events.js';
import { writeChildData } from '../../access/child-data.js';
import { listChildData } from '../../access/child-list.js';
import { mayHoldCaseData } from '../../access/gate.js';
import type { RequestScope } from '../../access/request-scope.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';
import type {
  InboxReport,
  MyReport,
  ReportFeedbackRequest,
  ReportFromChildRequest,
  ReportFromScratchRequest,
  ReportOptions,
} from '../../../contract/reports.js';

/**
 * Reports per municipality and calendar month (Swedish time), aggregate only, for the follow-up's
 * local operational data; the caller applies its own small-cell suppression before publishing.
 */
export function countReportsByMunicipalityMonth(
  q: Queryable,
  from: string,
  to: string,
): Promise<{ municipalityCode: string; month: string; count: number }[]> {
  return repo.countReportsByMunicipalityMonth(q, from, to);
}

/** Events about a report (with the child's id when the child is known here). */
const reportEvents = (actor: AssignedActor, requestId: string) => auditEventsOf(actor, requestId, 'report');

/** Who may file through the system: people who work with children (not admins, population roles or log reviewers). */
export function mayFileReports(actor: AssignedActor): boolean {
  return mayHoldCaseData(actor) && (actor.role as string) !== 'log_reviewer';
}

/**
 * Orosanmälan. Filing never asks for consent and needs no place on the child's team; from the
 * child's page it goes through the choke point (the reporter may see the child), from scratch the
 * child is named by personnummer in the body and the answer never says whether the system knows
 * the child. Reports are seen by the reporter (as a person) and by the social services of the
 * report's municipality; every read is audited, with the child's id when the child is known here.
 */
export class ReportService {
  constructor(private readonly ctx: AppContext) {}

  private requireFiler(actor: AssignedActor): void {
    if (!mayFileReports(actor))
      throw new AppError(
        'forbidden',
        'Reports of concern are filed by professionals who work with children; your assignment does not. Report to social services by phone or letter.',
        { reason: 'role' },
      );
  }

  async options(actor: AssignedActor): Promise<ReportOptions> {
    const base = await repo.options(this.ctx.db, actor);
    const legalBasis = await repo.legalBasisOn(this.ctx.db, swedishToday(this.ctx.now()));
    if (!legalBasis) throw new Error('no legal basis for reports of concern is in force today');
    return {
      ...base,
      legalBasis,
      mayFile: mayFileReports(actor),
      receivesReports: (await repo.inboxMunicipality(this.ctx.db, actor)) !== null,
    };
  }

  private async requireLegalBasis(today: string) {
    const basis = await repo.legalBasisOn(this.ctx.db, today);
    if (!basis)
      throw new AppError(
        'unavailable',
        'No statute for reports of concern is in force in the catalogue today; contact the system administrator.',
      );
    return basis;
  }

  async fileFromChild(scope: RequestScope, childId: string, input: ReportFromChildRequest): Promise<MyReport> {
    const { actor, requestId } = scope;
    // The gate comes first (administrators and population roles get the same 404 as for any child
    // they may not see); the role check inside only matters for a reviewer placed on a team.
    const today = scope.today;
    const basis = await this.requireLegalBasis(today);
    const id = randomUUID();
    await writeChildData(
      {
        ctx: this.ctx,
        actor,
        childId,
        requestId,
        action: 'report.create',
        resourceType: 'report',
        details: { source: 'child_page', legalBasis: basis.id },
      },
      async (tx) => {
        this.requireFiler(actor);
        const child = await repo.childForReport(tx, childId);
        if (!child) throw notFound();
        await repo.insertReport(tx, {
          id,
          childId,
          personnummer: child.personnummer,
          childName: child.name,
          municipalityCode: child.municipalityCode,
          legalBasisId: basis.id,
          source: 'child_page',
          concern: input.concern,
          immediateDanger: input.immediateDanger,
          guardiansInformed: input.guardiansInformed,
          reporterPhone: input.reporterPhone?.trim() || null,
          actor,
          now: scope.now.toISOString(),
        });
        return { result: null, resourceId: id };
      },
    );
    return (await repo.loadMine(this.ctx.db, actor.personId, id))[0]!;
  }

  async fileFromScratch(scope: RequestScope, input: ReportFromScratchRequest): Promise<MyReport> {
    const { actor, requestId } = scope;
    this.requireFiler(actor);
    let personnummer: string;
    try {
      personnummer = parseIdentityNumber(input.personnummer, scope.now).normalized;
    } catch (err) {
      if (err instanceof InvalidIdentityNumberError) {
        throw new AppError(
          'validation_failed',
          'That is not a valid personnummer or samordningsnummer. Check the digits (12 digits: YYYYMMDDNNNN).',
          { field: 'personnummer', reason: err.reason },
        );
      }
      throw err;
    }
    if (!(await repo.municipalityExists(this.ctx.db, input.municipalityCode)))
      throw new AppError('validation_failed', 'There is no such municipality.', { field: 'municipalityCode' });
    const today = scope.today;
    const basis = await this.requireLegalBasis(today);
    const id = randomUUID();
    await auditedTransaction(
      this.ctx.db,
      async (tx) => {
        // Linked to the child's record when the number is known here; the reporter is not told either way.
        const childId = await repo.childByPersonnummer(tx, personnummer);
        await repo.insertReport(tx, {
          id,
          childId,
          personnummer,
          childName: input.childName,
          municipalityCode: input.municipalityCode,
          legalBasisId: basis.id,
          source: 'from_scratch',
          concern: input.concern,
          immediateDanger: input.immediateDanger,
          guardiansInformed: input.guardiansInformed,
          reporterPhone: input.reporterPhone?.trim() || null,
          actor,
          now: scope.now.toISOString(),
        });
        return {
          result: null,
          events: [
            reportEvents(
              actor,
              requestId,
            )({
              action: 'report.create',
              resourceId: id,
              childId,
              details: { source: 'from_scratch', legalBasis: basis.id, matched: childId !== null },
            }),
          ],
        };
      },
      { now: () => this.ctx.now() },
    );
    return (await repo.loadMine(this.ctx.db, actor.personId, id))[0]!;
  }

  /** The reports I filed (as a person, whichever assignment I filed them in), with receipt and feedback. */
  async mine(scope: RequestScope): Promise<MyReport[]> {
    return listChildData(
      { ctx: this.ctx, scope, action: 'report.list', resourceType: 'report', details: { view: 'reporter' } },
      (q) => repo.loadMine(q, scope.actor.personId),
      // The reporter's list is about the reporter's own filings: its events name the report, not the child.
      (reports) => reports.map((r) => ({ childId: null, resourceId: r.id })),
    );
  }

  private async requireInbox(actor: AssignedActor): Promise<string> {
    const code = await repo.inboxMunicipality(this.ctx.db, actor);
    if (!code)
      throw new AppError(
        'forbidden',
        'The report inbox is for social services (social workers and their managers, acting in a social services unit).',
        { reason: 'not_social_services' },
      );
    return code;
  }

  async inbox(
    scope: RequestScope,
  ): Promise<{ municipality: { code: string; name: string | null }; reports: InboxReport[] }> {
    const code = await this.requireInbox(scope.actor);
    const rows = await listChildData(
      { ctx: this.ctx, scope, action: 'report.list', resourceType: 'report', details: { view: 'inbox' } },
      (q) => repo.loadInbox(q, code),
      (inbox) => inbox.map((r) => ({ childId: r.childId, resourceId: r.report.id })),
    );
    const name =
      rows[0]?.report.municipality.name ??
      (
        await this.ctx.db.query<{ name: string }>(
          `SELECT name FROM organisation WHERE kind = 'municipality' AND municipality_code = $1`,
          [code],
        )
      ).rows[0]?.name ??
      null;
    return { municipality: { code, name }, reports: rows.map((r) => r.report) };
  }

  /** One report: the receiving social services see all of it; the reporter sees their own view; anyone else 404. */
  async get(
    scope: RequestScope,
    reportId: string,
    details?: AuditDetails<'report.read'>,
  ): Promise<{ viewer: 'reporter' | 'social_services'; mine: MyReport | null; inbox: InboxReport | null }> {
    const { actor, requestId } = scope;
    const event = reportEvents(actor, requestId);
    const code = await repo.inboxMunicipality(this.ctx.db, actor);
    if (code) {
      const found = (await repo.loadInbox(this.ctx.db, code, reportId))[0];
      if (found) {
        await recordEvents(this.ctx, [
          event({
            action: 'report.read',
            resourceId: reportId,
            childId: found.childId,
            details: { view: 'inbox', ...details },
          }),
        ]);
        return { viewer: 'social_services', mine: null, inbox: found.report };
      }
    }
    const mine = (await repo.loadMine(this.ctx.db, actor.personId, reportId))[0];
    if (mine) {
      await recordEvents(this.ctx, [
        event({ action: 'report.read', resourceId: reportId, details: { view: 'reporter', ...details } }),
      ]);
      return { viewer: 'reporter', mine, inbox: null };
    }
    await recordEvents(this.ctx, [event({ action: 'report.read', resourceId: reportId, outcome: 'not_found' })]);
    throw notFound();
  }

  async acknowledge(scope: RequestScope, reportId: string, ifMatch: number): Promise<InboxReport> {
    const { actor, requestId } = scope;
    const code = await this.requireInbox(actor);
    const event = reportEvents(actor, requestId);
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await repo.lockReport(tx, reportId);
        if (!current || current.municipalityCode !== code) throw this.missing(event, 'report.acknowledge', reportId);
        if (current.acknowledged)
          throw new AppError('conflict', 'Receipt of this report has already been acknowledged.');
        if (current.version !== ifMatch)
          // After the rollback: 412 with the report as the inbox shows it (a read, audited as one).
          throw new StaleVersion(async () => {
            const now = await this.get(scope, reportId, { reason: 'version_conflict' });
            return now.inbox!;
          });
        await repo.acknowledge(tx, reportId, actor, scope.now.toISOString());
        const updated = (await repo.loadInbox(tx, code, reportId))[0]!;
        return {
          result: updated.report,
          events: [event({ action: 'report.acknowledge', resourceId: reportId, childId: current.childId })],
        };
      },
      { now: () => this.ctx.now(), audit: this.ctx },
    );
  }

  async feedback(scope: RequestScope, reportId: string, input: ReportFeedbackRequest): Promise<InboxReport> {
    const { actor, requestId } = scope;
    const code = await this.requireInbox(actor);
    const event = reportEvents(actor, requestId);
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const current = await repo.lockReport(tx, reportId);
        if (!current || current.municipalityCode !== code) throw this.missing(event, 'report.feedback', reportId);
        if (!current.acknowledged)
          throw new AppError('conflict', 'Acknowledge receipt of the report before sending feedback.', {
            reason: 'not_acknowledged',
          });
        await repo.insertFeedback(tx, {
          id: randomUUID(),
          reportId,
          kind: input.kind,
          text: input.text,
          actor,
          now: scope.now.toISOString(),
        });
        const updated = (await repo.loadInbox(tx, code, reportId))[0]!;
        return {
          result: updated.report,
          events: [
            event({
              action: 'report.feedback',
              resourceId: reportId,
              childId: current.childId,
              details: { kind: input.kind },
            }),
          ],
        };
      },
      { now: () => this.ctx.now(), audit: this.ctx },
    );
  }

  /** Not in my inbox (or no such report): after the rollback, 404 audited as not found, without the child. */
  private missing(
    event: ReturnType<typeof reportEvents>,
    action: 'report.acknowledge' | 'report.feedback',
    reportId: string,
  ): MissingResource {
    return new MissingResource({ audit: event({ action, resourceId: reportId, outcome: 'not_found' }) });
  }
}
