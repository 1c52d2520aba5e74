// Pulse-survey storage, rounds: rounds (opened, found, listed, closed for good) and who was invited to them
// (participation: only that someone was asked and answered — never what, never when).
import type { Db } from '../database.js';
import { chunked } from './chunks.js';
import type { SurveyRoundRow } from '../tables/surveys.js';
import type { SurveyMode, SurveyRoundKind } from '../../core/surveys/types.js';

/** Question ids of the tenant's earlier rounds, oldest round first (rotation history). */
export async function askedHistory(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('survey_rounds')
    .select('question_ids')
    .where('tenant_id', '=', tenantId)
    .where('kind', '!=', 'onboarding')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => r.question_ids);
}

export async function insertRound(
  db: Db,
  input: {
    tenantId: string;
    kind: SurveyRoundKind;
    teamId: string | null;
    mode: SurveyMode;
    questionIds: string[];
    openedOn: string;
    reminderOn: string;
    closesOn: string;
    salt: string;
    createdBy: string;
    createdAt: Date;
  },
): Promise<SurveyRoundRow> {
  return db
    .insertInto('survey_rounds')
    .values({
      tenant_id: input.tenantId,
      kind: input.kind,
      team_id: input.teamId,
      mode: input.mode,
      question_ids: JSON.stringify(input.questionIds),
      opened_on: input.openedOn,
      reminder_on: input.reminderOn,
      closes_on: input.closesOn,
      closed_at: null,
      salt: input.salt,
      created_by: input.createdBy,
      created_at: input.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest round for the whole tenant, scheduled or sent by hand (a launch round counts for the cadence). */
export async function lastTenantRound(db: Db, tenantId: string): Promise<SurveyRoundRow | undefined> {
  return db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', 'in', ['scheduled', 'manual'])
    .where('team_id', 'is', null)
    .orderBy('opened_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function openRounds(db: Db, tenantId: string): Promise<SurveyRoundRow[]> {
  return db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('closed_at', 'is', null)
    .orderBy('opened_on')
    .execute();
}

/**
 * Group rounds newest first (closed ones only unless asked otherwise). Onboarding rounds ask one new joiner: they
 * never enter group results or team scores, whatever the anonymity threshold.
 */
export async function recentRounds(
  db: Db,
  tenantId: string,
  options: { limit: number; closedOnly: boolean; openedBy?: string },
): Promise<SurveyRoundRow[]> {
  let query = db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', '!=', 'onboarding');
  if (options.closedOnly) query = query.where('closed_at', 'is not', null);
  if (options.openedBy) query = query.where('opened_on', '<=', options.openedBy);
  return query.orderBy('opened_on', 'desc').orderBy('created_at', 'desc').limit(options.limit).execute();
}

export interface Invitee {
  employeeId: string;
  teamId: string | null;
}

export async function insertParticipation(
  db: Db,
  tenantId: string,
  roundId: string,
  invitees: readonly Invitee[],
): Promise<void> {
  for (let i = 0; i < invitees.length; i += 500) {
    await db
      .insertInto('survey_participation')
      .values(
        invitees.slice(i, i + 500).map((p) => ({
          tenant_id: tenantId,
          round_id: roundId,
          employee_id: p.employeeId,
          team_id: p.teamId,
        })),
      )
      .onConflict((oc) => oc.columns(['round_id', 'employee_id']).doNothing())
      .execute();
  }
}

export async function findParticipation(db: Db, roundId: string, employeeId: string) {
  return db
    .selectFrom('survey_participation')
    .selectAll()
    .where((eb) => eb.and({ round_id: roundId, employee_id: employeeId }))
    .executeTakeFirst();
}

export async function markParticipation(
  db: Db,
  roundId: string,
  employeeId: string,
  set: { answered?: boolean; muted?: boolean; reminded?: boolean },
): Promise<void> {
  await db
    .updateTable('survey_participation')
    .set(set)
    .where((eb) => eb.and({ round_id: roundId, employee_id: employeeId }))
    .execute();
}

export async function participationOf(db: Db, roundId: string) {
  return db.selectFrom('survey_participation').selectAll().where('round_id', '=', roundId).execute();
}

/** The person's latest open round they were invited to (for a comment). */
export async function latestOpenRoundOf(db: Db, tenantId: string, employeeId: string) {
  return db
    .selectFrom('survey_participation')
    .innerJoin('survey_rounds', 'survey_rounds.id', 'survey_participation.round_id')
    .selectAll('survey_rounds')
    .select(['survey_participation.team_id as participant_team_id'])
    .where((eb) =>
      eb.and({ 'survey_participation.tenant_id': tenantId, 'survey_participation.employee_id': employeeId }),
    )
    .where('survey_rounds.closed_at', 'is', null)
    .orderBy('survey_rounds.opened_on', 'desc')
    .orderBy('survey_rounds.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Closes a round for good: erases its salt and every respondent key, and rewrites its answers and comments in a
 * random order so not even the physical row order hints at who answered when.
 */
export async function closeRoundStorage(db: Db, roundId: string, closedAt: Date): Promise<void> {
  const answers = await db
    .deleteFrom('survey_answers')
    .where('round_id', '=', roundId)
    .returning(['tenant_id', 'round_id', 'question_id', 'team_id', 'value', 'pseudonym'])
    .execute();
  const comments = await db
    .deleteFrom('survey_comments')
    .where('round_id', '=', roundId)
    .returning(['tenant_id', 'round_id', 'team_id', 'text', 'pseudonym'])
    .execute();
  for (const chunk of chunked(shuffle(answers), 500))
    await db
      .insertInto('survey_answers')
      .values(chunk.map((a) => ({ ...a, respondent_key: null })))
      .execute();
  for (const chunk of chunked(shuffle(comments), 500))
    await db
      .insertInto('survey_comments')
      .values(chunk.map((c) => ({ ...c, respondent_key: null })))
      .execute();
  await db.updateTable('survey_rounds').set({ closed_at: closedAt, salt: null }).where('id', '=', roundId).execute();
}

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
