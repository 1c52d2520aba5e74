// The per-recipient send ledger (migrations/0020_send_ledger.ts): a sliding-window log per (tenant, platform,
// recipient), checked and appended under a row lock so replicas share one count.
import type { Kysely } from 'kysely';
import type { SendLedgerAnswer, SendLedgerKey, SendLedgerRule } from '../../core/send-ledger.js';
import type { Database } from '../database.js';

export async function tryRecordSend(
  db: Kysely<Database>,
  key: SendLedgerKey,
  now: Date,
  rules: readonly SendLedgerRule[],
): Promise<SendLedgerAnswer> {
  if (rules.length === 0) return { ok: true };
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('platform_send_ledger')
      .values({
        tenant_id: key.tenantId,
        platform: key.platform,
        recipient: key.recipient,
        sends: '[]',
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'platform', 'recipient']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('platform_send_ledger')
      .select('sends')
      .where((eb) => eb.and({ tenant_id: key.tenantId, platform: key.platform, recipient: key.recipient }))
      .forUpdate()
      .executeTakeFirstOrThrow();
    const at = now.getTime();
    const longest = Math.max(...rules.map((r) => r.windowMs));
    // A wall clock stepping back (another replica's clock a little ahead) must not unsort the log.
    const sends = (Array.isArray(row.sends) ? row.sends : []).filter((t) => t > at - longest).sort((a, b) => a - b);
    let earliest = at;
    for (const rule of rules) {
      const inWindow = sends.filter((t) => t > at - rule.windowMs);
      if (inWindow.length >= rule.limit)
        earliest = Math.max(earliest, inWindow[inWindow.length - rule.limit]! + rule.windowMs + 1);
    }
    if (earliest > at) return { ok: false, retryAt: new Date(earliest) };
    sends.push(at);
    await trx
      .updateTable('platform_send_ledger')
      .set({ sends: JSON.stringify(sends), updated_at: now })
      .where((eb) => eb.and({ tenant_id: key.tenantId, platform: key.platform, recipient: key.recipient }))
      .execute();
    return { ok: true };
  });
}
