// Access in one place: the Actor every use case takes, the role and reach rules, and the Access object that applies
// them (lookups that answer "missing" for out-of-reach subjects, list filters, audit rows).
export * from './actor.js';
export * from './policy.js';
export * from './access.js';
export * from './whoami.js';
export * from './fields.js';
