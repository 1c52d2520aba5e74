// `teampulse report accuracy`: precision and recall of high flags at 30/60/90 days, lead time, the rules that fired
// for leavers vs stayers, and a suggested high threshold (backtested with the current rules over the stored
// features) that HR can accept as a new rule version. Figures come from recorded departures and stored scores only.
import {
  accuracyFigures,
  suggestThreshold,
  type AccuracyFigures,
  type ThresholdSuggestion,
} from '../../core/performance/index.js';
import type { Access } from '../access/index.js';
import { publishRules } from '../scoring/rules.js';
import { loadHistory } from './history.js';
import { resolveWindow, type WindowInput } from './report-window.js';

export interface AccuracyReport extends AccuracyFigures {
  /** The window of scored days read (the defaults filled in: see report-window.ts). */
  from: string;
  to: string;
  ruleVersion: number;
  people: { scored: number; leavers: number };
  /** Alerts marked "not accurate" by the people who got them. */
  notAccurateFeedback: number;
  suggestion: ThresholdSuggestion & { changed: boolean };
  /** The rule version created by --accept. */
  accepted: number | null;
}

export async function accuracyReport(
  access: Access,
  options: WindowInput & { accept?: boolean; now?: Date } = {},
): Promise<AccuracyReport> {
  access.require('reports.read');
  if (options.accept) access.require('rules.write');
  const { from, to } = await resolveWindow(access.db, await access.tenant(), options, options.now ?? new Date());
  const history = await loadHistory(access.db, access.tenantId, { scoresFrom: from, to, people: 'present' });
  const people = history.people.filter((p) => p.days.length > 0);
  const asOf = history.asOf ?? to;
  const figures = accuracyFigures(people, asOf);
  const suggestion = suggestThreshold(people, asOf, history.ruleSet.thresholds.high);
  const feedback = await access.db
    .selectFrom('alert_feedback')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', access.tenantId)
    .where('value', '=', 'not_accurate')
    .executeTakeFirst();
  let accepted: number | null = null;
  const changed = suggestion.suggested !== suggestion.current;
  if (options.accept && changed) {
    const published = await publishRules(access, {
      rules: history.ruleSet.rules,
      thresholds: { ...history.ruleSet.thresholds, high: suggestion.suggested },
    });
    accepted = published.version;
  }
  await access.audit('report.accuracy', { type: 'tenant', id: access.tenantId }, { accepted });
  return {
    from,
    to,
    ...figures,
    ruleVersion: history.ruleSet.version,
    people: { scored: people.length, leavers: people.filter((p) => p.leftOn !== null).length },
    notAccurateFeedback: Number(feedback?.n ?? 0),
    suggestion: { ...suggestion, changed },
    accepted,
  };
}
