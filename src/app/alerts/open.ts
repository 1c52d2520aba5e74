// The alerts still waiting for someone to act: for a manager the ones sent to them, for HR those about people and
// teams in their reach. "Open" = raised in the last 30 days and nobody has answered it yet. Listing them reads
// individuals' risk: one audit row per person shown.
import { isIndividualSurveyReason, type AlertReason } from '../../core/alerts/index.js';
import { atLeast, fieldViewOf, fieldVisible, type Access, type FieldView } from '../access/index.js';
import { feedbackForAlerts, listAlerts, type AlertListItem } from '../../storage/repositories/alerts.js';

const OPEN_DAYS = 30;

export interface OpenAlert {
  id: string;
  kind: AlertListItem['kind'];
  subjectName: string | null;
  subjectExternalId: string | null;
  level: string;
  score: number | null;
  asOf: string;
  reasons: AlertReason[];
}

export async function openAlerts(access: Access, query: { now: Date; limit: number }): Promise<OpenAlert[]> {
  access.require('alerts.feedback');
  const since = new Date(query.now.getTime() - OPEN_DAYS * 86_400_000);
  const hrLike = atLeast(access.actor.role, 'hr');
  const area = hrLike ? await access.areaTeams() : undefined;
  const rows = await listAlerts(access.db, access.tenantId, {
    since,
    limit: query.limit * 4,
    ...(hrLike
      ? area
        ? { teamIds: [...area], people: await access.peopleFilter('alerts') }
        : {}
      : { recipientEmployeeId: access.actor.employeeId ?? '00000000-0000-0000-0000-000000000000' }),
  });
  const answered = new Set(
    (
      await feedbackForAlerts(
        access.db,
        access.tenantId,
        rows.map((r) => r.id),
      )
    ).map((f) => f.alert_id),
  );
  const open = rows.filter((r) => !answered.has(r.id)).slice(0, query.limit);
  const fields = new Map<string, FieldView>();
  for (const id of new Set(open.map((r) => r.subject_employee_id).filter((x): x is string => x !== null))) {
    await access.audit('alerts.open.read', { type: 'employee', id });
    fields.set(id, await fieldViewOf(access, id));
  }
  return open.map((r) => ({
    id: r.id,
    kind: r.kind,
    subjectName: r.subject_name,
    subjectExternalId: r.subject_external_id,
    level: r.level,
    score: r.score,
    asOf: r.as_of,
    // Individual survey answers never reach anyone else (the alert message drops them the same way), and
    // field-level rules apply as on every read of a person's reasons.
    reasons: (Array.isArray(r.reasons) ? (r.reasons as AlertReason[]) : []).filter(
      (reason) =>
        !isIndividualSurveyReason(reason) &&
        (r.subject_employee_id === null || fieldVisible(fields.get(r.subject_employee_id)!, reason.code)),
    ),
  }));
}
