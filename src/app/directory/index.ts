// The directory use-cases: bulk upsert by external id, paged reads, tenants and tokens.
export * from './types.js';
export { upsertDirectory, type UpsertOptions } from './upsert.js';
export * from './views.js';
export * from './tenants.js';
export * from './csv-import.js';
export * from './roles.js';
export * from './actions.js';
export * from './tenant-deletion.js';
