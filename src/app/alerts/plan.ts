// planAlerts: after a tenant is scored for `asOf`, compare each person's and team's latest score with the
// previous scoring day, apply the policy, route, write one alert row per recipient and enqueue its message.
// Re-running for the same day is harmless: alert rows and outbox rows are both idempotent per escalation.
import {
  buildAlertMessage,
  buildTeamWarningMessage,
  decideEmployeeAlert,
  decideTeamWarning,
  nextAllowedTime,
  recommendActions,
  riskRank,
  routeEmployeeAlert,
  routeTeamWarning,
  suggestTeamActions,
  type AlertDecision,
  type AlertReason,
  type Route,
} from '../../core/alerts/index.js';
import { t, type Locale } from '../../core/i18n/index.js';
import { suggestLeadershipTrack } from '../performance/plans/templates.js';
import { addDays } from '../../core/time.js';
import type { Db } from '../../storage/database.js';
import { lastAlertsBySubject } from '../../storage/repositories/alerts.js';
import type { AlertDeps } from './deps.js';
import { fieldVisible } from '../access/fields.js';
import { loadTenantDirectory, teamLostManager, type TenantDirectory } from './directory.js';
import { tenantAlertSettings, type TenantAlertSettings } from './tenant-settings.js';
import { loadNegativeTeams, loadRiskCandidates, type NegativeTeam, type RiskCandidate } from './candidates.js';
import { raise, type RaiseInput } from './raise.js';

export interface PlanResult {
  tenantId: string;
  asOf: string;
  /** Alert rows created (one per recipient). */
  alerts: number;
  /** HR team-warning rows created (one per HR contact). */
  warnings: number;
  /** Subjects that deserved a message but had nobody to receive it (no manager chain, no HR contact). */
  unroutable: number;
  /** Subjects held back by the cooldown or a snooze. */
  suppressed: number;
}

const asReasons = (value: unknown): AlertReason[] =>
  Array.isArray(value)
    ? value
        .filter((r): r is AlertReason => !!r && typeof r === 'object' && typeof (r as AlertReason).code === 'string')
        .map((r) => ({
          code: r.code,
          params: r.params && typeof r.params === 'object' ? r.params : {},
          contribution: typeof r.contribution === 'number' ? r.contribution : 0,
        }))
    : [];

/** Days back over which earlier alerts still matter to the policy (cooldown, snooze, reminder). */
const ALERT_MEMORY_DAYS = 120;

/** What every decision of one planning run shares. */
interface PlanRun {
  deps: AlertDeps;
  db: Db;
  tenantId: string;
  asOf: string;
  now: Date;
  /** The first moment outside quiet hours: messages wait until then. */
  notBefore: Date;
  locale: Locale;
  settings: TenantAlertSettings;
  /** Leave types the tenant marks sensitive: reasons about them never go to a manager (field-level rules). */
  sensitiveLeaveTypes: readonly string[];
  directory: TenantDirectory;
  /** The latest earlier alert per subject (cooldown, snooze, reminder). */
  lastAlerts: Awaited<ReturnType<typeof lastAlertsBySubject>>;
  result: PlanResult;
}

export async function planAlerts(deps: AlertDeps, tenantId: string, asOf: string): Promise<PlanResult> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const result: PlanResult = { tenantId, asOf, alerts: 0, warnings: 0, unroutable: 0, suppressed: 0 };
  const tenant = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const settings = tenantAlertSettings(tenant, deps.quietHours);

  const eligibleLevels = (['low', 'medium', 'high'] as const).filter(
    (l) => riskRank(l) >= riskRank(settings.policy.minLevel),
  );
  const candidates = await loadRiskCandidates(db, tenantId, asOf, eligibleLevels);
  const negativeTeams = await loadNegativeTeams(db, tenantId, asOf);
  if (candidates.length === 0 && negativeTeams.length === 0) return result;

  const directory = await loadTenantDirectory(db, tenantId);
  const since = addDays(asOf, -ALERT_MEMORY_DAYS);
  const run = { deps, db, tenantId, asOf, now, notBefore: nextAllowedTime(now, settings.quietHours) };
  const sensitive = (tenant.settings as Record<string, unknown> | null)?.sensitiveLeaveTypes;
  const sensitiveLeaveTypes = Array.isArray(sensitive)
    ? sensitive.filter((v): v is string => typeof v === 'string')
    : [];
  const common = { ...run, locale: tenant.locale, settings, sensitiveLeaveTypes, directory, result };
  const riskRun: PlanRun = { ...common, lastAlerts: await lastAlertsBySubject(db, tenantId, 'risk', since) };
  for (const row of candidates) await planRiskAlert(riskRun, row);
  const teamRun: PlanRun = { ...common, lastAlerts: await lastAlertsBySubject(db, tenantId, 'team_warning', since) };
  for (const row of negativeTeams) await planTeamWarning(teamRun, row);

  if (result.alerts || result.warnings || result.unroutable) deps.logger?.info({ ...result }, 'alerts planned');
  return result;
}

