// What the exit and accuracy reports read: the tenant's people with their departure day (tenant-local), their stored
// scored days in a window re-evaluated with the current rules (score and fired rules), and the risk alerts raised in
// it. The window is in the SQL: a report reads the scores, alerts and people of its window, never the whole history.
import type { Db } from '../../storage/database.js';
import { leftDay } from './report-window.js';
import { localDay } from '../../core/time.js';
import { evaluateRules } from '../../core/scoring/rules.js';
import type { Features, RuleSet } from '../../core/scoring/types.js';
import type { PersonHistory, ScoredDay } from '../../core/performance/index.js';
import { loadCurrentRuleSet } from '../../storage/repositories/scores.js';

export interface PersonRecord extends PersonHistory {
  externalId: string;
  name: string;
  teamId: string | null;
  /** First day a risk alert was raised about the person (any recipient). */
  alertDays: string[];
}

export interface TenantHistory {
  timezone: string;
  ruleSet: RuleSet;
  /** The latest scored day (the report's "today"). */
  asOf: string | null;
  people: PersonRecord[];
  teams: Map<string, string>;
}

export interface HistoryWindow {
  /** Scored days and alerts from this tenant-local day … */
  scoresFrom: string;
  /** … up to this one. The history is as of this day: someone who left after it counts as present. */
  to: string;
  /**
   * Whose history: 'leavers' — only people who left from `leaversFrom` to `to` (the exit report); 'present' — everyone
   * still there at `scoresFrom` (the accuracy report: leavers and stayers).
   */
  people: { leavers: string } | 'present';
}

export async function loadHistory(db: Db, tenantId: string, window: HistoryWindow): Promise<TenantHistory> {
  const tenant = await db.selectFrom('tenants').select('timezone').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const ruleSet = await loadCurrentRuleSet(db, tenantId);
  const left = leftDay(tenant.timezone);
  const { people } = window;
  const employees = await db
    .selectFrom('employees')
    .select(['id', 'external_id', 'display_name', 'team_id', 'status', 'left_at'])
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      people === 'present'
        ? eb.or([eb('status', '!=', 'left'), eb('left_at', 'is', null), eb(left, '>=', window.scoresFrom)])
        : eb.and([eb('status', '=', 'left'), eb(left, '>=', people.leavers), eb(left, '<=', window.to)]),
    )
    .orderBy('external_id')
    .execute();
  const teams = await db.selectFrom('teams').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();
  const scores = await db
    .selectFrom('employee_scores')
    .select(['employee_id', 'as_of', 'risk_level', 'features'])
    .where('tenant_id', '=', tenantId)
    .where('as_of', '>=', window.scoresFrom)
    .where('as_of', '<=', window.to)
    .where('status', '=', 'scored')
    .$if(people !== 'present', (q) =>
      q.where('employee_id', 'in', (eb) =>
        eb
          .selectFrom('employees')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('status', '=', 'left')
          .where(left, '>=', (people as { leavers: string }).leavers)
          .where(left, '<=', window.to),
      ),
    )
    .orderBy('employee_id')
    .orderBy('as_of')
    .execute();
  const alerts = await db
    .selectFrom('alerts')
    .select(['subject_employee_id', 'as_of'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'risk')
    .where('level', '=', 'high')
    .where('as_of', '>=', window.scoresFrom)
    .where('as_of', '<=', window.to)
    .orderBy('as_of')
    .execute();

  const days = new Map<string, ScoredDay[]>();
  let asOf: string | null = null;
  for (const row of scores) {
    const { score, fired } = evaluateRules(row.features as Features, ruleSet.rules);
    const list = days.get(row.employee_id) ?? [];
    list.push({ day: row.as_of, score, high: row.risk_level === 'high', rules: fired.map((f) => f.rule.id) });
    days.set(row.employee_id, list);
    if (asOf === null || row.as_of > asOf) asOf = row.as_of;
  }
  const alerted = new Map<string, string[]>();
  for (const a of alerts) {
    if (!a.subject_employee_id) continue;
    const list = alerted.get(a.subject_employee_id) ?? [];
    if (!list.includes(a.as_of)) list.push(a.as_of);
    alerted.set(a.subject_employee_id, list);
  }
  return {
    timezone: tenant.timezone,
    ruleSet,
    asOf,
    teams: new Map(teams.map((t) => [t.id, t.name])),
    people: employees.map((e) => ({
      id: e.id,
      externalId: e.external_id,
      name: e.display_name,
      teamId: e.team_id,
      leftOn: leftOn(e, tenant.timezone, window.to),
      days: days.get(e.id) ?? [],
      alertDays: alerted.get(e.id) ?? [],
    })),
  };
}

/** The tenant-local day someone left, or null for people still there as of `to`. */
function leftOn(e: { status: string; left_at: Date | string | null }, timezone: string, to: string): string | null {
  if (e.status !== 'left' || !e.left_at) return null;
  const day = localDay(new Date(e.left_at), timezone);
  return day <= to ? day : null;
}
