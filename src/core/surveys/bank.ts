// The built-in question bank (30 items over 8 drivers), seeded into each tenant's bank on first use. Keys are
// stable: a tenant's edits change its own copy, never these. "团队支持度" (team support) is the seed's own item.
import type { SurveyDriver, SurveyScale } from './types.js';

export interface BankQuestion {
  key: string;
  driver: SurveyDriver;
  scale: SurveyScale;
  text: { 'zh-CN': string; en: string };
}

const q = (key: string, driver: SurveyDriver, zh: string, en: string, scale: SurveyScale = 'agree5'): BankQuestion => ({
  key,
  driver,
  scale,
  text: { 'zh-CN': zh, en },
});

export const DEFAULT_BANK: readonly BankQuestion[] = [
  q(
    'team_support.1',
    'team_support',
    '遇到困难时，我能从团队得到支持。',
    'When I run into difficulties, my team supports me.',
  ),
  q('team_support.2', 'team_support', '团队成员之间乐于互相帮助。', 'People on my team are happy to help each other.'),
  q('team_support.3', 'team_support', '我可以放心地向同事求助。', 'I feel comfortable asking colleagues for help.'),
  q('team_support.4', 'team_support', '团队会分享客户资源和经验。', 'My team shares client resources and know-how.'),
  q('team_support.5', 'team_support', '团队里的协作顺畅。', 'Working together on my team goes smoothly.'),
  q('workload.1', 'workload', '我的工作量是可以承受的。', 'My workload is manageable.'),
  q('workload.2', 'workload', '我有足够的时间把工作做好。', 'I have enough time to do my work well.'),
  q('workload.3', 'workload', '我很少需要在下班后继续工作。', 'I rarely need to keep working after hours.'),
  q('workload.4', 'workload', '工作任务在团队内分配得公平。', 'Work is shared fairly within my team.'),
  q('workload.5', 'workload', '我能在工作和生活之间保持平衡。', 'I can keep a healthy balance between work and life.'),
  q('recognition.1', 'recognition', '我的贡献得到了认可。', 'My contributions are recognised.'),
  q('recognition.2', 'recognition', '最近一周有人肯定过我的工作。', 'In the last week someone acknowledged my work.'),
  q('recognition.3', 'recognition', '我的付出得到了公平的回报。', 'I am rewarded fairly for the effort I put in.'),
  q('recognition.4', 'recognition', '团队会庆祝大家的成绩。', 'My team celebrates its successes.'),
  q('growth.1', 'growth', '我在这里能学到新东西。', 'I am learning new things here.'),
  q('growth.2', 'growth', '我清楚自己在公司的发展路径。', 'I can see a path for my development here.'),
  q('growth.3', 'growth', '我有机会做自己擅长的事。', 'I get to do what I am good at.'),
  q('growth.4', 'growth', '最近有人和我聊过我的成长。', 'Someone has talked with me about my growth recently.'),
  q('manager.1', 'manager', '我的上级关心我的状态。', 'My manager cares about how I am doing.'),
  q('manager.2', 'manager', '我能从上级那里得到有用的反馈。', 'I get useful feedback from my manager.'),
  q('manager.3', 'manager', '我信任我的上级。', 'I trust my manager.'),
  q('manager.4', 'manager', '上级会帮我扫清工作中的障碍。', 'My manager helps me remove obstacles in my work.'),
  q('manager.5', 'manager', '我清楚上级对我的期望。', 'I know what my manager expects of me.'),
  q('belonging.1', 'belonging', '我在团队里有归属感。', 'I feel I belong on my team.'),
  q('belonging.2', 'belonging', '在这里我可以做真实的自己。', 'I can be myself at work.'),
  q('belonging.3', 'belonging', '我的意见在团队里受到重视。', 'My opinions count on my team.'),
  q('belonging.4', 'belonging', '我为在这里工作感到自豪。', 'I am proud to work here.'),
  q('future.1', 'future', '我能想象两年后自己仍在这里工作。', 'I see myself still working here in two years.'),
  q('future.2', 'future', '我很少考虑去别的公司找工作。', 'I rarely think about looking for a job elsewhere.'),
  q(
    'enps.1',
    'enps',
    '你有多大可能向朋友推荐来这里工作？（0 = 完全不可能，10 = 非常可能）',
    'How likely are you to recommend working here to a friend? (0 = not at all, 10 = extremely likely)',
    'nps11',
  ),
];
