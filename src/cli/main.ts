// Process entry for the CLI (bin/teampulse.js imports this). Everything else is in program.ts.
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
// `serve` keeps running (its listeners hold the event loop); other verbs exit with their code.
if (code !== 0) process.exit(code);
