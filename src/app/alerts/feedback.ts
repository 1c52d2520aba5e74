// Feedback on an alert (done / 1:1 scheduled / snooze 2 weeks / not accurate), from a chat button or the API.
// Every press is kept — it is the ground truth for measuring the alerts' precision later. Snooze holds back
// re-alerts for the subject for two weeks.
import { FEEDBACK_VALUES, parseFeedbackValue, snoozeUntil, type FeedbackValue } from '../../core/alerts/index.js';
import { t } from '../../core/i18n/index.js';
import type { Db } from '../../storage/database.js';
import { findAlert, recordFeedback } from '../../storage/repositories/alerts.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { isUuid } from '../../storage/repositories/refs.js';
import type { AlertRow } from '../../storage/tables/alerts.js';
import { textReply, type InboundDispatcher } from '../inbound/dispatch.js';
import type { InboundDeps } from '../inbound/handlers.js';
import { ForbiddenError, InvalidInputError, NotFoundError, notFound } from '../errors.js';

const feedbackNotAllowed = () => new ForbiddenError('only the alert’s recipient or HR can give feedback on it');

export interface FeedbackRequest {
  tenantId: string;
  alertId: string;
  value: FeedbackValue;
  /** Who gives it (null for an HR API token without an employee). */
  employeeId: string | null;
  source: 'chat' | 'api';
  /** true when the caller is HR/admin (may answer for any alert of the tenant, or of its scope). */
  privileged: boolean;
  /** A caller scoped to a team sub-tree: privileged only for subjects inside it. */
  scopeTeamIds?: readonly string[];
  now: Date;
  actor: string;
}

export interface FeedbackOutcome {
  alert: AlertRow;
  feedbackId: string;
  value: FeedbackValue;
  snoozedUntil: Date | null;
  at: Date;
}

export async function giveAlertFeedback(db: Db, request: FeedbackRequest): Promise<FeedbackOutcome> {
  if (!FEEDBACK_VALUES.includes(request.value))
    throw new InvalidInputError('unknown feedback value', [
      { path: '/value', message: `must be one of ${FEEDBACK_VALUES.join(', ')}` },
    ]);
  const alert = isUuid(request.alertId) ? await findAlert(db, request.tenantId, request.alertId) : undefined;
  if (!alert) throw notFound('alert', request.alertId, 'id');
  const isRecipient = request.employeeId !== null && request.employeeId === alert.recipient_employee_id;
  if (!isRecipient) {
    if (!request.privileged) throw feedbackNotAllowed();
    if (request.scopeTeamIds && !request.scopeTeamIds.includes((await subjectTeamOf(db, alert)) ?? ''))
      throw notFound('alert', request.alertId, 'id');
  }
  const snoozedUntil = request.value === 'snooze' ? snoozeUntil(request.now) : null;
  const saved = await recordFeedback(db, {
    tenantId: request.tenantId,
    alertId: alert.id,
    employeeId: request.employeeId,
    value: request.value,
    source: request.source,
    snoozedUntil: snoozedUntil ?? undefined,
  });
  await recordAudit(db, {
    tenantId: request.tenantId,
    actor: request.actor,
    action: 'alert.feedback',
    subjectType: alert.kind === 'risk' ? 'employee' : 'team',
    subjectId: alert.subject_employee_id ?? alert.subject_team_id ?? undefined,
    details: { alertId: alert.id, value: request.value, source: request.source },
  });
  return {
    alert: { ...alert, snoozed_until: snoozedUntil ?? alert.snoozed_until },
    feedbackId: saved.id,
    value: request.value,
    snoozedUntil,
    at: saved.at,
  };
}

async function subjectTeamOf(db: Db, alert: AlertRow): Promise<string | null> {
  if (alert.subject_team_id) return alert.subject_team_id;
  if (!alert.subject_employee_id) return null;
  const row = await db
    .selectFrom('employees')
    .select('team_id')
    .where('id', '=', alert.subject_employee_id)
    .executeTakeFirst();
  return row?.team_id ?? null;
}

/** Is this employee an HR contact or admin of the tenant (any scope)? */
async function isHr(db: Db, tenantId: string, employeeId: string): Promise<boolean> {
  const grant = await db
    .selectFrom('role_grants')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .where('role', 'in', ['hr', 'admin'])
    .executeTakeFirst();
  return grant !== undefined;
}

/** The `alert.feedback` button handler (value `<alertId>:<value>`), registered with the inbound dispatcher. */
export function registerAlertFeedback(dispatcher: InboundDispatcher, deps: InboundDeps): void {
  dispatcher.onAction('alert.feedback', async (event, ctx) => {
    const parsed = parseFeedbackValue(event.value);
    if (!parsed) return { reply: textReply(t(ctx.locale, 'alerts.feedback.unknownAlert')) };
    try {
      const privileged = ctx.employeeId ? await isHr(deps.db, ctx.tenantId, ctx.employeeId) : false;
      const outcome = await giveAlertFeedback(deps.db, {
        tenantId: ctx.tenantId,
        alertId: parsed.alertId,
        value: parsed.value,
        employeeId: ctx.employeeId ?? null,
        source: 'chat',
        privileged,
        now: ctx.now,
        actor: ctx.employeeId ? `employee:${ctx.employeeId}` : `${ctx.platform}:unknown`,
      });
      return {
        reply: textReply(
          t(ctx.locale, 'alerts.feedback.recorded', { value: t(ctx.locale, `alerts.feedback.${outcome.value}`) }),
        ),
      };
    } catch (error) {
      if (error instanceof NotFoundError) return { reply: textReply(t(ctx.locale, 'alerts.feedback.unknownAlert')) };
      if (error instanceof ForbiddenError) return { reply: textReply(t(ctx.locale, 'alerts.feedback.notYours')) };
      throw error;
    }
  });
}
