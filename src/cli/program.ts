// The `teampulse` command line: one commander program, one module per verb.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { AppError } from '../app/errors.js';
import { CliError } from './errors.js';
import { processIo, type CliIo } from './context.js';
import { registerServe } from './commands/serve.js';
import { registerMigrate } from './commands/migrate.js';
import { registerDemo } from './commands/demo.js';
import { registerTenant } from './commands/tenant.js';
import { registerToken } from './commands/token.js';
import { registerRole } from './commands/role.js';
import { registerImportEmployees } from './commands/import-employees.js';
import { registerImportSignals } from './commands/import-signals.js';
import { registerPurge } from './commands/purge.js';
import { registerOutbox } from './commands/outbox.js';
import { registerConsole } from './commands/console.js';
import { registerScore } from './commands/score.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('teampulse')
    .description('teampulse — team atmosphere and attrition-risk early warning in your chat tools')
    .showSuggestionAfterError(true);
  registerServe(program, io);
  registerMigrate(program, io);
  registerDemo(program, io);
  registerTenant(program, io);
  registerToken(program, io);
  registerRole(program, io);
  registerOutbox(program, io);
  registerConsole(program, io);
  registerScore(program, io);
  const importCommand = program.command('import').description('import data from files');
  registerImportEmployees(importCommand, io);
  void importCommand; // verbs: `import employees`, `import signals` register here
  registerImportSignals(importCommand, io);
  registerPurge(program, io);
  return program;
}

function applyRecursively(command: Command, io: CliIo): void {
  command.exitOverride().configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });
  for (const sub of command.commands) applyRecursively(sub, io);
}

/** The deepest verb named on the command line (for the usage line after an error). */
function commandFor(program: Command, argv: string[]): { path: string[]; command: Command } {
  let command = program;
  const path: string[] = [];
  for (const token of argv) {
    if (token.startsWith('-')) continue;
    const sub = command.commands.find((c) => c.name() === token || c.aliases().includes(token));
    if (!sub) break;
    command = sub;
    path.push(sub.name());
  }
  return { path, command };
}

/** Runs the CLI; resolves to the process exit code. Usage errors ⇒ 2, other failures ⇒ 1. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  applyRecursively(program, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return 0;
      // Commander already printed "error: …"; add the usage so the next try is obvious.
      const { path, command } = commandFor(program, argv);
      const help = path.length ? `teampulse ${path.join(' ')} --help` : 'teampulse --help';
      io.stderr.write(`usage: ${['teampulse', ...path].join(' ')} ${command.usage()}  (run "${help}" for details)\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`teampulse: ${error.problems.join('; ')}\n`);
      return 1;
    }
    if (error instanceof CliError) {
      io.stderr.write(`teampulse: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof AppError) {
      io.stderr.write(`teampulse: ${oneLine(error)}\n`);
      return 1;
    }
    io.stderr.write(`teampulse: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

/** The CLI side of the one error model: the reason and the first failing fields, on one line. */
export function oneLine(error: AppError): string {
  const shown = error.details.slice(0, 3).map((d) => `${d.path}: ${d.message}`);
  if (error.details.length > shown.length) shown.push(`${error.details.length - shown.length} more`);
  const text = shown.length ? `${error.message} (${shown.join('; ')})` : error.message;
  return text.replace(/[\r\n]+/g, ' ');
}
