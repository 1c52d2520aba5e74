// The pure engine: rule evaluation and validation, team adjustment, no-data handling, collaboration, atmosphere
// tiers, and reasons rendered in both locales.
import { describe, expect, it } from 'vitest';
import {
  adjustForTeamDrop,
  collaborationScore,
  DEFAULT_RULE_SET,
  DEFAULT_THRESHOLDS,
  emptySums,
  evaluateRules,
  FEATURE_NAMES,
  RatesStore,
  pctChange,
  personRates,
  renderReason,
  riskLevel,
  scoreEmployee,
  scoreTeam,
  scoringDays,
  scoringWindow,
  teamTier,
  WEEKDAYS_ONLY,
  validateRuleSet,
  emptyTeamReference,
  addToTeamReference,
  explainRules,
  type Features,
  type Reason,
} from '../../src/core/scoring/index.js';
import { hasMessage } from '../../src/core/i18n/index.js';
import { dayRange } from '../../src/core/time.js';

const noFeatures = (): Features => Object.fromEntries(FEATURE_NAMES.map((f) => [f, null])) as Features;

describe('risk rules', () => {
  it('the seed rule alone gives about 80 (high); no data never fires a rule', () => {
    const features = { ...noFeatures(), team_msgs_change_pct: -60, leave_change_pct: 40 };
    const { score, fired } = evaluateRules(features, DEFAULT_RULE_SET.rules);
    expect(score).toBe(80);
    expect(fired.map((f) => f.rule.id)).toEqual(['activity_and_leave']);
    expect(riskLevel(score, DEFAULT_THRESHOLDS)).toBe('high');
    expect(evaluateRules({ ...features, team_msgs_change_pct: null }, DEFAULT_RULE_SET.rules).score).toBe(0);
  });

  it('combines fired rules as independent chances and splits the points among them', () => {
    const features = { ...noFeatures(), team_msgs_change_pct: -60, leave_change_pct: 40, manager_left_days: 21 };
    const { score, fired } = evaluateRules(features, DEFAULT_RULE_SET.rules);
    expect(score).toBe(83); // 1 − 0.2 × 0.85
    expect(fired.reduce((a, f) => a + f.points, 0)).toBeCloseTo(83, 0);
  });

  it('levels and tiers follow the (configurable) thresholds', () => {
    expect([39, 40, 69, 70].map((s) => riskLevel(s, DEFAULT_THRESHOLDS))).toEqual(['low', 'medium', 'medium', 'high']);
    expect([39, 40, 69, 70].map((s) => teamTier(s, DEFAULT_THRESHOLDS))).toEqual([
      'negative',
      'neutral',
      'neutral',
      'positive',
    ]);
    expect(riskLevel(80, { ...DEFAULT_THRESHOLDS, high: 85 })).toBe('medium');
  });

  it('validation reports every problem with its path; the defaults are valid', () => {
    expect(validateRuleSet({ rules: DEFAULT_RULE_SET.rules, thresholds: DEFAULT_THRESHOLDS })).toEqual([]);
    const problems = validateRuleSet({
      rules: [
        { id: 'a', when: [{ feature: 'tenure_months', op: '>=', value: 3 }], contribution: 10 },
        { id: 'a', when: [], contribution: 0 },
        { id: 'Bad Id', when: [{ feature: 'tenure_months', op: '>=', value: Number.NaN }], contribution: 10 },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      '/rules/1/id',
      '/rules/1/contribution',
      '/rules/1/when',
      '/rules/2/id',
      '/rules/2/when/0/value',
    ]);
    expect(validateRuleSet({ rules: 'nope' })).toEqual([{ path: '/rules', message: 'must be an array of rules' }]);
  });
});

describe('features', () => {
  it('percentage changes have a floor and team drops are removed', () => {
    expect(pctChange(4, 10, 5)).toBe(-60);
    expect(pctChange(1, 0, 5)).toBe(0);
    expect(pctChange(10, 0, 5)).toBe(200);
    expect(adjustForTeamDrop(-60, -60)).toBeCloseTo(0);
    expect(adjustForTeamDrop(-60, -5)).toBeCloseTo(-57.9, 1);
    expect(adjustForTeamDrop(-60, 20)).toBe(-60); // a busier team never makes a person look worse
    expect(adjustForTeamDrop(-60, null)).toBe(-60);
  });

  it('a class without coverage is no data (null), and fewer than 4 baseline weeks is insufficient', () => {
    const window = scoringWindow('2026-11-27');
    const all = dayRange(window.baselineStart, window.asOf);
    const recent = { ...emptySums(), msgs_team: 0, helps_given: 0 };
    const baseline = { ...emptySums(), msgs_team: 400, helps_given: 40 };
    const rates = personRates(
      { hireDate: '2025-01-01', firstDataDay: '2026-10-02', recent, baseline },
      scoringDays(window, WEEKDAYS_ONLY, { help: all, leave: all }),
    );
    expect(rates.recent.msgs_team).toBeNull();
    expect(rates.missing).toContain('message');
    expect(rates.recent.helps_given).toBe(0);
    expect(rates.baseline.helps_given).toBe(5); // 40 helps in the 40 working days of 8 weeks
    expect(rates.sufficient).toBe(true);
    const scored = scoreEmployee(
      rates,
      null,
      { hireDate: '2025-01-01', managerLeftOn: null, managerChangedOn: null, peersLeft90d: 0 },
      window,
      DEFAULT_RULE_SET,
    );
    expect(scored.features.team_msgs_change_pct).toBeNull();
    expect(scored.reasons.map((r) => r.code)).toEqual([
      'helps_drop',
      'no_data_attendance',
      'no_data_crm',
      'no_data_message',
      'no_data_task',
    ]);
    const joiner = personRates(
      { hireDate: '2026-11-06', firstDataDay: '2026-11-06', recent, baseline },
      scoringDays(window, WEEKDAYS_ONLY, { message: all }),
    );
    expect(joiner.baselineWeeks).toBeCloseTo(8 / 7); // hired 21 days before asOf: 8 days before the recent fortnight
    expect(joiner.sufficient).toBe(false);
    // The compact store keeps every value, including "no data" and the history flag, and grows as needed.
    const store = new RatesStore(1);
    const a = store.push(rates);
    const b = store.push(joiner);
    expect(store.get(a)).toEqual(rates);
    expect(store.get(b)).toEqual(joiner);
    expect(store.size).toBe(2);
  });

  it('sparse HR classes: a quiet fortnight with coverage earlier is a real zero; messages need both windows', () => {
    const window = scoringWindow('2026-11-27');
    const baselineDays = dayRange(window.baselineStart, window.baselineEnd);
    const recent = { ...emptySums(), leave_personal_days: 0, msgs_team: 50 };
    const baseline = { ...emptySums(), leave_personal_days: 4, msgs_team: 400 };
    // Leave was delivered on one baseline day only; messages only in the baseline (the platform disconnected).
    const rates = personRates(
      { hireDate: '2025-01-01', firstDataDay: '2026-10-02', recent, baseline },
      scoringDays(window, WEEKDAYS_ONLY, { leave: ['2026-10-20'], message: baselineDays }),
    );
    expect(rates.recent.leave_personal_days).toBe(0);
    expect(rates.baseline.leave_personal_days).toBe(0.5); // 4 days in 40 working days
    expect(rates.recent.msgs_team).toBeNull();
    expect(rates.missing).toEqual(['attendance', 'crm', 'help', 'kudos', 'message', 'project', 'resource', 'task']);
  });

  it('collaboration: weighted parts against weekly targets; parts without data drop out', () => {
    const rates = { ...emptySums(), helps_given: 5, team_projects: 2.4, resource_shares: 1.6, kudos_received: 1.6 };
    expect(collaborationScore(rates).score).toBe(85);
    expect(collaborationScore({ ...rates, helps_given: 0 }).score).toBe(60);
    expect(collaborationScore({ ...rates, helps_given: null as unknown as number }).score).toBe(80);
  });
});

describe('reasons explain the decision', () => {
  it('the engine words a team-adjusted drop with the raw and the decided value and the real baseline length', () => {
    const window = scoringWindow('2026-11-27'); // recent: Sat 14 – Fri 27 November
    const all = dayRange(window.baselineStart, window.asOf);
    const days = scoringDays(window, WEEKDAYS_ONLY, { message: all, leave: all });
    const workingIn = (from: string, to: string) =>
      dayRange(from, to).filter((d) => WEEKDAYS_ONLY.isWorkingDay(d)).length;
    // Hired 47 days before the recent window: a 6.7-week baseline, 10 team messages on each of its working days.
    const hire = '2026-09-28';
    const person = personRates(
      {
        hireDate: hire,
        firstDataDay: hire,
        // 2 days of personal leave and 4 messages on each of the 8 days worked: −60% per day present.
        recent: { ...emptySums(), msgs_team: 32, leave_personal_days: 2 },
        baseline: { ...emptySums(), msgs_team: 10 * workingIn(hire, window.baselineEnd) },
      },
      days,
    );
    // Two teammates with 8 weeks of history went from 10 to 8 messages a day: the team's own −20%.
    const teammate = () =>
      personRates(
        {
          hireDate: '2025-01-06',
          firstDataDay: window.baselineStart,
          recent: { ...emptySums(), msgs_team: 80 },
          baseline: { ...emptySums(), msgs_team: 400 },
        },
        days,
      );
    const team = emptyTeamReference();
    for (const rates of [person, teammate(), teammate()]) addToTeamReference(team, rates);
    const context = { hireDate: hire, managerLeftOn: null, managerChangedOn: null, peersLeft90d: 0 };
    const scored = scoreEmployee(person, team, context, window, DEFAULT_RULE_SET);
    expect(scored.features.team_msgs_change_pct).toBe(-50);
    expect(scored.features.baseline_weeks).toBe(6.7);
    const messages = scored.reasons.find((r) => r.code === 'team_msgs_change')!;
    expect(messages.params).toEqual({ change: -60, adjusted: -50, weeks: 6.7, teamChange: -20 });
    expect(renderReason('en', messages)).toBe(
      "team-channel messages −60% vs your 6.7-week baseline; −50% after the team's own −20%",
    );
    const activity = scored.reasons.find((r) => r.code === 'activity_change')!;
    expect(activity.params).toEqual({ change: -60, adjusted: -50, weeks: 6.7, teamChange: -20 });
    // The rule decided on the adjusted value: the explanation lists it as the condition's value.
    const seed = explainRules(scored.features, DEFAULT_RULE_SET.rules).find((r) => r.id === 'activity_and_leave')!;
    expect(seed.conditions[0]).toMatchObject({ feature: 'team_msgs_change_pct', value: -50, threshold: -50 });
  });
});

describe('team atmosphere', () => {
  it('drivers carry numbers, biggest detractor first; surveys count only with ≥ 5 respondents', () => {
    const reference = emptyTeamReference();
    reference.members = 5;
    reference.counts.msgs_team = 5;
    reference.baseline.msgs_team = 500;
    reference.recent.msgs_team = 200;
    const input = {
      memberCount: 5,
      reference,
      recentTotals: { helpsGiven: 15, kudosGiven: 0, unexcusedAbsences: 0 },
      interactingPairs: 10,
      departures90d: 0,
      recentDays: 14,
      baselineWeeks: 8,
    };
    const team = scoreTeam(input, DEFAULT_THRESHOLDS);
    expect(team.drivers[0]).toMatchObject({ code: 'team_activity_change', params: { change: -60, weeks: 8 } });
    expect(team.score).toBe(73);
    expect(team.tier).toBe('positive');
    expect(scoreTeam({ ...input, survey: { respondents: 4, average: 1 } }, DEFAULT_THRESHOLDS).score).toBe(73);
    const withSurvey = scoreTeam({ ...input, survey: { respondents: 5, average: 1 } }, DEFAULT_THRESHOLDS);
    expect(withSurvey.score).toBe(61);
    expect(withSurvey.drivers[1]).toMatchObject({
      code: 'survey_average',
      params: { average: 1, respondents: 5 },
      contribution: 0,
    });
  });
});

describe('reasons in both locales', () => {
  const cases: [Reason, string, string][] = [
    [
      // The rule decided on −50 (after the team's own −20): both numbers, rounded once, and the real 6.7 weeks.
      {
        code: 'team_msgs_change',
        params: { change: -60, adjusted: -50, weeks: 6.7, teamChange: -20 },
        contribution: 30,
      },
      "team-channel messages −60% vs your 6.7-week baseline; −50% after the team's own −20%",
      '团队群消息较你前6.7周的基线−60%；扣除团队整体的−20%后为−50%',
    ],
    [
      {
        code: 'team_msgs_change',
        params: { change: -49.6, adjusted: -49.6, weeks: 8, teamChange: 3 },
        contribution: 30,
      },
      'team-channel messages −49.6% vs your 8-week baseline (team +3%)',
      '团队群消息较你前8周的基线−49.6%（团队整体+3%）',
    ],
    [
      { code: 'activity_change', params: { change: -45.2, adjusted: -45.2, weeks: 8 }, contribution: 10 },
      'communication activity −45.2% vs your 8-week baseline',
      '沟通活跃度较你前8周的基线−45.2%',
    ],
    [
      {
        code: 'helps_drop',
        params: { recentPerWeek: 0, days: 14, baselinePerWeek: 5, change: -100, adjusted: -100 },
        contribution: 10,
      },
      'helped colleagues 0.0×/week in the last 14 days, 5.0×/week before (−100%)',
      '近14天每周帮助同事0.0次，此前每周5.0次（−100%）',
    ],
    [
      { code: 'personal_leave_change', params: { change: 140, days: 3, expected: 0.9, window: 14 }, contribution: 20 },
      'personal leave +140%: 3 days in the last 14 days, 0.9 expected from your baseline',
      '事假+140%：近14天3天，按你的基线预计0.9天',
    ],
    // Reasons stored before these numbers existed keep their first wording.
    [
      { code: 'helps_drop', params: { recent: 0, days: 14, baselinePerWeek: 5 }, contribution: 10 },
      'helped colleagues 0× in 14 days, 5.0×/week before',
      '14天内帮助同事0次，此前每周5.0次',
    ],
    [{ code: 'personal_leave_change', params: { change: 40 }, contribution: 20 }, 'personal leave +40%', '事假+40%'],
    [
      { code: 'manager_left', params: { weeks: 3, days: 21 }, contribution: 5 },
      'manager left 3 weeks ago',
      '直属经理3周前离职',
    ],
  ];
  it.each(cases)('%o', (reason, en, zh) => {
    expect(renderReason('en', reason)).toBe(en);
    expect(renderReason('zh-CN', reason)).toBe(zh);
  });

  it('every reason and driver code the engine emits has a catalogue entry', () => {
    const codes = [
      'team_msgs_change',
      'activity_change',
      'collaborators_change',
      'helps_drop',
      'personal_leave_change',
      'leave_change',
      'unexcused_absences',
      'task_delay',
      'crm_change',
      'survey_participation',
      'tenure_band',
      'manager_left',
      'manager_changed',
      'peers_left',
      'baseline_weeks',
      'insufficient_history',
      'no_signals',
      'no_data_message',
      'no_data_leave',
      'no_data_attendance',
      'no_data_task',
      'no_data_crm',
      'no_data_help',
      'no_data_kudos',
      'no_data_project',
      'no_data_resource',
    ];
    for (const code of codes) expect(hasMessage(`reason.${code}`), code).toBe(true);
    for (const code of [
      'team_activity_change',
      'help_kudos_density',
      'network_density',
      'departures',
      'unexcused_absences',
      'survey_average',
    ]) {
      expect(hasMessage(`driver.${code}`), code).toBe(true);
    }
  });
});
