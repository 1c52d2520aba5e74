// One person's daily signal rollups and the coverage of those days, so HR (and the person) can see exactly what
// was counted. Raw behavioural data: HR in reach and the person only; every read is audited.
import type { Access } from '../access/index.js';
import { InvalidInputError } from '../errors.js';
import { addDays, daysBetween, localDay } from '../../core/time.js';
import type { DailyRollup } from '../../storage/tables/signals.js';
import { listCoverage, listDailyRollups } from '../../storage/repositories/signals.js';

export const MAX_ACTIVITY_DAYS = 366;
const DEFAULT_RANGE_DAYS = 28;

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function rollupJson(row: DailyRollup): Record<string, string | number> {
  const out: Record<string, string | number> = { day: row.day };
  for (const [key, value] of Object.entries(row)) {
    if (['tenant_id', 'employee_id', 'day', 'updated_at'].includes(key)) continue;
    out[camel(key)] = value as number;
  }
  return out;
}

export interface ActivityView {
  employee: { id: string; externalId: string; displayName: string; status: string };
  from: string;
  to: string;
  timezone: string;
  days: Record<string, string | number>[];
  coverage: { day: string; source: string; signalClass: string; events: number }[];
}

/** `from`/`to` are calendar days (checked at the edge); `to` defaults to today in the tenant's zone. */
export async function readActivity(
  access: Access,
  query: { id: string; from?: string; to?: string },
  now: Date,
): Promise<ActivityView> {
  access.require('activity.read');
  const person = await access.person(query.id, 'activity');
  const tenant = await access.tenant();
  const to = query.to ?? localDay(now, tenant.timezone);
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to)
    throw new InvalidInputError('invalid date range', [{ path: '/from', message: 'must not be after `to`' }]);
  if (daysBetween(from, to) + 1 > MAX_ACTIVITY_DAYS)
    throw new InvalidInputError('invalid date range', [
      {
        path: query.to === undefined ? '/from' : '/to',
        message: `the range may span at most ${MAX_ACTIVITY_DAYS} days`,
      },
    ]);
  const [rollups, coverage] = await Promise.all([
    listDailyRollups(access.db, access.tenantId, person.id, from, to),
    listCoverage(access.db, access.tenantId, from, to),
  ]);
  await access.audit('employee.activity.read', { type: 'employee', id: person.id }, { from, to });
  return {
    employee: {
      id: person.id,
      externalId: person.external_id,
      displayName: person.display_name,
      status: person.status,
    },
    from,
    to,
    timezone: tenant.timezone,
    days: rollups.map(rollupJson),
    coverage: coverage.map((c) => ({ day: c.day, source: c.source, signalClass: c.signal_class, events: c.events })),
  };
}
