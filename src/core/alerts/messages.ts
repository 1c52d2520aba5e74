// Builders of the neutral OutboundMessage for alerts, HR team warnings, the weekly HR digest and nudges.
// Everything is already in the recipient's locale. Framing: "may need support", never a verdict; a person
// decides. Individual survey answers never appear: survey-derived reasons are dropped from personal alerts.
import { formatNumber, hasMessage, t, tDynamic, type Locale } from '../i18n/index.js';
import { renderReason as renderScoringReason } from '../scoring/render.js';
import type { MessageBlock, MessageButton, OutboundMessage } from '../messages/types.js';
import { NOT_A_SIGNAL, type RecommendedAction } from './actions.js';
import type { Route } from './routing.js';
import type { AlertReason, AlertTrigger, FeedbackValue } from './types.js';
import { FEEDBACK_VALUES } from './types.js';

export const FEEDBACK_ACTION_ID = 'alert.feedback';

/** Reasons derived from an individual's survey answers must never reach anyone else. */
export const isIndividualSurveyReason = (reason: AlertReason): boolean => /survey|enps|pulse/i.test(reason.code);

/** One reason in words, with its numbers; scoring owns `reason.*`, and an unknown code still shows its numbers. */
export function renderReason(locale: Locale, reason: AlertReason, prefix: 'reason' | 'driver' = 'reason'): string {
  // Scoring's renderer signs changes ("+44%", "−60%"); reuse it for every code the catalogue knows.
  const asReason = { code: reason.code, params: reason.params, contribution: 0 };
  if (hasMessage(`${prefix}.${reason.code}`)) return renderScoringReason(locale, asReason, prefix);
  if (prefix === 'driver' && hasMessage(`reason.${reason.code}`))
    return renderScoringReason(locale, asReason, 'reason');
  const numbers = Object.entries(reason.params).map(
    ([k, v]) => `${k} ${typeof v === 'number' ? formatNumber(locale, v) : v}`,
  );
  return numbers.length ? `${reason.code.replace(/_/g, ' ')}: ${numbers.join(', ')}` : reason.code.replace(/_/g, ' ');
}

export function feedbackButtons(locale: Locale, alertId: string): MessageButton[] {
  return FEEDBACK_VALUES.map((value) => ({
    actionId: FEEDBACK_ACTION_ID,
    value: `${alertId}:${value}`,
    label: t(locale, `alerts.button.${value}`),
    ...(value === 'done' ? { style: 'primary' as const } : {}),
  }));
}

/** Parses a feedback button's value `<alertId>:<value>`; undefined when malformed. */
export function parseFeedbackValue(raw: string): { alertId: string; value: FeedbackValue } | undefined {
  const at = raw.lastIndexOf(':');
  if (at <= 0) return undefined;
  const alertId = raw.slice(0, at);
  const value = raw.slice(at + 1) as FeedbackValue;
  return FEEDBACK_VALUES.includes(value) ? { alertId, value } : undefined;
}

/** Plain-text fallback from the blocks, for notifications and text-only platforms. */
export function plainText(blocks: readonly MessageBlock[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
      case 'text':
      case 'context':
        lines.push(block.text);
        break;
      case 'fields':
        for (const field of block.fields) lines.push(`${field.label}: ${field.value}`);
        break;
      case 'buttons':
        lines.push(block.buttons.map((b) => `[${b.label}]`).join(' '));
        break;
      case 'link':
        lines.push(`${block.label}: ${block.url}`);
        break;
    }
  }
  return lines.join('\n');
}

const bullets = (items: readonly string[]): string => items.map((item) => `• ${item}`).join('\n');

/** A titled bullet list, or no block at all when there is nothing to list. */
const titledList = (title: string, items: readonly string[]): MessageBlock[] =>
  items.length ? [{ type: 'text', text: `${title}\n${bullets(items)}` }] : [];

export interface AlertMessageInput {
  locale: Locale;
  alertId: string;
  subjectName: string;
  teamName: string | null;
  level: string;
  score: number | null;
  asOf: string;
  reasons: readonly AlertReason[];
  actions: readonly RecommendedAction[];
  route: Pick<Route, 'routedVia' | 'bypassReason'>;
  /** Display name of the manager who was passed over (left / away), if any. */
  bypassedManagerName?: string | null;
  trigger: AlertTrigger;
  /** Optional link to the person's page in the web UI / API docs. */
  link?: { label: string; url: string } | undefined;
  maxReasons?: number;
}

