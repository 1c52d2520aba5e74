// Building blocks for verb answers: a person's risk with its reasons, as every verb shows it (the same reasons for
// the person, their manager and HR — nobody is scored in secret).
import { formatNumber, t, tDynamic, type Locale } from '../../core/i18n/index.js';
import type { MessageBlock, OutboundMessage } from '../../core/messages/types.js';
import type { RiskView } from '../scoring/reads.js';
import type { ActivityView } from '../signals/activity.js';

export function levelText(locale: Locale, level: string | null): string {
  return level === null ? '—' : tDynamic(locale, `scoring.level.${level}`);
}

/** "high (82)", or the status when not scored ("insufficient history"). */
export function riskText(locale: Locale, view: Pick<RiskView, 'status' | 'riskLevel' | 'riskScore'>): string {
  if (view.status !== 'scored') return tDynamic(locale, `scoring.status.${view.status}`);
  return `${levelText(locale, view.riskLevel)} (${view.riskScore ?? '—'})`;
}

export function reasonsText(locale: Locale, view: Pick<RiskView, 'reasons'>): string {
  if (view.reasons.length === 0) return t(locale, 'command.noReasons');
  return view.reasons.map((r) => `• ${r.text}`).join('\n');
}

/** Header, fields and the reasons of one person's risk. */
export function riskBlocks(locale: Locale, view: RiskView, header: string): MessageBlock[] {
  return [
    { type: 'header', text: header },
    {
      type: 'fields',
      fields: [
        { label: t(locale, 'command.field.risk'), value: riskText(locale, view) },
        {
          label: t(locale, 'command.field.collaboration'),
          value: view.collaborationScore === null ? '—' : String(view.collaborationScore),
        },
      ],
    },
    { type: 'text', text: reasonsText(locale, view) },
  ];
}

/** Plain-text fallback of a block list (for notifications and platforms without rich layout). */
export function fallbackOf(blocks: readonly MessageBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'header':
        case 'text':
        case 'context':
          return b.text;
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
        case 'buttons':
          return b.buttons.map((x) => `[${x.label}]`).join(' ');
        case 'link':
          return `${b.label}: ${b.url}`;
      }
    })
    .join('\n');
}

export const message = (blocks: MessageBlock[]): OutboundMessage => ({ blocks, fallbackText: fallbackOf(blocks) });

/** A titled list: the header, each item's blocks and the closing ones — or, with no item, the header and `none`. */
export function listMessage<T>(
  header: string,
  items: readonly T[],
  blocksOf: (item: T) => MessageBlock[],
  none: string,
  closing: MessageBlock[] = [],
): OutboundMessage {
  const title: MessageBlock = { type: 'header', text: header };
  if (items.length === 0) return message([title, { type: 'text', text: none }]);
  return message([title, ...items.flatMap(blocksOf), ...closing]);
}

/** The rollup fields a person's signal summary shows, in this order (the 28-day sums). */
export const SIGNAL_FIELDS = [
  'msgsTeam',
  'threadRepliesToOthers',
  'distinctCollaborators',
  'helpsGiven',
  'helpsReceived',
  'kudosReceived',
  'leavePersonalDays',
  'leaveSickDays',
  'leaveAnnualDays',
  'leaveOtherDays',
  'absencesUnexcused',
  'lateArrivals',
  'tasksLate',
  'crmFollowups',
] as const;

/** Sums of the daily rollups over the range, one line per field with something counted. */
export function signalSummary(locale: Locale, view: ActivityView): string {
  const lines: string[] = [];
  for (const field of SIGNAL_FIELDS) {
    const total = view.days.reduce((sum, day) => sum + (typeof day[field] === 'number' ? day[field] : 0), 0);
    if (total !== 0) lines.push(`• ${tDynamic(locale, `command.signal.${field}`)}: ${formatNumber(locale, total)}`);
  }
  const range = t(locale, 'command.signals.range', { from: view.from, to: view.to });
  return lines.length ? `${range}\n${lines.join('\n')}` : `${range}\n${t(locale, 'command.signals.none')}`;
}

export function trendText(points: readonly { asOf: string; score: number | null }[]): string {
  return points.length ? points.map((p) => `${p.asOf.slice(5)} ${p.score ?? '—'}`).join(' → ') : '—';
}
