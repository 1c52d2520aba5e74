// The onboarding question set (zh-CN and en): the questions a new joiner is asked in each onboarding pulse — a
// one-person survey round on the pulse step's due day. Keys start with `onboarding.` (ONBOARDING_KEY_PREFIX), which
// keeps them out of the tenant's regular rotation; they sit in the tenant's bank, where HR can reword or retire them.
import type { BankQuestion } from '../surveys/bank.js';
import { ONBOARDING_KEY_PREFIX, type SurveyDriver } from '../surveys/types.js';

const q = (key: string, driver: SurveyDriver, zh: string, en: string): BankQuestion => ({
  key: `${ONBOARDING_KEY_PREFIX}${key}`,
  driver,
  scale: 'agree5',
  text: { 'zh-CN': zh, en },
});

export const ONBOARDING_QUESTIONS = {
  pulse_day_7: [
    q('welcome', 'belonging', '我感到团队欢迎我的加入。', 'I feel welcome on my team.'),
    q('first_weeks', 'manager', '我清楚自己前几周要做什么。', 'I know what I should be doing in my first weeks.'),
    q('whom_to_ask', 'team_support', '遇到问题时，我知道该找谁。', 'When I have a question, I know whom to ask.'),
  ],
  pulse_day_30: [
    q('tools', 'workload', '我已经有了做好工作所需的工具和权限。', 'I have the tools and access I need to do my job.'),
    q(
      'manager_check_in',
      'manager',
      '我的上级和我聊过我的进展。',
      'My manager has talked with me about how I am doing.',
    ),
    q('belonging', 'belonging', '我已经融入了团队。', 'I feel part of the team.'),
  ],
  pulse_day_60: [
    q('expectations', 'growth', '这份工作与我入职时的预期相符。', 'The job matches what I expected when I joined.'),
    q('contribution', 'recognition', '我的贡献开始得到认可。', 'My contributions are starting to be recognised.'),
    q('one_year', 'future', '我能想象一年后自己仍在这里工作。', 'I can see myself still working here a year from now.'),
  ],
} as const satisfies Record<string, readonly BankQuestion[]>;

export type OnboardingPulse = keyof typeof ONBOARDING_QUESTIONS;
export const isOnboardingPulse = (step: string): step is OnboardingPulse => Object.hasOwn(ONBOARDING_QUESTIONS, step);
