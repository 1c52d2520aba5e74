// Chat verbs of issue J through the command layer: `plan start <person> <template>` / `plan <person>` (计划),
// `weights <person|team> <weight> <value>` / `weights` (权重), `scorecard <person> [period]` (绩效), and HR's
// `onboarding [from] [to]` (入职): the onboarding pulses of all new joiners together (onboarding-report.ts).
import { t, type Locale } from '../../core/i18n/index.js';
import type { MessageBlock } from '../../core/messages/types.js';
import { PLAN_TEMPLATE_NAMES, renderScorecard, WEIGHT_KEYS, type WeightKey } from '../../core/performance/index.js';
import { isDay, localDay } from '../../core/time.js';
import { message } from '../commands/replies.js';
import { personOf, teamOf } from '../commands/subjects.js';
import { defineVerb, UsageError, type CommandContext } from '../commands/types.js';
import { NotFoundError } from '../errors.js';
import { listPlans, startPlan } from './plans/start.js';
import { stepName, templateName, type PlanView } from './plans/templates.js';
import { onboardingReport } from './onboarding-report.js';
import { onboardingReportText } from './report-text.js';
import { readScorecard } from './scorecard.js';
import { listWeights, setWeights } from './weights.js';

const planBlocks = (locale: Locale, plan: PlanView): MessageBlock[] => [
  {
    type: 'header',
    text: t(locale, 'command.plan.title', { name: plan.employee.name, template: templateName(locale, plan.template) }),
  },
  {
    type: 'text',
    text: plan.steps.map((s) => `${s.doneAt ? '✓' : '•'} ${s.dueDay}: ${stepName(locale, s.step)}`).join('\n'),
  },
];

export const planVerb = defineVerb({
  name: 'plan',
  aliases: ['计划'],
  minimum: 'manager',
  summaryKey: 'command.plan.summary',
  usageKey: 'command.plan.usage',
  parse: (args: readonly string[]) => {
    const [first, person, template] = args;
    if (args.length === 3 && ['start', '开始'].includes(first!.toLowerCase()))
      return { start: true, person: person!, template: template!.toLowerCase() };
    if (args.length === 1) return { start: false, person: first!, template: '' };
    throw new UsageError();
  },
  async run(ctx: CommandContext, args: { start: boolean; person: string; template: string }) {
    const { access, locale, now } = ctx;
    const person = await personOf(ctx, args.person, 'risk');
    if (!args.start) {
      const plans = await listPlans(access, person.id);
      if (plans.length === 0)
        return message([{ type: 'text', text: t(locale, 'command.plan.none', { name: person.display_name }) }]);
      return message(plans.flatMap((p) => planBlocks(locale, p)));
    }
    if (!(PLAN_TEMPLATE_NAMES as readonly string[]).includes(args.template)) throw new UsageError();
    const plan = await startPlan(access, person.id, args.template, { now });
    return message([
      {
        type: 'text',
        text: t(locale, plan.created ? 'command.plan.started' : 'command.plan.running', {
          name: person.display_name,
          template: templateName(locale, plan.template),
        }),
      },
      ...planBlocks(locale, plan),
    ]);
  },
});

const SHARE_KEYS: readonly WeightKey[] = ['helping', 'projects', 'resources'];

export const weightsVerb = defineVerb({
  name: 'weights',
  aliases: ['权重'],
  minimum: 'hr',
  summaryKey: 'command.weights.summary',
  usageKey: 'command.weights.usage',
  parse: (args: readonly string[]) => {
    if (args.length === 0) return undefined;
    const [subject, key, raw] = args;
    if (args.length !== 3 || !(WEIGHT_KEYS as readonly string[]).includes(key!)) throw new UsageError();
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(raw!);
    if (!m) throw new UsageError();
    const value = m[2] === '%' ? Number(m[1]) / 100 : Number(m[1]);
    return { subject: subject!, key: key as WeightKey, value };
  },
  async run(ctx: CommandContext, change: { subject: string; key: WeightKey; value: number } | undefined) {
    const { access, locale } = ctx;
    if (!change) {
      const list = await listWeights(access);
      return message([
        { type: 'header', text: t(locale, 'command.weights.title') },
        {
          type: 'text',
          text: [
            Object.entries(list.defaults)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
            ...list.versions.map(
              (v) =>
                `v${v.version} ${v.scope}${v.subject ? ` ${v.subject}` : ''}: ${Object.entries(v.weights)
                  .map(([k, x]) => `${k} ${x}`)
                  .join(', ')}`,
            ),
          ].join('\n'),
        },
      ]);
    }
    // A person first, else a team of that name or id.
    let target: { employee: string } | { team: string };
    try {
      target = { employee: (await personOf(ctx, change.subject, 'profile')).id };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      target = { team: (await teamOf(ctx, change.subject, 'structure')).id };
    }
    const version = await setWeights(access, { ...target, weights: { [change.key]: change.value } });
    const shown = SHARE_KEYS.includes(change.key) ? `${Math.round(change.value * 1000) / 10}%` : String(change.value);
    return message([
      {
        type: 'text',
        text: t(locale, 'command.weights.set', {
          subject: version.subject ?? change.subject,
          key: change.key,
          value: shown,
          version: version.version,
        }),
      },
    ]);
  },
});

export const scorecardVerb = defineVerb({
  name: 'scorecard',
  aliases: ['绩效'],
  minimum: 'employee',
  summaryKey: 'command.scorecard.summary',
  usageKey: 'command.scorecard.usage',
  parse: (args: readonly string[]) => {
    if (args.length < 1 || args.length > 2) throw new UsageError();
    return { person: args[0]!, period: args[1] };
  },
  async run(ctx: CommandContext, args: { person: string; period: string | undefined }) {
    const { access, locale, now } = ctx;
    const person = await personOf(ctx, args.person, 'risk');
    const tenant = await access.tenant();
    const period = args.period ?? localDay(now, tenant.timezone).slice(0, 7);
    const card = await readScorecard(access, person.id, { period, now });
    return message([{ type: 'text', text: renderScorecard(locale, card) }]);
  },
});

export const onboardingVerb = defineVerb({
  name: 'onboarding',
  aliases: ['入职'],
  minimum: 'hr',
  summaryKey: 'command.onboarding.summary',
  usageKey: 'command.onboarding.usage',
  parse: (args: readonly string[]) => {
    if (args.length > 2 || !args.every(isDay)) throw new UsageError();
    return { from: args[0], to: args[1] };
  },
  async run(ctx: CommandContext, args: { from: string | undefined; to: string | undefined }) {
    const { access, locale, now } = ctx;
    const report = await onboardingReport(access, { from: args.from, to: args.to, now });
    return message([{ type: 'text', text: onboardingReportText(report, locale) }]);
  },
});
