// The real Slack payloads collected in shared/fixtures/slack (outside the repository: they are read, never
// copied in). Tests that replay them skip when the folder is absent. It sits next to the repository (`../shared`
// from the repo root) or, for a worktree under wt/, one level further up.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

export const SLACK_FIXTURES_DIR: string | undefined = [
  join(root, '..', 'shared', 'fixtures', 'slack'),
  join(root, '..', '..', 'shared', 'fixtures', 'slack'),
].find((dir) => existsSync(dir));

/** Every *.json fixture (including sub-folders), as relative path → parsed JSON. */
export function slackFixtures(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!SLACK_FIXTURES_DIR) return out;
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (name.endsWith('.json')) out.set(`${prefix}${name}`, JSON.parse(readFileSync(path, 'utf8')));
    }
  };
  walk(SLACK_FIXTURES_DIR, '');
  return out;
}
