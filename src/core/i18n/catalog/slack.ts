import type { Messages } from '../index.js';

// The Slack app's own pages and views (slack engineer): OAuth install result, App Home.
export const slack = {
  'slack.install.title': { 'zh-CN': 'teampulse · Slack 安装', en: 'teampulse · Slack install' },
  'slack.install.success': {
    'zh-CN': 'teampulse 已安装到 Slack 工作区“{team}”。可以关闭此页面，回到 Slack。',
    en: 'teampulse is installed in the Slack workspace "{team}". You can close this page and return to Slack.',
  },
  'slack.install.failure': {
    'zh-CN': '安装没有完成（{reason}）。请从安装链接重新开始。',
    en: 'The install did not complete ({reason}). Please start again from the install link.',
  },
  'slack.install.noTenant': {
    'zh-CN': '不知道要把这个工作区连接到哪个租户：请使用管理员提供的安装链接。',
    en: 'No tenant to connect this workspace to: please use the install link your administrator gave you.',
  },
  'slack.home.title': { 'zh-CN': '我的 teampulse', en: 'My teampulse' },
  'slack.home.intro': {
    'zh-CN': 'teampulse 帮助团队及早发现需要支持的同事。这里是你自己的视图；只有你能看到。',
    en: 'teampulse helps teams notice early when someone could use support. This is your own view; only you can see it.',
  },
  'slack.home.unknown': {
    'zh-CN': '你的 Slack 账号还没有关联到员工档案。请联系 HR。',
    en: 'Your Slack account is not linked to an employee record yet. Please ask HR.',
  },
  'slack.home.privacy': {
    'zh-CN': 'teampulse 只记录元数据（谁、何时、在哪个频道），从不保存消息内容。',
    en: 'teampulse keeps metadata only (who, when, which channel) and never stores what messages say.',
  },
  'slack.home.commands': {
    'zh-CN': '在任意频道输入 /teampulse help 查看可用命令。',
    en: 'Type /teampulse help in any channel to see what I can do.',
  },
} satisfies Messages;
