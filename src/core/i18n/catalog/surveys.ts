import type { Messages } from '../index.js';

// Pulse surveys (issue H): the questions' frame, replies to answers, comments, mutes and group results.
// Framing rule: say plainly who can see what; never suggest an individual's answer is visible to anyone.
export const surveys = {
  'survey.header': { 'zh-CN': '脉搏调查 · 第 {n}/{total} 题', en: 'Pulse survey · question {n} of {total}' },
  'survey.reminderHeader': {
    'zh-CN': '提醒：本轮脉搏调查还开放到 {closesOn}',
    en: 'Reminder: this pulse survey is open until {closesOn}',
  },
  'survey.mode.anonymous': {
    'zh-CN': '匿名调查：你的回答不与姓名一起保存；结果只以至少 {min} 人的群体显示。',
    en: 'Anonymous: your answers are stored without your name, and results are shown only for groups of at least {min} people.',
  },
  'survey.mode.confidential': {
    'zh-CN':
      '保密调查：你的回答以化名保存，你本人可以在“导出”中看到它们；其他任何人都看不到你的个人回答，它们也不会计入任何人的风险评分；结果只以至少 {min} 人的群体显示。',
    en: "Confidential: your answers are kept under a pseudonym so you can see them in your own export; nobody else ever sees your own answers, they never count towards anyone's risk score, and results are shown only for groups of at least {min} people.",
  },
  'survey.scale.agree5': {
    'zh-CN': '1 = 非常不同意 … 5 = 非常同意。回答可以在本轮结束（{closesOn}）前修改。',
    en: '1 = strongly disagree … 5 = strongly agree. You can change an answer until the round closes ({closesOn}).',
  },
  'survey.scale.nps11': {
    'zh-CN': '0 = 完全不可能 … 10 = 非常可能。也可以回复：回答 <0–10>。回答可以在本轮结束（{closesOn}）前修改。',
    en: '0 = not at all likely … 10 = extremely likely. You can also reply: answer <0–10>. You can change an answer until the round closes ({closesOn}).',
  },
  'survey.button.mute': { 'zh-CN': '本轮跳过', en: 'Skip this round' },
  'survey.commentPrompt.header': { 'zh-CN': '谢谢！这是最后一题', en: 'Thank you — that was the last question' },
  'survey.commentPrompt.text': {
    'zh-CN':
      '还有想说的吗？回复：comment 你的想法（可选）。评论不带姓名保存，只在至少 {min} 人留言的群体中向 HR 显示。',
    en: 'Anything else you would like to say? Reply: comment <your words> (optional). Comments are stored without your name and shown to HR only for groups where at least {min} people commented.',
  },
  'survey.reply.recorded': { 'zh-CN': '谢谢，已记录。', en: 'Thanks — recorded.' },
  'survey.reply.changed': { 'zh-CN': '已修改，以新的回答为准。', en: 'Changed — your new answer counts.' },
  'survey.reply.same': { 'zh-CN': '已经记录过了，只计一次。', en: 'Already recorded — it counts once.' },
  'survey.reply.closed': {
    'zh-CN': '这一轮调查已经结束，不能再回答或修改。',
    en: 'This survey round has closed; answers can no longer be given or changed.',
  },
  'survey.reply.unknown': {
    'zh-CN': '抱歉，找不到这份调查，它可能不是发给你的。',
    en: 'Sorry, I cannot find this survey; it may not have been sent to you.',
  },
  'survey.reply.muted': {
    'zh-CN': '好的，本轮不再发送问题或提醒。',
    en: 'OK — no more questions or reminders for this round.',
  },
  'survey.reply.commentSaved': {
    'zh-CN': '谢谢，你的评论已保存（本轮结束前可以用新的评论替换）。',
    en: 'Thanks — your comment is saved (a new one replaces it until the round closes).',
  },
  'survey.reply.commentNoRound': {
    'zh-CN': '现在没有可以留言的调查。',
    en: 'There is no open survey round to comment on.',
  },
  'survey.reply.commentEmpty': {
    'zh-CN': '请把评论写在 comment 后面，例如：comment 希望多一些结对工作',
    en: 'Write your comment after the word comment, e.g.: comment more pairing would help',
  },
  'survey.reply.commentTooLong': { 'zh-CN': '评论最多 1000 个字符。', en: 'A comment can be at most 1000 characters.' },
  'command.comment.description': {
    'zh-CN': '给当前的脉搏调查留一条匿名评论：comment <内容>',
    en: 'add an anonymous comment to the current pulse survey: comment <text>',
  },
  'command.comment.usage': { 'zh-CN': '评论 <内容>', en: 'comment <your words>' },
  'command.answer.description': {
    'zh-CN': '用文字回答当前的脉搏调查问题（例如不能显示按钮时）：answer <数字>',
    en: 'answer the current pulse question by text (e.g. where buttons cannot be shown): answer <number>',
  },
  'command.answer.usage': { 'zh-CN': '回答 <数字>', en: 'answer <number>' },
  'survey.reply.answerNoQuestion': {
    'zh-CN': '你现在没有待回答的调查问题。',
    en: 'You have no pulse question waiting for an answer.',
  },
  'command.survey.usage': { 'zh-CN': '调查 [团队]', en: 'survey [team]' },
  'command.survey.description': {
    'zh-CN': '查看脉搏调查的团队结果：survey [团队]',
    en: 'pulse survey results by team: survey [team]',
  },
  'survey.driver.team_support': { 'zh-CN': '团队支持度', en: 'Team support' },
  'survey.driver.workload': { 'zh-CN': '工作负荷', en: 'Workload' },
  'survey.driver.recognition': { 'zh-CN': '认可', en: 'Recognition' },
  'survey.driver.growth': { 'zh-CN': '成长', en: 'Growth' },
  'survey.driver.manager': { 'zh-CN': '与上级的关系', en: 'Manager relationship' },
  'survey.driver.belonging': { 'zh-CN': '归属感', en: 'Belonging' },
  'survey.driver.future': { 'zh-CN': '两年后的自己', en: 'Two-year outlook' },
  'survey.driver.enps': { 'zh-CN': '员工净推荐值（eNPS）', en: 'eNPS' },
  'survey.suppressed.min_respondents': { 'zh-CN': '回答少于 {min} 份', en: 'fewer than {min} responses' },
  'survey.suppressed.sibling_protection': {
    'zh-CN': '为防止推算出更小群体的结果而隐藏',
    en: 'hidden so a smaller group cannot be worked out by subtraction',
  },
  'survey.suppressed.comments': {
    'zh-CN': '留言少于 {min} 条，评论不显示',
    en: 'comments hidden: fewer than {min} people commented',
  },
  'survey.results.title': { 'zh-CN': '脉搏调查结果 · {team}', en: 'Pulse results · {team}' },
  'survey.results.round': {
    'zh-CN': '最近结束的一轮：{openedOn} – {closesOn}，回复率 {rate}%',
    en: 'Latest closed round: {openedOn} – {closesOn}, response rate {rate}%',
  },
  'survey.results.none': {
    'zh-CN': '还没有结束的调查轮次。',
    en: 'No survey round has closed yet.',
  },
  'survey.results.open': {
    'zh-CN': '进行中：{openedOn} 开始，{closesOn} 结束，目前回复率 {rate}%；结果在结束后显示。',
    en: 'Open round: {openedOn} to {closesOn}, response rate so far {rate}%; results show once it closes.',
  },
  'survey.results.cell': { 'zh-CN': '{score}（上一轮 {previous}）', en: '{score} (previous round {previous})' },
  'survey.results.footer': {
    'zh-CN': '只显示群体结果，任何人的个人回答都不会显示。',
    en: 'Group results only — nobody’s individual answers are ever shown.',
  },
  'survey.results.notAllowed': {
    'zh-CN': '抱歉，调查结果只对经理和 HR 开放。',
    en: 'Sorry, survey results are for managers and HR.',
  },
  'survey.results.unknownTeam': {
    'zh-CN': '找不到团队“{team}”，或你无权查看它。',
    en: 'No team "{team}" that you can see.',
  },
} satisfies Messages;
