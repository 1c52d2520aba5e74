// The `teampulse` command line: one commander program, one module per verb.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { CliError } from './errors.js';
import { registerServe } from './commands/serve.js';
import { registerMigrate } from './commands/migrate.js';

export function buildProgram(): Command {
  const program = new Command('teampulse')
    .description('teampulse — team atmosphere and attrition-risk early warning in your chat tools')
    .showSuggestionAfterError(true)
    .exitOverride();
  registerServe(program);
  registerMigrate(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. Usage errors ⇒ 2, other failures ⇒ 1. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({
    // Commander prints "error: …" itself; we add the usage line after it.
    outputError: (text, write) => write(text),
  });
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({ outputError: (text, write) => write(text) });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      process.stderr.write(`usage: ${program.name()} ${program.usage()}  (run "teampulse --help" for the verbs)\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`teampulse: ${error.problems.join('; ')}\n`);
      return 1;
    }
    if (error instanceof CliError) {
      process.stderr.write(`teampulse: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`teampulse: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
