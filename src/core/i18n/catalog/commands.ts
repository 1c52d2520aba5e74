import type { Messages } from '../index.js';

// Chat commands (src/app/commands): the layer's own answers, then each verb's summary and usage line.
// Verbs added by other areas put their summary/usage keys in their own catalogue file.
export const commands = {
  'command.notLinked': {
    'zh-CN': '抱歉，你的账号还没有关联到员工档案，我暂时无法回答。请联系 HR 关联账号。',
    en: "Sorry, your account isn't linked to an employee record yet, so I can't answer. Please ask HR to link it.",
  },
  'command.notForRole': {
    'zh-CN': '抱歉，你的角色不能使用“{command}”。输入 help 查看你可用的命令。',
    en: 'Sorry, "{command}" is not available to your role. Type help to see the commands you can use.',
  },
  'command.notFound': {
    'zh-CN': '没有找到“{what}”，或者它不在你可查看的范围内。',
    en: 'I found nothing for "{what}" that you may see.',
  },
  'command.forbidden': {
    'zh-CN': '抱歉，你的权限不允许这样做。',
    en: "Sorry, your permissions don't allow that.",
  },
  'command.invalid': { 'zh-CN': '输入有误：{detail}', en: 'That input is not valid: {detail}' },
  'command.usage': { 'zh-CN': '用法：{usage}', en: 'Usage: {usage}' },
  'command.help.aliases': { 'zh-CN': '别名：{aliases}', en: 'Also: {aliases}' },
  'command.help.more': {
    'zh-CN': '输入 help <命令> 查看用法。',
    en: 'Type help <command> for its usage.',
  },
  'command.notScored': {
    'zh-CN': '还没有评分结果（可能数据不足）。',
    en: 'No score yet (there may not be enough data).',
  },

  'command.me.summary': {
    'zh-CN': '查看我自己的信号和评分，以及原因（与经理看到的相同）',
    en: 'my own signals and scores, with the same reasons my manager sees',
  },
  'command.me.usage': { 'zh-CN': '我的', en: 'me' },
  'command.me.title': { 'zh-CN': '关于你的数据（{asOf}）', en: 'Your data ({asOf})' },
  'command.me.context': {
    'zh-CN': '你的经理看到的原因与此相同。觉得不准确？输入：contest <说明>',
    en: 'Your manager sees these same reasons. Looks wrong? Type: contest <note>',
  },
  'command.field.risk': { 'zh-CN': '流失风险', en: 'Attrition risk' },
  'command.field.collaboration': { 'zh-CN': '协作分', en: 'Collaboration score' },
  'command.field.status': { 'zh-CN': '状态', en: 'Status' },
  'command.field.reasons': { 'zh-CN': '原因', en: 'Reasons' },
  'command.noReasons': { 'zh-CN': '没有值得注意的变化。', en: 'No notable change.' },

  'command.field.atmosphere': { 'zh-CN': '团队氛围', en: 'Atmosphere' },
  'command.field.members': { 'zh-CN': '人数', en: 'Members' },
  'command.field.trend': { 'zh-CN': '趋势', en: 'Trend' },
  'command.field.drivers': { 'zh-CN': '主要因素：', en: 'Drivers:' },
  'command.field.riskHistory': { 'zh-CN': '风险变化', en: 'Risk history' },
  'command.field.signals': { 'zh-CN': '信号：', en: 'Signals:' },
  'command.signals.range': { 'zh-CN': '{from} 至 {to}', en: '{from} to {to}' },
  'command.signals.none': { 'zh-CN': '这段时间没有记录到信号。', en: 'No signals recorded in this period.' },
  'command.signal.msgsTeam': { 'zh-CN': '团队频道消息', en: 'team-channel messages' },
  'command.signal.threadRepliesToOthers': { 'zh-CN': '回复他人的讨论', en: "replies in others' threads" },
  'command.signal.distinctCollaborators': { 'zh-CN': '协作人次（按天）', en: 'collaborators (per day, summed)' },
  'command.signal.helpsGiven': { 'zh-CN': '帮助同事', en: 'helped colleagues' },
  'command.signal.helpsReceived': { 'zh-CN': '得到帮助', en: 'was helped' },
  'command.signal.kudosReceived': { 'zh-CN': '收到的点赞', en: 'kudos received' },
  'command.signal.leavePersonalDays': { 'zh-CN': '事假（天）', en: 'personal leave (days)' },
  'command.signal.leaveSickDays': { 'zh-CN': '病假（天）', en: 'sick leave (days)' },
  'command.signal.leaveAnnualDays': { 'zh-CN': '年假（天）', en: 'annual leave (days)' },
  'command.signal.leaveOtherDays': { 'zh-CN': '其他假期（天）', en: 'other leave (days)' },
  'command.signal.absencesUnexcused': { 'zh-CN': '无记录缺勤', en: 'absences without leave' },
  'command.signal.lateArrivals': { 'zh-CN': '迟到', en: 'late arrivals' },
  'command.signal.tasksLate': { 'zh-CN': '延期任务', en: 'late tasks' },
  'command.signal.crmFollowups': { 'zh-CN': '客户跟进', en: 'CRM follow-ups' },

  'command.risk.summary': {
    'zh-CN': '查看高/中风险的人及原因（仅限你可查看的范围）',
    en: 'people at high or medium risk, with reasons (within what you may see)',
  },
  'command.risk.usage': { 'zh-CN': '风险 [团队]', en: 'risk [team]' },
  'command.risk.title': { 'zh-CN': '需要关注的人（{asOf}）', en: 'People who may need support ({asOf})' },
  'command.risk.titleTeam': {
    'zh-CN': '{team}：需要关注的人（{asOf}）',
    en: '{team}: people who may need support ({asOf})',
  },
  'command.risk.none': { 'zh-CN': '目前没有高或中风险的人。', en: 'Nobody is at high or medium risk right now.' },
  'command.risk.context': {
    'zh-CN': '风险是谈话的提示，不是结论；由人来决定。',
    en: 'A risk is a prompt for a conversation, not a verdict; a person decides.',
  },
  'command.team.summary': {
    'zh-CN': '团队氛围、主要因素和趋势（经理：自己的团队）',
    en: "a team's atmosphere, drivers and trend (managers: their own teams)",
  },
  'command.team.usage': { 'zh-CN': '团队 [团队]', en: 'team [team]' },
  'command.team.title': { 'zh-CN': '{team}（{asOf}）', en: '{team} ({asOf})' },
  'command.team.none': { 'zh-CN': '你的团队还没有氛围评分。', en: 'Your teams have no atmosphere score yet.' },
  'command.profile.summary': {
    'zh-CN': '某人的信号、风险变化和协作分（会记录审计日志）',
    en: "one person's signals, risk history and collaboration score (audited)",
  },
  'command.profile.usage': { 'zh-CN': '档案 <人>', en: 'profile <person>' },
  'command.profile.title': { 'zh-CN': '{name}（{id}）', en: '{name} ({id})' },
  'command.profile.context': {
    'zh-CN': '此次查看已记入审计日志。个人问卷答案从不显示。',
    en: 'This view is recorded in the audit log. Individual survey answers are never shown.',
  },
  'command.alerts.summary': {
    'zh-CN': '待处理的提醒，附反馈按钮',
    en: 'open alerts waiting for you, with feedback buttons',
  },
  'command.alerts.usage': { 'zh-CN': '提醒', en: 'alerts' },
  'command.alerts.title': { 'zh-CN': '待处理的提醒（{count}）', en: 'Open alerts ({count})' },
  'command.alerts.none': { 'zh-CN': '没有待处理的提醒。', en: 'No open alerts.' },
  'command.rules.summary': {
    'zh-CN': '查看或修改风险阈值（每次修改生成新版本）',
    en: 'show or change the risk thresholds (each change is a new version)',
  },
  'command.rules.usage': {
    'zh-CN': '规则 [设置 medium|high|positive|negative <0–100>]',
    en: 'rules [set medium|high|positive|negative <0–100>]',
  },
  'command.rules.title': { 'zh-CN': '风险规则（版本 {version}）', en: 'Risk rules (version {version})' },
  'command.rules.changed': {
    'zh-CN': '已将 {name} 从 {from} 改为 {to}（新版本 {version}）。',
    en: 'Changed {name} from {from} to {to} (new version {version}).',
  },
  'command.rules.context': {
    'zh-CN': '修改从下一次评分起生效；每个评分都记录它使用的版本。',
    en: 'Changes apply from the next scoring run; every score records the version it used.',
  },
  'command.digest.summary': { 'zh-CN': '本周摘要（你负责的范围）', en: "this week's summary (your scope)" },
  'command.digest.usage': { 'zh-CN': '摘要', en: 'digest' },
  'command.departed.summary': {
    'zh-CN': '记录某人离职及原因',
    en: 'record that someone left, and why',
  },
  'command.departed.usage': {
    'zh-CN': '离职 <人> <原因：薪酬|经理|成长|工作量|团队|认可|搬迁|个人|健康|绩效|组织调整|其他>',
    en: 'departed <person> <reason: compensation|manager|growth|workload|team|recognition|relocation|personal|health|performance|restructuring|other>',
  },
  'command.departed.done': {
    'zh-CN': '已记录：{name} 离职，原因：{reason}。',
    en: 'Recorded: {name} left ({reason}).',
  },
  'command.departed.already': {
    'zh-CN': '{name} 的离职已记录过（原因：{reason}）。',
    en: "{name}'s departure was already recorded ({reason}).",
  },
  'exit.reason.compensation': { 'zh-CN': '薪酬', en: 'compensation' },
  'exit.reason.manager': { 'zh-CN': '经理', en: 'manager' },
  'exit.reason.growth': { 'zh-CN': '成长', en: 'growth' },
  'exit.reason.workload': { 'zh-CN': '工作量', en: 'workload' },
  'exit.reason.team': { 'zh-CN': '团队', en: 'team' },
  'exit.reason.recognition': { 'zh-CN': '认可', en: 'recognition' },
  'exit.reason.relocation': { 'zh-CN': '搬迁', en: 'relocation' },
  'exit.reason.personal': { 'zh-CN': '个人', en: 'personal' },
  'exit.reason.health': { 'zh-CN': '健康', en: 'health' },
  'exit.reason.performance': { 'zh-CN': '绩效', en: 'performance' },
  'exit.reason.restructuring': { 'zh-CN': '组织调整', en: 'restructuring' },
  'exit.reason.other': { 'zh-CN': '其他', en: 'other' },
} satisfies Messages;
