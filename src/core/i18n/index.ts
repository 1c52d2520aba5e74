// The one catalogue of user-facing strings, in zh-CN and en. Each area adds its own file under catalog/
// and lists it in CATALOG below. Placeholders are {name}; numbers are formatted per locale.
import { common } from './catalog/common.js';
import { signals } from './catalog/signals.js';
import { alerts } from './catalog/alerts.js';
import { scoring } from './catalog/scoring.js';
import { delivery } from './catalog/delivery.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export type Messages = Record<string, { 'zh-CN': string; en: string }>;

const CATALOG: Messages = {
  ...common,
  ...signals,
  ...alerts,
  ...scoring,
  ...delivery,
};

export type Params = Record<string, string | number | null | undefined>;

export function hasMessage(key: string): boolean {
  return key in CATALOG;
}

/** Translates key into locale; an unknown key yields the key itself so a gap is visible, never a crash. */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const entry = CATALOG[key];
  const template = entry ? entry[locale] : key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return match;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** Every key present in both locales (used by a test that keeps the catalogue complete). */
export function catalogKeys(): string[] {
  return Object.keys(CATALOG);
}

export function registeredCatalog(): Messages {
  return CATALOG;
}
