// Rendering for DingTalk: a high-risk alert becomes a StandardCard whose request buttons carry (actionId, value)
// and a markdown twin; link-only messages become an ActionCard; the rest markdown. Snapshots in zh-CN and en.
import { describe, expect, it } from 'vitest';
import { buildAlertMessage, recommendActions, type AlertReason } from '../../src/core/alerts/index.js';
import { buttonsOfPayload, renderDingTalk } from '../../adapters/dingtalk/render.js';
import { buttonKey } from '../../adapters/dingtalk/app.js';
import { decodeButtonToken, signButtonToken, verifyButtonToken } from '../../adapters/dingtalk/buttons.js';
import { signCard } from '../../adapters/dingtalk/client.js';

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

describe('DingTalk render', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`renders a high-risk alert as an interactive card (${locale})`, () => {
      const message = alert(locale);
      const payload = renderDingTalk(message);
      expect(payload.kind).toBe('card');
      expect(payload).toMatchSnapshot();
      // Four feedback buttons, in order, survive as tokens.
      expect(buttonsOfPayload(payload).map((b) => b.value.split(':')[1])).toEqual([
        'done',
        'one_on_one',
        'snooze',
        'not_accurate',
      ]);
    });
  }

  it('uses an ActionCard for one link and no buttons, markdown otherwise', () => {
    const linkOnly = renderDingTalk({
      blocks: [
        { type: 'header', text: '周报' },
        { type: 'text', text: '三个团队需要关注' },
        { type: 'link', label: '查看', url: 'https://tp.example/digest' },
      ],
      fallbackText: '周报',
    });
    expect(linkOnly).toEqual({
      kind: 'actionCard',
      actionCard: {
        title: '周报',
        text: '#### 周报\n\n三个团队需要关注',
        singleTitle: '查看',
        singleURL: 'https://tp.example/digest',
      },
      fallbackText: '周报',
    });
    const plain = renderDingTalk({ blocks: [{ type: 'text', text: 'hello' }], fallbackText: 'hello' });
    expect(plain).toEqual({ kind: 'markdown', markdown: { title: 'hello', text: 'hello' }, fallbackText: 'hello' });
  });

  it('signs button tokens per app: the signature verifies with that app only, and decoding ignores it', () => {
    const payload = renderDingTalk(alert('en'));
    if (payload.kind !== 'card') throw new Error('expected a card');
    const mine = buttonKey({ clientId: 'dingA', clientSecret: 'secret-a' });
    const theirs = buttonKey({ clientId: 'dingB', clientSecret: 'secret-b' });
    const signed = signCard(payload.card, mine);
    const ids = signed.contents.flatMap((c) => (c.type === 'action' ? c.actions.map((a) => a.id) : []));
    expect(ids).toHaveLength(4);
    for (const id of ids) {
      expect(verifyButtonToken(id, mine)?.actionId).toBe('alert.feedback');
      expect(verifyButtonToken(id, theirs)).toBeUndefined();
      expect(decodeButtonToken(id)).toEqual(verifyButtonToken(id, mine));
    }
    // Tampering with the value breaks the signature.
    const forged = signButtonToken(ids[0]!, theirs);
    expect(verifyButtonToken(forged, mine)).toBeUndefined();
    // The rendered card itself stays unsigned (signCard copies).
    expect(buttonsOfPayload(payload).length).toBe(4);
    expect(JSON.stringify(payload.card)).not.toContain(ids[0]!);
  });
});
