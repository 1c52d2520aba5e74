// Deferred, set-based recompute: an ingest session records its dirty person-days and recomputes them once at its end
// (one GROUP BY per derived table). Many keys go through a work table, a few through an array parameter; both must
// give the same rollups and edges, and a read right after the ingestion returns sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalEvent } from '../../src/core/events.js';
import { ingestSignals } from '../../src/app/signals/ingest.js';
import { SET_BASED_KEYS } from '../../src/app/signals/recompute.js';
import { listDailyRollups } from '../../src/storage/repositories/signals.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const PEOPLE = ['p0', 'p1', 'p2', 'p3'];
const DAYS = 700; // 4 people × 700 days: 2,800 person-days, past SET_BASED_KEYS

const ext = (id: string) => ({ kind: 'external' as const, id });

/** A mix of every kind the rollup sums, keyed on stable indexes (no randomness). */
function events(): SignalEvent[] {
  const out: SignalEvent[] = [];
  for (let d = 0; d < DAYS; d++) {
    const occurredAt = new Date(Date.UTC(2024, 0, 1 + d, 10));
    PEOPLE.forEach((p, i) => {
      const other = PEOPLE[(i + 1 + (d % 3)) % PEOPLE.length]!;
      const id = `${p}-${d}`;
      out.push({
        id: `${id}-t`,
        source: 'hr-api',
        type: 'message',
        actor: ext(p),
        occurredAt,
        conversation: 'team',
        count: 1 + ((d + i) % 4),
      });
      if ((d + i) % 2 === 0)
        out.push({
          id: `${id}-dm`,
          source: 'hr-api',
          type: 'message',
          actor: ext(p),
          occurredAt,
          conversation: 'dm',
          count: 2,
          peer: ext(other),
        });
      if ((d + i) % 5 === 0)
        out.push({ id: `${id}-h`, source: 'hr-api', type: 'help', actor: ext(p), occurredAt, to: ext(other) });
      if ((d + i) % 7 === 0)
        out.push({ id: `${id}-k`, source: 'hr-api', type: 'kudos', actor: ext(p), occurredAt, to: ext(other) });
      if ((d + i) % 11 === 0)
        out.push({ id: `${id}-a`, source: 'hr-api', type: 'attendance', actor: ext(p), occurredAt, status: 'absent' });
      if ((d + i) % 13 === 0)
        out.push({
          id: `${id}-l`,
          source: 'hr-api',
          type: 'leave',
          actor: ext(p),
          occurredAt,
          leaveType: 'sick',
          days: 1,
        });
    });
  }
  return out;
}

describe('set-based recompute of dirty person-days', () => {
  let handle: TestDatabase;
  const tenants: Record<'bulk' | 'small', { id: string; people: Record<string, string> }> = {
    bulk: { id: '', people: {} },
    small: { id: '', people: {} },
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    for (const name of ['bulk', 'small'] as const) {
      tenants[name].id = (await createTenant(handle.db, `recompute-${name}`, { timezone: 'UTC' })).id;
      for (const p of PEOPLE) {
        const row = await handle.db
          .insertInto('employees')
          .values({
            tenant_id: tenants[name].id,
            external_id: p,
            display_name: p,
            email: null,
            team_id: null,
            manager_id: null,
            hire_date: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tenants[name].people[p] = row.id;
      }
    }
  });
  afterAll(async () => handle.destroy());

  const snapshot = async (name: 'bulk' | 'small') => {
    const byId = Object.fromEntries(Object.entries(tenants[name].people).map(([ext, id]) => [id, ext]));
    const rows = await handle.db
      .selectFrom('daily_rollups')
      .selectAll()
      .where('tenant_id', '=', tenants[name].id)
      .orderBy('employee_id')
      .orderBy('day')
      .execute();
    const edges = await handle.db
      .selectFrom('interaction_edges')
      .select(['from_employee_id', 'to_employee_id', 'day', 'count'])
      .where('tenant_id', '=', tenants[name].id)
      .execute();
    return {
      rollups: rows
        .map(({ tenant_id: _t, updated_at: _u, employee_id, ...rest }) => ({ who: byId[employee_id], ...rest }))
        .sort((a, b) => `${a.who}${a.day}`.localeCompare(`${b.who}${b.day}`)),
      edges: edges.map((e) => `${byId[e.from_employee_id]}>${byId[e.to_employee_id]}@${e.day}:${e.count}`).sort(),
    };
  };

  it('one big session (work table) and many small ones (array keys) give the same rollups, readable at once', async () => {
    const all = events();
    const bulk = await ingestSignals(handle.db, { tenantId: tenants.bulk.id, source: 'hr-api', now: NOW, events: all });
    expect(bulk.accepted).toBe(all.length);
    expect(bulk.rollupsRecomputed).toBeGreaterThanOrEqual(SET_BASED_KEYS);

    // Read right after ingestion returns: the day's rollup is already there (p1 on 2024-01-01, d = 0, i = 1).
    const p1 = await listDailyRollups(handle.db, tenants.bulk.id, tenants.bulk.people.p1!, '2024-01-01', '2024-01-01');
    expect(p1).toHaveLength(1);
    expect(p1[0]).toMatchObject({ msgs_team: 2, msgs_dm: 0 });

    // The same events in small calls, each recomputing fewer keys than SET_BASED_KEYS.
    for (let i = 0; i < all.length; i += 300)
      await ingestSignals(handle.db, {
        tenantId: tenants.small.id,
        source: 'hr-api',
        now: NOW,
        events: all.slice(i, i + 300),
      });

    const [a, b] = [await snapshot('bulk'), await snapshot('small')];
    expect(a.rollups.length).toBeGreaterThanOrEqual(PEOPLE.length * DAYS); // leaves also spread to later working days
    expect(a.edges.length).toBeGreaterThan(0);
    expect(a.rollups).toEqual(b.rollups);
    expect(a.edges).toEqual(b.edges);
    // Something of every source was counted.
    const sum = (
      key: 'helps_received' | 'kudos_received' | 'absences_unexcused' | 'distinct_collaborators' | 'msgs_dm',
    ) => a.rollups.reduce((n, r) => n + Number(r[key]), 0);
    for (const key of [
      'helps_received',
      'kudos_received',
      'absences_unexcused',
      'distinct_collaborators',
      'msgs_dm',
    ] as const)
      expect(sum(key)).toBeGreaterThan(0);
  });
});
