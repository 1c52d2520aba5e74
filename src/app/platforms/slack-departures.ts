// Deactivated chat accounts (Slack user_change with `deleted: true`, or the daily identity sync finding a linked
// account deleted) are possible departures, not departures: the account may have been renamed, merged or suspended
// by mistake. Nothing about the person changes here. A pending review is stored (one per person), audited, and
// every HR contact whose reach covers the person gets a DM with Confirm / Dismiss. Confirm records the departure
// through the signals use case exactly as an HR system would (status left, left_at = when the account was
// deactivated); Dismiss keeps the person. Both decisions are audited.
import type { Kysely } from 'kysely';
import { t, type Locale } from '../../core/i18n/index.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import { decisionMessage } from '../../core/messages/decision.js';
import { enqueueMessage } from '../../delivery/enqueue.js';
import type { Database, Db } from '../../storage/database.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { findTenantRow } from '../../storage/repositories/rows.js';
import { Access, atLeast, personActor } from '../access/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { textReply, type InboundDispatcher } from '../inbound/dispatch.js';
import type { InboundDeps } from '../inbound/handlers.js';
import { receiveSignalBatch } from '../signals/receive.js';

export const DEPARTURE_REVIEW_ACTION_ID = 'departure.review';

export interface PossibleDepartureInput {
  tenantId: string;
  platform: string;
  platformUserId: string;
  /** When the platform reported the account deactivated. */
  detectedAt: Date;
}

export interface PossibleDepartureOutcome {
  /** A new review was opened (false: no active employee behind the account, or one is already pending). */
  opened: boolean;
  reviewId?: string;
  /** HR contacts notified. */
  notified: number;
}

/** HR people (active, not the person) whose reach covers the person. */
async function hrCovering(
  db: Db,
  tenantId: string,
  person: { id: string; team_id: string | null; legal_entity: string | null },
): Promise<string[]> {
  const holders = await db
    .selectFrom('role_grants as g')
    .innerJoin('employees as e', 'e.id', 'g.employee_id')
    .select('g.employee_id')
    .distinct()
    .where('g.tenant_id', '=', tenantId)
    .where('g.role', 'in', ['hr'])
    .where('e.status', '=', 'active')
    .orderBy('g.employee_id')
    .execute();
  const covering: string[] = [];
  for (const { employee_id } of holders) {
    if (employee_id === person.id) continue;
    const hr = new Access(db, await personActor(db, { tenantId, employeeId: employee_id, source: 'api' }));
    if (await hr.maySeePerson(person, 'profile')) covering.push(employee_id);
  }
  return covering;
}

function reviewMessage(
  locale: Locale,
  reviewId: string,
  person: { name: string; externalId: string },
  platform: string,
  day: string,
): OutboundMessage {
  const params = { ...person, platform: platformLabel(platform), day };
  const title = t(locale, 'departure.review.title', params);
  const text = t(locale, 'departure.review.text', params);
  return decisionMessage({
    title,
    text,
    fallbackText: `${title}\n${text}`,
    actionId: DEPARTURE_REVIEW_ACTION_ID,
    id: reviewId,
    act: { choice: 'confirm', label: t(locale, 'departure.review.confirm') },
    letBe: { choice: 'dismiss', label: t(locale, 'departure.review.dismiss') },
  });
}

const platformLabel = (platform: string) =>
  ({ slack: 'Slack', dingtalk: 'DingTalk', wecom: 'WeCom' })[platform] ?? platform;

/**
 * A platform account was deactivated. Idempotent: a redelivered event, or the sync finding the same account again,
 * opens nothing new while a review is pending (and nothing once the person has left).
 */
export async function reportPossibleDeparture(
  db: Kysely<Database>,
  input: PossibleDepartureInput,
  now: Date,
): Promise<PossibleDepartureOutcome> {
  const person = await db
    .selectFrom('platform_identities as i')
    .innerJoin('employees as e', 'e.id', 'i.employee_id')
    .select(['e.id', 'e.team_id', 'e.legal_entity', 'e.display_name', 'e.external_id', 'e.status'])
    .where('i.tenant_id', '=', input.tenantId)
    .where('i.platform', '=', input.platform)
    .where('i.platform_user_id', '=', input.platformUserId)
    .executeTakeFirst();
  if (!person || person.status !== 'active') return { opened: false, notified: 0 };
  const inserted = await db
    .insertInto('possible_departures')
    .values({
      tenant_id: input.tenantId,
      employee_id: person.id,
      platform: input.platform,
      platform_user_id: input.platformUserId,
      detected_at: input.detectedAt,
      decided_at: null,
      decided_by: null,
    })
    .onConflict((oc) => oc.column('tenant_id').column('employee_id').where('status', '=', 'pending').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return { opened: false, notified: 0 };
  await recordAudit(db, {
    tenantId: input.tenantId,
    actor: input.platform,
    action: 'departure.possible',
    subjectType: 'employee',
    subjectId: person.id,
    details: { reviewId: inserted.id, platform: input.platform, detectedAt: input.detectedAt.toISOString() },
  });
  const tenant = await db
    .selectFrom('tenants')
    .select(['locale', 'timezone'])
    .where('id', '=', input.tenantId)
    .executeTakeFirstOrThrow();
  const locale = tenant.locale as Locale;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: tenant.timezone }).format(input.detectedAt);
  const recipients = await hrCovering(db, input.tenantId, person);
  for (const hr of recipients) {
    await enqueueMessage(
      db,
      {
        tenantId: input.tenantId,
        recipientEmployeeId: hr,
        kind: 'reply',
        idempotencyKey: `possible-departure:${inserted.id}:${hr}`,
        message: reviewMessage(
          locale,
          inserted.id,
          { name: person.display_name, externalId: person.external_id },
          input.platform,
          day,
        ),
      },
      { now: () => now },
    );
  }
  return { opened: true, reviewId: inserted.id, notified: recipients.length };
}

