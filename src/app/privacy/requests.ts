// A person's requests about their own data, routed to HR: contest a score (with their note) and erasure (HR
// confirms; then everything about the person is deleted and scoring no longer sees them). Every step is audited.
import { t, type Locale } from '../../core/i18n/index.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import { decisionMessage } from '../../core/messages/decision.js';
import { enqueueMessage } from '../../delivery/enqueue.js';
import { Access, atLeast, personActor } from '../access/index.js';
import { ConflictError, ForbiddenError, notFound } from '../errors.js';
import { findTenantRow } from '../../storage/repositories/rows.js';
import { tombstoneErasedPerson } from './tombstones.js';
import { inboundLookupsChanged } from '../inbound/lookup-cache.js';

export const ERASURE_ACTION_ID = 'privacy.erasure';

export type RequestKind = 'contest' | 'erasure';

export interface RequestOutcome {
  id: string;
  kind: RequestKind;
  status: 'open' | 'done' | 'declined';
  /** HR contacts notified. */
  notified: number;
  /** An open request of this kind already existed: it is returned, not duplicated. */
  existing: boolean;
}

function self(access: Access): string {
  const me = access.actor.employeeId;
  if (me === null) throw new ForbiddenError('only a caller acting as a person can make a request about their data');
  return me;
}

/** HR people whose reach covers this person (tenant-wide HR, HR of their sub-tree or of their legal entity). */
async function hrFor(access: Access, person: { id: string; team_id: string | null; legal_entity: string | null }) {
  const holders = await access.db
    .selectFrom('role_grants as g')
    .innerJoin('employees as e', 'e.id', 'g.employee_id')
    .select('g.employee_id')
    .distinct()
    .where((eb) => eb.and({ 'g.tenant_id': access.tenantId, 'g.role': 'hr', 'e.status': 'active' }))
    .execute();
  const covering: string[] = [];
  for (const { employee_id } of holders) {
    if (employee_id === person.id) continue;
    const hr = new Access(
      access.db,
      await personActor(access.db, { tenantId: access.tenantId, employeeId: employee_id, source: access.actor.source }),
    );
    if (await hr.maySeePerson(person, 'profile')) covering.push(employee_id);
  }
  return covering;
}

async function open(
  access: Access,
  kind: RequestKind,
  note: string | null,
  now: Date,
  notify: (locale: Locale, requestId: string, person: { name: string; externalId: string }) => OutboundMessage,
): Promise<RequestOutcome> {
  const me = self(access);
  const { db, tenantId } = access;
  const person = await db
    .selectFrom('employees')
    .select(['id', 'team_id', 'legal_entity', 'display_name', 'external_id'])
    .where((eb) => eb.and({ tenant_id: tenantId, id: me }))
    .executeTakeFirstOrThrow();
  const pending = await db
    .selectFrom('data_requests')
    .select(['id', 'status'])
    .where((eb) => eb.and({ tenant_id: tenantId, employee_id: me, kind, status: 'open' }))
    .executeTakeFirst();
  // One open erasure at a time; contests may be several (each note matters).
  if (pending && kind === 'erasure') return { id: pending.id, kind, status: 'open', notified: 0, existing: true };
  const row = await db
    .insertInto('data_requests')
    .values({ tenant_id: tenantId, employee_id: me, kind, note, source: access.actor.source })
    .returning('id')
    .executeTakeFirstOrThrow();
  await access.audit(
    kind === 'contest' ? 'score.contest' : 'erasure.request',
    { type: 'employee', id: me },
    {
      requestId: row.id,
    },
  );
  const locale = (await access.tenant()).locale;
  const recipients = await hrFor(access, person);
  for (const hr of recipients) {
    await enqueueMessage(
      db,
      {
        tenantId,
        recipientEmployeeId: hr,
        kind: 'reply',
        idempotencyKey: `request:${row.id}:${hr}`,
        message: notify(locale, row.id, { name: person.display_name, externalId: person.external_id }),
      },
      { now: () => now },
    );
  }
  return { id: row.id, kind, status: 'open', notified: recipients.length, existing: false };
}

