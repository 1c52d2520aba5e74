// `npm run bench [-- <name>… ] [-- --check]`: runs every bench/*.bench.ts file (or those whose names start with the
// given words: `npm run bench -- outbox`), each in its own process, one after another. Each prints its figures
// (medians of interleaved runs) and records its targets. With --check the run exits non-zero when a target is
// missed (not part of CI: run it before submitting a performance change). A bench that fails (e.g. the outbox
// bench's receiver saw a platform rate limit exceeded) always makes the run fail.
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from './lib/measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const wanted = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ') || '(none present)'}`);
  process.exit(1);
}

const targets: Target[] = [];
const failed: string[] = [];
for (const file of files) {
  console.log(`\n=== ${file}`);
  const child = fork(join(here, 'lib/child.ts'), [join(here, file)], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  child.on('message', (message: { targets?: Target[] }) => targets.push(...(message.targets ?? [])));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) failed.push(`${file} (exit ${code})`);
}

if (targets.length > 0) {
  console.log('\n=== targets');
  for (const t of targets)
    console.log(`${t.met ? 'met   ' : 'MISSED'} ${t.id} ${t.what}: ${t.measured} (goal ${t.goal})`);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
const missed = targets.filter((t) => !t.met);
if (check && missed.length > 0) {
  console.error(`\n--check: ${missed.length} target(s) missed`);
  process.exit(1);
}
