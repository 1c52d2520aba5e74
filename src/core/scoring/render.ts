// Renders reasons and drivers in a locale. Changes carry their sign ("+40%", "−60%"); per-week rates keep one
// decimal (a history of 5 a week reads "5.0×/week"); raw codes and params travel beside the text so clients can
// render their own. A reason whose rule decided on a team-adjusted value is worded with both numbers.
import { formatNumber, hasMessage, tDynamic, type Locale } from '../i18n/index.js';
import type { Reason } from './types.js';

const SIGNED = new Set(['change', 'teamChange', 'adjusted']);
const ONE_DECIMAL = new Set(['recentPerWeek', 'baselinePerWeek']);

function signed(locale: Locale, value: number): string {
  if (value > 0) return `+${formatNumber(locale, value)}`;
  if (value < 0) return `−${formatNumber(locale, -value)}`;
  return formatNumber(locale, 0);
}

const oneDecimal = (locale: Locale, value: number) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

/** Reasons stored before the wording carried these numbers keep their first wording (`.v1`). */
const INTRODUCED: Record<string, string> = {
  helps_drop: 'recentPerWeek',
  personal_leave_change: 'expected',
  leave_change: 'expected',
};

/**
 * Which wording of a code fits its numbers: `.adjusted` when the decided value differs from the raw one (a team-wide
 * drop was taken out), `.team` when the team's change is known but changed nothing, else the plain key.
 */
function keyOf(prefix: 'reason' | 'driver', reason: Reason): string {
  const base = `${prefix}.${reason.code}`;
  const marker = INTRODUCED[reason.code];
  if (prefix === 'reason' && marker !== undefined && !(marker in reason.params)) return `${base}.v1`;
  const { change, adjusted, teamChange } = reason.params;
  if (
    typeof adjusted === 'number' &&
    typeof change === 'number' &&
    adjusted !== change &&
    hasMessage(`${base}.adjusted`)
  )
    return `${base}.adjusted`;
  if (typeof teamChange === 'number' && hasMessage(`${base}.team`)) return `${base}.team`;
  return base;
}

export function renderReason(locale: Locale, reason: Reason, prefix: 'reason' | 'driver' = 'reason'): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params)) {
    if (typeof value !== 'number') params[name] = value;
    else if (SIGNED.has(name)) params[name] = signed(locale, value);
    else if (ONE_DECIMAL.has(name)) params[name] = oneDecimal(locale, value);
    else params[name] = value;
  }
  return tDynamic(locale, keyOf(prefix, reason), params);
}

export interface RenderedReason extends Reason {
  text: string;
}

export function renderReasons(
  locale: Locale,
  reasons: readonly Reason[],
  prefix: 'reason' | 'driver' = 'reason',
): RenderedReason[] {
  return reasons.map((reason) => ({ ...reason, text: renderReason(locale, reason, prefix) }));
}
