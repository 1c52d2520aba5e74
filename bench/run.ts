// `npm run bench`: runs every bench/*.bench.ts file (or those named on the command line) in order.
// Each file exports `run(): Promise<void>` and prints its own figures and ratios.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ') || '(none present)'}`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n=== ${file}`);
  const suite = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<void> };
  await suite.run();
}
