// `me` / `我的`: the person's own latest risk, collaboration score and reasons — the same ones a manager sees.
import { t } from '../../../core/i18n/index.js';
import { NotFoundError } from '../../errors.js';
import { readRisk } from '../../scoring/reads.js';
import { textReply } from '../../inbound/dispatch.js';
import { noArgs } from '../args.js';
import { message, riskBlocks } from '../replies.js';
import { defineVerb, verbHeading } from '../types.js';

export const meVerb = defineVerb({
  ...verbHeading('me', ['我的', '我'], 'employee'),
  parse: noArgs,
  async run({ access, locale }) {
    const self = access.actor.employeeId!;
    try {
      const view = await readRisk(access, { id: self });
      return message([
        ...riskBlocks(locale, view, t(locale, 'command.me.title', { asOf: view.asOf })),
        { type: 'context', text: t(locale, 'command.me.context') },
      ]);
    } catch (err) {
      if (err instanceof NotFoundError) return textReply(t(locale, 'command.notScored'));
      throw err;
    }
  },
});
