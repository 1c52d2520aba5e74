// Survey rounds: open one (on the tenant's cadence, or now with `survey send`), invite the active people of the
// tenant or of a team's sub-tree and send each their first question, remind once on the round's 3rd working day
// whoever has neither answered nor muted, and close rounds after their last day (erasing the respondent keys).
import { randomBytes } from 'node:crypto';
import { localDay } from '../../core/time.js';
import type { Locale } from '../../core/i18n/index.js';
import { nextAllowedTime, workingHoursFromSettings, type WorkingHours } from '../../core/alerts/quiet-hours.js';
import type { Tenant } from '../../storage/tables/directory.js';
import {
  effectiveThresholds,
  isPastClose,
  isRoundDue,
  pickRoundQuestions,
  questionMessage,
  roundDates,
  shouldRemind,
  ONBOARDING_KEY_PREFIX,
  type SurveyMode,
  type SurveyRoundKind,
} from '../../core/surveys/index.js';
import type { Db } from '../../storage/database.js';
import type { SurveyQuestionRow, SurveyRoundRow } from '../../storage/tables/surveys.js';
import { subtreesOf } from '../../storage/repositories/reach.js';
import { findTenantById } from '../../storage/repositories/tenants.js';
import {
  askedHistory,
  closeRoundStorage,
  insertParticipation,
  insertRound,
  lastTenantRound,
  markParticipation,
  openRounds,
  participationOf,
} from '../../storage/repositories/survey-rounds.js';
import {
  listQuestionRows,
  loadSurveySettings,
  questionsByIds,
  type SurveySettings,
} from '../../storage/repositories/survey-bank.js';
import { enqueueMessage } from '../../delivery/enqueue.js';
import { tenantCalendar } from '../calendar/tenant-calendar.js';
import type { Access } from '../access/index.js';
import { ConflictError } from '../errors.js';
import { ensureQuestionBank } from './bank.js';

export interface SurveyDeps {
  db: Db;
  now?: () => Date;
}

export interface RoundSummary {
  roundId: string;
  kind: SurveyRoundKind;
  mode: 'anonymous' | 'confidential';
  teamId: string | null;
  openedOn: string;
  reminderOn: string;
  closesOn: string;
  questions: number;
  invited: number;
}

const summaryOf = (round: SurveyRoundRow, invited: number): RoundSummary => ({
  roundId: round.id,
  kind: round.kind,
  mode: round.mode,
  teamId: round.team_id,
  openedOn: round.opened_on,
  reminderOn: round.reminder_on,
  closesOn: round.closes_on,
  questions: round.question_ids.length,
  invited,
});

export interface TenantRow {
  id: string;
  locale: Locale;
  timezone: string;
  /**
   * tenants.quiet_hours AND the service-wide switch (config.quietHours, TEAMPULSE_QUIET_HOURS): questions, next
   * questions and reminders wait for the tenant's working hours only when both are on.
   */
  quietHours: boolean;
  workingHours: WorkingHours;
}

/** `serviceQuietHours` is config.quietHours, passed in from the composition root. */
export const tenantRowOf = (tenant: Tenant, serviceQuietHours: boolean): TenantRow => ({
  id: tenant.id,
  locale: tenant.locale,
  timezone: tenant.timezone,
  quietHours: tenant.quiet_hours && serviceQuietHours,
  workingHours: workingHoursFromSettings(tenant.settings),
});

async function requireTenantRow(db: Db, tenantId: string, serviceQuietHours: boolean): Promise<TenantRow> {
  const tenant = await findTenantById(db, tenantId);
  if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
  return tenantRowOf(tenant, serviceQuietHours);
}

/** The text of a question in a locale. */
export const questionText = (question: SurveyQuestionRow, locale: Locale): string =>
  locale === 'zh-CN' ? question.text_zh : question.text_en;

/** The message of the n-th question of a round for one person (idempotent per person, round and question). */
export async function enqueueQuestion(
  db: Db,
  input: {
    tenant: TenantRow;
    round: SurveyRoundRow;
    question: SurveyQuestionRow;
    employeeId: string;
    settings: SurveySettings;
    reminder?: boolean;
    now: Date;
  },
): Promise<void> {
  const { round, question, tenant } = input;
  const n = round.question_ids.indexOf(question.id) + 1;
  await enqueueMessage(
    db,
    {
      tenantId: tenant.id,
      recipientEmployeeId: input.employeeId,
      kind: 'survey',
      idempotencyKey: input.reminder
        ? `survey:${round.id}:${input.employeeId}:reminder`
        : `survey:${round.id}:${input.employeeId}:q:${question.id}`,
      notBefore: nextAllowedTime(input.now, {
        enabled: tenant.quietHours,
        timeZone: tenant.timezone,
        workingHours: tenant.workingHours,
      }),
      message: questionMessage({
        locale: tenant.locale,
        roundId: round.id,
        questionId: question.id,
        text: questionText(question, tenant.locale),
        scale: question.scale,
        mode: round.mode,
        n,
        total: round.question_ids.length,
        closesOn: round.closes_on,
        minRespondents: effectiveThresholds(input.settings).minRespondents,
        ...(input.reminder ? { reminder: true } : {}),
        ...(round.kind === 'onboarding' ? { onboarding: true } : {}),
      }),
    },
    { now: () => input.now },
  );
}

