import { describe, expect, it } from 'vitest';
import {
  buildAlertMessage,
  buildDigestMessage,
  buildNudgeMessage,
  buildTeamWarningMessage,
  parseFeedbackValue,
  recommendActions,
  suggestTeamActions,
  type AlertReason,
} from '../../src/core/alerts/index.js';
import { registeredCatalog } from '../../src/core/i18n/index.js';

const reasons: AlertReason[] = [
  { code: 'team_msgs_drop', params: { pct: 60 }, contribution: 30 },
  { code: 'help_drop', params: { before: 5, after: 0 }, contribution: 20 },
  { code: 'leave_rise', params: { pct: 40 }, contribution: 25 },
  { code: 'manager_left', params: { days: 21 }, contribution: 10 },
  { code: 'survey_team_support_low', params: { answer: 3 }, contribution: 5 },
  { code: 'no_data_crm', params: {}, contribution: 0 },
];

const alertInput = (locale: 'en' | 'zh-CN') => ({
  locale,
  alertId: 'a1',
  subjectName: 'Li Na',
  teamName: 'Sales East',
  level: 'high',
  score: 82,
  asOf: '2026-11-27',
  reasons,
  actions: recommendActions(locale, reasons),
  route: { routedVia: 'skip_level' as const, bypassReason: 'manager_left' as const },
  bypassedManagerName: 'Wang Qiang',
  trigger: 'escalated' as const,
});

