// `profile <person>` / `档案 <人>`: HR's view of one person — risk with reasons and its history, collaboration score,
// the last 28 days of signals. Every part is an individual read and writes its own audit row.
import { t } from '../../../core/i18n/index.js';
import { readRisk, riskHistory } from '../../scoring/reads.js';
import { readActivity } from '../../signals/activity.js';
import { NotFoundError } from '../../errors.js';
import { oneWord } from '../args.js';
import { message, riskBlocks, signalSummary, trendText } from '../replies.js';
import { personOf } from '../subjects.js';
import { defineVerb, verbHeading } from '../types.js';

export const profileVerb = defineVerb({
  ...verbHeading('profile', ['档案'], 'hr'),
  parse: oneWord,
  async run(ctx, { word }) {
    const { access, locale, now } = ctx;
    const person = await personOf(ctx, word, 'profile');
    await access.audit('profile.read', { type: 'employee', id: person.id }, { via: 'command' });
    const header = t(locale, 'command.profile.title', { name: person.display_name, id: person.external_id });
    const risk = await readRisk(access, { id: person.id }).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    });
    const history = await riskHistory(access, person.id, 6);
    const activity = await readActivity(access, { id: person.id }, now);
    return message([
      ...(risk
        ? riskBlocks(locale, risk, header)
        : [
            { type: 'header' as const, text: header },
            { type: 'text' as const, text: t(locale, 'command.notScored') },
          ]),
      { type: 'fields', fields: [{ label: t(locale, 'command.field.riskHistory'), value: trendText(history) }] },
      { type: 'text', text: `${t(locale, 'command.field.signals')}\n${signalSummary(locale, activity)}` },
      { type: 'context', text: t(locale, 'command.profile.context') },
    ]);
  },
});
