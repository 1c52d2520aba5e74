// Block Kit rendering: the alert DM in zh-CN and en as snapshots (what a manager sees), and the rules that keep a
// message valid for Slack whatever the text: escaping, limits, unique action ids, buttons kept when blocks overflow.
import { describe, expect, it } from 'vitest';
import { buildAlertMessage, recommendActions, type AlertReason } from '../../src/core/alerts/index.js';
import type { Locale } from '../../src/core/i18n/index.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import { neutralActionId, renderSlack, SLACK_LIMITS } from '../../adapters/slack/index.js';

const reasons: AlertReason[] = [
  { code: 'team_msgs_change', params: { change: -60, weeks: 4, teamChange: -5 }, contribution: 30 },
  { code: 'leave_change', params: { change: 40, days: 4 }, contribution: 25 },
  { code: 'manager_left', params: { weeks: 3 }, contribution: 10 },
];

const alert = (locale: Locale, subjectName = locale === 'en' ? 'Li Na' : '李娜') =>
  buildAlertMessage({
    locale,
    alertId: '6f1c1d7e-0000-4000-8000-000000000001',
    subjectName,
    teamName: locale === 'en' ? 'Sales East' : '华东销售',
    level: 'high',
    score: 82,
    asOf: '2026-11-27',
    reasons,
    actions: recommendActions(locale, reasons),
    route: { routedVia: 'manager', bypassReason: null },
    trigger: 'escalated',
    link: { label: locale === 'en' ? 'Details' : '详情', url: 'https://teampulse.example/alerts/1?a=1&b=2' },
  });

describe('Slack Block Kit rendering', () => {
  it.each(['en', 'zh-CN'] as const)('renders the high-risk alert DM (%s)', (locale) => {
    const payload = renderSlack(alert(locale));
    expect(payload).toMatchSnapshot();
    expect(payload.blocks[0]).toMatchObject({ type: 'header' });
    const actions = payload.blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
  });

  it('gives every button a unique action_id that maps back to the neutral actionId', () => {
    const payload = renderSlack(alert('en'));
    const ids = payload.blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e) => (e as { action_id: string }).action_id) : [],
    );
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(ids.map(neutralActionId)).toEqual(Array(4).fill('alert.feedback'));
    expect(neutralActionId('plain.id')).toBe('plain.id');
    expect(neutralActionId('odd#id')).toBe('odd#id');
  });

  it('escapes mrkdwn so names cannot ping a channel or forge a link', () => {
    const payload = renderSlack(alert('en', '<!channel> & <https://evil.example|click>'));
    const json = JSON.stringify(payload.blocks.filter((b) => b.type !== 'header'));
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
    // The header is plain_text: shown literally, never interpreted.
    expect(payload.blocks[0]).toMatchObject({
      text: { type: 'plain_text', text: expect.stringContaining('<!channel>') },
    });
  });

  it('keeps links to http(s) with | and > encoded, and shows other schemes as text only', () => {
    const message: OutboundMessage = {
      blocks: [
        { type: 'link', label: 'Open', url: 'https://x.example/a|b>c' },
        { type: 'link', label: 'Run', url: 'javascript:alert(1)' },
      ],
      fallbackText: 'links',
    };
    const [first, second] = renderSlack(message).blocks as Array<{ text: { text: string } }>;
    expect(first!.text.text).toBe('<https://x.example/a%7Cb%3Ec|Open>');
    expect(second!.text.text).toBe('Run');
  });

  it('shortens text to Slack limits without splitting characters, and splits fields and buttons into groups', () => {
    const long = '华'.repeat(5000);
    const message: OutboundMessage = {
      blocks: [
        { type: 'header', text: long },
        { type: 'text', text: `${'&'.repeat(2999)}x` },
        { type: 'fields', fields: Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `V${i}` })) },
        {
          type: 'buttons',
          buttons: Array.from({ length: 30 }, (_, i) => ({ actionId: 'survey.answer', value: `v${i}`, label: long })),
        },
      ],
      fallbackText: long,
    };
    const payload = renderSlack(message);
    type Loose = { text: { text: string }; fields: unknown[]; elements: Array<{ text: { text: string } }> };
    const [header, section, fields1, fields2, actions1, actions2] = payload.blocks as unknown as Loose[];
    expect([...header!.text.text]).toHaveLength(SLACK_LIMITS.headerText);
    const sectionText = section!.text.text;
    expect([...sectionText].length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(sectionText).toMatch(/(&amp;)+…$/); // no entity cut in half
    expect(fields1!.fields).toHaveLength(10);
    expect(fields2!.fields).toHaveLength(2);
    expect(actions1!.elements).toHaveLength(25);
    expect(actions2!.elements).toHaveLength(5);
    expect([...actions1!.elements[0]!.text.text]).toHaveLength(SLACK_LIMITS.buttonText);
    expect([...payload.text]).toHaveLength(SLACK_LIMITS.fallbackText);
  });

  it('keeps the buttons when a message has more than 50 blocks', () => {
    const message: OutboundMessage = {
      blocks: [
        ...Array.from({ length: 60 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` })),
        { type: 'buttons', buttons: [{ actionId: 'nudge.ack', value: 'x', label: 'OK' }] },
      ],
      fallbackText: 'many',
    };
    const blocks = renderSlack(message).blocks;
    expect(blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(blocks[0]).toMatchObject({ text: { text: 'line 0' } });
  });

  it('refuses a button value Slack would reject instead of cutting it (the click would no longer work)', () => {
    const message: OutboundMessage = {
      blocks: [{ type: 'buttons', buttons: [{ actionId: 'a', value: 'v'.repeat(2001), label: 'x' }] }],
      fallbackText: 'x',
    };
    expect(() => renderSlack(message)).toThrow(/value/);
  });
});
