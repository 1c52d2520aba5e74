// The organisations behind the scoring scenarios of issue C, built with the synthetic generator.
import { generateOrganisation } from '../../src/synthetic/index.js';
import { addDays } from '../../src/core/time.js';

export const SCORING_END = '2026-11-27';
/** Scenario tests run on several consecutive as-of days (a Friday to a Monday): no verdict may depend on the weekday. */
export const SCORING_DAYS = [0, 1, 2, 3].map((i) => addDays(SCORING_END, i));
/** A Friday, a Saturday and a Monday: for the slower route and CLI suites. */
export const SOME_SCORING_DAYS = [0, 1, 3].map((i) => addDays(SCORING_END, i));

/** Sales East (the seed case; manager left 3 weeks ago), Support (holiday fortnight), Engineering (a new joiner). */
export const scenarioOrganisation = (slug = 'acme', locale: 'en' | 'zh-CN' = 'en', endDay = SCORING_END) =>
  generateOrganisation(42, {
    tenant: { slug, name: slug, locale, timezone: 'Asia/Shanghai' },
    endDay,
    weeks: 12,
    teams: [
      { externalId: 'sales-east', name: 'Sales East', size: 10, sales: true, managerLeftDaysAgo: 21, seedCase: true },
      { externalId: 'support', name: 'Support', size: 9, holiday: { startDaysAgo: 13, days: 14, factor: 0.4 } },
      { externalId: 'engineering', name: 'Engineering', size: 8, newJoiner: true },
    ],
  });

/** The same seed case in a tenant whose platform delivers no message metadata. */
export const noMessageOrganisation = (slug = 'quiet-co', endDay = SCORING_END) =>
  generateOrganisation(43, {
    tenant: { slug, name: slug, locale: 'zh-CN', timezone: 'Asia/Shanghai' },
    endDay,
    weeks: 12,
    messageCoverage: false,
    teams: [
      { externalId: 'sales-east', name: 'Sales East', size: 10, sales: true, managerLeftDaysAgo: 21, seedCase: true },
    ],
  });
