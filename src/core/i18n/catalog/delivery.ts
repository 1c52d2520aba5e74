import type { Messages } from '../index.js';

// Inbound dispatch replies and the `teampulse console` session (delivery engineer).
export const delivery = {
  'inbound.unknownAction': {
    'zh-CN': '抱歉，这个按钮已无法处理，它可能属于一条较早的消息。',
    en: 'Sorry, I can no longer handle that button. It may belong to an older message.',
  },
  'inbound.unknownCommand': {
    'zh-CN': '抱歉，我不认识命令“{command}”。输入 help 查看我能做什么。',
    en: 'Sorry, I don\'t know the command "{command}". Type help to see what I can do.',
  },
  'inbound.handlerFailed': {
    'zh-CN': '抱歉，处理时出了问题，请稍后再试。',
    en: 'Sorry, something went wrong on my side. Please try again in a moment.',
  },
  'inbound.unknownPerson': {
    'zh-CN': '抱歉，我还不认识你的账号。请联系 HR 把你的账号关联到员工档案。',
    en: "Sorry, I don't know your account yet. Please ask HR to link it to your employee record.",
  },
  'inbound.help.title': { 'zh-CN': '我能做的事', en: 'What I can do' },
  'inbound.help.none': { 'zh-CN': '目前没有可用的命令。', en: 'No commands are available yet.' },
  'command.help.description': { 'zh-CN': '列出可用的命令', en: 'list the commands I understand' },
  'console.welcome': {
    'zh-CN': '你好，{name}（{tenant}）。输入按钮编号即可点击按钮，也可以输入命令；help 查看帮助，quit 退出。',
    en: "Hello {name} ({tenant}). Type a button's number to press it, or a command; help for help, quit to leave.",
  },
  'console.connectedToService': {
    'zh-CN': '已连接到正在运行的 teampulse 服务（{url}）。',
    en: 'Connected to the running teampulse service ({url}).',
  },
  'console.localDatabase': {
    'zh-CN': '没有正在运行的服务，直接使用数据库。',
    en: 'No running service found: using the database directly.',
  },
  'console.noMessages': { 'zh-CN': '暂时没有给你的消息。', en: 'No messages for you yet.' },
  'console.waiting': {
    'zh-CN': '还有 {count} 条消息在排队（可能在非工作时间等待发送）。',
    en: '{count} more message(s) are queued (possibly waiting for working hours).',
  },
  'console.unknownButton': {
    'zh-CN': '没有编号为 {number} 的按钮。',
    en: 'There is no button number {number}.',
  },
  'console.pressed': { 'zh-CN': '已点击：{label}', en: 'Pressed: {label}' },
  'console.help': {
    'zh-CN':
      '输入数字：点击对应编号的按钮\n输入命令（如 help）：发送给 teampulse\nrefresh 或 r：查看新消息\nquit：退出',
    en: 'a number: press the button with that number\na command (e.g. help): send it to teampulse\nrefresh or r: show new messages\nquit: leave',
  },
  'console.bye': { 'zh-CN': '再见！', en: 'Bye!' },
} satisfies Messages;
