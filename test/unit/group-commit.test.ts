// The inbox's group commit (src/app/inbound/group-commit.ts) with an injected timer: callers that arrive together
// share one write, each resolves only once its batch's write resolved, a failed write fails only its own batch.
import { describe, expect, it } from 'vitest';
import { GroupCommit, type GroupCommitTimer, type ItemOutcome } from '../../src/app/inbound/group-commit.js';

/** A timer the test fires by hand. */
function manualTimer() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timer: GroupCommitTimer = {
    set: (callback) => {
      pending.set(++next, callback);
      return next;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    timer,
    get armed() {
      return pending.size;
    },
    fire() {
      const callbacks = [...pending.values()];
      pending.clear();
      for (const callback of callbacks) callback();
    },
  };
}

/** A write the test completes by hand; records every batch. */
function manualWrites<T>() {
  const batches: T[][] = [];
  const open: { resolve(): void; reject(error: unknown): void }[] = [];
  return {
    batches,
    open,
    write: (items: readonly T[]) =>
      new Promise<ItemOutcome<string>[]>((resolve, reject) => {
        batches.push([...items]);
        open.push({
          resolve: () => resolve(items.map((item) => ({ ok: true, value: `stored ${String(item)}` }))),
          reject,
        });
      }),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes callers that arrive together in one batch and answers each only after that write', async () => {
    const clock = manualTimer();
    const writes = manualWrites<number>();
    const group = new GroupCommit({ write: writes.write, maxItems: 10, maxWaitMs: 2, timer: clock.timer });
    const settled: string[] = [];
    const calls = [1, 2, 3].map((n) => group.submit(n).then((value) => settled.push(value)));
    await tick();
    expect(writes.batches).toEqual([]); // waiting for company until the timer fires
    clock.fire();
    await tick();
    expect(writes.batches).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([]); // not answered before the commit
    writes.open[0]!.resolve();
    await Promise.all(calls);
    expect(settled).toEqual(['stored 1', 'stored 2', 'stored 3']);
    expect(group.stats).toMatchObject({ batches: 1, items: 3, failedBatches: 0 });
  });

  it('writes a full batch at once, without waiting for the timer', async () => {
    const clock = manualTimer();
    const writes = manualWrites<number>();
    const group = new GroupCommit({ write: writes.write, maxItems: 2, maxInFlight: 4, timer: clock.timer });
    const calls = [1, 2, 3, 4, 5].map((n) => group.submit(n));
    await tick();
    expect(writes.batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    clock.fire();
    expect(writes.batches).toEqual([[1, 2], [3, 4], [5]]);
    for (const write of writes.open) write.resolve();
    expect(await Promise.all(calls)).toHaveLength(5);
  });

  it('queues while its writes are all running and writes the queue when one ends', async () => {
    const clock = manualTimer();
    const writes = manualWrites<number>();
    const group = new GroupCommit({ write: writes.write, maxItems: 100, maxInFlight: 1, timer: clock.timer });
    const first = group.submit(1);
    clock.fire();
    expect(writes.batches).toEqual([[1]]);
    const later = [2, 3, 4].map((n) => group.submit(n));
    expect(clock.armed).toBe(0); // no timer: the running write's end flushes them
    writes.open[0]!.resolve();
    await first;
    await tick();
    expect(writes.batches).toEqual([[1], [2, 3, 4]]);
    writes.open[1]!.resolve();
    expect(await Promise.all(later)).toEqual(['stored 2', 'stored 3', 'stored 4']);
  });

  it('fails only the callers of a failed write; the next batch is written as usual', async () => {
    const clock = manualTimer();
    const writes = manualWrites<string>();
    const group = new GroupCommit({ write: writes.write, maxItems: 2, maxInFlight: 2, timer: clock.timer });
    const bad = [group.submit('a'), group.submit('b')].map((p) =>
      p.then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    const good = [group.submit('c'), group.submit('d')];
    await tick();
    writes.open[0]!.reject(new Error('connection lost'));
    writes.open[1]!.resolve();
    expect(await Promise.all(bad)).toEqual(['connection lost', 'connection lost']);
    expect(await Promise.all(good)).toEqual(['stored c', 'stored d']);
    expect(group.stats).toMatchObject({ batches: 2, failedBatches: 1 });
  });

  it('passes an item its own failure when the write reports one', async () => {
    const group = new GroupCommit<number, number>({
      write: async (items) =>
        items.map((n) =>
          n % 2 ? { ok: true as const, value: n } : { ok: false as const, error: new Error(`bad ${n}`) },
        ),
      maxItems: 4,
      timer: manualTimer().timer,
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => group.submit(n)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      1,
      'bad 2',
      3,
      'bad 4',
    ]);
  });

  it('drain() writes what is queued and waits for running writes', async () => {
    const writes = manualWrites<number>();
    const group = new GroupCommit({ write: writes.write, maxItems: 10, timer: manualTimer().timer });
    const call = group.submit(7);
    const drained = group.drain();
    await tick();
    expect(writes.batches).toEqual([[7]]);
    writes.open[0]!.resolve();
    await drained;
    expect(await call).toBe('stored 7');
  });
});
