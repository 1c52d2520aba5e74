// Rendering for WeCom: a high-risk alert becomes a button_interaction template card whose button keys carry
// (actionId, value); a digest with a link becomes a text_notice card; the rest markdown. Every payload has a markdown
// and a text twin within 2,048 bytes. Snapshots in zh-CN and en.
import { describe, expect, it } from 'vitest';
import { buildAlertMessage, recommendActions, type AlertReason } from '../../src/core/alerts/index.js';
import { questionMessage } from '../../src/core/surveys/messages.js';

const ROUND = '0b7e6a1c-3f5d-4c2a-9e8b-1a2b3c4d5e6f';
const QUESTION = '5f4e3d2c-1b0a-4f9e-8d7c-6b5a49382716';
import {
  buttonKeyOf,
  buttonsOfPayload,
  CONTENT_LIMIT_BYTES,
  decodeButtonKey,
  decodeVoteAnswer,
  renderWeCom,
  truncateBytes,
} from '../../adapters/wecom/render.js';

const reasons: AlertReason[] = [
  { code: 'team_msgs_change', params: { change: -60, weeks: 4 }, contribution: 30 },
  { code: 'leave_change', params: { change: 40, days: 6 }, contribution: 25 },
];

const alert = (locale: 'en' | 'zh-CN') =>
  buildAlertMessage({
    locale,
    alertId: '7b0f5f0e-8c1a-4a7e-9d2b-111111111111',
    subjectName: locale === 'en' ? 'Li Na' : '李娜',
    teamName: locale === 'en' ? 'Sales East' : '华东销售',
    level: 'high',
    score: 82,
    asOf: '2026-11-27',
    reasons,
    actions: recommendActions(locale, reasons),
    route: { routedVia: 'manager', bypassReason: null },
    trigger: 'escalated',
  });

