// The five scenarios of issue C on a synthetic organisation, end to end through runScoring and the stored rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { noMessageOrganisation, scenarioOrganisation, SCORING_DAYS } from '../helpers/scoring-orgs.js';
import { writeSyntheticOrganisation, type WrittenOrganisation } from '../../src/synthetic/index.js';
import { runScoring } from '../../src/app/scoring/run.js';
import { updateRuleSet } from '../../src/app/scoring/rules.js';
import { DEFAULT_RULES } from '../../src/core/scoring/rules.js';
import type { Features, Reason } from '../../src/core/scoring/types.js';

describe.each(SCORING_DAYS)('scoring scenarios as of %s', (SCORING_END) => {
  let handle: TestDatabase;
  let acme: WrittenOrganisation;
  let quiet: WrittenOrganisation;
  const hooked: string[] = [];

  const score = async (tenantId: string, externalId: string) => {
    const row = await handle.db
      .selectFrom('employee_scores as s')
      .innerJoin('employees as e', 'e.id', 's.employee_id')
      .selectAll('s')
      .where('s.tenant_id', '=', tenantId)
      .where('e.external_id', '=', externalId)
      .where('s.as_of', '=', SCORING_END)
      .executeTakeFirstOrThrow();
    return {
      ...row,
      reasons: row.reasons as Reason[],
      features: row.features as Features & { detail: Record<string, number | null> },
    };
  };
  const reason = (reasons: Reason[], code: string) => reasons.find((r) => r.code === code);

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await writeSyntheticOrganisation(handle.db, scenarioOrganisation('acme', 'en', SCORING_END));
    quiet = await writeSyntheticOrganisation(handle.db, noMessageOrganisation('quiet-co', SCORING_END));
    // Someone the platforms never saw: no signal at all in the window.
    await handle.db
      .insertInto('employees')
      .values({
        tenant_id: acme.tenantId,
        external_id: 'ghost',
        display_name: 'Ghost',
        email: null,
        team_id: null,
        manager_id: null,
        hire_date: '2024-03-01',
      })
      .execute();
    await runScoring(
      { db: handle.db, afterTenantScored: (tenantId, asOf) => void hooked.push(`${tenantId}@${asOf}`) },
      { asOf: SCORING_END },
    );
  }, 120_000);
  afterAll(async () => handle.destroy());

  it('1. the seed case is high, with reasons naming the signals and their numbers; collaboration ≈85 → ≈60', async () => {
    const li = await score(acme.tenantId, 'li.na');
    expect(li.status).toBe('scored');
    expect(li.risk_level).toBe('high');
    expect(li.risk_score).toBeGreaterThanOrEqual(80);
    const messages = reason(li.reasons, 'team_msgs_change');
    expect(messages?.params.change).toBeGreaterThanOrEqual(-70);
    expect(messages?.params.change).toBeLessThanOrEqual(-60);
    expect(Math.abs(Number(messages?.params.teamChange))).toBeLessThanOrEqual(10);
    // Per working day she was present: exactly one help a day, 5.0 a week (not 4.9 from calendar days).
    const helps = reason(li.reasons, 'helps_drop');
    expect(helps?.params.recentPerWeek).toBe(0);
    expect(helps?.params.baselinePerWeek).toBe(5);
    // 3 days of personal leave in the fortnight against ≈ 0.9 her baseline predicts.
    const leave = reason(li.reasons, 'personal_leave_change');
    expect(Number(leave?.params.change)).toBeGreaterThanOrEqual(150);
    expect(li.features.leave_days_recent).toBe(3);
    expect(reason(li.reasons, 'manager_left')?.params.weeks).toBe(3);
    // Contributions account for the score.
    const total = li.reasons.reduce((a, r) => a + r.contribution, 0);
    expect(Math.abs(total - li.risk_score!)).toBeLessThanOrEqual(1);
    expect(li.collaboration_score).toBeGreaterThanOrEqual(50);
    expect(li.collaboration_score).toBeLessThanOrEqual(75); // a few projects and shares in 7 days present
    const components = li.collaboration_components as Record<string, number>;
    expect(components.previous).toBeGreaterThanOrEqual(80);
    expect(components.previous).toBeLessThanOrEqual(90);
    expect(components.helping).toBe(0);
    expect(li.rule_version).toBe(0);
  });

  it('1b. teammates who lost the same manager stay below high, with the manager departure named', async () => {
    const rows = await handle.db
      .selectFrom('employee_scores as s')
      .innerJoin('employees as e', 'e.id', 's.employee_id')
      .select(['e.external_id', 's.risk_level', 's.reasons'])
      .where('s.tenant_id', '=', acme.tenantId)
      .where('e.team_id', '=', acme.teamIds['sales-east']!)
      .where('e.external_id', '!=', 'li.na')
      .execute();
    expect(rows.length).toBe(8);
    for (const row of rows) {
      expect(row.risk_level, row.external_id).not.toBe('high');
      expect(reason(row.reasons as Reason[], 'manager_left'), row.external_id).toBeDefined();
    }
  });

  it('2. a whole-team quiet fortnight is no individual high; the team atmosphere shows the drop', async () => {
    const rows = await handle.db
      .selectFrom('employee_scores as s')
      .innerJoin('employees as e', 'e.id', 's.employee_id')
      .select(['e.external_id', 's.risk_level', 's.features', 's.reasons'])
      .where('s.tenant_id', '=', acme.tenantId)
      .where('e.team_id', '=', acme.teamIds.support!)
      .execute();
    expect(rows.length).toBe(9);
    for (const row of rows) {
      const features = row.features as Features & { detail: { teamMsgsRawChangePct: number } };
      expect(row.risk_level, row.external_id).toBe('low');
      // The annual leave everyone took in the holiday is the team's too, not a personal leave rise.
      expect(
        (row.reasons as Reason[]).map((r) => r.code),
        row.external_id,
      ).not.toContain('leave_change');
      expect(features.leave_change_pct!, row.external_id).toBeLessThan(30);
      // Each person's own drop is real (≈ −60%) but it is the team's, so the adjusted change is small.
      expect(features.detail.teamMsgsRawChangePct).toBeLessThanOrEqual(-40);
      expect(Math.abs(features.team_msgs_change_pct!)).toBeLessThan(30);
    }
    const teams = await handle.db
      .selectFrom('team_scores')
      .selectAll()
      .where('tenant_id', '=', acme.tenantId)
      .execute();
    const support = teams.find((t) => t.team_id === acme.teamIds.support)!;
    const engineering = teams.find((t) => t.team_id === acme.teamIds.engineering)!;
    const activity = (support.drivers as Reason[]).find((d) => d.code === 'team_activity_change');
    expect(Number(activity?.params.change)).toBeLessThanOrEqual(-50);
    expect((support.drivers as Reason[])[0]?.code).toBe('team_activity_change');
    expect(support.score!).toBeLessThan(engineering.score! - 20);
    expect(support.tier).not.toBe('positive');
    expect(engineering.tier).toBe('positive');
    expect(support.member_count).toBe(9);
  });

  it('3. a new joiner with 3 weeks of data gets insufficient history, not a score', async () => {
    const joiner = await score(acme.tenantId, 'engineering-new');
    expect(joiner.status).toBe('insufficient_history');
    expect(joiner.risk_score).toBeNull();
    expect(joiner.risk_level).toBeNull();
    expect(joiner.reasons[0]?.code).toBe('insufficient_history');
    expect(joiner.reasons[0]?.params.required).toBe(4);
  });

  it('3b. someone without any signal is no_data, never low', async () => {
    const ghost = await score(acme.tenantId, 'ghost');
    expect(ghost).toMatchObject({ status: 'no_data', risk_score: null, risk_level: null, collaboration_score: null });
    expect(ghost.reasons[0]).toMatchObject({ code: 'no_signals', params: { days: 70 } });
  });

  it('4. without message metadata the activity rules do not fire and the reasons say "no data"', async () => {
    const li = await score(quiet.tenantId, 'li.na');
    expect(li.status).toBe('scored');
    expect(li.risk_level).not.toBe('high');
    expect(li.features.team_msgs_change_pct).toBeNull();
    expect(li.features.activity_change_pct).toBeNull();
    expect(reason(li.reasons, 'no_data_message')).toBeDefined();
    expect(reason(li.reasons, 'team_msgs_change')).toBeUndefined();
    expect(reason(li.reasons, 'activity_change')).toBeUndefined();
    // Signals that are delivered still count.
    expect(reason(li.reasons, 'helps_drop')?.params.recentPerWeek).toBe(0);
    const team = await handle.db
      .selectFrom('team_scores')
      .selectAll()
      .where('tenant_id', '=', quiet.tenantId)
      .executeTakeFirstOrThrow();
    expect((team.drivers as Reason[]).map((d) => d.code)).not.toContain('team_activity_change');
    expect((team.drivers as Reason[]).map((d) => d.code)).not.toContain('network_density');
  });

  it('calls afterTenantScored once per tenant with the as-of day', () => {
    expect(hooked.sort()).toEqual([`${acme.tenantId}@${SCORING_END}`, `${quiet.tenantId}@${SCORING_END}`].sort());
  });

  it('is deterministic for a given as-of day', async () => {
    const before = await handle.db
      .selectFrom('employee_scores')
      .select(['employee_id', 'risk_score', 'reasons', 'features', 'collaboration_score'])
      .where('tenant_id', '=', acme.tenantId)
      .orderBy('employee_id')
      .execute();
    await runScoring({ db: handle.db }, { tenantId: acme.tenantId, asOf: SCORING_END });
    const after = await handle.db
      .selectFrom('employee_scores')
      .select(['employee_id', 'risk_score', 'reasons', 'features', 'collaboration_score'])
      .where('tenant_id', '=', acme.tenantId)
      .orderBy('employee_id')
      .execute();
    expect(after).toEqual(before);
  });

  it('5. editing a rule threshold changes the outcome on the next run and the rule version is stored', async () => {
    const before = await score(acme.tenantId, 'li.na');
    const edited = DEFAULT_RULES.map((rule) =>
      rule.id === 'activity_and_leave'
        ? { ...rule, when: rule.when.map((c) => (c.feature === 'team_msgs_change_pct' ? { ...c, value: -80 } : c)) }
        : rule,
    );
    const set = await updateRuleSet(handle.db, acme.tenantId, { rules: edited }, 'test');
    expect(set.version).toBe(1);
    const summary = await runScoring({ db: handle.db }, { tenantId: acme.tenantId, asOf: SCORING_END });
    expect(summary.tenants).toHaveLength(1);
    expect(summary.tenants[0]?.ruleVersion).toBe(1);
    const li = await score(acme.tenantId, 'li.na');
    expect(li.rule_version).toBe(1);
    // The seed rule no longer fires (−65% is not −80%): its reason is gone and the score falls.
    expect(reason(li.reasons, 'team_msgs_change')).toBeUndefined();
    expect(li.risk_score!).toBeLessThan(before.risk_score! - 15);
    // The other tenant keeps the defaults.
    expect((await score(quiet.tenantId, 'li.na')).rule_version).toBe(0);
    // Raising the high threshold is also a published edit: version 2.
    const v2 = await updateRuleSet(
      handle.db,
      acme.tenantId,
      { rules: DEFAULT_RULES, thresholds: { medium: 40, high: 95, positive: 70, negative: 40 } },
      'test',
    );
    expect(v2.version).toBe(2);
    await runScoring({ db: handle.db }, { tenantId: acme.tenantId, asOf: SCORING_END });
    const again = await score(acme.tenantId, 'li.na');
    expect(again.rule_version).toBe(2);
    expect(again.risk_score!).toBeGreaterThanOrEqual(80);
    expect(again.risk_level).toBe('medium');
  });
});
