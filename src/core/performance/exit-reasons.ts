// Departure reason codes (the seed's 离职原因数据库): a tenant-editable list, the built-in one by default. Departure
// events recorded before codes existed carry free text in `reason`: they still count, as the code their text names
// or as 'other'.

export const DEFAULT_EXIT_REASONS: readonly string[] = [
  'manager_change',
  'growth',
  'pay',
  'workload',
  'relocation',
  'other',
];

/** Lower-case letters, digits and underscores, starting with a letter (a code is shown and typed, never free text). */
export const EXIT_REASON_CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** The reason code of a stored departure payload, within the tenant's list (unknown or free text ⇒ 'other'). */
export function exitReasonOf(payload: { reason?: unknown; reasonCode?: unknown }, codes: readonly string[]): string {
  if (typeof payload.reasonCode === 'string' && codes.includes(payload.reasonCode)) return payload.reasonCode;
  if (typeof payload.reason === 'string') {
    const text = payload.reason
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (codes.includes(text)) return text;
  }
  return 'other';
}