export interface OpenRoundInput {
  tenantId: string;
  kind: SurveyRoundKind;
  /** Only this team's sub-tree; undefined ⇒ every active person of the tenant. */
  teamId?: string;
  /** Only these people (onboarding pulses); overrides teamId. */
  employeeIds?: readonly string[];
  /** These questions instead of the next of the rotation (an onboarding pulse's set). */
  questionIds?: readonly string[];
  /** This mode instead of the tenant's setting (onboarding rounds are anonymous). */
  mode?: SurveyMode;
  createdBy: string;
  now: Date;
  /** config.quietHours: false turns quiet hours off service-wide (the tenant's own setting applies as well). */
  quietHours: boolean;
}

/** Opens a round: picks the next questions of the rotation, invites the people, sends each their first question. */
export async function openRound(db: Db, input: OpenRoundInput): Promise<RoundSummary> {
  const tenant = await requireTenantRow(db, input.tenantId, input.quietHours);
  const settings = await loadSurveySettings(db, tenant.id);
  await ensureQuestionBank(db, tenant.id);
  // Onboarding questions are asked only in onboarding rounds, never in the rotation.
  const active = (await listQuestionRows(db, tenant.id)).filter((q) => !q.key.startsWith(ONBOARDING_KEY_PREFIX));
  const questionIds = input.questionIds
    ? [...input.questionIds]
    : pickRoundQuestions(
        active.map((q) => ({ id: q.id, driver: q.driver, position: q.position })),
        await askedHistory(db, tenant.id),
        settings.questionsPerRound,
      );
  if (questionIds.length === 0) throw new ConflictError('the question bank has no active question');
  const today = localDay(input.now, tenant.timezone);
  const calendar = await tenantCalendar(db, tenant.id, today, `${Number(today.slice(0, 4)) + 1}-12-31`);
  const dates = roundDates(calendar, today, settings.cadence);

  let people = db
    .selectFrom('employees')
    .select(['id', 'team_id'])
    .where((eb) => eb.and({ tenant_id: tenant.id, status: 'active' }))
    // People who opted out of surveys altogether (`mute`, survey_mutes of migration 0014) are not invited.
    .where('id', 'not in', db.selectFrom('survey_mutes').select('employee_id').where('tenant_id', '=', tenant.id));
  if (input.employeeIds) people = people.where('id', 'in', input.employeeIds.length ? [...input.employeeIds] : ['']);
  else if (input.teamId) people = people.where('team_id', 'in', await subtreesOf(db, tenant.id, [input.teamId]));
  const invitees = (await people.orderBy('id').execute()).map((p) => ({ employeeId: p.id, teamId: p.team_id }));

  const round = await insertRound(db, {
    tenantId: tenant.id,
    kind: input.kind,
    teamId: input.employeeIds ? null : (input.teamId ?? null),
    mode: input.mode ?? settings.mode,
    questionIds,
    openedOn: dates.openedOn,
    reminderOn: dates.reminderOn,
    closesOn: dates.closesOn,
    salt: randomBytes(32).toString('hex'),
    createdBy: input.createdBy,
    createdAt: input.now,
  });
  await insertParticipation(db, tenant.id, round.id, invitees);
  const [first] = await questionsByIds(db, tenant.id, [questionIds[0]!]);
  for (const person of invitees)
    await enqueueQuestion(db, {
      tenant,
      round,
      question: first!,
      employeeId: person.employeeId,
      settings,
      now: input.now,
    });
  return summaryOf(round, invitees.length);
}

