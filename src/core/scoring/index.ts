// The pure scoring engine: features, published rules, employee risk, collaboration and team atmosphere.
export * from './types.js';
export * from './window.js';
export * from './rates.js';
export * from './team-reference.js';
export * from './features.js';
export * from './rules.js';
export * from './collaboration.js';
export * from './team.js';
export * from './engine.js';
export * from './render.js';
