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
  // Possible departures (a deactivated chat account): HR confirms or dismisses (src/app/platforms/slack-departures.ts).
  'departure.review.title': {
    'zh-CN': '{name}（{externalId}）可能已离职',
    en: '{name} ({externalId}) may have left',
  },
  'departure.review.text': {
    'zh-CN':
      '{name} 的 {platform} 账号于 {day} 被停用。确认后记录离职（状态“已离职”，离职日期 {day}）；忽略则保留其在职状态。',
    en: "{name}'s {platform} account was deactivated on {day}. Confirm records the departure (status left, left on {day}); Dismiss keeps them active.",
  },
  'departure.review.confirm': { 'zh-CN': '确认离职', en: 'Confirm departure' },
  'departure.review.dismiss': { 'zh-CN': '忽略', en: 'Dismiss' },
  'departure.review.confirmed': { 'zh-CN': '已记录 {name} 离职。', en: "{name}'s departure was recorded." },
  'departure.review.dismissed': {
    'zh-CN': '已忽略：{name} 仍为在职。',
    en: '{name} stays active; the deactivation was dismissed.',
  },
  'departure.review.already': { 'zh-CN': '这条提醒已经处理过了。', en: 'This was already decided.' },
  'departure.review.unknown': {
    'zh-CN': '找不到这条可能离职的记录，或你无权处理。',
    en: 'No such possible departure, or it is not yours to decide.',
  },
} satisfies Messages;
