// `rules` / `规则`: the tenant's risk thresholds and rules (HR, admin); `rules set <threshold> <value>` publishes a
// new version with one threshold changed (versioned and audited by the rules use case).
import { t } from '../../../core/i18n/index.js';
import { publishRules, readRules, type PublishedRuleSet } from '../../scoring/rules.js';
import { UsageError } from '../types.js';
import { message } from '../replies.js';
import { defineVerb, verbHeading } from '../types.js';
import type { Locale } from '../../../core/i18n/index.js';
import type { OutboundMessage } from '../../../core/messages/types.js';

const THRESHOLDS = ['medium', 'high', 'positive', 'negative'] as const;
type ThresholdName = (typeof THRESHOLDS)[number];

type RulesArgs = { change?: { name: ThresholdName; value: number } };

function parseRules(args: readonly string[]): RulesArgs {
  if (args.length === 0) return {};
  const [verb, name, value] = args;
  if (args.length !== 3 || !['set', '设置'].includes(verb!.toLowerCase())) throw new UsageError();
  const number = Number(value);
  if (!THRESHOLDS.includes(name as ThresholdName) || !Number.isInteger(number) || number < 0 || number > 100)
    throw new UsageError();
  return { change: { name: name as ThresholdName, value: number } };
}

function show(locale: Locale, set: PublishedRuleSet, changed?: string): OutboundMessage {
  return message([
    { type: 'header', text: t(locale, 'command.rules.title', { version: set.version }) },
    ...(changed ? [{ type: 'text' as const, text: changed }] : []),
    {
      type: 'fields',
      fields: THRESHOLDS.map((name) => ({ label: name, value: String(set.thresholds[name]) })),
    },
    {
      type: 'text',
      text: set.rules
        .map(
          (r) => `• ${r.id}: ${r.when.map((c) => `${c.feature} ${c.op} ${c.value}`).join(' & ')} ⇒ +${r.contribution}`,
        )
        .join('\n'),
    },
    { type: 'context', text: t(locale, 'command.rules.context') },
  ]);
}

export const rulesVerb = defineVerb({
  ...verbHeading('rules', ['规则'], 'hr'),
  parse: parseRules,
  async run({ access, locale }, { change }) {
    const current = await readRules(access);
    if (!change) return show(locale, current);
    const published = await publishRules(access, {
      rules: current.rules,
      thresholds: { ...current.thresholds, [change.name]: change.value },
    });
    return show(
      locale,
      published,
      t(locale, 'command.rules.changed', {
        name: change.name,
        from: current.thresholds[change.name],
        to: change.value,
        version: published.version,
      }),
    );
  },
});
