import { systemClock } from '../clock.js';
import type { Db } from '../db/client.js';
import { appendToChain } from './chain.js';
import type { AuditEventInput } from './events.js';

interface Pending {
  events: AuditEventInput[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The single writer for read audits (group commit). Requests enqueue their events and wait; one
 * loop takes everything queued, chains it and commits it in one transaction, then releases all the
 * waiters of that batch. While a batch commits, the next one fills up. A read's response is sent
 * only after its batch is durable; if the commit fails, every waiter fails and no data leaves.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private running = false;
  private closed = false;
  /** Test hook: makes the next commits fail, to prove fail-closed behaviour. */
  failNext = 0;
  readonly stats = { batches: 0, events: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxBatchEvents = 2000,
    /** Stamps each batch: the app's clock. */
    private readonly now: () => Date = systemClock,
  ) {}

  record(events: AuditEventInput[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('audit writer closed'));
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        let count = 0;
        while (
          this.queue.length > 0 &&
          (batch.length === 0 || count + this.queue[0]!.events.length <= this.maxBatchEvents)
        ) {
          const p = this.queue.shift()!;
          batch.push(p);
          count += p.events.length;
        }
        try {
          if (this.failNext > 0) {
            this.failNext -= 1;
            throw new Error('audit commit failed (injected)');
          }
          // One statement in its own implicit transaction: one round trip and one commit per batch.
          await appendToChain(
            this.db,
            batch.flatMap((p) => p.events),
            this.now(),
          );
          this.stats.batches += 1;
          this.stats.events += count;
          for (const p of batch) p.resolve();
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Waits until everything queued so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 2));
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}