describe('WeCom render', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`renders a high-risk alert as a button_interaction card (${locale})`, () => {
      const payload = renderWeCom(alert(locale));
      expect(payload.kind).toBe('template_card');
      if (payload.kind !== 'template_card') return;
      expect(payload.card.card_type).toBe('button_interaction');
      expect(payload).toMatchSnapshot();
      expect(buttonsOfPayload(payload).map((b) => b.value.split(':')[1])).toEqual([
        'done',
        'one_on_one',
        'snooze',
        'not_accurate',
      ]);
      for (const button of payload.card.button_list!) expect(Buffer.byteLength(button.key)).toBeLessThanOrEqual(1024);
      expect(Buffer.byteLength(payload.fallback.markdown)).toBeLessThanOrEqual(CONTENT_LIMIT_BYTES);
      expect(Buffer.byteLength(payload.fallback.text)).toBeLessThanOrEqual(CONTENT_LIMIT_BYTES);
    });
  }

  it('renders a digest with a link as a text_notice card (the link is the card action), markdown without one', () => {
    const digest = renderWeCom({
      blocks: [
        { type: 'header', text: '周报' },
        { type: 'text', text: '三个团队需要关注' },
        { type: 'fields', fields: [{ label: '团队', value: '华东销售' }] },
        { type: 'link', label: '查看', url: 'https://tp.example/digest' },
      ],
      fallbackText: '周报',
    });
    expect(digest).toMatchObject({
      kind: 'template_card',
      card: {
        card_type: 'text_notice',
        main_title: { title: '周报' },
        sub_title_text: '三个团队需要关注',
        horizontal_content_list: [{ keyname: '团队', value: '华东销售' }],
        jump_list: [{ type: 1, title: '查看', url: 'https://tp.example/digest' }],
        card_action: { type: 1, url: 'https://tp.example/digest' },
      },
    });
    const plain = renderWeCom({
      blocks: [
        { type: 'header', text: 'Hi' },
        { type: 'text', text: 'there' },
      ],
      fallbackText: 'Hi',
    });
    expect(plain).toEqual({
      kind: 'markdown',
      fallback: { markdown: '### Hi\n\nthere', text: 'Hi\n\nthere' },
      fallbackText: 'Hi',
    });
  });

  it('cuts the markdown and text twins to 2,048 bytes on a character boundary', () => {
    const long = '风'.repeat(2000); // 6,000 bytes
    const payload = renderWeCom({ blocks: [{ type: 'text', text: long }], fallbackText: 'x' });
    expect(Buffer.byteLength(payload.fallback.markdown)).toBeLessThanOrEqual(2048);
    expect(payload.fallback.markdown.endsWith('…')).toBe(true);
    expect(payload.fallback.markdown).not.toContain('\ufffd');
    expect(truncateBytes('😀😀', 5)).toBe('…');
    expect(truncateBytes('abc', 3)).toBe('abc');
  });

  it('renders an eNPS question (0–10 and "mute": 12 buttons > 6) as a single-choice vote card, zh-CN and en', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const message = questionMessage({
        locale,
        roundId: ROUND,
        questionId: QUESTION,
        text: locale === 'en' ? 'How likely are you to recommend us?' : '你有多大可能向朋友推荐我们公司？',
        scale: 'nps11',
        mode: 'anonymous',
        n: 6,
        total: 6,
        closesOn: '2026-12-04',
        minRespondents: 5,
      });
      const buttons = message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
      expect(buttons).toHaveLength(12);
      const payload = renderWeCom(message);
      expect(payload.kind).toBe('template_card');
      if (payload.kind !== 'template_card') return;
      expect(payload.card.card_type).toBe('vote_interaction');
      expect(payload.card.button_list).toBeUndefined();
      const checkbox = payload.card.checkbox!;
      expect(checkbox.mode).toBe(0);
      expect(checkbox.option_list.map((o) => o.text)).toEqual(buttons.map((b) => b.label));
      expect(Buffer.byteLength(checkbox.question_key)).toBeLessThanOrEqual(1024);
      for (const option of checkbox.option_list) expect(Buffer.byteLength(option.id)).toBeLessThanOrEqual(128);
      expect(new Set(checkbox.option_list.map((o) => o.id)).size).toBe(12);
      expect(payload.card.submit_button).toEqual({ key: 'tp1.submit' });
      // Each option decodes to exactly the (actionId, value) its button carries: a submission records the answer.
      expect(buttonsOfPayload(payload)).toEqual(buttons.map((b) => ({ actionId: b.actionId, value: b.value })));
      expect(payload.fallback.markdown).toContain(locale === 'en' ? 'recommend' : '推荐');
      expect(payload.card).toMatchSnapshot(`enps vote card ${locale}`);
    }
  });

  it('vote answers decode only from our own keys', () => {
    expect(decodeVoteAnswer('tp1v.!!!', '0.')).toBeUndefined();
    expect(decodeVoteAnswer('question_1', '0.YQ')).toBeUndefined();
    expect(decodeVoteAnswer(Buffer.from('x').toString('base64url'), '0.YQ')).toBeUndefined();
  });

  it('falls back to markdown when the buttons do not fit any card (more than 20, or a key over 1,024 bytes)', () => {
    const buttons = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ actionId: 'a', value: `v${i}`, label: `${i}` }));
    const seven = renderWeCom({ blocks: [{ type: 'buttons', buttons: buttons(7) }], fallbackText: 'seven' });
    expect(seven.kind === 'template_card' && seven.card.card_type).toBe('vote_interaction');
    const many = renderWeCom({ blocks: [{ type: 'buttons', buttons: buttons(21) }], fallbackText: 'many' });
    expect(many.kind).toBe('markdown');
    const huge = renderWeCom({
      blocks: [{ type: 'buttons', buttons: [{ actionId: 'a', value: 'x'.repeat(900), label: 'x' }] }],
      fallbackText: 'huge',
    });
    expect(huge.kind).toBe('markdown');
  });

  it('button keys round-trip and foreign keys are ignored', () => {
    expect(decodeButtonKey(buttonKeyOf('survey.answer', 's1:q1:5'))).toEqual({
      actionId: 'survey.answer',
      value: 's1:q1:5',
    });
    expect(decodeButtonKey('button_key_1')).toBeUndefined();
    expect(decodeButtonKey('tp1.!!!')).toBeUndefined();
  });
});
