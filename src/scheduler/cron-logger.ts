// node-cron logs through its own console logger (coloured lines outside pino, e.g. "missed execution" warnings);
// every task gets this adapter instead, so its lines are structured, levelled and redacted like the rest.
import type { Logger as CronLogger } from 'node-cron';
import type { SchedulerLogger } from './types.js';

export function cronLogger(logger: SchedulerLogger): CronLogger {
  const fields = (err?: Error) => ({ component: 'node-cron', ...(err ? { err } : {}) });
  const split = (message: string | Error, err?: Error): [object, string] =>
    message instanceof Error ? [fields(message), message.message] : [fields(err), message];
  return {
    info: (message) => logger.info(fields(), message),
    warn: (message) => logger.warn(fields(), message),
    error: (message, err) => logger.error(...split(message, err)),
    debug: (message, err) => logger.debug?.(...split(message, err)),
  };
}
