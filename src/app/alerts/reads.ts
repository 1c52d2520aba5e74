// HR's list of alerts raised (with the feedback given on each), access-checked and audited.
import type { FeedbackValue } from '../../core/alerts/index.js';
import type { Access } from '../access/index.js';
import { feedbackForAlerts, listAlerts } from '../../storage/repositories/alerts.js';
import type { AlertRow } from '../../storage/tables/alerts.js';

export interface AlertQuery {
  kind?: AlertRow['kind'];
  /** Only alerts created at or after this instant. */
  since?: Date;
  limit: number;
}

type Nullable<T> = T | null;

export interface AlertView {
  id: string;
  kind: AlertRow['kind'];
  subject: { type: 'employee' | 'team'; id: string; externalId: Nullable<string>; name: Nullable<string> };
  level: string;
  score: Nullable<number>;
  reasons: { code: string; params: Record<string, string | number>; contribution: number }[];
  asOf: string;
  trigger: string;
  recipient: Nullable<{ id: string; externalId: Nullable<string>; name: Nullable<string> }>;
  routedVia: AlertRow['routed_via'];
  outboxId: Nullable<string>;
  createdAt: string;
  snoozedUntil: Nullable<string>;
  feedback: { value: FeedbackValue; at: string; by: Nullable<{ id: string; externalId: Nullable<string> }> }[];
}

/** Alerts about people and teams within the caller's sub-trees, newest first; one audit row per person shown. */
export async function browseAlerts(access: Access, query: AlertQuery): Promise<{ alerts: AlertView[] }> {
  access.require('alerts.list');
  const area = await access.areaTeams();
  const rows = await listAlerts(access.db, access.tenantId, {
    kind: query.kind,
    since: query.since,
    limit: query.limit,
    teamIds: area ? [...area] : undefined,
    people: area ? await access.peopleFilter('alerts') : undefined,
  });
  const feedback = await feedbackForAlerts(
    access.db,
    access.tenantId,
    rows.map((r) => r.id),
  );
  // Listing alerts reads individuals' risk: one audit row per person shown.
  const people = [...new Set(rows.map((r) => r.subject_employee_id).filter((id): id is string => id !== null))];
  for (const employeeId of people) await access.audit('alerts.list', { type: 'employee', id: employeeId });
  return {
    alerts: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      subject: {
        type: row.subject_employee_id ? ('employee' as const) : ('team' as const),
        id: (row.subject_employee_id ?? row.subject_team_id)!,
        externalId: row.subject_external_id,
        name: row.subject_name,
      },
      level: row.level,
      score: row.score,
      reasons: Array.isArray(row.reasons) ? (row.reasons as AlertView['reasons']) : [],
      asOf: row.as_of,
      trigger: row.trigger,
      recipient: row.recipient_employee_id
        ? { id: row.recipient_employee_id, externalId: row.recipient_external_id, name: row.recipient_name }
        : null,
      routedVia: row.routed_via,
      outboxId: row.outbox_id,
      createdAt: new Date(row.created_at).toISOString(),
      snoozedUntil: row.snoozed_until ? new Date(row.snoozed_until).toISOString() : null,
      feedback: feedback
        .filter((f) => f.alert_id === row.id)
        .map((f) => ({
          value: f.value as FeedbackValue,
          at: new Date(f.at).toISOString(),
          by: f.employee_id ? { id: f.employee_id, externalId: f.employee_external_id } : null,
        })),
    })),
  };
}
