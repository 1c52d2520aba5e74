// An ingest session inside one transaction: resolve people in bulk, append events (deduplicated per source id),
// then — once, in finish() — recompute the affected rollups, edges and coverage from the stored events and apply
// org effects (departures, manager changes, hires).
import { sql, type Transaction } from 'kysely';
import type { ActorRef, SignalEvent } from '../../core/events.js';
import type { Database } from '../../storage/database.js';
import { COVERAGE_CLASS, ORG_KINDS } from './classes.js';
import { recomputeEdges, recomputeRollups, type DayKey } from './recompute.js';
import { relatedOf, storedRow, type Pending } from './event-rows.js';
import { spreadIngestedLeaves, type LeaveRecord } from './leave-spread.js';
import { inPeopleScope, type PeopleScope } from '../../storage/repositories/reach.js';
import { localDay } from '../../core/time.js';
import { startOnboardingOnHire } from '../performance/plans/start.js';
import { chunks, emptyIngestResult, UNKNOWN_LIST_LIMIT, type IngestResult } from './ingest-result.js';
import { applyOrgEffects } from './org-effects.js';
import { refreshStatistics, withoutJit } from './planner.js';

export interface IngestInput {
  tenantId: string;
  /** The dedupe namespace: 'hr-api', 'import', 'slack', … Event ids are unique per source. */
  source: string;
  events: readonly SignalEvent[];
  now: Date;
  /**
   * Raw-event retention in days. Events older than (retentionDays − 1) days are not stored: their day may already be
   * purged, and recomputing it from a partial event set would corrupt its rollup. Undefined ⇒ no age limit.
   */
  retentionDays?: number;
  /** Platform whose user ids `platform` actor refs name; defaults to `source`. */
  platform?: string;
  /**
   * People the caller may write signals about (src/app/access); anyone else is treated exactly like a person not in
   * the directory (skipped or unlinked, and listed as unknown). Undefined ⇒ the whole tenant.
   */
  people?: PeopleScope;
}

const INSERT_BATCH = 5000;
/** From this many keys on the recompute runs without JIT (see withoutJit). */
const JIT_OFF_KEYS = 2000;
const UNKNOWN_TRACK_LIMIT = 100_000;
const DAY_MS = 86_400_000;
/** Kinds with no rollup column or interaction: they never change a rollup row. */
const NO_ROLLUP_KINDS: ReadonlySet<string> = new Set([...ORG_KINDS, 'member_joined', 'member_left']);
const ORG_KIND_SET: ReadonlySet<string> = new Set(ORG_KINDS);

export interface IngestSession {
  add(events: readonly SignalEvent[]): Promise<void>;
  /** Recomputes what the added events touched, applies org effects and returns the totals. */
  finish(): Promise<IngestResult>;
}

/**
 * A streaming ingestion inside one transaction: add() stores batches as they arrive, finish() recomputes once.
 * The caller owns the transaction (and rolls it back to discard everything).
 */
