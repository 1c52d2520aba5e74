// The recommended-actions library: reasons (scoring's codes) → concrete things a manager can do this week,
// and team drivers → team-building suggestions for HR. Both locales; a tenant can remap codes and reword or
// add actions through its settings JSON (`settings.alerts.actions`, `settings.alerts.teamSuggestions`).
import { tDynamic, type Locale } from '../i18n/index.js';
import type { AlertReason } from './types.js';

export const ACTION_KEYS = [
  'one_on_one_this_week',
  'rebalance_workload',
  'recognise_contribution',
  'clarify_growth_path',
  'check_leave_kindly',
  'introduce_interim_contact',
  'onboarding_check_in',
] as const;

export const TEAM_SUGGESTION_KEYS = [
  'collaboration_workshop',
  're_divide_work',
  'interim_coordinator',
  'client_resource_sharing',
] as const;

/**
 * Scoring's reason codes are matched by the words they contain, so a new code such as `team_msgs_drop` or
 * `activity_drop` finds its actions without a change here; a tenant's exact-code mapping wins over these.
 */
const ACTION_RULES: ReadonlyArray<{ pattern: RegExp; actions: string[] }> = [
  { pattern: /manager_(left|departed|change)|manager/, actions: ['introduce_interim_contact', 'clarify_growth_path'] },
  { pattern: /leave|absen|attendance|late/, actions: ['check_leave_kindly'] },
  { pattern: /help|kudos|collab|resource|share/, actions: ['recognise_contribution'] },
  { pattern: /task|workload|overdue|delay|crm|client|account/, actions: ['rebalance_workload'] },
  { pattern: /tenure|new_joiner|onboarding/, actions: ['onboarding_check_in', 'clarify_growth_path'] },
  { pattern: /activity|message|msgs|reply|replies|collaborator|silent|quiet/, actions: ['rebalance_workload'] },
  { pattern: /growth|peer|promotion/, actions: ['clarify_growth_path'] },
];

const TEAM_RULES: ReadonlyArray<{ pattern: RegExp; suggestions: string[] }> = [
  { pattern: /task|workload|leave|overdue|delay|absen|departure/, suggestions: ['re_divide_work'] },
  { pattern: /help|resource|share|collab|crm|client/, suggestions: ['client_resource_sharing'] },
];

/** A tenant's overrides. Texts may define new action keys or reword built-in ones. */
export interface ActionLibrarySettings {
  /** Exact reason code → action keys (replaces the built-in matching for that code). */
  map?: Record<string, string[]>;
  /** Action key → text per locale. */
  texts?: Record<string, Partial<Record<Locale, string>>>;
}

export interface RecommendedAction {
  key: string;
  text: string;
}

function asLibrary(raw: unknown): ActionLibrarySettings {
  if (!raw || typeof raw !== 'object') return {};
  const value = raw as { map?: unknown; texts?: unknown };
  const out: ActionLibrarySettings = {};
  if (value.map && typeof value.map === 'object') {
    out.map = Object.fromEntries(
      Object.entries(value.map as Record<string, unknown>).filter(
        (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((k) => typeof k === 'string'),
      ),
    );
  }
  if (value.texts && typeof value.texts === 'object') out.texts = value.texts as ActionLibrarySettings['texts'];
  return out;
}

/** The tenant's action-library overrides from `settings.alerts` (malformed parts are ignored). */
export function actionSettingsFrom(settings: Record<string, unknown> | null | undefined): {
  actions: ActionLibrarySettings;
  teamSuggestions: ActionLibrarySettings;
} {
  const alerts = (settings?.alerts ?? {}) as Record<string, unknown>;
  return { actions: asLibrary(alerts.actions), teamSuggestions: asLibrary(alerts.teamSuggestions) };
}

function textFor(locale: Locale, prefix: string, key: string, library: ActionLibrarySettings): string {
  const custom = library.texts?.[key];
  const own = custom?.[locale] ?? custom?.en ?? custom?.['zh-CN'];
  return own ?? tDynamic(locale, `${prefix}.${key}`);
}

/** Notes about missing data are not signals: they call for no action. */
export const NOT_A_SIGNAL = /^(no_data_|no_signals$|insufficient_history$|baseline_weeks$)/;

function keysFor(
  codes: string[],
  rules: ReadonlyArray<{ pattern: RegExp; keys: string[] }>,
  library: ActionLibrarySettings,
): string[] {
  const keys: string[] = [];
  for (const code of codes) {
    if (NOT_A_SIGNAL.test(code) && !library.map?.[code]) continue;
    const mapped = library.map?.[code];
    if (mapped) keys.push(...mapped);
    else for (const rule of rules) if (rule.pattern.test(code)) keys.push(...rule.keys);
  }
  return keys;
}

/** Actions for an alert, strongest reasons first; always led by a 1:1 this week; at most `limit`. */
export function recommendActions(
  locale: Locale,
  reasons: readonly AlertReason[],
  library: ActionLibrarySettings = {},
  limit = 4,
): RecommendedAction[] {
  const ordered = [...reasons].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).map((r) => r.code);
  const rules = ACTION_RULES.map((r) => ({ pattern: r.pattern, keys: r.actions }));
  const keys = [...new Set(['one_on_one_this_week', ...keysFor(ordered, rules, library)])].slice(0, limit);
  return keys.map((key) => ({ key, text: textFor(locale, 'alerts.action', key, library) }));
}

/**
 * Team-building suggestions for an HR warning: a collaboration workshop always; re-divide work, an interim
 * coordinator when the manager left, a client-resource sharing session — as the drivers call for them.
 */
export function suggestTeamActions(
  locale: Locale,
  drivers: readonly AlertReason[],
  context: { managerLeft: boolean },
  library: ActionLibrarySettings = {},
): RecommendedAction[] {
  const rules = TEAM_RULES.map((r) => ({ pattern: r.pattern, keys: r.suggestions }));
  const codes = drivers.map((d) => d.code);
  const managerLeft = context.managerLeft || codes.some((c) => /manager_(left|departed)/.test(c));
  const keys = ['collaboration_workshop', ...(managerLeft ? ['interim_coordinator'] : [])];
  keys.push(...keysFor(codes, rules, library));
  // The interim coordinator only makes sense when the team really lost its manager.
  const unique = [...new Set(keys)].filter((k) => k !== 'interim_coordinator' || managerLeft);
  return unique.map((key) => ({ key, text: textFor(locale, 'alerts.team', key, library) }));
}