/** The DM to a manager (or skip-level manager / HR): "X may need support", reasons with numbers, actions, buttons. */
export function buildAlertMessage(input: AlertMessageInput): OutboundMessage {
  const { locale } = input;
  const name = input.subjectName;
  const reasons = input.reasons
    .filter((r) => !isIndividualSurveyReason(r) && !NOT_A_SIGNAL.test(r.code))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, input.maxReasons ?? 5)
    .map((r) => renderReason(locale, r));
  const blocks: MessageBlock[] = [
    { type: 'header', text: t(locale, 'alerts.risk.header', { name }) },
    {
      type: 'text',
      text: t(locale, `alerts.risk.intro.${input.trigger}`, {
        name,
        team: input.teamName ?? t(locale, 'alerts.noTeam'),
      }),
    },
    {
      type: 'fields',
      fields: [
        { label: t(locale, 'alerts.field.level'), value: tDynamic(locale, `alerts.level.${input.level}`) },
        {
          label: t(locale, 'alerts.field.score'),
          value: input.score === null ? t(locale, 'common.noData') : `${input.score}/100`,
        },
        { label: t(locale, 'alerts.field.asOf'), value: input.asOf },
      ],
    },
  ];
  blocks.push(
    ...titledList(t(locale, 'alerts.risk.reasonsTitle'), reasons),
    ...titledList(
      t(locale, 'alerts.risk.actionsTitle'),
      input.actions.map((a) => a.text),
    ),
  );
  const why =
    input.route.routedVia === 'manager'
      ? t(locale, 'alerts.why.manager', { name })
      : input.route.routedVia === 'skip_level'
        ? input.route.bypassReason === 'subject_is_manager'
          ? t(locale, 'alerts.why.skipLevelLeads', { name })
          : t(locale, 'alerts.why.skipLevel', {
              name,
              manager: input.bypassedManagerName ?? t(locale, 'alerts.theirManager'),
            })
        : t(locale, 'alerts.why.hr', { name });
  blocks.push({ type: 'context', text: `${why} ${t(locale, 'alerts.disclaimer')}` });
  if (input.link) blocks.push({ type: 'link', label: input.link.label, url: input.link.url });
  blocks.push({ type: 'buttons', buttons: feedbackButtons(locale, input.alertId) });
  return { blocks, fallbackText: plainText(blocks.filter((b) => b.type !== 'buttons')) };
}

export interface TeamWarningMessageInput {
  locale: Locale;
  alertId: string;
  teamName: string;
  score: number | null;
  tier: string;
  memberCount: number;
  asOf: string;
  drivers: readonly AlertReason[];
  suggestions: readonly RecommendedAction[];
  managerLeft: boolean;
  trigger: AlertTrigger;
}

/** The HR warning when a team turns negative, with team-building suggestions. */
export function buildTeamWarningMessage(input: TeamWarningMessageInput): OutboundMessage {
  const { locale } = input;
  const drivers = [...input.drivers]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, 5)
    .map((d) => renderReason(locale, d, 'driver'));
  const blocks: MessageBlock[] = [
    { type: 'header', text: t(locale, 'alerts.team.header', { team: input.teamName }) },
    { type: 'text', text: t(locale, `alerts.team.intro.${input.trigger}`, { team: input.teamName }) },
    {
      type: 'fields',
      fields: [
        { label: t(locale, 'alerts.field.tier'), value: tDynamic(locale, `alerts.tier.${input.tier}`) },
        {
          label: t(locale, 'alerts.field.atmosphere'),
          value: input.score === null ? t(locale, 'common.noData') : `${input.score}/100`,
        },
        { label: t(locale, 'alerts.field.members'), value: String(input.memberCount) },
        { label: t(locale, 'alerts.field.asOf'), value: input.asOf },
      ],
    },
  ];
  if (input.managerLeft) blocks.push({ type: 'text', text: t(locale, 'alerts.team.managerLeft') });
  blocks.push(
    ...titledList(t(locale, 'alerts.team.driversTitle'), drivers),
    ...titledList(
      t(locale, 'alerts.team.suggestionsTitle'),
      input.suggestions.map((s) => s.text),
    ),
  );
  blocks.push({ type: 'context', text: t(locale, 'alerts.team.disclaimer') });
  blocks.push({ type: 'buttons', buttons: feedbackButtons(locale, input.alertId) });
  return { blocks, fallbackText: plainText(blocks.filter((b) => b.type !== 'buttons')) };
}

