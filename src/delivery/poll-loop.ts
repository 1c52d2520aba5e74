// The claim/lease/poll loop the background queue workers share (outbox delivery, inbox ingestion): drain what is
// due, batch after batch (each batch claimed with FOR UPDATE SKIP LOCKED and a lease by the worker's repository),
// then sleep until the next poll, an earlier due time, or a wake() from this process. A failing drain is logged and
// retried at the next poll; stop() lets the current drain finish.
import type { BackgroundWorker } from '../core/lifecycle.js';

/** The subset of pino the queue workers use (a pino Logger fits). */
export interface WorkerLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: WorkerLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface PollLoopOptions {
  /** Idle poll interval. */
  pollIntervalMs: number;
  logger: WorkerLogger;
}

/** Bounds a drain so a misbehaving clock can never spin there forever; the running loop comes back anyway. */
export const MAX_DRAIN_PASSES = 1_000;

/**
 * Claims batch after batch until a claim comes back empty, handing each to `handle`. Returns the rows claimed.
 * With `prefetch`, the next batch is claimed while the current one is handled (its lease runs meanwhile, so
 * handling one batch must stay well within the lease).
 */
export async function drainClaims<Row>(
  claim: () => Promise<Row[]>,
  handle: (rows: Row[]) => Promise<void>,
  options: { prefetch?: boolean } = {},
): Promise<number> {
  let claimed = 0;
  let next = claim();
  for (let pass = 0; pass < MAX_DRAIN_PASSES; pass++) {
    const rows = await next;
    if (rows.length === 0) return claimed;
    claimed += rows.length;
    if (options.prefetch && pass + 1 < MAX_DRAIN_PASSES) {
      next = claim();
      // Handled when awaited; a failing batch must not leave it unobserved.
      next.catch(() => undefined);
      await handle(rows);
    } else {
      await handle(rows);
      next = claim();
    }
  }
  return claimed;
}

/**
 * The running loop of a queue worker: subclasses say how to drain (and, optionally, how long to sleep before the
 * next drain, e.g. until the next row is due); start/stop/wake are the same for all.
 */
export abstract class PollingWorker implements BackgroundWorker {
  abstract readonly name: string;
  protected readonly log: WorkerLogger;
  protected readonly pollIntervalMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** A wake() that arrived while draining: drain again instead of sleeping. */
  private woken = false;

  constructor(options: PollLoopOptions) {
    this.log = options.logger;
    this.pollIntervalMs = options.pollIntervalMs;
  }

  /** Processes everything due now; `claimed` tells whether anything was done. */
  abstract drainOnce(): Promise<{ claimed: number }>;

  /** How long to sleep before the next drain. */
  protected nextWaitMs(): Promise<number> {
    return Promise.resolve(this.pollIntervalMs);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Drain now instead of at the next poll (e.g. right after enqueueing in the same process). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      try {
        const stats = await this.drainOnce();
        if (stats.claimed > 0) this.log.debug({ ...stats }, `${this.name} drained`);
      } catch (err) {
        this.log.error({ err }, `${this.name} drain failed; retrying at the next poll`);
      }
      if (!this.running) break;
      if (this.woken) continue;
      let waitMs = this.pollIntervalMs;
      try {
        waitMs = await this.nextWaitMs();
      } catch {
        // The next drain reports database trouble.
      }
      if (!this.running) break;
      if (this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }
}
