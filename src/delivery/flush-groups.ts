// Flush groups: the outbox worker records finished sends in groups, one fenced UPDATE per group
// (`… WHERE id = ANY($1) AND claimed_by = $2`), instead of one UPDATE per message — that round trip per message was
// the drain's main cost. A group is flushed when it holds `groupSize` (8) sends, when its oldest send finished
// `maxDelayMs` (10 ms, on the injected clock) ago, and at the end of every drain.
//
// The crash window stays bounded: a send starts only while fewer than `groupSize` finished sends wait for their
// flush, so a worker that dies (or loses its lease) leaves at most one flush group of sent-but-unrecorded rows,
// besides the sends in flight that any at-least-once sender repeats. After the lease those rows are claimed again
// and re-sent with the same idempotency key: re-sends after a crash ≤ groupSize − 1 + concurrency.
export interface SentMark {
  id: string;
  platformMessageId: string;
  sentAt: Date;
}

export interface FlushGroupOptions {
  /** Records the group; returns the ids this worker still held (the others were taken over meanwhile). */
  flush: (marks: readonly SentMark[]) => Promise<readonly string[]>;
  /** Called with the ids a flush found taken over by another worker. */
  onLost: (ids: readonly string[]) => void;
  groupSize?: number;
  maxDelayMs?: number;
  now: () => Date;
}

export const FLUSH_GROUP_SIZE = 8;
export const FLUSH_MAX_DELAY_MS = 10;

export class FlushGroups {
  readonly groupSize: number;
  private readonly maxDelayMs: number;
  private buffer: SentMark[] = [];
  private flushing: Promise<void> | undefined;
  private flushingCount = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failure: unknown;
  /** Marks recorded (the rows this worker still held). */
  recorded = 0;

  constructor(private readonly options: FlushGroupOptions) {
    this.groupSize = options.groupSize ?? FLUSH_GROUP_SIZE;
    this.maxDelayMs = options.maxDelayMs ?? FLUSH_MAX_DELAY_MS;
  }

  /** Finished sends not yet recorded (buffered or being flushed). */
  get unrecorded(): number {
    return this.buffer.length + this.flushingCount;
  }

  /**
   * Resolves when a new send may start: fewer than one group of finished sends awaits its flush. Throws once a
   * flush failed: sends that cannot be recorded must not pile up (their rows come back by lease).
   */
  async ready(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    while (this.unrecorded >= this.groupSize) {
      this.kick();
      if (this.flushing) await this.flushing;
      if (this.failure !== undefined) throw this.failure;
    }
  }

  /** A send finished: buffer it; flush when the group is full or its oldest send is old enough. */
  add(mark: SentMark): void {
    this.buffer.push(mark);
    const oldest = this.buffer[0]!.sentAt.getTime();
    if (this.buffer.length >= this.groupSize || this.options.now().getTime() - oldest >= this.maxDelayMs) {
      this.kick();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, this.maxDelayMs);
    }
  }

  /** Flushes everything buffered; throws the first flush failure of this drain (its rows come back by lease). */
  async close(): Promise<void> {
    while (this.flushing || this.buffer.length > 0) {
      this.kick();
      await this.flushing;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Starts a flush of up to one group, unless one is running (it starts the next when done). */
  private kick(): void {
    if (this.flushing || this.buffer.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const group = this.buffer.splice(0, this.groupSize);
    this.flushingCount = group.length;
    this.flushing = this.options
      .flush(group)
      .then(
        (held) => {
          this.recorded += held.length;
          if (held.length < group.length) {
            const kept = new Set(held);
            this.options.onLost(group.filter((m) => !kept.has(m.id)).map((m) => m.id));
          }
        },
        (error: unknown) => {
          this.failure ??= error;
        },
      )
      .finally(() => {
        this.flushing = undefined;
        this.flushingCount = 0;
        const due =
          this.buffer.length >= this.groupSize ||
          (this.buffer.length > 0 &&
            this.options.now().getTime() - this.buffer[0]!.sentAt.getTime() >= this.maxDelayMs);
        if (due) this.kick();
        else if (this.buffer.length > 0 && !this.timer) {
          this.timer = setTimeout(() => {
            this.timer = undefined;
            this.kick();
          }, this.maxDelayMs);
        }
      });
  }
}