describe('alert messages', () => {
  it('renders the alert DM in English: framing, numbers, actions, routing, four feedback buttons', () => {
    const message = buildAlertMessage(alertInput('en'));
    expect(message.blocks[0]).toEqual({ type: 'header', text: 'Li Na may need support' });
    const text = message.fallbackText;
    expect(text).toContain('60');
    expect(text).toContain('82/100');
    expect(text).toContain('Have a 1:1 this week');
    expect(text).toContain('Ask kindly about the change in leave');
    expect(text).toContain('Wang Qiang has left or is away');
    expect(text).toContain('individual survey answers are never shown');
    expect(text).not.toContain('no CRM activity');
    const buttons = message.blocks.find((b) => b.type === 'buttons');
    expect(buttons).toEqual({
      type: 'buttons',
      buttons: [
        { actionId: 'alert.feedback', value: 'a1:done', label: 'Done', style: 'primary' },
        { actionId: 'alert.feedback', value: 'a1:one_on_one', label: '1:1 scheduled' },
        { actionId: 'alert.feedback', value: 'a1:snooze', label: 'Snooze 2 weeks' },
        { actionId: 'alert.feedback', value: 'a1:not_accurate', label: 'Not accurate' },
      ],
    });
  });

  it('renders the alert DM in Chinese', () => {
    const message = buildAlertMessage(alertInput('zh-CN'));
    expect(message.blocks[0]).toEqual({ type: 'header', text: 'Li Na 可能需要一些支持' });
    expect(message.fallbackText).toContain('本周安排一次 1:1');
    expect(message.fallbackText).toContain('隔级经理');
    expect(message.fallbackText).toContain('风险等级: 高');
    const buttons = message.blocks.find((b) => b.type === 'buttons');
    expect(buttons?.type === 'buttons' && buttons.buttons.map((b) => b.label)).toEqual([
      '已处理',
      '已约 1:1',
      '两周后提醒',
      '不准确',
    ]);
  });

  it('never shows an individual survey answer', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = JSON.stringify(buildAlertMessage(alertInput(locale)));
      expect(text).not.toMatch(/survey team support|survey_team/i);
      expect(text).not.toContain('answer 3');
    }
  });

  it('parses feedback button values', () => {
    expect(parseFeedbackValue('0b6c…-uuid:snooze')).toEqual({ alertId: '0b6c…-uuid', value: 'snooze' });
    expect(parseFeedbackValue('abc:maybe')).toBeUndefined();
    expect(parseFeedbackValue(':done')).toBeUndefined();
  });

  it('maps reasons to actions, strongest first, editable per tenant', () => {
    expect(recommendActions('en', reasons).map((a) => a.key)).toEqual([
      'one_on_one_this_week',
      'rebalance_workload',
      'check_leave_kindly',
      'recognise_contribution',
    ]);
    const custom = recommendActions('zh-CN', [reasons[2]!], {
      map: { leave_rise: ['flex_time'] },
      texts: { flex_time: { 'zh-CN': '可以考虑弹性工作时间', en: 'Offer flexible hours' } },
    });
    expect(custom).toEqual([
      { key: 'one_on_one_this_week', text: '本周安排一次 1:1，先倾听，问问最近的工作和状态' },
      { key: 'flex_time', text: '可以考虑弹性工作时间' },
    ]);
  });

  it('maps the scoring engine’s reason codes to sensible actions', () => {
    const keysFor = (code: string) =>
      recommendActions('en', [{ code, params: {}, contribution: 10 }], {}, 10)
        .map((a) => a.key)
        .slice(1);
    expect(keysFor('personal_leave_change')).toEqual(['check_leave_kindly']);
    expect(keysFor('leave_change')).toEqual(['check_leave_kindly']);
    expect(keysFor('unexcused_absences')).toEqual(['check_leave_kindly']);
    expect(keysFor('helps_drop')).toEqual(['recognise_contribution']);
    expect(keysFor('team_msgs_change')).toEqual(['rebalance_workload']);
    expect(keysFor('task_delay')).toEqual(['rebalance_workload']);
    expect(keysFor('crm_change')).toEqual(['rebalance_workload']);
    expect(keysFor('manager_left')).toEqual(['introduce_interim_contact', 'clarify_growth_path']);
    expect(keysFor('tenure_band')).toEqual(['onboarding_check_in', 'clarify_growth_path']);
    expect(keysFor('no_data_leave')).toEqual([]);
    expect(keysFor('insufficient_history')).toEqual([]);
  });

  it('HR team warning with team-building suggestions (interim coordinator only when the manager left)', () => {
    const drivers: AlertReason[] = [
      { code: 'help_drop', params: { pct: 70 }, contribution: 20 },
      { code: 'leave_rise', params: { pct: 35 }, contribution: 10 },
    ];
    const withManagerLeft = suggestTeamActions('en', drivers, { managerLeft: true }).map((s) => s.key);
    expect(withManagerLeft).toEqual([
      'collaboration_workshop',
      'interim_coordinator',
      'client_resource_sharing',
      're_divide_work',
    ]);
    expect(suggestTeamActions('en', drivers, { managerLeft: false }).map((s) => s.key)).not.toContain(
      'interim_coordinator',
    );
    const message = buildTeamWarningMessage({
      locale: 'en',
      alertId: 't1',
      teamName: 'Sales East',
      score: 38,
      tier: 'negative',
      memberCount: 9,
      asOf: '2026-11-27',
      drivers,
      suggestions: suggestTeamActions('en', drivers, { managerLeft: true }),
      managerLeft: true,
      trigger: 'escalated',
    });
    expect(message.blocks[0]).toEqual({ type: 'header', text: 'Team Sales East: atmosphere has turned negative' });
    expect(message.fallbackText).toContain('Appoint an interim coordinator');
    expect(message.fallbackText).toContain('Atmosphere score: 38/100');
    const zh = buildTeamWarningMessage({
      ...{
        locale: 'zh-CN' as const,
        alertId: 't1',
        teamName: '华东销售',
        score: 38,
        tier: 'negative',
        memberCount: 9,
        asOf: '2026-11-27',
        drivers,
        managerLeft: true,
        trigger: 'escalated' as const,
      },
      suggestions: suggestTeamActions('zh-CN', drivers, { managerLeft: true }),
    });
    expect(zh.blocks[0]).toEqual({ type: 'header', text: '团队「华东销售」的氛围转为消极' });
    expect(zh.fallbackText).toContain('客户资源分享会');
  });

  it('weekly digest totals and nudges', () => {
    const digest = buildDigestMessage({
      locale: 'en',
      weekOf: '2026-11-23',
      alerts: [
        { subjectName: 'Li Na', teamName: 'Sales East', level: 'high', routedVia: 'skip_level', feedback: null },
        { subjectName: 'Zhao Lei', teamName: 'R&D', level: 'high', routedVia: 'manager', feedback: 'one_on_one' },
      ],
      teams: [{ name: 'Sales East', tier: 'negative', score: 38, previousScore: 55 }],
    });
    expect(digest.fallbackText).toContain(
      '2 alerts this week, 1 without feedback yet; 1 teams with a negative atmosphere.',
    );
    expect(digest.fallbackText).toContain('Zhao Lei (R&D): high risk, 1:1 scheduled');
    expect(digest.fallbackText).toContain('Sales East: negative 38 (-17)');
    const nudge = buildNudgeMessage({
      locale: 'zh-CN',
      title: '你的成长计划',
      body: 'alerts.action.clarify_growth_path',
    });
    expect(nudge.fallbackText).toContain('聊聊发展方向');
  });

  it('every alerts.* key exists in both locales with the same placeholders', () => {
    const catalog = registeredCatalog();
    const keys = Object.keys(catalog).filter((k) => k.startsWith('alerts.'));
    expect(keys.length).toBeGreaterThan(60);
    for (const key of keys) {
      const entry = catalog[key]!;
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry['zh-CN']), key).toEqual(names(entry.en));
    }
  });
});

describe('alert reasons from the scoring engine', () => {
  it('carry the sign of each change, as the scores API shows them', () => {
    const scoringReasons: AlertReason[] = [
      { code: 'personal_leave_change', params: { change: 44 }, contribution: 20 },
      { code: 'leave_change', params: { change: -50, days: 2 }, contribution: 0 },
    ];
    const message = buildAlertMessage({
      ...alertInput('en'),
      reasons: scoringReasons,
      actions: recommendActions('en', scoringReasons),
    });
    expect(message.fallbackText + JSON.stringify(message.blocks)).toContain('personal leave +44%');
    expect(JSON.stringify(message.blocks)).toContain('leave −50%');
    const zh = buildAlertMessage({
      ...alertInput('zh-CN'),
      reasons: scoringReasons,
      actions: recommendActions('zh-CN', scoringReasons),
    });
    expect(JSON.stringify(zh.blocks)).toContain('事假+44%');
  });
});
