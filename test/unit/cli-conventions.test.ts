// CLI conventions: --version, verbs loaded only when called, and every verb with a result offers --json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { VERBS } from '../../src/cli/verbs.js';
import { collector, runCliWith } from '../helpers/cli.js';

const root = join(import.meta.dirname, '..', '..');
const io = { env: {}, stdout: collector(() => undefined), stderr: collector(() => undefined) };

/** Every verb that does its work and returns (not `serve`, which runs until stopped, nor the interactive console). */
const LONG_RUNNING_OR_INTERACTIVE = new Set(['serve', 'console']);

function leaves(command: Command, path: string[] = []): { path: string; command: Command }[] {
  const subs = command.commands.filter((c) => c.name() !== 'help');
  if (subs.length === 0) return [{ path: path.join(' '), command }];
  return subs.flatMap((sub) => leaves(sub, [...path, sub.name()]));
}

describe('teampulse CLI conventions', () => {
  afterEach(() => vi.restoreAllMocks());

  it('--version and -V print the version in package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = await runCliWith(undefined, [flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(version);
    }
  });

  it('--help lists every verb without loading any of them', async () => {
    const loads = VERBS.map((verb) => vi.spyOn(verb, 'load'));
    const run = await runCliWith(undefined, ['--help']);
    expect(run.code).toBe(0);
    for (const verb of VERBS) expect(run.stdout).toMatch(new RegExp(`^  ${verb.name}\\b`, 'm'));
    for (const load of loads) expect(load).not.toHaveBeenCalled();
  });

  it('a call loads only the verb it names', async () => {
    const loads = new Map(VERBS.map((verb) => [verb.name, vi.spyOn(verb, 'load')]));
    const run = await runCliWith(undefined, ['tenant', 'create', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: teampulse tenant create/);
    for (const [name, load] of loads) expect(load).toHaveBeenCalledTimes(name === 'tenant' ? 1 : 0);
    const viaHelp = await runCliWith(undefined, ['help', 'import']);
    expect(viaHelp.stdout).toMatch(/employees/);
    expect(viaHelp.stdout).toMatch(/signals/);
  });

  it('every verb loads and shows its own help', async () => {
    for (const verb of VERBS) {
      const run = await runCliWith(undefined, [verb.name, '--help']);
      expect(run.code, verb.name).toBe(0);
      expect(run.stdout).toContain(`Usage: teampulse ${verb.name}`);
      expect(run.stdout).toContain(verb.description.slice(0, 40));
    }
  });

  it('every verb that returns a result offers --json', async () => {
    const withoutJson: string[] = [];
    for (const verb of VERBS) {
      if (LONG_RUNNING_OR_INTERACTIVE.has(verb.name)) continue;
      const program = await buildProgram(io, [verb.name]);
      const command = program.commands.find((c) => c.name() === verb.name)!;
      for (const leaf of leaves(command, [verb.name]))
        if (!leaf.command.options.some((option) => option.long === '--json')) withoutJson.push(leaf.path);
    }
    expect(withoutJson).toEqual([]);
  });
});
