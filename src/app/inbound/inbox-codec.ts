// Neutral events ↔ the inbox's JSON column. Only the event's own fields travel: `raw` (the platform payload kept
// for debugging) is dropped, so nothing a platform sent beyond metadata is ever persisted. Dates round-trip.
import type { SignalEvent } from '../../core/events.js';

const DATE_FIELDS = ['occurredAt', 'dueAt'] as const;

export function encodeEvents(events: readonly SignalEvent[]): unknown[] {
  return events.map((event) => {
    const { raw: _raw, ...rest } = event as SignalEvent & { raw?: unknown };
    const out: Record<string, unknown> = { ...rest };
    for (const field of DATE_FIELDS) {
      const value = out[field];
      if (!(value instanceof Date)) continue;
      if (Number.isNaN(value.getTime())) throw new Error(`event ${event.id}: ${field} is not a valid date`);
      out[field] = value.toISOString();
    }
    return out;
  });
}

export function decodeEvents(stored: unknown): SignalEvent[] {
  if (!Array.isArray(stored)) return [];
  return stored.map((item) => {
    const event = { ...(item as Record<string, unknown>) };
    for (const field of DATE_FIELDS) {
      if (typeof event[field] === 'string') event[field] = new Date(event[field] as string);
    }
    return event as unknown as SignalEvent;
  });
}
