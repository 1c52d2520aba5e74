// The one catalogue of user-facing strings, in zh-CN and en. Each area adds its own file under catalog/
// (`{ … } satisfies Messages`, so every entry has both locales) and lists it in CATALOG below. Keys are typed:
// t() accepts only a key of the catalogue, so a misspelt key fails the type check instead of showing the raw key.
// Placeholders are {name}; numbers are formatted per locale.
import { common } from './catalog/common.js';
import { signals } from './catalog/signals.js';
import { alerts } from './catalog/alerts.js';
import { scoring } from './catalog/scoring.js';
import { delivery } from './catalog/delivery.js';
import { commands } from './catalog/commands.js';
import { surveys } from './catalog/surveys.js';
import { slack } from './catalog/slack.js';
import { performance } from './catalog/performance.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export type Messages = Record<string, { 'zh-CN': string; en: string }>;

const CATALOG = {
  ...common,
  ...signals,
  ...alerts,
  ...scoring,
  ...delivery,
  ...commands,
  ...surveys,
  ...slack,
  ...performance,
} satisfies Messages;

/** A key of the catalogue. Keys built at run time (`reason.${code}`) are checked with hasMessage() first. */
export type MessageKey = keyof typeof CATALOG;

export type Params = Record<string, string | number | null | undefined>;

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(CATALOG, key);
}

/** Translates key into locale (a key that slipped past the types through a cast comes back as is). */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const entry = (CATALOG as Messages)[key];
  const template = entry ? entry[locale] : key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return match;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/**
 * Translates a key built at run time from an open set (reason codes, command names, stored levels): a key the
 * catalogue lacks comes back as is, so a gap is visible, never a crash. Literal keys go through t().
 */
export function tDynamic(locale: Locale, key: string, params: Params = {}): string {
  return hasMessage(key) ? t(locale, key, params) : key;
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

export function registeredCatalog(): Messages {
  return CATALOG;
}
