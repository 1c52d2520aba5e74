// `team [team]` / `团队 [团队]`: a team's atmosphere (score, tier, drivers) and its trend over the last scored weeks.
// HR and admins name any team in reach; a manager without a name gets every team of theirs.
import { t, tDynamic } from '../../../core/i18n/index.js';
import type { MessageBlock } from '../../../core/messages/types.js';
import { atLeast } from '../../access/index.js';
import { readAtmosphere, teamTrend } from '../../scoring/reads.js';
import { optionalWord, usageErrorIf } from '../args.js';
import { message, trendText } from '../replies.js';
import { teamOf } from '../subjects.js';
import { defineVerb, verbHeading, type CommandContext } from '../types.js';

async function teamBlocks(ctx: CommandContext, teamId: string): Promise<MessageBlock[]> {
  const { access, locale } = ctx;
  const view = await readAtmosphere(access, { id: teamId });
  const trend = await teamTrend(access, teamId, 4);
  const drivers = view.drivers.length
    ? view.drivers.map((d) => `• ${d.text}`).join('\n')
    : t(locale, 'command.noReasons');
  return [
    { type: 'header', text: t(locale, 'command.team.title', { team: view.name, asOf: view.asOf }) },
    {
      type: 'fields',
      fields: [
        {
          label: t(locale, 'command.field.atmosphere'),
          value: `${view.tier ? tDynamic(locale, `scoring.tier.${view.tier}`) : '—'} (${view.score ?? '—'})`,
        },
        { label: t(locale, 'command.field.members'), value: String(view.memberCount) },
        {
          label: t(locale, 'command.field.trend'),
          value: trendText(trend),
        },
      ],
    },
    { type: 'text', text: `${t(locale, 'command.field.drivers')}\n${drivers}` },
  ];
}

export const teamVerb = defineVerb({
  ...verbHeading('team', ['团队'], 'manager'),
  parse: optionalWord,
  async run(ctx, { word }) {
    const { access, locale } = ctx;
    if (word !== undefined) {
      const team = await teamOf(ctx, word, 'atmosphere');
      return message(await teamBlocks(ctx, team.id));
    }
    // Without a name: a manager's own teams; HR must say which (their reach may be the whole tenant).
    usageErrorIf(atLeast(access.actor.role, 'hr'));
    const own = (await access.teamFilter('atmosphere')) ?? [];
    const blocks: MessageBlock[] = [];
    for (const teamId of own) {
      try {
        blocks.push(...(await teamBlocks(ctx, teamId)));
      } catch {
        // A team without a score yet is left out of the overview.
      }
    }
    if (blocks.length === 0) return message([{ type: 'text', text: t(locale, 'command.team.none') }]);
    return message(blocks);
  },
});
