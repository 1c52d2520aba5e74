// A team driver names the baseline its members really have: a team whose members all joined 40 days before the
// recent fortnight says "vs 5.7-week baseline", not the window's nominal 8 weeks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalEvent } from '../../src/core/events.js';
import type { Reason } from '../../src/core/scoring/types.js';
import { renderReason } from '../../src/core/scoring/render.js';
import { addDays, dayRange } from '../../src/core/time.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { ingestSignals } from '../../src/app/signals/ingest.js';
import { runScoring } from '../../src/app/scoring/run.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';

const AS_OF = '2026-11-27'; // recent fortnight: Sat 14 – Fri 27 November
const HIRED = '2026-10-05'; // 40 days before it: 5.7 weeks
const PEOPLE = ['ops-1', 'ops-2', 'ops-3'];

let database: TestDatabase;
let tenantId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  tenantId = (await createTenant(database.db, 'young-co')).id;
  await upsertDirectory(
    database.db,
    tenantId,
    {
      teams: [{ externalId: 'ops', name: 'Ops' }],
      employees: PEOPLE.map((externalId) => ({ externalId, name: externalId, team: 'ops', hireDate: HIRED })),
    },
    { actor: 'test' },
  );
  // Team-channel messages on every working day since the hire date: 10 a day, then 5 a day in the fortnight.
  const events: SignalEvent[] = [];
  for (const person of PEOPLE)
    for (const day of dayRange(HIRED, AS_OF)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      events.push({
        id: `${person}-${day}`,
        source: 'chat',
        type: 'message',
        actor: { kind: 'external', id: person },
        occurredAt: new Date(`${day}T03:00:00Z`),
        conversation: 'team',
        count: day >= addDays(AS_OF, -13) ? 5 : 10,
      });
    }
  await ingestSignals(database.db, { tenantId, source: 'chat', events, now: new Date(`${AS_OF}T12:00:00Z`) });
  await runScoring({ db: database.db }, { tenantId, asOf: AS_OF });
}, 180_000);
afterAll(async () => database.destroy());

describe('team atmosphere drivers', () => {
  it("name the members' real baseline length", async () => {
    const row = await database.db
      .selectFrom('team_scores')
      .select('drivers')
      .where('tenant_id', '=', tenantId)
      .where('as_of', '=', AS_OF)
      .executeTakeFirstOrThrow();
    const activity = (row.drivers as Reason[]).find((d) => d.code === 'team_activity_change')!;
    expect(activity.params).toEqual({ change: -50, weeks: 5.7 });
    expect(renderReason('en', activity, 'driver')).toBe('team activity −50% vs 5.7-week baseline');
  });
});
