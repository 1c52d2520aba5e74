// The README's configuration table names every variable the configuration reads (src/config*.ts), so the table
// cannot fall behind the code.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const configSources = readdirSync(join(root, 'src'))
  .filter((name) => /^config.*\.ts$/.test(name))
  .map((name) => readFileSync(join(root, 'src', name), 'utf8'));
const variables = [
  ...new Set(configSources.flatMap((text) => [...text.matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g)].map((m) => m[1]!))),
].sort();

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Configuration'),
  readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
);
const tableRows = section.split('\n').filter((line) => line.startsWith('| `'));

describe('README configuration table', () => {
  it('reads the variables from the configuration sources', () => {
    expect(variables).toContain('DATABASE_URL');
    expect(variables).toContain('WECOM_API_URL');
    expect(variables.length).toBeGreaterThan(30);
  });

  it.each(variables)('has a row naming %s', (variable) => {
    expect(tableRows.some((row) => row.split('|')[1]!.includes(`\`${variable}\``))).toBe(true);
  });
});
