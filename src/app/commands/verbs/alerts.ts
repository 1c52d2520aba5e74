// `alerts` / `提醒`: the open alerts the caller should act on, each with its feedback buttons (the same
// `alert.feedback` buttons as the alert message, so a press is recorded by the alert feedback handler).
import { feedbackButtons, renderReason } from '../../../core/alerts/index.js';
import { t, tDynamic, type Locale } from '../../../core/i18n/index.js';
import type { MessageBlock } from '../../../core/messages/types.js';
import { openAlerts, type OpenAlert } from '../../alerts/open.js';
import { noArgs } from '../args.js';
import { listMessage } from '../replies.js';
import { defineVerb, verbHeading } from '../types.js';

/** One open alert: who, level and day, its reasons, and its feedback buttons. */
function alertBlocks(locale: Locale, alert: OpenAlert): MessageBlock[] {
  const reasons = alert.reasons.map((r) => `• ${renderReason(locale, r)}`).join('\n');
  return [
    {
      type: 'text',
      text: `${alert.subjectName ?? '—'} — ${tDynamic(locale, `alerts.level.${alert.level}`)} (${alert.asOf})${reasons ? `\n${reasons}` : ''}`,
    },
    { type: 'buttons', buttons: feedbackButtons(locale, alert.id) },
  ];
}

export const alertsVerb = defineVerb({
  ...verbHeading('alerts', ['提醒', '预警'], 'manager'),
  parse: noArgs,
  async run({ access, locale, now }) {
    const open = await openAlerts(access, { now, limit: 10 });
    const header = t(locale, 'command.alerts.title', { count: open.length });
    return listMessage(header, open, (alert) => alertBlocks(locale, alert), t(locale, 'command.alerts.none'));
  },
});
