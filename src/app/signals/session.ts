// An ingest session inside one transaction: resolve people in bulk, append events (deduplicated per source id),
// then — once, in finish() — recompute the affected rollups, edges and coverage from the stored events and apply
// org effects (departures, manager changes, hires).
import { sql, type Transaction } from 'kysely';
import type { ActorRef, SignalEvent } from '../../core/events.js';
import type { Database } from '../../storage/database.js';
import { recomputeEdges, recomputeRollups } from './recompute.js';
import { relatedOf, storedRow, type Pending } from './event-rows.js';
import { spreadIngestedLeaves } from './leave-spread.js';
import type { PeopleScope } from '../../storage/repositories/reach.js';
import { localDay } from '../../core/time.js';
import { startOnboardingOnHire } from '../performance/plans/start.js';
import { chunks, emptyIngestResult, type IngestResult } from './ingest-result.js';
import { applyOrgEffects } from './org-effects.js';
import { refreshStatistics, withoutJit } from './planner.js';
import { ActorLookup } from './actor-lookup.js';
import { TouchedByIngest, type CoverageCount } from './touched.js';

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
const DAY_MS = 86_400_000;

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
  const session: Session = {
    trx,
    tenantId,
    source,
    timezone: tenant.timezone,
    now: input.now,
    oldestAllowed:
      input.retentionDays === undefined ? -Infinity : input.now.getTime() - (input.retentionDays - 1) * DAY_MS,
    result: emptyIngestResult(),
    actors: new ActorLookup(trx, tenantId, input.platform ?? source, input.people ?? {}),
    touched: new TouchedByIngest(),
  };
  return { add: (events) => addEvents(session, events), finish: () => finishSession(session) };
}

/** An open session's state: the running totals, the people resolved so far and what the stored events touched. */
interface Session {
  trx: Transaction<Database>;
  tenantId: string;
  source: string;
  /** The tenant's timezone: an event's day is its local day there. */
  timezone: string;
  now: Date;
  /** Events older than this (ms) are not stored (see IngestInput.retentionDays). */
  oldestAllowed: number;
  result: IngestResult;
  actors: ActorLookup;
  touched: TouchedByIngest;
}

async function addEvents(session: Session, events: readonly SignalEvent[]): Promise<void> {
  const { result, actors } = session;
  // relatedOf once per event: it feeds both the lookup and the stored row.
  const relatedRefs = events.map(relatedOf);
  const refs: ActorRef[] = [];
  events.forEach((event, i) => refs.push(event.actor, ...relatedRefs[i]!));
  await actors.resolve(refs);
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
    if (event.occurredAt.getTime() < session.oldestAllowed) {
      result.expired += 1;
      continue;
    }
    const employeeId = actors.lookup(event.actor);
    if (employeeId === null) {
      result.skippedUnknown += 1;
      continue;
    }
    const related: string[] = [];
    for (const ref of relatedRefs[index]!) {
      const id = actors.lookup(ref);
      if (id !== null && id !== employeeId && !related.includes(id)) related.push(id);
    }
    batch.push({ event, employeeId, related });
    if (batch.length >= INSERT_BATCH) {
      await insertBatch(session, batch);
      batch = [];
    }
  }
  await insertBatch(session, batch);
}

async function insertBatch(session: Session, batch: Pending[]): Promise<void> {
  if (batch.length === 0) return;
  const { trx, tenantId, source, result } = session;
  const rows = batch.map((p) => storedRow(p, session.actors.lookup));
  const inserted = await sql<{ external_id: string; day: string }>`
    insert into signal_events (tenant_id, source, external_id, kind, employee_id, peer_employee_id, occurred_at, day, payload)
    select ${tenantId}, ${source}, u.external_id, u.kind, u.employee_id, u.peer_id, u.occurred_at,
      (u.occurred_at at time zone ${session.timezone})::date, u.payload
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
    if (pending) session.touched.add(source, pending, row.day);
  }
}

async function finishSession(session: Session): Promise<IngestResult> {
  const { trx, tenantId, result } = session;
  const { rollupKeys, edgeKeys, coverage, orgEmployees, leaves, hires } = session.touched;
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
  await recordCoverage(trx, tenantId, session.source, [...coverage.values()]);
  await applyOrgEffects(trx, tenantId, [...orgEmployees]);
  // A new joiner's onboarding plan starts with their hire record (issue J), in the same transaction.
  if (hires.length > 0) await startOnboardingOnHire(trx, tenantId, hires, localDay(session.now, session.timezone));
  result.unknownEmployees = session.actors.unknownList();
  return result;
}

async function recordCoverage(trx: Transaction<Database>, tenantId: string, source: string, rows: CoverageCount[]) {
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
