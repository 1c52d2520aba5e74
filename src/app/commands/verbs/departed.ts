// `departed <person> <reason>` / `离职 <人> <原因>`: records that someone left and why (HR, admin) — a departure
// signal through the one ingestion path (the person becomes `left`; scoring and exit analysis read the reason).
// The reason is one of the tenant's codes (`teampulse report reasons`; the built-in list by default) or its label in
// either locale; free-text notes are not stored.
import { exitReasonCode } from '../../../core/performance/exit-reasons.js';
import { LOCALES, t, tDynamic } from '../../../core/i18n/index.js';
import { exitReasonCodes } from '../../performance/exit-reasons.js';
import { ingestSignals } from '../../signals/ingest.js';
import { words } from '../args.js';
import { message } from '../replies.js';
import { personOf } from '../subjects.js';
import { defineVerb, verbHeading, UsageError } from '../types.js';

function reasonOf(typed: string, codes: readonly string[]): string {
  const code = exitReasonCode(typed, codes);
  if (code !== undefined) return code;
  const lower = typed.toLowerCase();
  for (const candidate of codes)
    if (LOCALES.some((locale) => tDynamic(locale, `exit.reason.${candidate}`).toLowerCase() === lower))
      return candidate;
  throw new UsageError();
}

export const departedVerb = defineVerb({
  ...verbHeading('departed', ['离职'], 'hr'),
  parse: (args: readonly string[]) => {
    const [person, reason] = words(args, 2, 2);
    return { person: person!, reason: reason! };
  },
  async run(ctx, { person: typed, reason: typedReason }) {
    const { access, locale, now } = ctx;
    access.require('signals.write');
    const reason = reasonOf(typedReason, await exitReasonCodes(access.db, access.tenantId));
    const person = await personOf(ctx, typed, 'signals');
    const result = await ingestSignals(access.db, {
      tenantId: access.tenantId,
      source: 'chat',
      now,
      people: await access.peopleFilter('signals'),
      events: [
        {
          type: 'departure',
          id: `departed:${person.id}`,
          source: 'chat',
          actor: { kind: 'external', id: person.external_id },
          occurredAt: now,
          reason,
          reasonCode: reason,
        },
      ],
    });
    await access.audit('employee.departed', { type: 'employee', id: person.id }, { reason, stored: result.accepted });
    const label = tDynamic(locale, `exit.reason.${reason}`);
    return message([
      {
        type: 'text',
        text: t(locale, result.accepted ? 'command.departed.done' : 'command.departed.already', {
          name: person.display_name,
          reason: label,
        }),
      },
    ]);
  },
});
