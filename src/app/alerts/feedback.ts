// Feedback on an alert (done / 1:1 scheduled / snooze 2 weeks / not accurate), from a chat button or the API.
// Every press is kept — it is the ground truth for measuring the alerts' precision later. Snooze holds back
// re-alerts for the subject for two weeks.
import { FEEDBACK_VALUES, parseFeedbackValue, snoozeUntil, type FeedbackValue } from '../../core/alerts/index.js';
import { t } from '../../core/i18n/index.js';
import { recordFeedback } from '../../storage/repositories/alerts.js';
import { Access, atLeast, personActor } from '../access/index.js';
import { findTenantRow } from '../../storage/repositories/rows.js';
import type { AlertRow } from '../../storage/tables/alerts.js';
import { textReply, type InboundDispatcher } from '../inbound/dispatch.js';
import type { InboundDeps } from '../inbound/handlers.js';
import { ForbiddenError, InvalidInputError, NotFoundError, notFound } from '../errors.js';

const feedbackNotAllowed = () => new ForbiddenError('only the alert’s recipient or HR can give feedback on it');

export interface FeedbackRequest {
  alertId: string;
  value: FeedbackValue;
  source: 'chat' | 'api';
  now: Date;
}

export interface FeedbackOutcome {
  alert: AlertRow;
  feedbackId: string;
  value: FeedbackValue;
  snoozedUntil: Date | null;
  at: Date;
}

/**
 * The recipient answers their alert; HR and admins answer any alert about someone (or a team) within their reach.
 * An alert out of reach is answered like a missing one.
 */
export async function giveAlertFeedback(access: Access, request: FeedbackRequest): Promise<FeedbackOutcome> {
  if (!FEEDBACK_VALUES.includes(request.value))
    throw new InvalidInputError('unknown feedback value', [
      { path: '/value', message: `must be one of ${FEEDBACK_VALUES.join(', ')}` },
    ]);
  const { db, tenantId } = access;
  const employeeId = access.actor.employeeId;
  const alert = await findTenantRow(db, 'alerts', tenantId, request.alertId);
  if (!alert) throw notFound('alert', request.alertId, 'id');
  const isRecipient = employeeId !== null && employeeId === alert.recipient_employee_id;
  if (!isRecipient) {
    if (!atLeast(access.actor.role, 'hr')) throw feedbackNotAllowed();
    if (!(await subjectWithinReach(access, alert))) throw notFound('alert', request.alertId, 'id');
  }
  const snoozedUntil = request.value === 'snooze' ? snoozeUntil(request.now) : null;
  const saved = await recordFeedback(db, {
    tenantId,
    alertId: alert.id,
    employeeId,
    value: request.value,
    source: request.source,
    snoozedUntil: snoozedUntil ?? undefined,
  });
  const subjectId = alert.subject_employee_id ?? alert.subject_team_id;
  await access.audit(
    'alert.feedback',
    { type: alert.kind === 'risk' ? 'employee' : 'team', ...(subjectId ? { id: subjectId } : {}) },
    { alertId: alert.id, value: request.value },
  );
  return {
    alert: { ...alert, snoozed_until: snoozedUntil ?? alert.snoozed_until },
    feedbackId: saved.id,
    value: request.value,
    snoozedUntil,
    at: saved.at,
  };
}

async function subjectWithinReach(access: Access, alert: AlertRow): Promise<boolean> {
  if (alert.subject_team_id) return access.maySeeTeam(alert.subject_team_id, 'atmosphere');
  if (!alert.subject_employee_id) return false;
  const row = await access.db
    .selectFrom('employees')
    .select(['id', 'team_id', 'legal_entity'])
    .where('id', '=', alert.subject_employee_id)
    .executeTakeFirst();
  return row !== undefined && access.maySeePerson(row, 'alerts');
}

/** The `alert.feedback` button handler (value `<alertId>:<value>`), registered with the inbound dispatcher. */
export function registerAlertFeedback(dispatcher: InboundDispatcher, deps: InboundDeps): void {
  dispatcher.onAction('alert.feedback', async (event, ctx) => {
    const parsed = parseFeedbackValue(event.value);
    if (!parsed) return { reply: textReply(t(ctx.locale, 'alerts.feedback.unknownAlert')) };
    if (!ctx.employeeId) return { reply: textReply(t(ctx.locale, 'alerts.feedback.notYours')) };
    try {
      const actor = await personActor(deps.db, {
        tenantId: ctx.tenantId,
        employeeId: ctx.employeeId,
        source: ctx.platform,
      });
      const outcome = await giveAlertFeedback(new Access(deps.db, actor), {
        alertId: parsed.alertId,
        value: parsed.value,
        source: 'chat',
        now: ctx.now,
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
