// `risk [team]` / `风险 [团队]`: the people at high or medium risk with their reasons, scoped to what the caller may
// see (a manager: their reports; HR: their teams or legal entity; admin: everyone). One audit row lists everyone shown.
import { t } from '../../../core/i18n/index.js';
import type { MessageBlock } from '../../../core/messages/types.js';
import { listRisks, type RiskView } from '../../scoring/reads.js';
import { optionalWord } from '../args.js';
import { listMessage, reasonsText, riskText } from '../replies.js';
import { teamOf } from '../subjects.js';
import { defineVerb, verbHeading } from '../types.js';

const LIMIT = 25;

export const riskVerb = defineVerb({
  ...verbHeading('risk', ['风险'], 'manager'),
  parse: optionalWord,
  async run(ctx, { word }) {
    const { access, locale } = ctx;
    const team = word !== undefined ? await teamOf(ctx, word, 'structure') : undefined;
    const query = { limit: LIMIT, ...(team ? { team: team.id } : {}) };
    const high = await listRisks(access, { ...query, level: 'high' });
    const medium = await listRisks(access, { ...query, level: 'medium' });
    const items: RiskView[] = [...high.items, ...medium.items];
    const asOf = high.asOf ?? medium.asOf;
    const header = t(locale, team ? 'command.risk.titleTeam' : 'command.risk.title', {
      team: team?.name ?? '',
      asOf: asOf ?? '—',
    });
    const itemBlock = (item: RiskView): MessageBlock[] => [
      {
        type: 'text',
        text: `${item.displayName} (${item.externalId}) — ${riskText(locale, item)}\n${reasonsText(locale, item)}`,
      },
    ];
    return listMessage(header, items, itemBlock, t(locale, 'command.risk.none'), [
      { type: 'context', text: t(locale, 'command.risk.context') },
    ]);
  },
});
