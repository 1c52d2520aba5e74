// The README's "What is stored, why, and for how long" table covers every table the migrations create: a new table
// fails here until it is given a row (what it holds, why, how long) — the privacy model stays a true account.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tables = [
  ...new Set(
    readdirSync(join(root, 'migrations'))
      .filter((name) => /^\d{4}_.*\.ts$/.test(name))
      .flatMap((name) => [
        ...readFileSync(join(root, 'migrations', name), 'utf8').matchAll(/createTable\('([a-z_]+)'\)/g),
      ])
      .map((m) => m[1]!),
  ),
].sort();

/** Each table and the README row (its first cell) that accounts for it. */
const ROW_OF: Record<string, string> = {
  tenants: 'Tenant',
  calendar_overrides: 'Tenant',
  exit_reason_codes: 'Tenant',
  teams: 'Team',
  employees: 'Employee',
  platform_identities: 'Platform identity',
  role_grants: 'Role grant, API token',
  api_tokens: 'Role grant, API token',
  signal_events: 'Signal event',
  leave_days: 'Leave day',
  daily_rollups: 'Daily rollup, interaction edge, coverage',
  interaction_edges: 'Daily rollup, interaction edge, coverage',
  signal_coverage: 'Daily rollup, interaction edge, coverage',
  employee_scores: 'Employee score',
  team_scores: 'Team score',
  risk_rule_sets: 'Rule set',
  alerts: 'Alert, feedback',
  alert_feedback: 'Alert, feedback',
  outbox: 'Outbox message',
  inbound_deliveries: 'Inbound delivery',
  erasure_tombstones: 'Erasure tombstone',
  data_requests: 'Data request',
  survey_mutes: 'Survey mute',
  survey_rounds: 'Survey round, question, settings',
  survey_questions: 'Survey round, question, settings',
  survey_settings: 'Survey round, question, settings',
  survey_participation: 'Survey participation',
  survey_answers: 'Survey answer, comment',
  survey_comments: 'Survey answer, comment',
  survey_pseudonyms: 'Survey pseudonym',
  individual_results: 'Individual result, team goal, scorecard weights',
  team_goals: 'Individual result, team goal, scorecard weights',
  scorecard_weights: 'Individual result, team goal, scorecard weights',
  development_plans: 'Development plan, plan step',
  plan_steps: 'Development plan, plan step',
  possible_departures: 'Possible departure',
  platform_installations: 'Platform installation, channel link',
  channel_links: 'Platform installation, channel link',
  platform_send_ledger: 'Send ledger',
  erasure_keys: 'Tenant keys (erasure, export links)',
  export_link_keys: 'Tenant keys (erasure, export links)',
  job_runs: 'Job run, scoring run',
  scoring_runs: 'Job run, scoring run',
  audit_log: 'Audit log',
};

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const start = readme.indexOf('### What is stored, why, and for how long');
const section = readme.slice(start, readme.indexOf('\n## ', start));
const rowLabels = new Set(
  section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Data |'))
    .map((line) => line.split('|')[1]!.trim()),
);

describe('README privacy table', () => {
  it('finds the migrations’ tables and the table’s rows', () => {
    expect(tables).toContain('employees');
    expect(rowLabels.has('Employee')).toBe(true);
  });

  it.each(tables)('accounts for table %s', (table) => {
    expect(ROW_OF[table], `add ${table} to the README privacy table and to ROW_OF`).toBeDefined();
    expect(rowLabels.has(ROW_OF[table]!), `README has no row "${ROW_OF[table]}"`).toBe(true);
  });
});
