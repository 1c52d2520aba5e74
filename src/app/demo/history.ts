// The demo's past: scored every other week from the first day with four weeks of baseline up to four weeks before
// today (the last scored day before today stays before the seed case's downturn, so today's alert is an escalation;
// every other week keeps the first `npm start` quick),
// then the departures recorded as HR would have sent them.
import type { Kysely } from 'kysely';
import { addDays } from '../../core/time.js';
import type { Database } from '../../storage/database.js';
import type { SyntheticOrganisation } from '../../synthetic/index.js';
import type { SignalEvent } from '../../core/events.js';
import { runScoring } from '../scoring/run.js';
import { ingestSignals } from '../signals/ingest.js';
import { DEMO_LEAVERS, EARLIER_LEAVER_REASONS } from './leavers.js';

/** Weeks of synthetic history: enough for 90-day outcomes of the earliest scored weeks. */
export const HISTORY_WEEKS = 20;
const FIRST_SCORED_DAYS_AGO = HISTORY_WEEKS * 7 - 42;
const LAST_SCORED_DAYS_AGO = 28;
const STEP_DAYS = 14;

export async function scoreHistory(
  db: Kysely<Database>,
  tenantId: string,
  endDay: string,
  logger?: { info(obj: object, msg?: string): void },
): Promise<void> {
  for (let ago = FIRST_SCORED_DAYS_AGO; ago >= LAST_SCORED_DAYS_AGO; ago -= STEP_DAYS) {
    await runScoring({ db }, { tenantId, asOf: addDays(endDay, -ago) });
  }
  logger?.info(
    { weeks: Math.floor((FIRST_SCORED_DAYS_AGO - LAST_SCORED_DAYS_AGO) / STEP_DAYS) + 1 },
    'demo history scored',
  );
}

export async function recordDepartures(
  db: Kysely<Database>,
  tenantId: string,
  org: SyntheticOrganisation,
  now: Date,
): Promise<void> {
  const reasons = new Map<string, { reasonCode: string; note?: string }>(
    DEMO_LEAVERS.map((l) => [l.externalId, { reasonCode: l.reasonCode, ...(l.note ? { note: l.note } : {}) }]),
  );
  const events: SignalEvent[] = [];
  for (const e of org.employees) {
    if (e.status !== 'left' || !e.leftAt) continue;
    const reason =
      reasons.get(e.externalId) ??
      (e.externalId === org.cases.departedManager ? EARLIER_LEAVER_REASONS.manager! : EARLIER_LEAVER_REASONS.quitter!);
    events.push({
      type: 'departure',
      id: `demo-departure-${e.externalId}`,
      source: 'hr-api',
      actor: { kind: 'external', id: e.externalId },
      occurredAt: new Date(e.leftAt),
      reason: reason.reasonCode,
      reasonCode: reason.reasonCode,
      ...(reason.note ? { note: reason.note } : {}),
    });
  }
  await ingestSignals(db, { tenantId, source: 'hr-api', events, now });
}
