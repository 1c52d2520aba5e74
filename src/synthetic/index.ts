// The synthetic organisation generator (tests, the demo, benchmarks). Stable entry points:
// generateDemoOrganisation(seed, { endDay }) and writeSyntheticOrganisation(db, org).
export { generateDemoOrganisation, generateOrganisation, type OrganisationSpec, type TeamPlan } from './generate.js';
export { writeSyntheticOrganisation, type WrittenOrganisation } from './write.js';
export type * from './types.js';
