// `alerts` / `提醒`: the open alerts the caller should act on, each with its feedback buttons (the same
// `alert.feedback` buttons as the alert message, so a press is recorded by the alert feedback handler).
import { feedbackButtons, renderReason } from '../../../core/alerts/index.js';
import { t, tDynamic } from '../../../core/i18n/index.js';
import type { MessageBlock } from '../../../core/messages/types.js';
import { openAlerts } from '../../alerts/open.js';
import { noArgs } from '../args.js';
import { message } from '../replies.js';
import { defineVerb } from '../types.js';

export const alertsVerb = defineVerb({
  name: 'alerts',
  aliases: ['提醒', '预警'],
  minimum: 'manager',
  summaryKey: 'command.alerts.summary',
  usageKey: 'command.alerts.usage',
  parse: noArgs,
  async run({ access, locale, now }) {
    const open = await openAlerts(access, { now, limit: 10 });
    const header = t(locale, 'command.alerts.title', { count: open.length });
    if (open.length === 0)
      return message([
        { type: 'header', text: header },
        { type: 'text', text: t(locale, 'command.alerts.none') },
      ]);
    const blocks: MessageBlock[] = [{ type: 'header', text: header }];
    for (const alert of open) {
      const reasons = alert.reasons.map((r) => `• ${renderReason(locale, r)}`).join('\n');
      blocks.push({
        type: 'text',
        text: `${alert.subjectName ?? '—'} — ${tDynamic(locale, `alerts.level.${alert.level}`)} (${alert.asOf})${reasons ? `\n${reasons}` : ''}`,
      });
      blocks.push({ type: 'buttons', buttons: feedbackButtons(locale, alert.id) });
    }
    return message(blocks);
  },
});
