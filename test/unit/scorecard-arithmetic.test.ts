// The scorecard arithmetic of seed §2, computed by hand: collaboration 10% + 15% + 5%, the rest on individual results,
// that weight × 1.10 when the team met its goal and × 0.95 when it missed; overrides per tenant, team and person
// (the seed's helping weight 10% → 25%) with the source of every weight.
import { describe, expect, it } from 'vitest';
import {
  computeScorecard,
  monthsOf,
  periodDays,
  quarterOf,
  renderScorecard,
  resolveWeights,
  weightProblems,
} from '../../src/core/performance/index.js';

const inputs = { individual: 120, helping: 60, projects: 80, resources: 50 };

describe('scorecard arithmetic', () => {
  it('defaults, team met: 0.70 × 1.10 = 0.77 on results; 0.77·120 + 0.10·60 + 0.15·80 + 0.05·50 = 112.9', () => {
    const card = computeScorecard({ ...inputs, teamMet: true }, resolveWeights([]));
    expect(card.collaborationWeight).toBe(0.3);
    const individual = card.components[0]!;
    expect(individual).toMatchObject({
      key: 'individual',
      baseWeight: 0.7,
      multiplier: 1.1,
      weight: 0.77,
      points: 92.4,
    });
    expect(card.components.slice(1).map((c) => [c.key, c.weight, c.points])).toEqual([
      ['helping', 0.1, 6],
      ['projects', 0.15, 12],
      ['resources', 0.05, 2.5],
    ]);
    expect(card.total).toBe(112.9);
    expect(card.components.every((c) => c.source.level === 'default')).toBe(true);
  });

  it('team missed: 0.70 × 0.95 = 0.665 ⇒ 79.8 + 20.5 = 100.3; no goal recorded: × 1 ⇒ 84 + 20.5 = 104.5', () => {
    const missed = computeScorecard({ ...inputs, teamMet: false }, resolveWeights([]));
    expect(missed.components[0]).toMatchObject({ weight: 0.665, multiplier: 0.95, points: 79.8 });
    expect(missed.total).toBe(100.3);
    const none = computeScorecard({ ...inputs, teamMet: null }, resolveWeights([]));
    expect(none.components[0]).toMatchObject({ weight: 0.7, multiplier: 1 });
    expect(none.total).toBe(104.5);
  });

  it("the seed's override: her helping weight 10% → 25% ⇒ collaboration 45%, results 0.55 × 1.10 = 0.605", () => {
    const weights = resolveWeights([{ level: 'employee', version: 3, subject: 'Li Na', weights: { helping: 0.25 } }]);
    const card = computeScorecard({ ...inputs, teamMet: true }, weights);
    expect(card.collaborationWeight).toBe(0.45);
    expect(card.components[0]).toMatchObject({ baseWeight: 0.55, weight: 0.605, points: 72.6 });
    expect(card.components[1]).toMatchObject({
      key: 'helping',
      weight: 0.25,
      points: 15,
      source: { level: 'employee', version: 3, subject: 'Li Na' },
    });
    // 72.6 + 15 + 12 + 2.5
    expect(card.total).toBe(102.1);
  });

  it('the most specific override wins per weight: person over team over tenant over default', () => {
    const weights = resolveWeights([
      { level: 'employee', version: 7, weights: { helping: 0.25 } },
      { level: 'tenant', version: 1, weights: { helping: 0.2, missedMultiplier: 0.9 } },
      { level: 'team', version: 4, subject: 'Sales East', weights: { missedMultiplier: 0.8, projects: 0.1 } },
    ]);
    expect(weights.helping).toEqual({ value: 0.25, source: { level: 'employee', version: 7 } });
    expect(weights.projects.source).toEqual({ level: 'team', version: 4, subject: 'Sales East' });
    expect(weights.missedMultiplier.value).toBe(0.8);
    expect(weights.resources.source.level).toBe('default');
    // Missed: (1 − 0.25 − 0.10 − 0.05) × 0.8 = 0.48 on results; 0.48·100 + 0.25·40 + 0.10·40 + 0.05·40 = 64.
    const card = computeScorecard(
      { individual: 100, helping: 40, projects: 40, resources: 40, teamMet: false },
      weights,
    );
    expect(card.components[0]).toMatchObject({ weight: 0.48, multiplierSource: { level: 'team', version: 4 } });
    expect(card.total).toBe(64);
  });

  it('no individual result: the components are shown, the total is not', () => {
    const card = computeScorecard({ ...inputs, individual: null, teamMet: true }, resolveWeights([]));
    expect(card.total).toBeNull();
    expect(card.components[0]).toMatchObject({ value: null, points: null });
  });

  it('rejects shares outside 0–1, multipliers outside 0.5–2, unknown keys and collaboration above 100%', () => {
    expect(weightProblems({ helping: 1.5, metMultiplier: 3 }).map((p) => p.key)).toEqual(['helping', 'metMultiplier']);
    expect(weightProblems({ bonus: 1 } as never)[0]!.message).toMatch(/unknown/);
    expect(
      weightProblems({}, { helping: 0.6, projects: 0.3, resources: 0.2, metMultiplier: 1.1, missedMultiplier: 0.95 }),
    ).toHaveLength(1);
  });

  it('periods: months and quarters', () => {
    expect(periodDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28', unit: 'month' });
    expect(periodDays('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', unit: 'quarter' });
    expect(periodDays('2026-13')).toBeUndefined();
    expect(monthsOf('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(quarterOf('2026-11')).toBe('2026-Q4');
  });

  it('renders each component with its weight and source in both languages', () => {
    const weights = resolveWeights([{ level: 'employee', version: 3, weights: { helping: 0.25 } }]);
    const card = {
      ...computeScorecard({ ...inputs, teamMet: true }, weights),
      employee: { name: 'Li Na' },
      period: '2026-11',
      from: '2026-11-01',
      to: '2026-11-29',
      teamGoal: { met: true },
      collaboration: { helpsGiven: 12, teamProjects: 9, resourceShares: 4, workingWeeks: 4 },
    };
    const en = renderScorecard('en', card);
    expect(en).toContain('Helping colleagues: 60 × weight 25% = 15 points (personal setting v3)');
    expect(en).toContain('team met its goal: individual weight 55% × 1.1 = 60.5%');
    expect(en).toContain('Total: 102.1');
    const zh = renderScorecard('zh-CN', card);
    expect(zh).toContain('帮助同事：60 × 权重 25% = 15 分（个人设置 v3）');
    expect(zh).toContain('总分：102.1');
    const missed = renderScorecard('en', {
      ...card,
      ...computeScorecard({ ...inputs, teamMet: false }, weights),
      teamGoal: { met: false },
    });
    expect(missed).toContain('team missed its goal: individual weight 55% × 0.95 = 52.3%');
  });
});