/** One person: decide, route, and raise an alert for each recipient (their manager chain, or HR). */
async function planRiskAlert(run: PlanRun, row: RiskCandidate): Promise<void> {
  const { directory, asOf, result } = run;
  // Someone who has left since the scores were computed is past helping by their manager.
  if (directory.snapshot.people.get(row.employee_id)?.active !== true) return;
  // A previous 'insufficient_history' or 'no_data' row has no level: treat it like no previous score.
  const previous = row.prev_status === 'scored' ? { level: row.prev_level, score: row.prev_score } : undefined;
  const decision = decideEmployeeAlert({
    current: { level: row.risk_level, score: row.risk_score },
    previous,
    ...decisionContext(run, row.employee_id),
  });
  const route = routeIfRaised(run, decision, () => routeEmployeeAlert(directory.snapshot, row.employee_id), {
    context: { employeeId: row.employee_id },
    message: 'alert has nobody to go to: no manager chain and no HR contact',
  });
  if (!route || !decision.raise) return;
  // A manager (or skip-level manager) reads what the field-level rules let managers read; HR reads it all.
  const reasons = asReasons(row.reasons).filter(
    (r) =>
      route.routedVia === 'hr' || fieldVisible({ full: false, sensitiveLeaveTypes: run.sensitiveLeaveTypes }, r.code),
  );
  const subject = directory.names.get(row.employee_id);
  const teamId = directory.snapshot.people.get(row.employee_id)?.teamId ?? null;
  let actions = recommendActions(run.locale, reasons, run.settings.actions);
  // Seed §4.3: a strong collaborator with strong results whose risk rose is offered growth — the leadership track.
  if (await suggestLeadershipTrack(run.db, run.tenantId, row.employee_id, row.features))
    actions = [
      ...actions.slice(0, 3),
      { key: 'leadership_track', text: t(run.locale, 'alerts.action.leadership_track') },
    ];
  const level = row.risk_level ?? 'high';
  result.alerts += await raiseForRecipients(run, route.recipientIds, {
    alert: {
      kind: 'risk',
      subject_employee_id: row.employee_id,
      subject_team_id: null,
      level,
      score: row.risk_score,
      reasons,
      trigger: decision.trigger,
      routed_via: route.routedVia,
    },
    outboxKind: 'alert',
    build: (alertId) =>
      buildAlertMessage({
        locale: run.locale,
        alertId,
        subjectName: subject?.name ?? row.employee_id,
        teamName: teamId ? (directory.teams.get(teamId)?.name ?? null) : null,
        level,
        score: row.risk_score,
        asOf,
        reasons,
        actions,
        route,
        bypassedManagerName: route.bypassedManagerId
          ? (directory.names.get(route.bypassedManagerId)?.name ?? null)
          : null,
        trigger: decision.trigger,
      }),
  });
}

/** One negative team: decide, route to the HR contacts covering it, and raise a warning for each. */
async function planTeamWarning(run: PlanRun, row: NegativeTeam): Promise<void> {
  const { directory, asOf, result } = run;
  const decision = decideTeamWarning({
    current: { tier: row.tier, score: row.score },
    previous:
      row.prev_tier === undefined || row.prev_tier === null
        ? undefined
        : { tier: row.prev_tier, score: row.prev_score },
    ...decisionContext(run, row.team_id),
  });
  const route = routeIfRaised(run, decision, () => routeTeamWarning(directory.snapshot, row.team_id), {
    context: { teamId: row.team_id },
    message: 'team warning has nobody to go to: no HR contact covers the team',
  });
  if (!route || !decision.raise) return;
  const drivers = asReasons(row.drivers);
  const managerLeft = teamLostManager(directory, row.team_id);
  const suggestions = suggestTeamActions(run.locale, drivers, { managerLeft }, run.settings.teamSuggestions);
  result.warnings += await raiseForRecipients(run, route.recipientIds, {
    alert: {
      kind: 'team_warning',
      subject_employee_id: null,
      subject_team_id: row.team_id,
      level: 'negative',
      score: row.score,
      reasons: drivers,
      trigger: decision.trigger,
      routed_via: 'hr',
    },
    outboxKind: 'warning',
    build: (alertId) =>
      buildTeamWarningMessage({
        locale: run.locale,
        alertId,
        teamName: directory.teams.get(row.team_id)?.name ?? row.team_id,
        score: row.score,
        tier: 'negative',
        memberCount: row.member_count,
        asOf,
        drivers,
        suggestions,
        managerLeft,
        trigger: decision.trigger,
      }),
  });
}

/** Raises the alert once per recipient (each gets its own row and message); returns how many rows were new. */
async function raiseForRecipients(
  run: PlanRun,
  recipientIds: readonly string[],
  input: {
    alert: Omit<RaiseInput['alert'], 'tenant_id' | 'as_of' | 'recipient_employee_id'>;
    outboxKind: RaiseInput['outboxKind'];
    build: RaiseInput['build'];
  },
): Promise<number> {
  let created = 0;
  for (const recipientId of recipientIds) {
    const alert = { ...input.alert, tenant_id: run.tenantId, as_of: run.asOf, recipient_employee_id: recipientId };
    const raised = await raise(run.db, { ...input, alert, notBefore: run.notBefore, now: run.now });
    if (raised) created += 1;
  }
  return created;
}

/** What a decision reads besides the scores: the subject's latest earlier alert, the day, the clock and the policy. */
function decisionContext(run: PlanRun, subjectId: string) {
  return { lastAlert: run.lastAlerts.get(subjectId), asOf: run.asOf, now: run.now, settings: run.settings.policy };
}

/**
 * The route of a subject the policy wants raised; undefined (and counted) when the policy holds it back — cooldown
 * and snooze count as suppressed — or when nobody can receive it (unroutable, logged).
 */
function routeIfRaised(
  run: PlanRun,
  decision: AlertDecision,
  routeOf: () => Route,
  nobody: { context: Record<string, string>; message: string },
): Route | undefined {
  if (!decision.raise) {
    if (decision.why === 'cooldown' || decision.why === 'snoozed') run.result.suppressed += 1;
    return undefined;
  }
  const route = routeOf();
  if (route.recipientIds.length > 0) return route;
  run.result.unroutable += 1;
  run.deps.logger?.warn({ tenantId: run.tenantId, ...nobody.context }, nobody.message);
  return undefined;
}
