import type { Messages } from '../index.js';

// Scorecards, development plans and onboarding (issue J).
export const performance = {
  'scorecard.title': {
    'zh-CN': '{name} 的绩效考评（{period}，{from} 至 {to}）',
    en: '{name} — scorecard {period} ({from} to {to})',
  },
  'scorecard.component.individual': { 'zh-CN': '个人业绩', en: 'Individual result' },
  'scorecard.component.helping': { 'zh-CN': '帮助同事', en: 'Helping colleagues' },
  'scorecard.component.projects': { 'zh-CN': '团队项目', en: 'Team projects' },
  'scorecard.component.resources': { 'zh-CN': '资源共享', en: 'Resource sharing' },
  'scorecard.line': {
    'zh-CN': '{label}：{value} × 权重 {weight}% = {points} 分（{source}）',
    en: '{label}: {value} × weight {weight}% = {points} points ({source})',
  },
  'scorecard.line.missing': {
    'zh-CN': '{label}：本期无记录 × 权重 {weight}%（{source}）',
    en: '{label}: no result recorded for the period × weight {weight}% ({source})',
  },
  'scorecard.multiplier.met': {
    'zh-CN': '团队已达成目标：个人业绩权重 {base}% × {multiplier} = {weight}%（{source}）',
    en: 'team met its goal: individual weight {base}% × {multiplier} = {weight}% ({source})',
  },
  'scorecard.multiplier.missed': {
    'zh-CN': '团队未达成目标：个人业绩权重 {base}% × {multiplier} = {weight}%（{source}）',
    en: 'team missed its goal: individual weight {base}% × {multiplier} = {weight}% ({source})',
  },
  'scorecard.multiplier.none': {
    'zh-CN': '本期无团队目标记录：个人业绩权重 {base}%',
    en: 'no team goal recorded for the period: individual weight {base}%',
  },
  'scorecard.collaboration': {
    'zh-CN':
      '团队协作合计权重 {weight}%（帮助 {helps} 次、团队项目 {projects} 个、资源共享 {shares} 次，{weeks} 个工作周）',
    en: 'team collaboration {weight}% in all ({helps} helps, {projects} team projects, {shares} resource shares in {weeks} working weeks)',
  },
  'scorecard.total': { 'zh-CN': '总分：{total}', en: 'Total: {total}' },
  'scorecard.total.missing': {
    'zh-CN': '总分：—（本期无个人业绩）',
    en: 'Total: — (no individual result for the period)',
  },
  'scorecard.source.default': { 'zh-CN': '默认', en: 'default' },
  'scorecard.source.tenant': { 'zh-CN': '公司设置 v{version}', en: 'company setting v{version}' },
  'scorecard.source.team': { 'zh-CN': '团队 {subject} 设置 v{version}', en: 'team {subject} setting v{version}' },
  'scorecard.source.employee': { 'zh-CN': '个人设置 v{version}', en: 'personal setting v{version}' },
  'plan.template.leadership': { 'zh-CN': '领导力培养计划', en: 'leadership track' },
  'plan.template.specialist': { 'zh-CN': '专业发展计划', en: 'specialist track' },
  'plan.template.return_to_engagement': { 'zh-CN': '重新投入计划', en: 'return-to-engagement plan' },
  'plan.template.onboarding': { 'zh-CN': '入职融入计划', en: 'onboarding' },
  'plan.step.interim_project_lead': { 'zh-CN': '担任临时项目组长', en: 'lead a project as interim project lead' },
  'plan.step.management_training': { 'zh-CN': '参加团队管理培训', en: 'take the management training' },
  'plan.step.shadow_senior_manager': {
    'zh-CN': '跟随资深主管学习团队协调',
    en: 'shadow a senior manager to learn team coordination',
  },
  'plan.step.leadership_review': { 'zh-CN': '与员工回顾领导力计划进展', en: 'review the leadership track together' },
  'plan.step.skill_goal': { 'zh-CN': '确定本季度的专业能力目标', en: "set this quarter's specialist skill goal" },
  'plan.step.expert_mentor': { 'zh-CN': '安排一位专家导师', en: 'arrange an expert mentor' },
  'plan.step.knowledge_share_session': { 'zh-CN': '主持一次知识分享', en: 'run a knowledge-sharing session' },
  'plan.step.specialist_review': { 'zh-CN': '回顾专业发展进展', en: 'review the specialist track together' },
  'plan.step.listening_one_on_one': { 'zh-CN': '一次以倾听为主的一对一沟通', en: 'hold a 1:1 to listen' },
  'plan.step.agree_adjustments': {
    'zh-CN': '商定工作调整（分工、客户、节奏）',
    en: 'agree adjustments (workload, accounts, pace)',
  },
  'plan.step.recognise_contribution': { 'zh-CN': '公开认可其贡献', en: 'recognise their contribution in the team' },
  'plan.step.follow_up_check_in': { 'zh-CN': '一个月后跟进沟通', en: 'follow-up check-in after a month' },
  'plan.step.buddy_intro': { 'zh-CN': '介绍入职伙伴（buddy）', en: 'introduce their onboarding buddy' },
  'plan.step.pulse_day_7': { 'zh-CN': '入职第 7 天简短反馈', en: 'day-7 pulse: how is the first week going?' },
  'plan.step.first_month_check_in': { 'zh-CN': '首月一对一沟通', en: 'first-month 1:1 check-in' },
  'plan.step.pulse_day_30': { 'zh-CN': '入职第 30 天简短反馈', en: 'day-30 pulse: how is the first month going?' },
  'plan.step.pulse_day_60': { 'zh-CN': '入职第 60 天简短反馈', en: 'day-60 pulse: how are things two months in?' },
  'plan.nudge.title': { 'zh-CN': '发展计划：{template}', en: 'Development plan: {template}' },
  'plan.nudge.self': { 'zh-CN': '本步骤今日到期（{due}）：{step}。', en: 'Due {due}: {step}.' },
  'plan.nudge.manager': {
    'zh-CN': '{name} 的计划中由您负责的步骤已到期（{due}）：{step}。',
    en: "{name}'s plan — your step is due {due}: {step}.",
  },
  'plan.nudge.done': { 'zh-CN': '已完成', en: 'Done' },
  'plan.nudge.doneStep': { 'zh-CN': '已完成：{step}', en: 'Done: {step}' },
  'plan.nudge.started': {
    'zh-CN': '您的{template}已开始，步骤与到期日如下（到期时会提醒您）：',
    en: 'Your {template} has started. The steps and when they are due (you will be reminded):',
  },
  'plan.step.recorded': { 'zh-CN': '已标记完成：{step}', en: 'Marked done: {step}' },
  'plan.step.unknown': { 'zh-CN': '找不到这个计划步骤。', en: 'That plan step could not be found.' },
  'plan.progress.title': { 'zh-CN': '本周发展计划进展', en: 'Development plans this week' },
  'plan.progress.line': {
    'zh-CN': '{name}（{template}）：已完成 {done}/{total}；下一步：{step}，{due} 到期{late}',
    en: '{name} ({template}): {done}/{total} done; next: {step}, due {due}{late}',
  },
  'plan.progress.late': { 'zh-CN': '（已逾期）', en: ' (overdue)' },
  'plan.progress.complete': {
    'zh-CN': '{name}（{template}）：{total} 个步骤全部完成',
    en: '{name} ({template}): all {total} steps done',
  },
  'alerts.action.leadership_track': {
    'zh-CN': '协作与业绩都很突出：考虑启动领导力培养计划（临时项目组长、管理培训、跟随资深主管）',
    en: 'Strong collaborator and results: consider the leadership track (interim project lead, management training, shadowing a senior manager)',
  },
  'command.plan.summary': {
    'zh-CN': '为某人启动发展计划或查看其计划',
    en: 'start a development plan for someone, or show their plans',
  },
  'command.plan.usage': {
    'zh-CN': 'plan start <人> <leadership|specialist|return_to_engagement|onboarding>，或 plan <人>',
    en: 'plan start <person> <leadership|specialist|return_to_engagement|onboarding>, or plan <person>',
  },
  'command.plan.title': { 'zh-CN': '{name}：{template}', en: '{name}: {template}' },
  'command.plan.none': { 'zh-CN': '{name} 目前没有发展计划。', en: '{name} has no development plan yet.' },
  'command.plan.started': {
    'zh-CN': '已为 {name} 启动{template}；步骤到期时会提醒负责人。',
    en: 'Started the {template} for {name}; each step’s owner is reminded when it comes due.',
  },
  'command.plan.running': {
    'zh-CN': '{name} 的{template}已在进行中：',
    en: 'The {template} for {name} is already running:',
  },
  'command.weights.summary': {
    'zh-CN': '查看或调整绩效考评权重（按人或团队，有版本与审计）',
    en: 'show or change scorecard weights (per person or team; versioned and audited)',
  },
  'command.weights.usage': {
    'zh-CN': 'weights <人|团队> <helping|projects|resources|metMultiplier|missedMultiplier> <值，如 25%>，或 weights',
    en: 'weights <person|team> <helping|projects|resources|metMultiplier|missedMultiplier> <value, e.g. 25%>, or weights',
  },
  'command.weights.title': { 'zh-CN': '绩效考评权重', en: 'Scorecard weights' },
  'command.weights.set': {
    'zh-CN': '{subject} 的 {key} 权重已设为 {value}（版本 {version}）。',
    en: '{subject}: {key} set to {value} (version {version}).',
  },
  'command.onboarding.summary': {
    'zh-CN': '新员工入职反馈（第 7/30/60 天）汇总：发送、作答和每题平均分，不涉及个人',
    en: "new joiners' day-7/30/60 onboarding pulses together: sent, answered, average per question — never per person",
  },
  'command.onboarding.usage': {
    'zh-CN': 'onboarding [开始日 YYYY-MM-DD] [结束日 YYYY-MM-DD]',
    en: 'onboarding [from YYYY-MM-DD] [to YYYY-MM-DD]',
  },
  'command.scorecard.summary': {
    'zh-CN': '某人本月或指定期间的绩效考评（业绩 + 团队协作）',
    en: "someone's scorecard for this month or a period (results + collaboration)",
  },
  'command.scorecard.usage': {
    'zh-CN': 'scorecard <人> [YYYY-MM|YYYY-Qn]',
    en: 'scorecard <person> [YYYY-MM|YYYY-Qn]',
  },
  'survey.mode.onboarding': {
    'zh-CN': '入职反馈：只有你会收到这些问题，因此你的回答不进入任何团队结果，也不会展示给任何人。',
    en: 'Onboarding check-in: only you are asked these questions, so your answers are kept out of every team result and shown to nobody.',
  },
  'report.none': { 'zh-CN': '无', en: 'none' },
  'report.na': { 'zh-CN': '无数据', en: 'n/a' },
  'report.span': { 'zh-CN': '（{from} 至 {to}）', en: ' {from} – {to}' },
  'report.unit.month': { 'zh-CN': '月份', en: 'month' },
  'report.unit.quarter': { 'zh-CN': '季度', en: 'quarter' },
  'report.exits.title': {
    'zh-CN': '离职情况{span}：{leavers} 人离职，其中 {flagged} 人事先被 teampulse 标记',
    en: 'Exits{span}: {leavers} leavers, {flagged} flagged beforehand by teampulse',
  },
  'report.exits.reasons': { 'zh-CN': '离职原因：{list}', en: 'Reasons: {list}' },
  'report.exits.reasonCount': { 'zh-CN': '{reason} {count} 人', en: '{reason} {count}' },
  'report.exits.groups': { 'zh-CN': '按团队和{unit}：', en: 'By team and {unit}:' },
  'report.exits.group': {
    'zh-CN': '{period}  {team}：{total} 人 — {reasons}',
    en: '{period}  {team}: {total} — {reasons}',
  },
  'report.exits.noTeamGroup': { 'zh-CN': '（无团队）', en: '(no team)' },
  'report.exits.noTeam': { 'zh-CN': '无团队', en: 'no team' },
  'report.exits.leavers': { 'zh-CN': '离职人员：', en: 'Leavers:' },
  'report.exits.leaver': {
    'zh-CN': '{day}  {name}（{employee}，{team}）— {reason}{flag}{note}',
    en: '{day}  {name} ({employee}, {team}) — {reason}{flag}{note}',
  },
  'report.exits.flagged': {
    'zh-CN': '；离职前 {days} 天已被标记（{on}）',
    en: '; flagged {days} days before ({on})',
  },
  'report.exits.notFlagged': { 'zh-CN': '；事先未被标记', en: '; not flagged' },
  'report.exits.note': { 'zh-CN': '；备注：{note}', en: '; note: {note}' },
  'report.onboarding.title': {
    'zh-CN': '入职反馈{span}：所有新员工合计，只展示每月至少 {min} 人作答的部分，不涉及任何个人',
    en: 'Onboarding pulses{span}: all new joiners together, shown only where at least {min} answered in a month, never per person',
  },
  'report.onboarding.pulse': {
    'zh-CN': '第 {day} 天：已发送 {sent} 份，{answered}',
    en: 'Day {day}: {sent} sent, {answered}',
  },
  'report.onboarding.answered': {
    'zh-CN': '其中 {answered}/{of} 份已作答',
    en: '{answered} of {of} answered',
  },
  'report.onboarding.answeredHidden': {
    'zh-CN': '作答人数不展示（每月发送少于 {min} 份）',
    en: 'answers not counted (fewer than {min} sent a month)',
  },
  'report.onboarding.question': {
    'zh-CN': '{text} — 平均 {average}（{count} 个回答）',
    en: '{text} — average {average} ({count} answers)',
  },
  'report.onboarding.questionHidden': {
    'zh-CN': '{text} — 不展示（回答少于 {min} 个，或仍未结束）',
    en: '{text} — not shown (fewer than {min} answers, or still open)',
  },
  'report.onboarding.suppressedMonths': {
    'zh-CN': '{count} 个月份未计入（作答少于 {min} 人，或仍有反馈未结束）',
    en: '{count} month(s) left out (fewer than {min} answers, or pulses still open)',
  },
  'report.accuracy.title': {
    'zh-CN':
      '高风险标记的准确度（截至 {asOf}；评分日 {from} 至 {to}；规则 v{version}；已评分 {scored} 人，其中 {leavers} 人已离职）',
    en: 'Accuracy of high-risk flags as of {asOf} (scored days {from} – {to}; rules v{version}; {scored} people scored, {leavers} of them left)',
  },
  'report.accuracy.horizon': {
    'zh-CN':
      '{days} 天：精确率 {precision}（{alerts} 次标记中 {tp} 次之后确有离职；{pending} 次尚待观察）· 召回率 {recall}（{leavers} 名离职者中 {caught} 名事先被标记）',
    en: '{days} days: precision {precision} ({tp} of {alerts} alerts followed by a departure; {pending} pending) · recall {recall} ({caught} of {leavers} leavers flagged)',
  },
  'report.accuracy.lead': {
    'zh-CN': '提前量：中位数 {median} 天，平均 {mean} 天（{caught} 名离职者在离职前 90 天内被标记）',
    en: 'Lead time: median {median} days, mean {mean} days ({caught} leavers flagged in the 90 days before)',
  },
  'report.accuracy.noLead': {
    'zh-CN': '提前量：没有离职者在离职前 90 天内被标记',
    en: 'Lead time: no leaver was flagged in the 90 days before leaving',
  },
  'report.accuracy.feedback': {
    'zh-CN': '预警收到的“不准确”反馈：{count} 条',
    en: '"Not accurate" feedback on alerts: {count}',
  },
  'report.accuracy.rules': {
    'zh-CN': '规则触发情况（占评分日的比例 — 离职者离职前 90 天 vs 留任者）：',
    en: 'Rules firing (share of scored days — leavers in their last 90 days vs stayers):',
  },
  'report.accuracy.rule': {
    'zh-CN': '{rule}：离职者 {leavers}，留任者 {stayers}',
    en: '{rule}: leavers {leavers}, stayers {stayers}',
  },
  'report.accuracy.noRules': { 'zh-CN': '没有规则触发', en: 'none fired' },
  'report.accuracy.suggested': {
    'zh-CN': '建议：高风险阈值 {current} → {suggested}（{days} 天：精确率 {precision}，召回率 {recall}）',
    en: 'Suggested: high threshold {current} → {suggested} (at {days} days: precision {precision}, recall {recall})',
  },
  'report.accuracy.accepted': { 'zh-CN': ' — 已保存为规则 v{version}', en: ' — accepted as rules v{version}' },
  'report.accuracy.acceptHint': {
    'zh-CN': ' — 可用 --accept 接受（生成新的规则版本）',
    en: ' — accept with --accept (a new rule version)',
  },
  'report.accuracy.keep': {
    'zh-CN': '阈值：保持高风险阈值 {current}（{days} 天内没有更好的候选值）',
    en: 'Threshold: keep high at {current} (no candidate does better at {days} days)',
  },
} satisfies Messages;
