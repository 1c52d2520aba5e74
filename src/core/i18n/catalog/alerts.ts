// Alerts, HR team warnings, the weekly digest, recommended actions and nudges — zh-CN and en.
// Framing rule: a person "may need support"; never a verdict, never an individual's survey answer.
import type { Messages } from '../index.js';

export const alerts = {
  'alerts.risk.header': { 'zh-CN': '{name} 可能需要一些支持', en: '{name} may need support' },
  'alerts.risk.intro.escalated': {
    'zh-CN': '最近的信号显示，{name}（{team}）可能正在经历一段不容易的时期。这是一个关心的提示，不是结论。',
    en: 'Recent signals suggest {name} ({team}) may be going through a hard time. This is a prompt to check in, not a verdict.',
  },
  'alerts.risk.intro.worse': {
    'zh-CN': '自上次提醒以来，{name}（{team}）的信号进一步变化，可能更需要支持。',
    en: 'Since the last alert, the signals for {name} ({team}) have moved further: they may need support more now.',
  },
  'alerts.risk.intro.reminder': {
    'zh-CN': '稍后提醒已到期：{name}（{team}）的信号仍然值得关注。',
    en: 'Your snooze has ended: the signals for {name} ({team}) still deserve attention.',
  },
  'alerts.risk.reasonsTitle': { 'zh-CN': '发生了什么变化：', en: 'What changed:' },
  'alerts.risk.actionsTitle': { 'zh-CN': '本周建议：', en: 'Suggested this week:' },
  'alerts.field.level': { 'zh-CN': '风险等级', en: 'Risk level' },
  'alerts.field.score': { 'zh-CN': '风险分', en: 'Risk score' },
  'alerts.field.asOf': { 'zh-CN': '数据截至', en: 'As of' },
  'alerts.field.tier': { 'zh-CN': '氛围等级', en: 'Atmosphere' },
  'alerts.field.atmosphere': { 'zh-CN': '氛围分', en: 'Atmosphere score' },
  'alerts.field.members': { 'zh-CN': '成员数', en: 'Members' },
  'alerts.level.low': { 'zh-CN': '低', en: 'low' },
  'alerts.level.medium': { 'zh-CN': '中', en: 'medium' },
  'alerts.level.high': { 'zh-CN': '高', en: 'high' },
  'alerts.tier.positive': { 'zh-CN': '积极', en: 'positive' },
  'alerts.tier.neutral': { 'zh-CN': '中性', en: 'neutral' },
  'alerts.tier.negative': { 'zh-CN': '消极', en: 'negative' },
  'alerts.noTeam': { 'zh-CN': '未分配团队', en: 'no team' },
  'alerts.theirManager': { 'zh-CN': '其直属经理', en: 'their manager' },
  'alerts.why.manager': {
    'zh-CN': '你收到这条消息，因为你是 {name} 的直属经理。',
    en: 'You receive this as {name}’s manager.',
  },
  'alerts.why.skipLevel': {
    'zh-CN': '你收到这条消息，因为 {name} 的直属经理 {manager} 已离开或不在岗，由你作为隔级经理跟进。',
    en: 'You receive this as skip-level manager: {name}’s manager {manager} has left or is away.',
  },
  'alerts.why.skipLevelLeads': {
    'zh-CN': '你收到这条消息，因为 {name} 本人是团队负责人，由你作为上级跟进。',
    en: 'You receive this as skip-level manager: {name} leads a team themself.',
  },
  'alerts.why.hr': {
    'zh-CN': '你作为 HR 联系人收到这条消息：{name} 目前没有可以联系到的经理。',
    en: 'You receive this as HR contact: {name} has no manager who can be reached right now.',
  },
  'alerts.disclaimer': {
    'zh-CN': '由你来判断和决定；个人问卷答案永远不会展示。',
    en: 'You decide what to do; individual survey answers are never shown.',
  },
  'alerts.button.done': { 'zh-CN': '已处理', en: 'Done' },
  'alerts.button.one_on_one': { 'zh-CN': '已约 1:1', en: '1:1 scheduled' },
  'alerts.button.snooze': { 'zh-CN': '两周后提醒', en: 'Snooze 2 weeks' },
  'alerts.button.not_accurate': { 'zh-CN': '不准确', en: 'Not accurate' },
  'alerts.feedback.done': { 'zh-CN': '已处理', en: 'done' },
  'alerts.feedback.one_on_one': { 'zh-CN': '已约 1:1', en: '1:1 scheduled' },
  'alerts.feedback.snooze': { 'zh-CN': '已延后两周', en: 'snoozed 2 weeks' },
  'alerts.feedback.not_accurate': { 'zh-CN': '标记为不准确', en: 'marked not accurate' },
  'alerts.feedback.none': { 'zh-CN': '尚无反馈', en: 'no feedback yet' },
  'alerts.feedback.recorded': { 'zh-CN': '谢谢，已记录：{value}。', en: 'Thanks — recorded: {value}.' },
  'alerts.feedback.notYours': {
    'zh-CN': '这条提醒不是发给你的，只有收件人或 HR 可以反馈。',
    en: 'This alert was not sent to you: only its recipient or HR can give feedback.',
  },
  'alerts.feedback.unknownAlert': { 'zh-CN': '找不到这条提醒。', en: 'This alert could not be found.' },

  'alerts.action.one_on_one_this_week': {
    'zh-CN': '本周安排一次 1:1，先倾听，问问最近的工作和状态',
    en: 'Have a 1:1 this week — listen first, ask how work has been lately',
  },
  'alerts.action.rebalance_workload': {
    'zh-CN': '看看工作量是否合理，必要时重新分配任务或客户跟进',
    en: 'Check the workload and rebalance tasks or follow-ups if needed',
  },
  'alerts.action.recognise_contribution': {
    'zh-CN': '认可对方最近的一项具体贡献（例如帮助同事、分享资源）',
    en: 'Recognise a specific recent contribution (helping colleagues, sharing resources)',
  },
  'alerts.action.clarify_growth_path': {
    'zh-CN': '聊聊发展方向，明确接下来的成长路径',
    en: 'Talk about development and clarify the growth path ahead',
  },
  'alerts.action.check_leave_kindly': {
    'zh-CN': '温和地关心请假和出勤变化，不带评判，问问是否需要帮助',
    en: 'Ask kindly about the change in leave and attendance — no judgement, offer help',
  },
  'alerts.action.introduce_interim_contact': {
    'zh-CN': '经理离开后，明确一位临时对接人，保证有人可以求助',
    en: 'With the manager gone, name an interim contact so there is someone to turn to',
  },
  'alerts.action.onboarding_check_in': {
    'zh-CN': '新人阶段：确认入职支持到位，安排一位伙伴',
    en: 'Still new: check onboarding support is in place and pair them with a buddy',
  },

  'alerts.team.header': { 'zh-CN': '团队「{team}」的氛围转为消极', en: 'Team {team}: atmosphere has turned negative' },
  'alerts.team.intro.escalated': {
    'zh-CN': '团队「{team}」最近的协作信号明显下降，建议 HR 关注并与团队一起改善。',
    en: 'Collaboration signals in team {team} have dropped. HR may want to look into it together with the team.',
  },
  'alerts.team.intro.worse': {
    'zh-CN': '自上次预警以来，团队「{team}」的氛围进一步下降。',
    en: 'Since the last warning, the atmosphere in team {team} has fallen further.',
  },
  'alerts.team.intro.reminder': {
    'zh-CN': '稍后提醒已到期：团队「{team}」的氛围仍然是消极。',
    en: 'Your snooze has ended: the atmosphere in team {team} is still negative.',
  },
  'alerts.team.managerLeft': { 'zh-CN': '该团队的经理最近离开了。', en: 'The team’s manager left recently.' },
  'alerts.team.driversTitle': { 'zh-CN': '主要原因：', en: 'Main drivers:' },
  'alerts.team.suggestionsTitle': { 'zh-CN': '团队建设建议：', en: 'Team-building suggestions:' },
  'alerts.team.disclaimer': {
    'zh-CN': '仅基于团队整体的元数据；不含任何人的消息内容或个人问卷答案。',
    en: 'Based on team-level metadata only — no message text and no individual survey answers.',
  },
  'alerts.team.collaboration_workshop': {
    'zh-CN': '组织一次团队协作工作坊，一起梳理合作方式',
    en: 'Run a collaboration workshop to agree how the team works together',
  },
  'alerts.team.re_divide_work': {
    'zh-CN': '重新划分工作和客户，避免个别人负担过重',
    en: 'Re-divide work and accounts so nobody carries too much',
  },
  'alerts.team.interim_coordinator': {
    'zh-CN': '经理离开后，指定一位临时协调人',
    en: 'Appoint an interim coordinator while the team has no manager',
  },
  'alerts.team.client_resource_sharing': {
    'zh-CN': '举办一次客户资源分享会，鼓励互相帮助',
    en: 'Hold a client-resource sharing session to encourage helping each other',
  },

  'alerts.digest.header': {
    'zh-CN': 'teampulse 每周简报（{week} 这一周）',
    en: 'teampulse weekly digest — week of {week}',
  },
  'alerts.digest.summary': {
    'zh-CN': '本周共 {alerts} 条提醒，其中 {open} 条尚无反馈；{negative} 个团队氛围为消极。',
    en: '{alerts} alerts this week, {open} without feedback yet; {negative} teams with a negative atmosphere.',
  },
  'alerts.digest.alertsTitle': { 'zh-CN': '本周提醒：', en: 'Alerts this week:' },
  'alerts.digest.alertLine': {
    'zh-CN': '{name}（{team}）：风险{level}，{feedback}',
    en: '{name} ({team}): {level} risk, {feedback}',
  },
  'alerts.digest.teamsTitle': { 'zh-CN': '需要关注的团队氛围：', en: 'Team atmosphere needing attention:' },
  'alerts.digest.teamLine': { 'zh-CN': '{team}：{tier} {score}{delta}', en: '{team}: {tier} {score}{delta}' },
  'alerts.digest.quiet': { 'zh-CN': '本周一切平稳。', en: 'A quiet week: nothing needs attention.' },
  'alerts.digest.disclaimer': {
    'zh-CN': '简报只含汇总和提醒状态，不含任何个人问卷答案。',
    en: 'The digest shows totals and alert status only — never an individual’s survey answers.',
  },
  'alerts.nudge.context': {
    'zh-CN': '来自 teampulse 的成长提醒，你可以随时忽略。',
    en: 'A development nudge from teampulse — feel free to ignore it.',
  },
} satisfies Messages;
