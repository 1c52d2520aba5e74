// The console platform's use-cases, shared by the loopback HTTP routes (service running) and by a
// `teampulse console` session that opened the database itself: who am I, my messages, press / command.
import type { Db } from '../../storage/database.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import type { Locale } from '../../core/i18n/index.js';
import type { ActionEvent, CommandEvent } from '../../core/events.js';
import { findEmployeeByRef } from '../../storage/repositories/refs.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import type { DispatchResult, InboundDispatcher } from '../inbound/dispatch.js';
import { InvalidInputError, NotFoundError } from '../errors.js';

export interface ConsoleUser {
  tenant: { id: string; slug: string; name: string };
  employee: { id: string; externalId: string; displayName: string };
  locale: Locale;
}

export interface ConsoleMessage {
  id: string;
  kind: string;
  sentAt: string;
  message: OutboundMessage;
}

export interface ConsoleInbox {
  messages: ConsoleMessage[];
  /** Messages for this person not yet delivered (quiet hours, retries, worker not running). */
  pending: number;
}

/** Resolves `--tenant` (optional when there is exactly one tenant) and `--as` (external id or uuid). */
export async function resolveConsoleUser(db: Db, tenantSlug: string | undefined, as: string): Promise<ConsoleUser> {
  let tenant;
  if (tenantSlug) {
    tenant = await db
      .selectFrom('tenants')
      .select(['id', 'slug', 'name', 'locale'])
      .where('slug', '=', tenantSlug)
      .executeTakeFirst();
    if (!tenant) throw new NotFoundError(`no tenant with slug "${tenantSlug}"`);
  } else {
    const tenants = await db
      .selectFrom('tenants')
      .select(['id', 'slug', 'name', 'locale'])
      .orderBy('slug')
      .limit(2)
      .execute();
    if (tenants.length === 0)
      throw new NotFoundError('there is no tenant yet (start the service once to create the demo, or import one)');
    if (tenants.length > 1) throw new InvalidInputError('there are several tenants: say which with --tenant <slug>');
    tenant = tenants[0]!;
  }
  const employee = await findEmployeeByRef(db, tenant.id, as);
  if (!employee) throw new NotFoundError(`no employee "${as}" in tenant ${tenant.slug}`);
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    employee: { id: employee.id, externalId: employee.external_id, displayName: employee.display_name },
    locale: tenant.locale,
  };
}

/** Opening a session reads messages about individuals: audited once per session. */
export async function auditConsoleSession(db: Db, user: ConsoleUser): Promise<void> {
  await recordAudit(db, {
    tenantId: user.tenant.id,
    actor: `employee:${user.employee.id}`,
    action: 'console.session',
    subjectType: 'employee',
    subjectId: user.employee.id,
    details: { source: 'console' },
  });
}

/** Console messages delivered to this person, oldest first; `after` (an ISO instant) returns only newer ones. */
export async function consoleInbox(db: Db, user: ConsoleUser, after?: string): Promise<ConsoleInbox> {
  let query = db
    .selectFrom('outbox')
    .select(['id', 'kind', 'sent_at', 'message'])
    .where('tenant_id', '=', user.tenant.id)
    .where('recipient_employee_id', '=', user.employee.id)
    .where('platform', '=', 'console')
    .where('status', '=', 'sent');
  if (after) query = query.where('sent_at', '>', new Date(after));
  const rows = await query.orderBy('sent_at').orderBy('id').limit(200).execute();
  await auditConsoleRead(db, user, rows);
  const pending = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', user.tenant.id)
    .where('recipient_employee_id', '=', user.employee.id)
    .where('platform', '=', 'console')
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirstOrThrow();
  return {
    messages: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      sentAt: new Date(row.sent_at ?? 0).toISOString(),
      message: row.message,
    })),
    pending: Number(pending.n),
  };
}

/**
 * Reading messages through the console is audited like reading alerts through the API (`alerts.list`): one row per
 * person the shown messages are about (alerts carry their subject), written by the reader with source `console`;
 * messages about nobody in particular (digests, replies) are audited as one row about the reader's own inbox.
 */
async function auditConsoleRead(db: Db, user: ConsoleUser, rows: readonly { id: string }[]): Promise<void> {
  if (rows.length === 0) return;
  const subjects = await db
    .selectFrom('alerts')
    .select(['subject_employee_id', 'subject_team_id'])
    .where('tenant_id', '=', user.tenant.id)
    .where(
      'outbox_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const people = [...new Set(subjects.map((s) => s.subject_employee_id).filter((id): id is string => id !== null))];
  const teams = [...new Set(subjects.map((s) => s.subject_team_id).filter((id): id is string => id !== null))];
  const base = { tenantId: user.tenant.id, actor: `employee:${user.employee.id}`, action: 'console.messages.read' };
  const details = { source: 'console', messages: rows.length };
  for (const id of people) await recordAudit(db, { ...base, subjectType: 'employee', subjectId: id, details });
  for (const id of teams) await recordAudit(db, { ...base, subjectType: 'team', subjectId: id, details });
  if (people.length === 0 && teams.length === 0) {
    await recordAudit(db, { ...base, subjectType: 'employee', subjectId: user.employee.id, details });
  }
}

export type ConsoleInteraction =
  | { type: 'action'; actionId: string; value: string; messageRef?: string }
  | { type: 'command'; command: string; args: string[] };

/** Turns a console interaction into an inbound event of this person and dispatches it. */
export async function consoleInteract(
  dispatcher: InboundDispatcher,
  user: ConsoleUser,
  interaction: ConsoleInteraction,
  now: Date,
  sequence: number,
): Promise<DispatchResult> {
  const base = {
    id: `console:${user.employee.externalId}:${now.getTime()}:${sequence}`,
    source: 'console',
    actor: { kind: 'external' as const, id: user.employee.externalId },
    occurredAt: now,
  };
  const event: ActionEvent | CommandEvent =
    interaction.type === 'action'
      ? {
          ...base,
          type: 'action',
          actionId: interaction.actionId,
          value: interaction.value,
          ...(interaction.messageRef ? { messageRef: interaction.messageRef } : {}),
        }
      : { ...base, type: 'command', command: interaction.command, args: interaction.args };
  return dispatcher.dispatch(event, {
    tenantId: user.tenant.id,
    employeeId: user.employee.id,
    locale: user.locale,
    platform: 'console',
    now,
  });
}
