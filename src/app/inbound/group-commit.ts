// Group commit: callers that arrive together share one write. Each `submit()` waits for the write (and so the commit)
// of the batch its item went into, then gets that item's own outcome. A batch is written when it holds `maxItems`,
// or `maxWaitMs` after its first item, or — when writes are already running — as soon as a write slot frees up
// (the items waited for that write anyway). At most `maxInFlight` writes run at once (each takes a pool
// connection). The defaults (16 items, 2 ms, 4 writes) keep several batches in flight at 32 concurrent requests, so
// the event loop parses the next requests while earlier batches commit. A write that throws fails only its own
// batch's callers; the next batch is written as usual.
// The timer is injected so tests decide when a batch is due (the stats' durations are measurements only).
import { performance } from 'node:perf_hooks';

export interface GroupCommitTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: GroupCommitTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One item's outcome in a written batch: its result, or the error that item alone hit. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<T, R> {
  /** Writes the batch in one commit; one outcome per item, in order. Throwing fails every item of the batch. */
  write(items: readonly T[]): Promise<readonly ItemOutcome<R>[]>;
  maxItems?: number;
  maxWaitMs?: number;
  maxInFlight?: number;
  timer?: GroupCommitTimer;
}

export interface GroupCommitStats {
  batches: number;
  items: number;
  failedBatches: number;
  /** Summed over items: time from submit() to the start of their batch's write (where the time goes). */
  queuedMs: number;
  /** Summed over batches: time their writes took. */
  writeMs: number;
}

interface Waiting<T, R> {
  item: T;
  at: number;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private timer: unknown;
  private inFlight = 0;
  private readonly idle = new Set<() => void>();
  readonly stats: GroupCommitStats = { batches: 0, items: 0, failedBatches: 0, queuedMs: 0, writeMs: 0 };
  private readonly maxItems: number;
  private readonly maxWaitMs: number;
  private readonly maxInFlight: number;
  private readonly clock: GroupCommitTimer;

  constructor(private readonly options: GroupCommitOptions<T, R>) {
    this.maxItems = Math.max(1, options.maxItems ?? 16);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? 2);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 4);
    this.clock = options.timer ?? realTimer;
  }

  /** Resolves with the item's outcome once its batch is committed; rejects when its batch (or the item) failed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, at: performance.now(), resolve, reject });
      if (this.queue.length >= this.maxItems) this.flushIfFree();
      else if (this.timer === undefined && this.inFlight < this.maxInFlight) {
        // A write that is running flushes the queue when it ends; only an idle batcher needs the timer.
        this.timer = this.clock.set(() => {
          this.timer = undefined;
          this.flushIfFree();
        }, this.maxWaitMs);
      }
    });
  }

  /** Callers waiting for a batch to be written (not counting those whose batch is being written). */
  get pending(): number {
    return this.queue.length;
  }

  /** Writes what is queued now (shutdown, tests) and resolves when no write is running. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight > 0) {
      this.flushIfFree();
      await new Promise<void>((resolve) => this.idle.add(resolve));
    }
  }

  private flushIfFree(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      if (this.timer !== undefined) {
        this.clock.clear(this.timer);
        this.timer = undefined;
      }
      const batch = this.queue.splice(0, this.maxItems);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        // Whatever queued up during the write has waited long enough.
        if (this.queue.length > 0) this.flushIfFree();
        for (const wake of [...this.idle]) wake();
        this.idle.clear();
      });
    }
  }

  private async write(batch: Waiting<T, R>[]): Promise<void> {
    const started = performance.now();
    this.stats.batches++;
    this.stats.items += batch.length;
    for (const waiting of batch) this.stats.queuedMs += started - waiting.at;
    let outcomes: readonly ItemOutcome<R>[];
    try {
      outcomes = await this.options.write(batch.map((w) => w.item)).finally(() => {
        this.stats.writeMs += performance.now() - started;
      });
      if (outcomes.length !== batch.length)
        throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`);
    } catch (error) {
      this.stats.failedBatches++;
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
