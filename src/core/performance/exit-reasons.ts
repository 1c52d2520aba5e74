// Departure reason codes per tenant (the seed's 离职原因数据库). The built-in list is the one chat's `departed` verb
// and its labels use (src/core/exit-reasons.ts); a tenant may replace it. Departure events recorded before codes
// existed carry free text in `reason`: they still count, as the code their text names (or a synonym of one, such as
// the "manager change" and "pay") or as 'other'.
import { EXIT_REASONS } from '../exit-reasons.js';

export const DEFAULT_EXIT_REASONS: readonly string[] = EXIT_REASONS;

/** Lower-case letters, digits and underscores, starting with a letter (a code is shown and typed, never free text). */
export const EXIT_REASON_CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** Words HR systems use for a built-in code. */
const SYNONYMS: Record<string, string> = {
  manager_change: 'manager',
  manager_left: 'manager',
  pay: 'compensation',
  salary: 'compensation',
  career: 'growth',
  moving: 'relocation',
};

const normalise = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The code a typed or sent reason names within `codes` (itself, or its synonym), if any. */
export function exitReasonCode(text: string, codes: readonly string[]): string | undefined {
  const word = normalise(text);
  if (codes.includes(word)) return word;
  const synonym = SYNONYMS[word];
  return synonym !== undefined && codes.includes(synonym) ? synonym : undefined;
}

/** The reason code of a stored departure payload, within the tenant's list (unknown or free text ⇒ 'other'). */
export function exitReasonOf(payload: { reason?: unknown; reasonCode?: unknown }, codes: readonly string[]): string {
  const coded = typeof payload.reasonCode === 'string' ? exitReasonCode(payload.reasonCode, codes) : undefined;
  if (coded !== undefined) return coded;
  if (typeof payload.reason === 'string') return exitReasonCode(payload.reason, codes) ?? 'other';
  return 'other';
}
