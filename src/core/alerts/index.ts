// The alert half of issue D, pure: policy, routing, quiet hours, recommended actions, message builders.
export * from './types.js';
export * from './policy.js';
export * from './routing.js';
export * from './quiet-hours.js';
export * from './actions.js';
export * from './messages.js';
