// A group-commit timer that fires only when the test says so: the batches are then exactly what the test submitted.
import type { GroupCommitTimer } from '../../src/app/inbound/group-commit.js';

export function manualTimer(): { timer: GroupCommitTimer; fire: () => void } {
  const pending = new Set<() => void>();
  const timer: GroupCommitTimer = {
    set: (callback) => {
      pending.add(callback);
      return callback;
    },
    clear: (handle) => void pending.delete(handle as () => void),
  };
  return {
    timer,
    /** Writes the pending batches now: what the timer of a few milliseconds does in the service. */
    fire: () => {
      const callbacks = [...pending];
      pending.clear();
      for (const callback of callbacks) callback();
    },
  };
}