/** The person flags their score as inaccurate; HR gets their note. */
export function contestScore(access: Access, note: string, now: Date): Promise<RequestOutcome> {
  return open(access, 'contest', note.trim() === '' ? null : note.trim().slice(0, 2000), now, (locale, _id, person) => {
    const title = t(locale, 'privacy.contest.hrTitle', person);
    const text = note.trim() || t(locale, 'privacy.contest.noNote');
    return {
      blocks: [
        { type: 'header', text: title },
        { type: 'text', text },
        { type: 'context', text: t(locale, 'privacy.contest.hrContext', person) },
      ],
      fallbackText: `${title}\n${text}`,
    };
  });
}

/** The person asks for their data to be erased; HR confirms or declines with the buttons. */
export function requestErasure(access: Access, now: Date): Promise<RequestOutcome> {
  return open(access, 'erasure', null, now, (locale, id, person) => {
    const text = t(locale, 'privacy.erasure.hrText', person);
    return decisionMessage({
      title: t(locale, 'privacy.erasure.hrTitle', person),
      text,
      fallbackText: text,
      actionId: ERASURE_ACTION_ID,
      id,
      act: { choice: 'confirm', label: t(locale, 'privacy.erasure.confirm') },
      letBe: { choice: 'decline', label: t(locale, 'privacy.erasure.decline') },
    });
  });
}

export interface ErasureDecision {
  requestId: string;
  decision: 'confirm' | 'decline';
}

/**
 * HR (in reach of the person) decides an erasure request. Confirm deletes the employee row: their identities,
 * roles, tokens, signal events, rollups, interaction edges, scores, alerts, outbox messages, mutes and calendar
 * rows cascade away, and other people's events keep no link to them (peer set null). The request row keeps the
 * bare id and the decision; audit rows stay (append-only) and name only the id.
 */
export async function decideErasure(access: Access, input: ErasureDecision, now: Date) {
  if (!atLeast(access.actor.role, 'hr')) throw new ForbiddenError('only HR can decide an erasure request');
  const { db, tenantId } = access;
  const request = await findTenantRow(db, 'data_requests', tenantId, input.requestId);
  if (!request || request.kind !== 'erasure') throw notFound('employee', input.requestId, 'requestId');
  const person = await db
    .selectFrom('employees')
    .select(['id', 'team_id', 'legal_entity', 'display_name'])
    .where((eb) => eb.and({ tenant_id: tenantId, id: request.employee_id }))
    .executeTakeFirst();
  if (request.status !== 'open') throw new ConflictError(`the request was already ${request.status}`);
  if (!person || !(await access.maySeePerson(person, 'profile')))
    throw notFound('employee', input.requestId, 'requestId');
  const status = input.decision === 'confirm' ? ('done' as const) : ('declined' as const);
  await db.transaction().execute(async (trx) => {
    if (status === 'done') {
      // Open requests of the person (contest notes) go with their data.
      await trx
        .deleteFrom('data_requests')
        .where((eb) => eb.and({ tenant_id: tenantId, employee_id: person.id }))
        .where('id', '<>', request.id)
        .execute();
      // Keyed hashes of the person's ids, so a later import or directory sync does not bring them back.
      await tombstoneErasedPerson(trx, tenantId, person.id);
      await trx.deleteFrom('employees').where('tenant_id', '=', tenantId).where('id', '=', person.id).execute();
    }
    await trx
      .updateTable('data_requests')
      .set({ status, decided_at: now, decided_by: access.actor.name })
      .where('id', '=', request.id)
      .execute();
  });
  // The person's platform identities went with them: no cached inbound lookup may still name them.
  if (status === 'done') inboundLookupsChanged(tenantId);
  await access.audit(
    status === 'done' ? 'erasure.done' : 'erasure.declined',
    { type: 'employee', id: person.id },
    {
      requestId: request.id,
    },
  );
  return { requestId: request.id, status, name: person.display_name };
}
