// Issue J's pure parts: exit reasons, accuracy of high flags, scorecard arithmetic, development-plan templates.
export * from './exit-reasons.js';
export * from './accuracy.js';
export * from './scorecard.js';
export * from './render.js';
export * from './plans.js';
export * from './onboarding.js';
