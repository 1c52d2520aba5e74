// The `teampulse` command line: one commander program, one module per verb, each loaded only when it is called.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { AppError } from '../app/errors.js';
import { CliError } from './errors.js';
import { processIo, type CliIo } from './context.js';
import { VERBS, verbNamed } from './verbs.js';

/**
 * The program with every verb listed and the named one (if any) fully registered. The others stay bare commands
 * with their description: enough for `--help` and for "did you mean" suggestions.
 */
export async function buildProgram(io: CliIo, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('teampulse')
    .description('teampulse — team atmosphere and attrition-risk early warning in your chat tools')
    .version(packageVersion(), '-V, --version', 'print the version of teampulse')
    .showSuggestionAfterError(true);
  const named = verbNamed(argv);
  for (const verb of VERBS) {
    const command = program.command(verb.name).description(verb.description);
    if (verb === named) (await verb.load())(command, io);
  }
  return program;
}

/** The version in package.json, found from this file in a source checkout (src/cli) and in dist/src/cli. */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'teampulse' && pkg.version) return pkg.version;
    } catch {
      // not here: look one level up
    }
    dir = dirname(dir);
  }
  return 'unknown';
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
  let program: Command | undefined;
  try {
    program = await buildProgram(io, argv);
    applyRecursively(program, io);
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError && program) {
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
