// Flush groups of the outbox worker: a group is flushed at 8 finished sends or once its oldest send is 10 ms old on
// the injected clock, one flush at a time; no send may start while a whole group awaits its flush; a failed flush
// stops further sends. Driven by a manual clock and flushes the test settles by hand (no timers awaited).
import { describe, expect, it } from 'vitest';
import { FlushGroups, type SentMark } from '../../src/delivery/flush-groups.js';

function harness() {
  let nowMs = 1_000_000;
  const flushes: { marks: readonly SentMark[]; settle: (error?: Error) => void }[] = [];
  const lost: string[] = [];
  const groups = new FlushGroups({
    now: () => new Date(nowMs),
    flush: (marks) =>
      new Promise((resolve, reject) =>
        flushes.push({ marks, settle: (error) => (error ? reject(error) : resolve(marks.map((m) => m.id))) }),
      ),
    onLost: (ids) => lost.push(...ids),
  });
  const mark = (id: string): SentMark => ({ id, platformMessageId: `p-${id}`, sentAt: new Date(nowMs) });
  return { groups, flushes, lost, mark, advance: (ms: number) => (nowMs += ms) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FlushGroups', () => {
  it('flushes a full group of 8 at once, and a smaller one when its oldest send is 10 ms old (injected clock)', async () => {
    const h = harness();
    for (let i = 0; i < 8; i++) h.groups.add(h.mark(`a${i}`));
    expect(h.flushes).toHaveLength(1);
    expect(h.flushes[0]!.marks.map((m) => m.id)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
    h.flushes[0]!.settle();
    await tick();

    h.groups.add(h.mark('b0'));
    h.groups.add(h.mark('b1'));
    expect(h.flushes).toHaveLength(1); // 2 sends, 0 ms old: waits for more
    h.advance(10);
    h.groups.add(h.mark('b2'));
    expect(h.flushes).toHaveLength(2);
    expect(h.flushes[1]!.marks.map((m) => m.id)).toEqual(['b0', 'b1', 'b2']);
    h.flushes[1]!.settle();
    await h.groups.close();
    expect(h.groups.recorded).toBe(11);
  });

  it('holds new sends back while a whole group awaits its flush, and lets them go once it is recorded', async () => {
    const h = harness();
    for (let i = 0; i < 8; i++) h.groups.add(h.mark(`a${i}`));
    let released = false;
    const ready = h.groups.ready().then(() => (released = true));
    await tick();
    expect(released).toBe(false);
    expect(h.groups.unrecorded).toBe(8);
    h.flushes[0]!.settle();
    await ready;
    expect(released).toBe(true);
    expect(h.groups.unrecorded).toBe(0);
  });

  it('one flush at a time: sends finished meanwhile form the next group', async () => {
    const h = harness();
    for (let i = 0; i < 8; i++) h.groups.add(h.mark(`a${i}`));
    h.groups.add(h.mark('b0'));
    h.advance(20);
    h.groups.add(h.mark('b1'));
    expect(h.flushes).toHaveLength(1);
    h.flushes[0]!.settle();
    await tick();
    expect(h.flushes).toHaveLength(2); // b0 is 20 ms old: flushed as soon as the first flush is done
    expect(h.flushes[1]!.marks.map((m) => m.id)).toEqual(['b0', 'b1']);
    h.flushes[1]!.settle();
    await h.groups.close();
  });

  it('after a failed flush no send may start, and close() reports the failure', async () => {
    const h = harness();
    for (let i = 0; i < 8; i++) h.groups.add(h.mark(`a${i}`));
    const ready = h.groups.ready();
    h.flushes[0]!.settle(new Error('database gone'));
    await expect(ready).rejects.toThrow('database gone');
    await expect(h.groups.ready()).rejects.toThrow('database gone');
    await expect(h.groups.close()).rejects.toThrow('database gone');
  });

  it('reports rows another worker took over (the flush found them no longer ours)', async () => {
    const lost: string[] = [];
    const groups = new FlushGroups({
      now: () => new Date(0),
      flush: async (marks) => marks.slice(1).map((m) => m.id),
      onLost: (ids) => lost.push(...ids),
    });
    groups.add({ id: 'x', platformMessageId: 'p', sentAt: new Date(0) });
    groups.add({ id: 'y', platformMessageId: 'q', sentAt: new Date(0) });
    await groups.close();
    expect(lost).toEqual(['x']);
    expect(groups.recorded).toBe(1);
  });
});
