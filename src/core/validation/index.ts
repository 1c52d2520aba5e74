// Input validation shared by every edge (HTTP, CLI imports, chat adapters): storable text, input days and
// instants, and the TypeBox primitives built on them.
export * from './text.js';
export * from './dates.js';
export * from './schemas.js';