export interface DigestInput {
  locale: Locale;
  /** First day of the week the digest covers. */
  weekOf: string;
  alerts: ReadonlyArray<{
    subjectName: string;
    teamName: string | null;
    level: string;
    routedVia: string;
    feedback: FeedbackValue | null;
  }>;
  teams: ReadonlyArray<{ name: string; tier: string | null; score: number | null; previousScore: number | null }>;
}

/** Weekly HR digest: alerts raised and what happened to them, team atmosphere — never individual survey answers. */
export function buildDigestMessage(input: DigestInput): OutboundMessage {
  const { locale } = input;
  const open = input.alerts.filter((a) => a.feedback === null).length;
  const negative = input.teams.filter((team) => team.tier === 'negative').length;
  const blocks: MessageBlock[] = [
    { type: 'header', text: t(locale, 'alerts.digest.header', { week: input.weekOf }) },
    { type: 'text', text: t(locale, 'alerts.digest.summary', { alerts: input.alerts.length, open, negative }) },
  ];
  if (input.alerts.length) {
    const lines = input.alerts.map((a) =>
      t(locale, 'alerts.digest.alertLine', {
        name: a.subjectName,
        team: a.teamName ?? t(locale, 'alerts.noTeam'),
        level: tDynamic(locale, `alerts.level.${a.level}`),
        feedback: a.feedback ? t(locale, `alerts.feedback.${a.feedback}`) : t(locale, 'alerts.feedback.none'),
      }),
    );
    blocks.push({ type: 'text', text: `${t(locale, 'alerts.digest.alertsTitle')}\n${bullets(lines)}` });
  }
  if (input.teams.length) {
    const lines = input.teams.map((team) => {
      const delta = team.score !== null && team.previousScore !== null ? team.score - team.previousScore : null;
      return t(locale, 'alerts.digest.teamLine', {
        team: team.name,
        tier: team.tier ? tDynamic(locale, `alerts.tier.${team.tier}`) : t(locale, 'common.noData'),
        score: team.score === null ? '–' : String(team.score),
        delta: delta === null ? '' : ` (${delta >= 0 ? '+' : ''}${delta})`,
      });
    });
    blocks.push({ type: 'text', text: `${t(locale, 'alerts.digest.teamsTitle')}\n${bullets(lines)}` });
  }
  if (!input.alerts.length && !negative) blocks.push({ type: 'text', text: t(locale, 'alerts.digest.quiet') });
  blocks.push({ type: 'context', text: t(locale, 'alerts.digest.disclaimer') });
  return { blocks, fallbackText: plainText(blocks) };
}

export interface NudgeInput {
  locale: Locale;
  /** Catalogue keys (or literal texts) of the nudge; the content of development/onboarding plans comes later. */
  title: string;
  body: string;
  params?: Record<string, string | number>;
  buttons?: readonly MessageButton[];
}

/** Development and onboarding nudges to an employee, on the same outbox pipeline. */
export function buildNudgeMessage(input: NudgeInput): OutboundMessage {
  const text = (keyOrText: string) => (hasMessage(keyOrText) ? t(input.locale, keyOrText, input.params) : keyOrText);
  const blocks: MessageBlock[] = [
    { type: 'header', text: text(input.title) },
    { type: 'text', text: text(input.body) },
    { type: 'context', text: t(input.locale, 'alerts.nudge.context') },
  ];
  if (input.buttons?.length) blocks.push({ type: 'buttons', buttons: [...input.buttons] });
  return { blocks, fallbackText: plainText(blocks.filter((b) => b.type !== 'buttons')) };
}
