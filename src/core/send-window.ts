// Platforms that ask apps to stay off certain minutes. WeCom asks apps not to send at the top and the half of the
// hour (platforms.md §3.5: "Docs advise against sending at :00/:30"), when every scheduled job in the country fires.
// A message due in the first minutes after such a mark is held back until the pause is over plus a stable
// per-tenant offset, so deferred messages of many tenants do not all leave in the same second either. Applied where
// a message is enqueued (src/delivery/enqueue.ts): no failed attempt, no log line, nothing for the sender to undo.
import type { PlatformName } from './platform.js';

export interface SendPause {
  /** Minutes after each :00 and :30 mark to stay off. */
  minutes: number;
  /** Deferred messages leave within this many seconds after the pause, at an offset fixed per tenant. */
  spreadSeconds: number;
}

export const PLATFORM_SEND_PAUSES: Partial<Record<PlatformName, SendPause>> = {
  // :00–:02:59 and :30–:32:59 held back to :03–:07:59, per tenant.
  wecom: { minutes: 3, spreadSeconds: 300 },
};

const HALF_HOUR_MS = 30 * 60_000;

/** A stable offset in [0, spreadMs) for the tenant (FNV-1a of its id: deterministic across replicas and runs). */
export function tenantSpreadMs(tenantId: string, spreadMs: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < tenantId.length; i++) {
    hash ^= tenantId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return spreadMs > 0 ? (hash % Math.floor(spreadMs / 1000)) * 1000 : 0;
}

/**
 * The earliest instant at or after `at` when a message of the tenant may go out on the platform. The marks are
 * counted on UTC half hours, which are also China's (UTC+8) and those of every zone with a whole or half-hour offset.
 */
export function firstAllowedSend(platform: PlatformName, tenantId: string, at: Date): Date {
  const pause = PLATFORM_SEND_PAUSES[platform];
  if (!pause) return at;
  const intoHalfHour = ((at.getTime() % HALF_HOUR_MS) + HALF_HOUR_MS) % HALF_HOUR_MS;
  const pauseMs = pause.minutes * 60_000;
  if (intoHalfHour >= pauseMs) return at;
  return new Date(at.getTime() - intoHalfHour + pauseMs + tenantSpreadMs(tenantId, pause.spreadSeconds * 1000));
}
