// `teampulse report exits`: every leaver in a span with the reason code of their departure (the tenant's list; free
// text of older records counts as the code it names or 'other'), counts by team and period, and whether and how early
// teampulse flagged them (a high day or a high-risk alert in the 90 days before they left).
import { addDays, daysBetween } from '../../core/time.js';
import { exitReasonOf } from '../../core/performance/index.js';
import type { Db } from '../../storage/database.js';
import type { Access } from '../access/index.js';
import { InvalidInputError } from '../errors.js';
import { exitReasonCodes } from './exit-reasons.js';
import { loadHistory } from './history.js';
import { leftDay, resolveWindow, type WindowInput } from './report-window.js';

export type PeriodUnit = 'month' | 'quarter';

export interface ExitLeaver {
  employee: string;
  name: string;
  team: string | null;
  leftOn: string;
  period: string;
  reason: string;
  note: string | null;
  flagged: boolean;
  /** First high day or alert in the 90 days before leaving. */
  flaggedOn: string | null;
  leadDays: number | null;
}

export interface ExitReport {
  /** The window of departure days (the defaults filled in: see report-window.ts). */
  from: string;
  to: string;
  by: PeriodUnit;
  codes: string[];
  groups: { team: string | null; period: string; total: number; reasons: Record<string, number> }[];
  byReason: Record<string, number>;
  leavers: ExitLeaver[];
  flagged: number;
}

const FLAG_WINDOW = 90;

export const periodOf = (day: string, by: PeriodUnit): string =>
  by === 'month' ? day.slice(0, 7) : `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

export async function exitReport(
  access: Access,
  options: WindowInput & { by?: PeriodUnit; now?: Date } = {},
): Promise<ExitReport> {
  access.require('reports.read');
  const by = options.by ?? 'quarter';
  if (by !== 'month' && by !== 'quarter')
    throw new InvalidInputError('invalid period unit', [{ path: '/by', message: 'must be month or quarter' }]);
  const { db, tenantId } = access;
  const tenant = await access.tenant();
  const { from, to } = await resolveWindow(db, tenant, options, options.now ?? new Date());
  const codes = await exitReasonCodes(db, tenantId);
  // Leavers of the window, with their scores from FLAG_WINDOW days before it (how early they were flagged).
  const history = await loadHistory(db, tenantId, {
    scoresFrom: addDays(from, -FLAG_WINDOW),
    to,
    people: { leavers: from },
  });
  const left = leftDay(tenant.timezone);
  const latest = await latestDeparturePayloads(db, tenantId, left, from, to);

  const leavers: ExitLeaver[] = [];
  for (const person of history.people) {
    const leftOn = person.leftOn;
    if (leftOn === null || leftOn < from) continue;
    const payload = latest.get(person.id) ?? {};
    const inWindow = (day: string) => day < leftOn && daysBetween(day, leftOn) <= FLAG_WINDOW;
    const candidates = [
      ...person.days.filter((d) => d.high && inWindow(d.day)).map((d) => d.day),
      ...person.alertDays.filter(inWindow),
    ].sort();
    const flaggedOn = candidates[0] ?? null;
    leavers.push({
      employee: person.externalId,
      name: person.name,
      team: person.teamId ? (history.teams.get(person.teamId) ?? null) : null,
      leftOn,
      period: periodOf(leftOn, by),
      reason: exitReasonOf(payload, codes),
      note: typeof payload.note === 'string' ? payload.note : null,
      flagged: flaggedOn !== null,
      flaggedOn,
      leadDays: flaggedOn ? daysBetween(flaggedOn, leftOn) : null,
    });
  }
  leavers.sort((a, b) => a.leftOn.localeCompare(b.leftOn) || a.employee.localeCompare(b.employee));
  const { groups, byReason } = tally(leavers, codes);
  await access.audit('report.exits', { type: 'tenant', id: tenantId }, { leavers: leavers.length });
  return {
    from,
    to,
    by,
    codes,
    groups,
    byReason,
    leavers,
    flagged: leavers.filter((l) => l.flagged).length,
  };
}

/** Each leaver of the window's latest departure event payload (reason code and note), by employee id. */
async function latestDeparturePayloads(
  db: Db,
  tenantId: string,
  left: ReturnType<typeof leftDay>,
  from: string,
  to: string,
) {
  const departures = await db
    .selectFrom('signal_events')
    .select(['employee_id', 'payload', 'occurred_at'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'departure')
    .where('employee_id', 'in', (eb) =>
      eb
        .selectFrom('employees')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'left')
        .where(left, '>=', from)
        .where(left, '<=', to),
    )
    .orderBy('occurred_at', 'desc')
    .execute();
  const latest = new Map<string, Record<string, unknown>>();
  for (const d of departures)
    if (!latest.has(d.employee_id)) latest.set(d.employee_id, d.payload as Record<string, unknown>);

  return latest;
}

/** Leavers per team and period (by period, then team) and per reason (every code, zero included). */
function tally(leavers: ExitLeaver[], codes: string[]) {
  const groups = new Map<string, ExitReport['groups'][number]>();
  const byReason: Record<string, number> = Object.fromEntries(codes.map((c) => [c, 0]));
  for (const l of leavers) {
    const key = `${l.team ?? ''}|${l.period}`;
    const group = groups.get(key) ?? { team: l.team, period: l.period, total: 0, reasons: {} };
    group.total += 1;
    group.reasons[l.reason] = (group.reasons[l.reason] ?? 0) + 1;
    groups.set(key, group);
    byReason[l.reason] = (byReason[l.reason] ?? 0) + 1;
  }
  return {
    groups: [...groups.values()].sort(
      (a, b) => a.period.localeCompare(b.period) || (a.team ?? '').localeCompare(b.team ?? ''),
    ),
    byReason,
  };
}