export async function openIngestSession(
  trx: Transaction<Database>,
  input: Omit<IngestInput, 'events'>,
): Promise<IngestSession> {
  const tenant = await trx.selectFrom('tenants').select('timezone').where('id', '=', input.tenantId).executeTakeFirst();
  if (!tenant) throw new Error(`unknown tenant ${input.tenantId}`);
  const { tenantId, source } = input;
  const platform = input.platform ?? source;
  const oldestAllowed =
    input.retentionDays === undefined ? -Infinity : input.now.getTime() - (input.retentionDays - 1) * DAY_MS;

  const result = emptyIngestResult();
  const resolved = new Map<string, string | null>();
  const unknown = new Set<string>();
  const rollupKeys = new DayKeySet();
  const edgeKeys = new DayKeySet();
  const coverage = new Map<string, { signalClass: string; day: string; events: number }>();
  const orgEmployees = new Set<string>();
  const leaves: LeaveRecord[] = [];
  const hires: { employeeId: string; day: string }[] = [];

  const refKey = (ref: ActorRef) => (ref.kind === 'external' ? ref.id : `${platform}:${ref.id}`);
  const inScope = inPeopleScope(input.people ?? {}, 'e.team_id', 'e.id');

  async function resolve(refs: ActorRef[]): Promise<void> {
    const external = new Set<string>();
    const onPlatform = new Set<string>();
    for (const ref of refs) {
      if (resolved.has(refKey(ref))) continue;
      (ref.kind === 'external' ? external : onPlatform).add(ref.id);
    }
    // One array parameter per lookup (not an IN list): one statement whatever the batch size.
    for (const chunk of chunks([...external], 50_000)) {
      const rows = await sql<{ id: string; external_id: string }>`
        select e.id, e.external_id from employees e
        where e.tenant_id = ${tenantId} and e.external_id = any(${chunk}::text[]) and ${inScope}`.execute(trx);
      for (const id of chunk) resolved.set(id, null);
      for (const row of rows.rows) resolved.set(row.external_id, row.id);
    }
    for (const chunk of chunks([...onPlatform], 50_000)) {
      const rows = await sql<{ employee_id: string; platform_user_id: string }>`
        select i.employee_id, i.platform_user_id from platform_identities i join employees e on e.id = i.employee_id
        where i.tenant_id = ${tenantId} and i.platform = ${platform} and i.platform_user_id = any(${chunk}::text[])
          and ${inScope}`.execute(trx);
      for (const id of chunk) resolved.set(`${platform}:${id}`, null);
      for (const row of rows.rows) resolved.set(`${platform}:${row.platform_user_id}`, row.employee_id);
    }
  }

  const lookup = (ref: ActorRef): string | null => {
    const id = resolved.get(refKey(ref)) ?? null;
    if (id === null && unknown.size < UNKNOWN_TRACK_LIMIT) unknown.add(refKey(ref));
    return id;
  };

  async function insertBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    const rows = batch.map((p) => storedRow(p, lookup));
    const inserted = await sql<{ external_id: string; day: string }>`
      insert into signal_events (tenant_id, source, external_id, kind, employee_id, peer_employee_id, occurred_at, day, payload)
      select ${tenantId}, ${source}, u.external_id, u.kind, u.employee_id, u.peer_id, u.occurred_at,
        (u.occurred_at at time zone ${tenant!.timezone})::date, u.payload
      from unnest(${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.kind)}::text[],
        ${rows.map((r) => r.employeeId)}::uuid[], ${rows.map((r) => r.peerId)}::uuid[],
        ${rows.map((r) => r.occurredAt)}::timestamptz[], ${rows.map((r) => r.payload)}::jsonb[])
        as u(external_id, kind, employee_id, peer_id, occurred_at, payload)
      on conflict do nothing
      returning external_id, day`.execute(trx);
    const byId = new Map(batch.map((p) => [p.event.id, p]));
    result.accepted += inserted.rows.length;
    result.duplicates += batch.length - inserted.rows.length;
    for (const row of inserted.rows) {
      const pending = byId.get(row.external_id);
      if (!pending) continue;
      const { event, employeeId, related } = pending;
      if (!NO_ROLLUP_KINDS.has(event.type)) {
        rollupKeys.add(employeeId, row.day);
        for (const other of related) rollupKeys.add(other, row.day);
        if (related.length > 0) edgeKeys.add(employeeId, row.day);
      }
      // A leave counts on the working days it covers: spread (and those days' rollups recomputed) in finish().
      if (event.type === 'leave') {
        const { leaveType, days } = event;
        leaves.push({ source, externalId: event.id, employeeId, startDay: row.day, leaveType, days });
      }
      if (ORG_KIND_SET.has(event.type)) orgEmployees.add(employeeId);
      if (event.type === 'hire') hires.push({ employeeId, day: row.day });
      const signalClass = COVERAGE_CLASS[event.type];
      const key = `${signalClass}|${row.day}`;
      const entry = coverage.get(key) ?? { signalClass, day: row.day, events: 0 };
      entry.events += 1;
      coverage.set(key, entry);
    }
  }

  return {
    async add(events) {
      // relatedOf once per event: it feeds both the lookup and the stored row.
      const relatedRefs = events.map(relatedOf);
      const refs: ActorRef[] = [];
      events.forEach((event, i) => refs.push(event.actor, ...relatedRefs[i]!));
      await resolve(refs);
      // Repeats inside one call are dropped here (first wins); across calls ON CONFLICT DO NOTHING catches them,
      // so a long stream does not keep every id in memory.
      const seenIds = new Set<string>();
      let batch: Pending[] = [];
      for (const [index, event] of events.entries()) {
        result.received += 1;
        if (seenIds.has(event.id)) {
          result.duplicates += 1;
          continue;
        }
        seenIds.add(event.id);
        if (event.occurredAt.getTime() < oldestAllowed) {
          result.expired += 1;
          continue;
        }
        const employeeId = lookup(event.actor);
        if (employeeId === null) {
          result.skippedUnknown += 1;
          continue;
        }
        const related: string[] = [];
        for (const ref of relatedRefs[index]!) {
          const id = lookup(ref);
          if (id !== null && id !== employeeId && !related.includes(id)) related.push(id);
        }
        batch.push({ event, employeeId, related });
        if (batch.length >= INSERT_BATCH) {
          await insertBatch(batch);
          batch = [];
        }
      }
      await insertBatch(batch);
    },

    async finish() {
      // One writer per tenant recomputes at a time: a recompute must see every event committed before it,
      // or two concurrent ingests of the same day could each overwrite the other's rows with a partial count.
      if (rollupKeys.size > 0 || orgEmployees.size > 0) {
        await sql`select pg_advisory_xact_lock(hashtext('teampulse.signals'), hashtext(${tenantId}))`.execute(trx);
      }
      await refreshStatistics(trx, 'signal_events', result.accepted);
      for (const key of await spreadIngestedLeaves(trx, tenantId, leaves)) rollupKeys.add(key.employeeId, key.day);
      await withoutJit(trx, rollupKeys.size + edgeKeys.size >= JIT_OFF_KEYS, async () => {
        // The session's dirty person-days, each set recomputed by one set-based statement (recompute.ts).
        const edgesWritten = await recomputeEdges(trx, tenantId, edgeKeys.list());
        // After the edges are written, not before: the rollups count each person's edges, and statistics taken
        // of a still-empty edge table made the planner scan a whole day's edges per person (≈ 100 µs a key).
        await refreshStatistics(trx, 'interaction_edges', edgesWritten);
        result.rollupsRecomputed += await recomputeRollups(trx, tenantId, rollupKeys.list());
      });
      await recordCoverage(trx, tenantId, source, [...coverage.values()]);
      await applyOrgEffects(trx, tenantId, [...orgEmployees]);
      // A new joiner's onboarding plan starts with their hire record (issue J), in the same transaction.
      if (hires.length > 0) await startOnboardingOnHire(trx, tenantId, hires, localDay(input.now, tenant.timezone));
      result.unknownEmployees = [...unknown].sort().slice(0, UNKNOWN_LIST_LIMIT);
      return result;
    },
  };
}

