// The question messages through the chat adapters' pure renderers, in zh-CN and en: every scale point stays a
// button (eNPS has 11 plus "skip"), and Slack's Block Kit keeps the text and buttons (snapshot of what a person sees).
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANK, questionMessage } from '../../src/core/surveys/index.js';
import { renderSlack } from '../../adapters/slack/index.js';
import { renderDingTalk } from '../../adapters/dingtalk/render.js';
import type { Locale } from '../../src/core/i18n/index.js';

const ROUND = '11111111-1111-4111-8111-111111111111';
const QUESTION = '22222222-2222-4222-8222-222222222222';

const message = (locale: Locale, key: string) => {
  const q = DEFAULT_BANK.find((b) => b.key === key)!;
  return questionMessage({
    locale,
    roundId: ROUND,
    questionId: QUESTION,
    text: q.text[locale],
    scale: q.scale,
    mode: 'anonymous',
    n: 4,
    total: 4,
    closesOn: '2026-03-06',
    minRespondents: 5,
  });
};

describe('survey questions on the chat platforms', () => {
  it('Slack: the agree item in en and the eNPS item in zh-CN', () => {
    const en = renderSlack(message('en', 'team_support.1'));
    expect(JSON.stringify(en)).toContain('When I run into difficulties, my team supports me.');
    const zh = renderSlack(message('zh-CN', 'enps.1'));
    const text = JSON.stringify(zh);
    expect(text).toContain('你有多大可能向朋友推荐来这里工作');
    // 0…10 and "skip": all twelve values survive the render.
    for (let v = 0; v <= 10; v += 1) expect(text).toContain(`${ROUND}:${QUESTION}:${v}`);
    expect(text).toContain('本轮跳过');
    expect(en).toMatchSnapshot();
  });

  it('DingTalk: the same questions render as cards with every button', () => {
    const zh = JSON.stringify(renderDingTalk(message('zh-CN', 'team_support.1')));
    expect(zh).toContain('遇到困难时，我能从团队得到支持。');
    expect(zh).toContain('匿名调查');
    const nps = JSON.stringify(renderDingTalk(message('en', 'enps.1')));
    expect(nps).toContain('How likely are you to recommend working here');
    expect(nps).toContain('Skip this round');
  });
});
