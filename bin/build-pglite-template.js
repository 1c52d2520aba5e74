#!/usr/bin/env node
// The last step of `npm run build`: an initialised PGlite cluster in dist/pglite-template, which a first start on
// a new data directory copies instead of running initdb (~3 s; see src/storage/pglite-init.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTemplate } from '../dist/src/storage/pglite-init.js';
import { pgliteStartParams } from '../dist/src/storage/db.js';

const started = Date.now();
const templateDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'pglite-template');
await buildTemplate(templateDir, pgliteStartParams());
console.log(`PGlite template cluster in ${templateDir} (${Date.now() - started} ms)`);