/** Distinct (employee, day) keys, grouped by day: no per-event key strings or objects on a long import. */
class DayKeySet {
  private readonly byDay = new Map<string, Set<string>>();
  size = 0;

  add(employeeId: string, day: string): void {
    let employees = this.byDay.get(day);
    if (!employees) this.byDay.set(day, (employees = new Set()));
    if (employees.has(employeeId)) return;
    employees.add(employeeId);
    this.size += 1;
  }

  list(): DayKey[] {
    const out: DayKey[] = [];
    for (const [day, employees] of this.byDay) for (const employeeId of employees) out.push({ employeeId, day });
    return out;
  }
}

async function recordCoverage(
  trx: Transaction<Database>,
  tenantId: string,
  source: string,
  rows: { signalClass: string; day: string; events: number }[],
) {
  // Incremental is exact here: only newly inserted events (RETURNING of ON CONFLICT DO NOTHING) are counted.
  for (const chunk of chunks(rows, 5000)) {
    await sql`
      insert into signal_coverage (tenant_id, source, signal_class, day, events)
      select ${tenantId}, ${source}, u.signal_class, u.day, u.events
      from unnest(${chunk.map((r) => r.signalClass)}::text[], ${chunk.map((r) => r.day)}::date[], ${chunk.map((r) => r.events)}::int[])
        as u(signal_class, day, events)
      on conflict (tenant_id, source, signal_class, day) do update set events = signal_coverage.events + excluded.events`.execute(
      trx,
    );
  }
}
