// Coverage decides "no data" only from days with events: a platform that stopped delivering messages (its coverage
// rows for the fortnight say 0 events) leaves the message features without data — never a −100% drop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalEvent } from '../../src/core/events.js';
import type { Features, Reason } from '../../src/core/scoring/types.js';
import { addDays, dayRange } from '../../src/core/time.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { ingestSignals } from '../../src/app/signals/ingest.js';
import { runScoring } from '../../src/app/scoring/run.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';

const AS_OF = '2026-11-27';
const RECENT_START = addDays(AS_OF, -13);
const PEOPLE = ['a-1', 'a-2', 'a-3'];
const workingDays = (from: string, to: string) =>
  dayRange(from, to).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

let database: TestDatabase;
let tenantId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  tenantId = (await createTenant(database.db, 'cut-off')).id;
  await upsertDirectory(
    database.db,
    tenantId,
    {
      teams: [{ externalId: 'a', name: 'A' }],
      employees: PEOPLE.map((externalId) => ({ externalId, name: externalId, team: 'a', hireDate: '2025-01-06' })),
    },
    { actor: 'test' },
  );
  // Messages on every working day of the baseline; none in the recent fortnight.
  const events: SignalEvent[] = PEOPLE.flatMap((person) =>
    workingDays(addDays(RECENT_START, -56), addDays(RECENT_START, -1)).map((day) => ({
      id: `${person}-${day}`,
      source: 'chat',
      type: 'message' as const,
      actor: { kind: 'external' as const, id: person },
      occurredAt: new Date(`${day}T03:00:00Z`),
      conversation: 'team' as const,
      count: 10,
    })),
  );
  await ingestSignals(database.db, { tenantId, source: 'chat', events, now: new Date(`${AS_OF}T12:00:00Z`) });
  // The connector still reported each day of the fortnight, with 0 events.
  await database.db
    .insertInto('signal_coverage')
    .values(
      workingDays(RECENT_START, AS_OF).map((day) => ({
        tenant_id: tenantId,
        source: 'chat',
        signal_class: 'message',
        day,
        events: 0,
      })),
    )
    .execute();
  await runScoring({ db: database.db }, { tenantId, asOf: AS_OF });
}, 180_000);
afterAll(async () => database.destroy());

describe('coverage', () => {
  it('a day reported with 0 events is no delivery: no data for messages, not a drop', async () => {
    const rows = await database.db
      .selectFrom('employee_scores')
      .select(['status', 'risk_level', 'features', 'reasons'])
      .where('tenant_id', '=', tenantId)
      .where('as_of', '=', AS_OF)
      .execute();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const features = row.features as Features;
      expect(features.team_msgs_change_pct).toBeNull();
      expect(features.activity_change_pct).toBeNull();
      expect(row.risk_level).toBe('low');
      expect((row.reasons as Reason[]).map((r) => r.code)).toContain('no_data_message');
    }
  });
});
