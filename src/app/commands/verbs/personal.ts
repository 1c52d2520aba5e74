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
import { defineVerb } from '../types.js';

export const kudosVerb = defineVerb({
  name: 'kudos',
  aliases: ['点赞', '感谢'],
  minimum: 'employee',
  summaryKey: 'command.kudos.summary',
  usageKey: 'command.kudos.usage',
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
  name: 'contest',
  aliases: ['申诉', '异议'],
  minimum: 'employee',
  summaryKey: 'command.contest.summary',
  usageKey: 'command.contest.usage',
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
  name: 'export',
  aliases: ['导出'],
  minimum: 'employee',
  summaryKey: 'command.export.summary',
  usageKey: 'command.export.usage',
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
  name: 'delete',
  aliases: ['删除'],
  minimum: 'employee',
  summaryKey: 'command.delete.summary',
  usageKey: 'command.delete.usage',
  parse: noArgs,
  async run({ access, locale, now }) {
    const outcome = await requestErasure(access, now);
    return textReply(
      t(locale, outcome.existing ? 'command.delete.pending' : 'command.delete.done', { count: outcome.notified }),
    );
  },
});

export const muteVerb = defineVerb({
  name: 'mute',
  aliases: ['免打扰', '静音'],
  minimum: 'employee',
  summaryKey: 'command.mute.summary',
  usageKey: 'command.mute.usage',
  parse: noArgs,
  async run({ access, locale }) {
    await setSurveyMute(access, true);
    return textReply(t(locale, 'command.mute.done'));
  },
});

export const unmuteVerb = defineVerb({
  name: 'unmute',
  aliases: ['取消免打扰', '取消静音'],
  minimum: 'employee',
  summaryKey: 'command.unmute.summary',
  usageKey: 'command.unmute.usage',
  parse: noArgs,
  async run({ access, locale }) {
    await setSurveyMute(access, false);
    return textReply(t(locale, 'command.unmute.done'));
  },
});