/** `teampulse survey send`: a round now, outside the cadence, for the tenant or a team's sub-tree within reach. */
export async function startRound(
  access: Access,
  input: { team?: string; now: Date; /** config.quietHours */ quietHours: boolean },
): Promise<RoundSummary> {
  access.require('surveys.send');
  const team = input.team ? await access.team(input.team, 'structure', 'team') : undefined;
  if (!team && access.actor.teams !== null)
    throw new ConflictError('a caller limited to team sub-trees must name one of its teams');
  const summary = await openRound(access.db, {
    tenantId: access.tenantId,
    kind: 'manual',
    ...(team ? { teamId: team.id } : {}),
    createdBy: access.actor.name,
    now: input.now,
    quietHours: input.quietHours,
  });
  await access.audit('survey.send', team ? { type: 'team', id: team.id } : { type: 'tenant', id: access.tenantId }, {
    roundId: summary.roundId,
    invited: summary.invited,
    mode: summary.mode,
  });
  return summary;
}

/** Closes every open round of the tenant whose last day is before `today` (tenant-local). */
export async function closeDueRounds(db: Db, tenantId: string, now: Date): Promise<number> {
  const tenant = await findTenantById(db, tenantId);
  if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
  const today = localDay(now, tenant.timezone);
  let closed = 0;
  for (const round of await openRounds(db, tenantId)) {
    if (!isPastClose(round.closes_on, today)) continue;
    await closeRound(db, round.id, now);
    closed += 1;
  }
  return closed;
}

export async function closeRound(db: Db, roundId: string, now: Date): Promise<void> {
  await (db.isTransaction
    ? closeRoundStorage(db, roundId, now)
    : db.transaction().execute((trx) => closeRoundStorage(trx, roundId, now)));
}

/** Sends the one reminder of each open round to whoever is due for it (see shouldRemind). */
export async function sendDueReminders(
  db: Db,
  tenantId: string,
  now: Date,
  options: SurveyDayOptions,
): Promise<number> {
  const tenant = await requireTenantRow(db, tenantId, options.quietHours);
  const settings = await loadSurveySettings(db, tenantId);
  const today = localDay(now, tenant.timezone);
  const rounds = await openRounds(db, tenantId);
  if (rounds.length === 0) return 0;
  const calendar = await tenantCalendar(db, tenantId, rounds[0]!.opened_on, `${Number(today.slice(0, 4)) + 1}-12-31`);
  let sent = 0;
  for (const round of rounds) {
    const [first] = await questionsByIds(db, tenantId, [round.question_ids[0]!]);
    if (!first) continue;
    for (const person of await participationOf(db, round.id)) {
      const due = shouldRemind(
        person,
        { reminderOn: round.reminder_on, closesOn: round.closes_on, closed: round.closed_at !== null },
        today,
        calendar,
      );
      if (!due) continue;
      await enqueueQuestion(db, {
        tenant,
        round,
        question: first,
        employeeId: person.employee_id,
        settings,
        reminder: true,
        now,
      });
      await markParticipation(db, round.id, person.employee_id, { reminded: true });
      sent += 1;
    }
  }
  return sent;
}

export interface SurveyDayOptions {
  /** config.quietHours: false turns quiet hours off service-wide (the tenant's own setting applies as well). */
  quietHours: boolean;
}

export interface SurveyDayResult {
  closed: number;
  opened: RoundSummary | null;
  reminded: number;
}

/**
 * The daily survey job of one tenant (at its local send time): close finished rounds, open the scheduled round if
 * the cadence says one is due today (a working day of the tenant's calendar), send due reminders.
 */
export async function runSurveyDay(
  db: Db,
  tenantId: string,
  now: Date,
  options: SurveyDayOptions,
): Promise<SurveyDayResult> {
  const closed = await closeDueRounds(db, tenantId, now);
  const settings = await loadSurveySettings(db, tenantId);
  let opened: RoundSummary | null = null;
  if (settings.enabled) {
    const tenant = await requireTenantRow(db, tenantId, options.quietHours);
    const today = localDay(now, tenant.timezone);
    const calendar = await tenantCalendar(db, tenantId, today, today);
    const last = await lastTenantRound(db, tenantId);
    if (isRoundDue({ cadence: settings.cadence, today, calendar, lastScheduledOpenedOn: last?.opened_on ?? null }))
      opened = await openRound(db, {
        tenantId,
        kind: 'scheduled',
        createdBy: 'system',
        now,
        quietHours: options.quietHours,
      });
  }
  const reminded = await sendDueReminders(db, tenantId, now, options);
  return { closed, opened, reminded };
}

/** `teampulse survey close`: closes every open round of the tenant now (e.g. to show a demo's results at once). */
export async function closeOpenRounds(access: Access, now: Date): Promise<number> {
  access.require('surveys.manage');
  const rounds = await openRounds(access.db, access.tenantId);
  for (const round of rounds) await closeRound(access.db, round.id, now);
  await access.audit('survey.close', { type: 'tenant', id: access.tenantId }, { rounds: rounds.map((r) => r.id) });
  return rounds.length;
}
