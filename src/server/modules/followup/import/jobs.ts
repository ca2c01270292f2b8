/**
 * Long-running analyst jobs (a survey import, a Kolada run) with progress the UI polls. In memory:
 * one process serves the analyst UI (a job started on one server is polled on the same one).
 * A job belongs to the person who started it; others get 404. Finished jobs are kept an hour.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../core/errors.js';

export type JobKind = 'survey_import' | 'kolada_import';

export interface JobError {
  readonly status: number;
  readonly error: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export interface JobState {
  readonly id: string;
  readonly kind: JobKind;
  status: 'running' | 'succeeded' | 'failed';
  /** What is happening now, e.g. 'reading', 'checking', 'storing'. */
  phase: string;
  /** 0..1, monotone. */
  fraction: number;
  rows: number;
  bytes: number;
  totalBytes: number | null;
  result: unknown;
  error: JobError | null;
  readonly startedAt: string;
  finishedAt: string | null;
}

const KEEP_MS = 60 * 60 * 1000;

export class JobRegistry {
  private readonly jobs = new Map<
    string,
    { owner: string; state: JobState; done: Promise<void>; finished: number | null }
  >();

  /** The app's clock: when a job started and finished, and when a finished one is forgotten. */
  constructor(private readonly now: () => Date) {}

  start(
    owner: string,
    kind: JobKind,
    run: (
      update: (p: Partial<Pick<JobState, 'phase' | 'fraction' | 'rows' | 'bytes' | 'totalBytes'>>) => void,
    ) => Promise<unknown>,
    toError: (err: unknown) => JobError,
  ): JobState {
    this.sweep();
    const state: JobState = {
      id: randomUUID(),
      kind,
      status: 'running',
      phase: 'starting',
      fraction: 0,
      rows: 0,
      bytes: 0,
      totalBytes: null,
      result: null,
      error: null,
      startedAt: this.now().toISOString(),
      finishedAt: null,
    };
    const entry = { owner, state, done: Promise.resolve(), finished: null as number | null };
    const update = (p: Partial<JobState>) => {
      if (p.fraction !== undefined) p = { ...p, fraction: Math.min(1, Math.max(state.fraction, p.fraction)) };
      Object.assign(state, p);
    };
    entry.done = (async () => {
      try {
        state.result = await run(update);
        state.status = 'succeeded';
        state.fraction = 1;
        state.phase = 'done';
      } catch (err) {
        state.status = 'failed';
        state.error = toError(err);
        state.phase = 'failed';
      } finally {
        const finished = this.now();
        state.finishedAt = finished.toISOString();
        entry.finished = finished.getTime();
      }
    })();
    this.jobs.set(state.id, entry);
    return state;
  }

  get(id: string, owner: string): JobState {
    const j = this.jobs.get(id);
    if (!j || j.owner !== owner) throw new AppError('not_found', 'No such job.');
    return j.state;
  }

  /** Waits for a job (tests, shutdown). */
  async wait(id: string): Promise<JobState> {
    const j = this.jobs.get(id);
    if (!j) throw new Error(`no job ${id}`);
    await j.done;
    return j.state;
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  private sweep(): void {
    const limit = this.now().getTime() - KEEP_MS;
    for (const [id, j] of this.jobs) if (j.finished !== null && j.finished < limit) this.jobs.delete(id);
  }
}
