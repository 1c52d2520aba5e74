// `digest` / `摘要`: this week's summary (alerts raised and what happened, teams needing attention) for the
// caller's scope — the weekly HR digest on demand.
import { readDigest } from '../../alerts/digest.js';
import { noArgs } from '../args.js';
import { defineVerb, verbHeading } from '../types.js';

export const digestVerb = defineVerb({
  ...verbHeading('digest', ['摘要', '周报'], 'hr'),
  parse: noArgs,
  run: ({ access, now }) => readDigest(access, now),
});
