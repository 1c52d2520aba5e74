// Address-book events (a user added, a department renamed, a manager changed) come in bursts and carry only ids, so
// each one schedules a re-read of the tenant's address book a little later; further events in between join it.
// One re-sync per tenant at a time; failures are logged and the next event tries again. Shared by the platforms
// whose contact events need it (DingTalk, WeCom).
import type { DirectorySource } from '../../src/core/directory-port.js';
import type { BackgroundWorker } from '../../src/core/lifecycle.js';
import type { PlatformPorts } from './runtime.js';

export interface DirectoryResyncOptions {
  /** The platform, for the worker's name and log lines. */
  platform: 'dingtalk' | 'wecom';
  ports: PlatformPorts;
  source: DirectorySource;
  /** How long after the first event the re-read starts (default 60 s). */
  delayMs?: number | undefined;
}

export class DirectoryResync implements BackgroundWorker {
  readonly name: string;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly options: DirectoryResyncOptions) {
    this.name = `${options.platform}-directory-resync`;
  }

  start(): void {
    this.stopped = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Schedules a re-sync of the tenant (no-op when one is already scheduled, or when sync is not wired). */
  request(tenantId: string): void {
    if (this.stopped || !this.options.ports.syncDirectory || this.timers.has(tenantId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(tenantId);
      void this.run(tenantId);
    }, this.options.delayMs ?? 60_000);
    timer.unref();
    this.timers.set(tenantId, timer);
  }

  /** Runs the re-sync now (tests, and the timer). */
  async run(tenantId: string): Promise<void> {
    const sync = this.options.ports.syncDirectory;
    if (!sync) return;
    const previous = this.running.get(tenantId);
    if (previous) await previous;
    const run = sync(tenantId, this.options.source)
      .then(() => undefined)
      .catch((error: unknown) => {
        this.options.ports.logger.warn(
          { err: error, tenantId, platform: this.options.platform },
          'address-book re-sync failed',
        );
      })
      .finally(() => this.running.delete(tenantId));
    this.running.set(tenantId, run);
    await run;
  }
}
