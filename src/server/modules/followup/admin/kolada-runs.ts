/**
 * Kolada runs started over HTTP: one at a time, as a job the UI polls, audited (kolada.import)
 * when the run ends, succeeded or failed. Running requests are aborted at shutdown, so closing the
 * app never waits on the network.
 */
import { AppError } from '../../../../core/errors.js';
import { auditedTransaction } from '../../../access/audit-door.js';
import type { AppContext } from '../../../context.js';
import { followupEvent, type RequestedBy } from '../events.js';
import { toJobError } from '../import/job-errors.js';
import type { JobRegistry, JobState } from '../import/jobs.js';
import { KoladaClient } from '../kolada/client.js';
import { importKolada, KoladaImportError } from '../kolada/importer.js';

export class KoladaRuns {
  private running = false;
  private readonly closing = new AbortController();

  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'config' | 'now'>,
    private readonly jobs: JobRegistry,
  ) {}

  close(): void {
    this.closing.abort(new Error('the server is shutting down'));
  }

  start(by: RequestedBy, body: { kpis?: string[]; years?: number[]; full: boolean }): JobState {
    if (this.running)
      throw new AppError('conflict', 'A Kolada import is already running; wait for it to finish.', {
        reason: 'already_running',
      });
    this.running = true;
    const client = new KoladaClient({
      baseUrl: this.ctx.config.koladaBaseUrl,
      timeoutMs: 30_000,
      signal: this.closing.signal,
      now: this.ctx.now,
    });
    const db = this.ctx.db;
    return this.jobs.start(
      by.actor.personId,
      'kolada_import',
      async (update) => {
        try {
          const summary = await importKolada(db, {
            client,
            now: this.ctx.now,
            kpis: body.kpis,
            years: body.years,
            full: body.full,
            onProgress: (done, total, label) =>
              update({ phase: label, rows: done, fraction: total > 0 ? done / total : 0 }),
          });
          await auditedTransaction(
            db,
            async () => ({
              result: null,
              events: [
                followupEvent(by, 'kolada.import', 'kolada_import_run', String(summary.runId), {
                  status: 'succeeded',
                  kpis: summary.kpisImported,
                  values: summary.rowsReceived,
                }),
              ],
            }),
            { now: by.clock },
          );
          return summary;
        } catch (err) {
          const runId = err instanceof KoladaImportError ? String(err.runId) : null;
          await auditedTransaction(
            db,
            async () => ({
              result: null,
              events: [followupEvent(by, 'kolada.import', 'kolada_import_run', runId, { status: 'failed' }, 'failed')],
            }),
            { now: by.clock },
          ).catch(() => undefined);
          throw err;
        } finally {
          this.running = false;
        }
      },
      (err) => toJobError(err),
    );
  }
}
