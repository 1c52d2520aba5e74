import type { Messages } from '../index.js';

// Reasons (reason.<code>) and team drivers (driver.<code>) of src/core/scoring; changes arrive pre-signed ("+40", "−60").
const noData = (en: string, zh: string) => ({ 'zh-CN': `无数据：${zh}`, en: `no data: ${en}` });

export const scoring = {
  // {change} is the person's own change, {adjusted} what the rule decided on after the team's own {teamChange}.
  'reason.team_msgs_change': {
    'zh-CN': '团队群消息较你前{weeks}周的基线{change}%',
    en: 'team-channel messages {change}% vs your {weeks}-week baseline',
  },
  'reason.team_msgs_change.team': {
    'zh-CN': '团队群消息较你前{weeks}周的基线{change}%（团队整体{teamChange}%）',
    en: 'team-channel messages {change}% vs your {weeks}-week baseline (team {teamChange}%)',
  },
  'reason.team_msgs_change.adjusted': {
    'zh-CN': '团队群消息较你前{weeks}周的基线{change}%；扣除团队整体的{teamChange}%后为{adjusted}%',
    en: "team-channel messages {change}% vs your {weeks}-week baseline; {adjusted}% after the team's own {teamChange}%",
  },
  'reason.activity_change': {
    'zh-CN': '沟通活跃度较你前{weeks}周的基线{change}%',
    en: 'communication activity {change}% vs your {weeks}-week baseline',
  },
  'reason.activity_change.team': {
    'zh-CN': '沟通活跃度较你前{weeks}周的基线{change}%（团队整体{teamChange}%）',
    en: 'communication activity {change}% vs your {weeks}-week baseline (team {teamChange}%)',
  },
  'reason.activity_change.adjusted': {
    'zh-CN': '沟通活跃度较你前{weeks}周的基线{change}%；扣除团队整体的{teamChange}%后为{adjusted}%',
    en: "communication activity {change}% vs your {weeks}-week baseline; {adjusted}% after the team's own {teamChange}%",
  },
  'reason.collaborators_change': { 'zh-CN': '协作对象数{change}%', en: 'distinct collaborators {change}%' },
  'reason.helps_drop': {
    'zh-CN': '近{days}天每周帮助同事{recentPerWeek}次，此前每周{baselinePerWeek}次（{change}%）',
    en: 'helped colleagues {recentPerWeek}×/week in the last {days} days, {baselinePerWeek}×/week before ({change}%)',
  },
  'reason.helps_drop.adjusted': {
    'zh-CN':
      '近{days}天每周帮助同事{recentPerWeek}次，此前每周{baselinePerWeek}次（{change}%；扣除团队整体的{teamChange}%后为{adjusted}%）',
    en:
      'helped colleagues {recentPerWeek}×/week in the last {days} days, {baselinePerWeek}×/week before ' +
      "({change}%; {adjusted}% after the team's own {teamChange}%)",
  },
  // The wordings of reasons stored before the numbers above were kept (rendered for old scores and alerts).
  'reason.helps_drop.v1': {
    'zh-CN': '{days}天内帮助同事{recent}次，此前每周{baselinePerWeek}次',
    en: 'helped colleagues {recent}× in {days} days, {baselinePerWeek}×/week before',
  },
  'reason.personal_leave_change.v1': { 'zh-CN': '事假{change}%', en: 'personal leave {change}%' },
  'reason.leave_change.v1': {
    'zh-CN': '请假{change}%（近期共{days}天）',
    en: 'leave {change}% ({days} days recently)',
  },
  'reason.personal_leave_change': {
    'zh-CN': '事假{change}%：近{window}天{days}天，按你的基线预计{expected}天',
    en: 'personal leave {change}%: {days} days in the last {window} days, {expected} expected from your baseline',
  },
  'reason.leave_change': {
    'zh-CN': '请假{change}%：近{window}天按类型加权{days}天（共{total}天），按你的基线预计{expected}天',
    en: 'leave {change}%: {days} weighted days in the last {window} days ({total} in all), {expected} expected from your baseline',
  },
  'reason.unexcused_absences': {
    'zh-CN': '{days}天内{count}次未请假缺勤',
    en: '{count} absences without a leave record in {days} days',
  },
  'reason.task_delay': {
    'zh-CN': '任务延期率{rate}%（{change}个百分点）',
    en: 'task delay rate {rate}% ({change} points)',
  },
  'reason.crm_change': { 'zh-CN': '客户跟进{change}%', en: 'CRM follow-ups {change}%' },
  'reason.survey_participation': { 'zh-CN': '脉搏调查参与率{pct}%', en: 'answered {pct}% of pulse surveys' },
  'reason.tenure_band': {
    'zh-CN': '入职{months}个月（3–12个月为高风险期）',
    en: 'tenure {months} months (3–12 months is the riskiest band)',
  },
  'reason.manager_left': { 'zh-CN': '直属经理{weeks}周前离职', en: 'manager left {weeks} weeks ago' },
  'reason.manager_changed': { 'zh-CN': '{weeks}周前更换了直属经理', en: 'manager changed {weeks} weeks ago' },
  'reason.peers_left': {
    'zh-CN': '近{days}天有{count}名同事离职',
    en: '{count} teammates left in the last {days} days',
  },
  'reason.baseline_weeks': { 'zh-CN': '基线{weeks}周', en: '{weeks} weeks of baseline' },
  'reason.insufficient_history': {
    'zh-CN': '历史数据不足：基线{weeks}周（{workingDays}个工作日），至少需要{required}周',
    en: 'insufficient history: {weeks} weeks of baseline ({workingDays} working days), {required} needed',
  },
  'reason.no_signals': {
    'zh-CN': '近{days}天没有此人的任何信号，无法评估',
    en: 'no signals about this person in the last {days} days: nothing to score',
  },
  'reason.no_data_message': noData(
    'the platform delivers no message metadata, so activity signals are not scored',
    '该平台不提供消息元数据，未评估沟通活跃度信号',
  ),
  'reason.no_data_leave': noData('no leave records are delivered', '未接入请假记录'),
  'reason.no_data_attendance': noData('no attendance records are delivered', '未接入考勤记录'),
  'reason.no_data_task': noData('no task records are delivered', '未接入任务记录'),
  'reason.no_data_crm': noData('no CRM activity is delivered', '未接入客户跟进记录'),
  'reason.no_data_help': noData('no help records are delivered', '未接入互助记录'),
  'reason.no_data_kudos': noData('no kudos are delivered', '未接入点赞记录'),
  'reason.no_data_project': noData('no team-project records are delivered', '未接入团队项目记录'),
  'reason.no_data_resource': noData('no resource-sharing records are delivered', '未接入资源分享记录'),

  'driver.team_activity_change': {
    'zh-CN': '团队活跃度较前{weeks}周基线{change}%',
    en: 'team activity {change}% vs {weeks}-week baseline',
  },
  'driver.help_kudos_density': {
    'zh-CN': '人均每周互助与点赞{perWeek}次',
    en: 'help and kudos {perWeek} per member per week',
  },
  'driver.network_density': { 'zh-CN': '协作网络密度{pct}%', en: 'collaboration network density {pct}%' },
  'driver.departures': { 'zh-CN': '{days}天内离职{count}人', en: '{count} departures in {days} days' },
  'driver.unexcused_absences': {
    'zh-CN': '{days}天内{count}次未请假缺勤',
    en: '{count} absences without a leave record in {days} days',
  },
  'driver.survey_average': {
    'zh-CN': '调查平均分{average}/5（{respondents}人作答）',
    en: 'survey average {average}/5 ({respondents} respondents)',
  },

  'scoring.level.low': { 'zh-CN': '低', en: 'low' },
  'scoring.level.medium': { 'zh-CN': '中', en: 'medium' },
  'scoring.level.high': { 'zh-CN': '高', en: 'high' },
  'scoring.tier.positive': { 'zh-CN': '积极', en: 'positive' },
  'scoring.tier.neutral': { 'zh-CN': '中性', en: 'neutral' },
  'scoring.tier.negative': { 'zh-CN': '消极', en: 'negative' },
  'scoring.status.insufficient_history': { 'zh-CN': '历史数据不足', en: 'insufficient history' },
  'scoring.status.no_data': { 'zh-CN': '无数据', en: 'no data' },
} satisfies Messages;
