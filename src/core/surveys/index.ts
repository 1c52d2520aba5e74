// Pulse surveys, the pure part: the built-in bank, rotation, cadence and working-day schedule, reminders,
// anonymity thresholds with differencing protection, scores, and the neutral question messages.
export * from './types.js';
export * from './bank.js';
export * from './rotation.js';
export * from './schedule.js';
export * from './anonymity.js';
export * from './aggregate.js';
export * from './messages.js';
