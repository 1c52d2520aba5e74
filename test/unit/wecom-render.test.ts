// Rendering for WeCom: a high-risk alert becomes a button_interaction template card whose button keys carry
// (actionId, value); a digest with a link becomes a text_notice card; the rest markdown. Every payload has a markdown
// and a text twin within 2,048 bytes. Snapshots in zh-CN and en.
import { describe, expect, it } from 'vitest';
import { buildAlertMessage, recommendActions, type AlertReason } from '../../src/core/alerts/index.js';
import {
  buttonKeyOf,
  buttonsOfPayload,
  CONTENT_LIMIT_BYTES,
  decodeButtonKey,
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

  it('falls back to markdown when the buttons do not fit a card (more than 6, or a key over 1,024 bytes)', () => {
    const many = renderWeCom({
      blocks: [
        {
          type: 'buttons',
          buttons: Array.from({ length: 7 }, (_, i) => ({ actionId: 'a', value: String(i), label: `${i}` })),
        },
      ],
      fallbackText: 'many',
    });
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
