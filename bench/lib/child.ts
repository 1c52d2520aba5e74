// One bench file in its own process (bench/run.ts forks this): no leftovers from an earlier bench inflate RSS or
// warm caches. Reports the targets it recorded to the parent over IPC.
import { pathToFileURL } from 'node:url';
import { recordedTargets } from './measure.js';

const file = process.argv[2];
if (!file) throw new Error('usage: child.ts <bench file>');
const suite = (await import(pathToFileURL(file).href)) as { run: () => Promise<void> };
await suite.run();
process.send?.({ targets: recordedTargets() });
