// Contact events (a member added, a department renamed, a leader changed) come in bursts and mostly carry ids only,
// so each one schedules a re-read of the tenant's address book a little later; further events in between join it.
// One re-sync per tenant at a time; failures are logged and the next event tries again.
import type { DirectorySource } from '../../src/core/directory-port.js';
import type { BackgroundWorker } from '../../src/core/lifecycle.js';
import type { PlatformPorts } from '../shared/runtime.js';

export class WeComDirectoryResync implements BackgroundWorker {
  readonly name = 'wecom-directory-resync';
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly options: { ports: PlatformPorts; source: DirectorySource; delayMs?: number }) {}

  start(): void {
    this.stopped = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  request(tenantId: string): void {
    if (this.stopped || !this.options.ports.syncDirectory || this.timers.has(tenantId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(tenantId);
      void this.run(tenantId);
    }, this.options.delayMs ?? 60_000);
    timer.unref();
    this.timers.set(tenantId, timer);
  }

  async run(tenantId: string): Promise<void> {
    const sync = this.options.ports.syncDirectory;
    if (!sync) return;
    const previous = this.running.get(tenantId);
    if (previous) await previous;
    const run = sync(tenantId, this.options.source)
      .then(() => undefined)
      .catch((error: unknown) => {
        this.options.ports.logger.warn({ err: error, tenantId }, 'WeCom address-book re-sync failed');
      })
      .finally(() => this.running.delete(tenantId));
    this.running.set(tenantId, run);
    await run;
  }
}