export interface DepartureDecision {
  reviewId: string;
  decision: 'confirm' | 'dismiss';
}

export interface DepartureDecisionOutcome {
  reviewId: string;
  status: 'confirmed' | 'dismissed';
  name: string;
}

/** HR (in reach of the person) decides a pending review; a second decision is a conflict. */
export async function decidePossibleDeparture(
  access: Access,
  input: DepartureDecision,
  now: Date,
): Promise<DepartureDecisionOutcome> {
  if (!atLeast(access.actor.role, 'hr')) throw new ForbiddenError('only HR can decide a possible departure');
  const { db, tenantId } = access;
  const review = await findTenantRow(db, 'possible_departures', tenantId, input.reviewId);
  const person = review
    ? await db
        .selectFrom('employees')
        .select(['id', 'team_id', 'legal_entity', 'display_name', 'external_id'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', review.employee_id)
        .executeTakeFirst()
    : undefined;
  if (!review || !person || !(await access.maySeePerson(person, 'profile')))
    throw new NotFoundError(`no possible departure "${input.reviewId}"`, [
      { path: '/reviewId', message: 'no such review' },
    ]);
  if (review.status !== 'pending') throw new ConflictError(`the possible departure was already ${review.status}`);
  const status = input.decision === 'confirm' ? ('confirmed' as const) : ('dismissed' as const);
  const claimed = await db
    .updateTable('possible_departures')
    .set({ status, decided_at: now, decided_by: access.actor.name })
    .where('id', '=', review.id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  if (!claimed) throw new ConflictError('the possible departure was already decided');
  if (status === 'confirmed') {
    // As an HR system would: a departure signal through the one ingestion path (the person becomes left).
    await receiveSignalBatch(
      access,
      [
        {
          kind: 'departure',
          id: `possible-departure:${review.id}`,
          employee: person.external_id,
          occurredAt: new Date(review.detected_at).toISOString(),
          reason: 'other',
        },
      ],
      { source: 'hr-api', now, maxItems: 1 },
    );
  }
  await access.audit(
    status === 'confirmed' ? 'departure.confirmed' : 'departure.dismissed',
    { type: 'employee', id: person.id },
    { reviewId: review.id, platform: review.platform },
  );
  return { reviewId: review.id, status, name: person.display_name };
}

/** The Confirm / Dismiss buttons of the HR DM (value `<reviewId>:confirm|dismiss`). */
export function registerDepartureReview(dispatcher: InboundDispatcher, deps: InboundDeps): void {
  dispatcher.onAction(DEPARTURE_REVIEW_ACTION_ID, async (event, ctx) => {
    const match = /^([0-9a-f-]{36}):(confirm|dismiss)$/.exec(event.value);
    if (!match || !ctx.employeeId) return { reply: textReply(t(ctx.locale, 'departure.review.unknown')) };
    const actor = await personActor(deps.db, {
      tenantId: ctx.tenantId,
      employeeId: ctx.employeeId,
      source: ctx.platform,
    });
    try {
      const outcome = await decidePossibleDeparture(
        new Access(deps.db, actor),
        { reviewId: match[1]!, decision: match[2] as 'confirm' | 'dismiss' },
        ctx.now,
      );
      const said = outcome.status === 'confirmed' ? 'departure.review.confirmed' : 'departure.review.dismissed';
      return { reply: textReply(t(ctx.locale, said, { name: outcome.name })) };
    } catch (error) {
      if (error instanceof ConflictError) return { reply: textReply(t(ctx.locale, 'departure.review.already')) };
      if (error instanceof NotFoundError || error instanceof ForbiddenError)
        return { reply: textReply(t(ctx.locale, 'departure.review.unknown')) };
      throw error;
    }
  });
}
