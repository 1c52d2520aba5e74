// The employee's own verbs: kudos, contest, export, delete, mute / unmute. Each acts on the caller's own data
// only (no subject to reach), so every role may run them.
import { t } from '../../../core/i18n/index.js';
import { localClock } from '../../../core/time.js';
import { enqueueMessage } from '../../../delivery/enqueue.js';
import { textReply } from '../../inbound/dispatch.js';
import { exportMyData } from '../../privacy/export.js';
import { createExportLink } from '../../privacy/export-link.js';
import { giveKudos } from '../../privacy/kudos.js';
import { setSurveyMute } from '../../privacy/mutes.js';
import { contestScore, requestErasure } from '../../privacy/requests.js';
import { leadingWordsAndText, noArgs, personWord } from '../args.js';
import { message } from '../replies.js';
import { defineVerb, verbHeading } from '../types.js';

export const kudosVerb = defineVerb({
  ...verbHeading('kudos', ['点赞', '感谢'], 'employee'),
  // The words after the name are message text: parsed away and never stored.
  parse: (args: readonly string[]) => ({
    to: personWord(leadingWordsAndText(args, 1, { filler: ['for', '因为'] }).words[0]!),
  }),
  async run({ access, locale, now, platform, db }, { to }) {
    const result = await giveKudos(access, { to, platform, now });
    const giver = await db
      .selectFrom('employees')
      .select('display_name')
      .where('id', '=', access.actor.employeeId!)
      .executeTakeFirstOrThrow();
    if (result.recorded)
      await enqueueMessage(
        db,
        {
          tenantId: access.tenantId,
          recipientEmployeeId: result.to.id,
          kind: 'nudge',
          idempotencyKey: `kudos:${access.actor.employeeId}:${result.to.id}:${now.getTime()}`,
          message: textReply(t(locale, 'command.kudos.received', { name: giver.display_name })),
        },
        { now: () => now },
      );
    return textReply(t(locale, 'command.kudos.done', { name: result.to.name }));
  },
});

export const contestVerb = defineVerb({
  ...verbHeading('contest', ['申诉', '异议'], 'employee'),
  parse: (args: readonly string[]) => ({ note: leadingWordsAndText(args, 0, { textRequired: true }).text }),
  async run({ access, locale, now }, { note }) {
    const outcome = await contestScore(access, note, now);
    return textReply(t(locale, 'command.contest.done', { count: outcome.notified }));
  },
});

/** 'HH:MM' in the tenant's time zone. */
function clockText(instant: Date, timeZone: string): string {
  const { hour, minute } = localClock(instant, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export const exportVerb = defineVerb({
  ...verbHeading('export', ['导出'], 'employee'),
  parse: noArgs,
  async run({ access, locale, now, baseUrl }) {
    const data = await exportMyData(access, now);
    const link = await createExportLink(access, { baseUrl: baseUrl ?? '', now });
    const counts: [string, number][] = [
      [t(locale, 'command.export.identities'), data.identities.length],
      [t(locale, 'command.export.events'), data.signalEvents.length],
      [t(locale, 'command.export.rollups'), data.dailyRollups.length],
      [t(locale, 'command.export.scores'), data.scores.length],
      [t(locale, 'command.export.alerts'), data.alertsAboutMe.length],
      [t(locale, 'command.export.reads'), data.readsOfMyData.length],
    ];
    return message([
      { type: 'header', text: t(locale, 'command.export.title') },
      { type: 'fields', fields: counts.map(([label, n]) => ({ label, value: String(n) })) },
      {
        type: 'text',
        text: t(locale, 'command.export.file', {
          minutes: link.minutes,
          expiresAt: clockText(new Date(link.expiresAt), (await access.tenant()).timezone),
        }),
      },
      { type: 'link', label: t(locale, 'command.export.link'), url: link.url },
    ]);
  },
});

export const deleteVerb = defineVerb({
  ...verbHeading('delete', ['删除'], 'employee'),
  parse: noArgs,
  async run({ access, locale, now }) {
    const outcome = await requestErasure(access, now);
    return textReply(
      t(locale, outcome.existing ? 'command.delete.pending' : 'command.delete.done', { count: outcome.notified }),
    );
  },
});

/** `mute` and `unmute`: the caller's own survey mute, on or off. */
function surveyMuteVerb(name: 'mute' | 'unmute', aliases: readonly string[], muted: boolean) {
  return defineVerb({
    ...verbHeading(name, aliases, 'employee'),
    parse: noArgs,
    async run({ access, locale }) {
      await setSurveyMute(access, muted);
      return textReply(t(locale, `command.${name}.done`));
    },
  });
}

export const muteVerb = surveyMuteVerb('mute', ['免打扰', '静音'], true);
export const unmuteVerb = surveyMuteVerb('unmute', ['取消免打扰', '取消静音'], false);
