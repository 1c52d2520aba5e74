// Which questions a round asks: every active item of the tenant's bank is asked once before any item repeats.
// The bank is walked interleaved by driver (first item of each driver, then the second of each…), so each round
// covers several drivers instead of five team-support items in a row. Pure.
import { SURVEY_DRIVERS, type SurveyDriver } from './types.js';

export interface RotationItem {
  id: string;
  driver: SurveyDriver;
  /** Order within the bank (ties broken by id). */
  position: number;
}

/** The bank in asking order: the n-th item of every driver before the (n+1)-th of any. */
export function rotationOrder(items: readonly RotationItem[]): string[] {
  const byDriver = new Map<SurveyDriver, RotationItem[]>();
  for (const item of [...items].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))) {
    const list = byDriver.get(item.driver) ?? [];
    list.push(item);
    byDriver.set(item.driver, list);
  }
  const order: string[] = [];
  const longest = Math.max(0, ...[...byDriver.values()].map((l) => l.length));
  for (let i = 0; i < longest; i += 1)
    for (const driver of SURVEY_DRIVERS) {
      const item = byDriver.get(driver)?.[i];
      if (item) order.push(item.id);
    }
  return order;
}

/**
 * The questions of the next round. `history` lists the question ids of earlier rounds, oldest first (retired ids
 * are ignored). The current cycle is what was asked since every active item was last covered; the round takes the
 * items of the cycle not asked yet, in asking order, and when fewer are left than `count`, starts the next cycle
 * with the first items not already in this round.
 */
export function pickRoundQuestions(
  items: readonly RotationItem[],
  history: readonly string[],
  count: number,
): string[] {
  const order = rotationOrder(items);
  if (order.length === 0 || count <= 0) return [];
  const active = new Set(order);
  let asked = new Set<string>();
  for (const id of history) {
    if (!active.has(id)) continue;
    asked.add(id);
    if (asked.size === active.size) asked = new Set();
  }
  const picked = order.filter((id) => !asked.has(id)).slice(0, count);
  for (const id of order) {
    if (picked.length >= Math.min(count, order.length)) break;
    if (!picked.includes(id)) picked.push(id);
  }
  return picked;
}
