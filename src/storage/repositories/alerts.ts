// Alerts (one row per recipient of an escalation) and the feedback given on them.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import { inPeopleScope, type PeopleScope } from './reach.js';
import type { AlertRow, AlertsTable } from '../tables/alerts.js';
import type { Insertable } from 'kysely';

export type NewAlert = Omit<Insertable<AlertsTable>, 'reasons'> & { reasons: unknown };

/** Inserts an alert; when the same escalation for the same recipient already exists, returns that row instead. */
export async function insertAlert(db: Db, alert: NewAlert): Promise<{ row: AlertRow; created: boolean }> {
  const inserted = await db
    .insertInto('alerts')
    .values({ ...alert, reasons: JSON.stringify(alert.reasons) })
    // The unique index is on expressions (coalesce), so no conflict target: any duplicate is a no-op.
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const subjectId = alert.subject_employee_id ?? alert.subject_team_id ?? null;
  const existing = await db
    .selectFrom('alerts')
    .selectAll()
    .where((eb) => eb.and({ tenant_id: alert.tenant_id, kind: alert.kind }))
    .where(sql<string>`coalesce(subject_employee_id, subject_team_id)`, '=', subjectId)
    .where('as_of', '=', alert.as_of)
    .where((eb) =>
      alert.recipient_employee_id
        ? eb('recipient_employee_id', '=', alert.recipient_employee_id)
        : eb('recipient_employee_id', 'is', null),
    )
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

export async function setAlertOutbox(db: Db, alertId: string, outboxId: string): Promise<void> {
  await db.updateTable('alerts').set({ outbox_id: outboxId }).where('id', '=', alertId).execute();
}

export interface LastAlert {
  subjectId: string;
  asOf: string;
  level: string;
  score: number | null;
  snoozedUntil: Date | null;
}

/**
 * The most recent escalation per subject (kind 'risk' or 'team_warning') within `sinceDay`, with the latest snooze
 * any of its recipients pressed. Older alerts no longer influence the policy (cooldown and snoozes are weeks).
 */
export async function lastAlertsBySubject(
  db: Db,
  tenantId: string,
  kind: AlertRow['kind'],
  sinceDay: string,
): Promise<Map<string, LastAlert>> {
  const rows = await db
    .selectFrom('alerts')
    .select([
      sql<string>`coalesce(subject_employee_id, subject_team_id)`.as('subject_id'),
      'as_of',
      'level',
      'score',
      (eb) => eb.fn.max('snoozed_until').as('snoozed_until'),
    ])
    .where((eb) => eb.and({ tenant_id: tenantId, kind }))
    .where('as_of', '>=', sinceDay)
    .groupBy([sql`coalesce(subject_employee_id, subject_team_id)`, 'as_of', 'level', 'score'])
    .orderBy('as_of', 'desc')
    .execute();
  const out = new Map<string, LastAlert>();
  for (const row of rows) {
    if (out.has(row.subject_id)) continue;
    const snoozed = row.snoozed_until as Date | string | null;
    out.set(row.subject_id, {
      subjectId: row.subject_id,
      asOf: row.as_of,
      level: row.level,
      score: row.score,
      snoozedUntil: snoozed === null ? null : new Date(snoozed),
    });
  }
  return out;
}

export interface FeedbackInput {
  tenantId: string;
  alertId: string;
  employeeId: string | null;
  value: 'done' | 'one_on_one' | 'snooze' | 'not_accurate';
  source: 'chat' | 'api';
  /** Set on the alert when value is 'snooze'. */
  snoozedUntil?: Date | undefined;
}

/** Records one piece of feedback (every press is kept: ground truth for precision) and applies a snooze. */
export async function recordFeedback(db: Db, input: FeedbackInput): Promise<{ id: string; at: Date }> {
  const row = await db
    .insertInto('alert_feedback')
    .values({
      tenant_id: input.tenantId,
      alert_id: input.alertId,
      employee_id: input.employeeId,
      value: input.value,
      source: input.source,
    })
    .returning(['id', 'at'])
    .executeTakeFirstOrThrow();
  if (input.value === 'snooze' && input.snoozedUntil) {
    await db
      .updateTable('alerts')
      .set({ snoozed_until: input.snoozedUntil })
      .where((eb) => eb.and({ tenant_id: input.tenantId, id: input.alertId }))
      .execute();
  }
  return row;
}

export interface AlertListFilter {
  kind?: AlertRow['kind'] | undefined;
  /** Only alerts created at or after this instant. */
  since?: Date | undefined;
  limit: number;
  /** Only alerts whose subject belongs to one of these teams (tokens scoped to a sub-tree). */
  teamIds?: readonly string[] | undefined;
  /**
   * With teamIds: alerts about a person are kept when the person is in this scope (a legal entity's HR reaches
   * people by their entity, not by team); alerts about a team when the team is in teamIds.
   */
  people?: PeopleScope | undefined;
  /** Only alerts sent to this person (a manager's own alerts). */
  recipientEmployeeId?: string | undefined;
}

export interface AlertListItem extends AlertRow {
  /** The team the subject belongs to (the employee's team, or the team itself). */
  subject_scope_team_id: string | null;
  subject_external_id: string | null;
  subject_name: string | null;
  recipient_external_id: string | null;
  recipient_name: string | null;
}

export async function listAlerts(db: Db, tenantId: string, filter: AlertListFilter): Promise<AlertListItem[]> {
  let query = db
    .selectFrom('alerts as a')
    .leftJoin('employees as se', 'se.id', 'a.subject_employee_id')
    .leftJoin('teams as st', 'st.id', 'a.subject_team_id')
    .leftJoin('employees as r', 'r.id', 'a.recipient_employee_id')
    .selectAll('a')
    .select([
      sql<string | null>`coalesce(se.team_id, st.id)`.as('subject_scope_team_id'),
      sql<string | null>`coalesce(se.external_id, st.external_id)`.as('subject_external_id'),
      sql<string | null>`coalesce(se.display_name, st.name)`.as('subject_name'),
      'r.external_id as recipient_external_id',
      'r.display_name as recipient_name',
    ])
    .where('a.tenant_id', '=', tenantId);
  if (filter.kind) query = query.where('a.kind', '=', filter.kind);
  if (filter.since) query = query.where('a.created_at', '>=', filter.since);
  if (filter.recipientEmployeeId) query = query.where('a.recipient_employee_id', '=', filter.recipientEmployeeId);
  if (filter.teamIds && filter.people) {
    const teams = [...filter.teamIds];
    const people = inPeopleScope(filter.people, 'se.team_id', 'se.id');
    query = query.where(
      sql<boolean>`((a.subject_employee_id is null and st.id = any(${teams}::uuid[]))
        or (a.subject_employee_id is not null and ${people}))`,
    );
  } else if (filter.teamIds) {
    if (filter.teamIds.length === 0) return [];
    query = query.where(sql<string>`coalesce(se.team_id, st.id)`, 'in', filter.teamIds);
  }
  return query.orderBy('a.created_at', 'desc').orderBy('a.id').limit(filter.limit).execute();
}

export async function feedbackForAlerts(
  db: Db,
  tenantId: string,
  alertIds: readonly string[],
): Promise<
  Array<{ alert_id: string; value: string; at: Date; employee_id: string | null; employee_external_id: string | null }>
> {
  if (alertIds.length === 0) return [];
  return db
    .selectFrom('alert_feedback as f')
    .leftJoin('employees as e', 'e.id', 'f.employee_id')
    .select(['f.alert_id', 'f.value', 'f.at', 'f.employee_id', 'e.external_id as employee_external_id'])
    .where('f.tenant_id', '=', tenantId)
    .where('f.alert_id', 'in', alertIds)
    .orderBy('f.at')
    .execute();
}
