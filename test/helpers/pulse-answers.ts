// Answers a pulse round as its people would: presses a value's button on every question sent to the person, through
// the inbound dispatcher, following each next question as it comes (the survey engine sends them one at a time).
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import type { Locale } from '../../src/core/i18n/index.js';
import type { Db } from '../../src/storage/database.js';

export interface PulseAnswerer {
  /** Presses `value` on every question of the round sent to `who` (external id); returns how many were pressed. */
  answerAll(who: string, roundId: string, value: number, now: Date): Promise<number>;
}

export function pulseAnswerer(
  db: Db,
  tenantId: string,
  people: Readonly<Record<string, string>>,
  locale: Locale = 'en',
): PulseAnswerer {
  const press = (who: string, value: string, now: Date) =>
    buildInboundDispatcher({ db, now: () => now, quietHours: false }).dispatch(
      {
        type: 'action',
        id: `${who}-${value}`,
        source: 'console',
        actor: { kind: 'external', id: who },
        occurredAt: now,
        actionId: 'survey.answer',
        value,
      },
      { tenantId, employeeId: people[who], locale, platform: 'console', now },
    );
  return {
    async answerAll(who, roundId, value, now) {
      const pressed = new Set<string>();
      for (let guard = 0; guard < 10; guard += 1) {
        const rows = await db
          .selectFrom('outbox')
          .select('message')
          .where('recipient_employee_id', '=', people[who]!)
          .where('kind', '=', 'survey')
          .where('idempotency_key', 'like', `survey:${roundId}:%`)
          .execute();
        const fresh = rows
          .flatMap((r) => r.message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])))
          .filter((b) => b.actionId === 'survey.answer' && b.value.endsWith(`:${value}`) && !pressed.has(b.value));
        if (fresh.length === 0) break;
        for (const button of fresh) {
          pressed.add(button.value);
          await press(who, button.value, now);
        }
      }
      return pressed.size;
    },
  };
}
