// The scheduler's bookkeeping of what it started: node-cron tasks (one per job and zone, each created once) and the
// promises still running (stop() waits for them so a job finishes its slot bookkeeping before the database closes).
import type { ScheduledTask, TaskOptions } from 'node-cron';

export type Schedule = (
  expression: string,
  fn: (ctx: { date: Date }) => unknown,
  options: TaskOptions,
) => ScheduledTask;

export interface TaskSet {
  /** Schedules `fn` under `key` unless a task of that key exists. */
  ensure(key: string, cron: string, fn: (ctx: { date: Date }) => unknown, options: TaskOptions): void;
  keys(): string[];
  /** Destroys every task (in the order they were created) and forgets them. */
  destroyAll(): Promise<void>;
}

export function createTaskSet(schedule: Schedule): TaskSet {
  const tasks = new Map<string, ScheduledTask>();
  return {
    ensure(key, cron, fn, options) {
      if (!tasks.has(key)) tasks.set(key, schedule(cron, fn, options));
    },
    keys: () => [...tasks.keys()],
    async destroyAll() {
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
    },
  };
}

export interface InFlight {
  /** Remembers a promise until it settles; returns it. */
  track(promise: Promise<unknown>): Promise<unknown>;
  /** Waits until everything tracked now has settled. */
  settle(): Promise<void>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(promise) {
      running.add(promise);
      void promise.finally(() => running.delete(promise));
      return promise;
    },
    async settle() {
      await Promise.allSettled([...running]);
    },
  };
}
