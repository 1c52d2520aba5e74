// Renders reasons and drivers in a locale. Changes carry their sign ("+40%", "−60%"); raw codes and params travel
// beside the text so clients can render their own.
import { formatNumber, tDynamic, type Locale } from '../i18n/index.js';
import type { Reason } from './types.js';

const SIGNED = new Set(['change', 'teamChange', 'adjusted']);

function signed(locale: Locale, value: number): string {
  if (value > 0) return `+${formatNumber(locale, value)}`;
  if (value < 0) return `−${formatNumber(locale, -value)}`;
  return formatNumber(locale, 0);
}

export function renderReason(locale: Locale, reason: Reason, prefix: 'reason' | 'driver' = 'reason'): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params))
    params[name] = typeof value === 'number' && SIGNED.has(name) ? signed(locale, value) : value;
  return tDynamic(locale, `${prefix}.${reason.code}`, params);
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
