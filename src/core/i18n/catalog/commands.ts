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
} satisfies Messages;
