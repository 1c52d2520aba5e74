// A WeCom-bound message enqueued at 09:00 China time (a digest or survey round the scheduler fires on the hour)
// is due only after the :00 pause, at the tenant's offset; the outbox sends nothing before and sends it then.
// Console-bound messages of the same instant stay due at once. Injected clock; the fake WeCom receives the send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../src/delivery/enqueue.js';
import { firstAllowedSend } from '../../src/core/send-window.js';
import { startWeComEnv, type WeComEnv } from '../helpers/wecom-env.js';

let env: WeComEnv;
beforeAll(async () => {
  env = await startWeComEnv({ slug: 'wecom-send-window' });
  await env.db
    .insertInto('platform_identities')
    .values({
      tenant_id: env.org.tenantId,
      employee_id: env.org.people.salesMgr,
      platform: 'wecom',
      platform_user_id: 'E2',
      dm_conversation_id: null,
    })
    .execute();
});
afterAll(async () => env.close());

const message = { blocks: [{ type: 'text' as const, text: 'Weekly digest' }], fallbackText: 'Weekly digest' };

describe('WeCom send window', () => {
  it('holds a message enqueued at 09:00:20 (China) until :03 plus the tenant offset, then sends it', async () => {
    env.clock.set('2026-11-30T01:00:20Z');
    const { id } = await enqueueMessage(
      env.db,
      {
        tenantId: env.org.tenantId,
        recipientEmployeeId: env.org.people.salesMgr,
        kind: 'digest',
        idempotencyKey: 'digest:w49',
        message,
      },
      { now: env.clock.now },
    );
    const row = await env.db
      .selectFrom('outbox')
      .select(['next_attempt_at', 'platform'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const due = new Date(row.next_attempt_at);
    expect(row.platform).toBe('wecom');
    expect(due.toISOString()).toBe(firstAllowedSend('wecom', env.org.tenantId, env.clock.now()).toISOString());
    expect(due.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-11-30T01:03:00Z'));
    expect(due.getTime()).toBeLessThan(Date.parse('2026-11-30T01:08:00Z'));

    env.clock.set('2026-11-30T01:02:59Z');
    expect(await env.outbox.drainOnce()).toMatchObject({ claimed: 0, sent: 0 });
    expect(env.fake.callsTo('/cgi-bin/message/send')).toHaveLength(0);

    env.clock.set(due.toISOString());
    expect(await env.outbox.drainOnce()).toMatchObject({ claimed: 1, sent: 1, retried: 0 });
    expect((env.fake.callsTo('/cgi-bin/message/send')[0]!.body as { touser: string }).touser).toBe('E2');
  });

  it('keeps a message due later than the pause as it is, and a console-bound one due at once', async () => {
    env.clock.set('2026-11-30T01:30:05Z');
    const later = await enqueueMessage(
      env.db,
      {
        tenantId: env.org.tenantId,
        recipientEmployeeId: env.org.people.salesMgr,
        kind: 'nudge',
        idempotencyKey: 'nudge:later',
        message,
        notBefore: new Date('2026-11-30T01:45:00Z'),
      },
      { now: env.clock.now },
    );
    const console = await enqueueMessage(
      env.db,
      {
        tenantId: env.org.tenantId,
        recipientEmployeeId: env.org.people.rep1,
        kind: 'nudge',
        idempotencyKey: 'nudge:console',
        message,
      },
      { now: env.clock.now },
    );
    const due = async (id: string) =>
      new Date(
        (await env.db.selectFrom('outbox').select('next_attempt_at').where('id', '=', id).executeTakeFirstOrThrow())
          .next_attempt_at,
      ).toISOString();
    expect(await due(later.id)).toBe('2026-11-30T01:45:00.000Z');
    expect(await due(console.id)).toBe('2026-11-30T01:30:05.000Z');
  });
});
