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
  type AlertReason,
  type AlertTrigger,
  type Route,
} from '../../core/alerts/index.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import { addDays } from '../../core/time.js';
import { enqueueMessage } from '../../delivery/enqueue.js';
import type { Db } from '../../storage/database.js';
import { insertAlert, lastAlertsBySubject, setAlertOutbox } from '../../storage/repositories/alerts.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import type { AlertRow } from '../../storage/tables/alerts.js';
import type { AlertDeps } from './deps.js';
import { loadTenantDirectory, teamLostManager } from './directory.js';
import { tenantAlertSettings } from './tenant-settings.js';

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

export async function planAlerts(deps: AlertDeps, tenantId: string, asOf: string): Promise<PlanResult> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const result: PlanResult = { tenantId, asOf, alerts: 0, warnings: 0, unroutable: 0, suppressed: 0 };
  const tenant = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const settings = tenantAlertSettings(tenant, deps.quietHours);
  const notBefore = nextAllowedTime(now, settings.quietHours);
  const locale = tenant.locale;

  const previousEmployeeDay = await previousScoredDay(db, 'employee_scores', tenantId, asOf);
  const eligibleLevels = (['low', 'medium', 'high'] as const).filter(
    (l) => riskRank(l) >= riskRank(settings.policy.minLevel),
  );
  const candidates = await db
    .selectFrom('employee_scores as cur')
    .leftJoin('employee_scores as prev', (join) =>
      join
        .onRef('prev.tenant_id', '=', 'cur.tenant_id')
        .onRef('prev.employee_id', '=', 'cur.employee_id')
        .on('prev.as_of', '=', previousEmployeeDay),
    )
    .select([
      'cur.employee_id',
      'cur.risk_level',
      'cur.risk_score',
      'cur.reasons',
      'prev.risk_level as prev_level',
      'prev.risk_score as prev_score',
      'prev.status as prev_status',
    ])
    .where('cur.tenant_id', '=', tenantId)
    .where('cur.as_of', '=', asOf)
    .where('cur.status', '=', 'scored')
    .where('cur.risk_level', 'in', eligibleLevels)
    .orderBy('cur.risk_score', 'desc')
    .execute();

  const previousTeamDay = await previousScoredDay(db, 'team_scores', tenantId, asOf);
  const negativeTeams = await db
    .selectFrom('team_scores as cur')
    .leftJoin('team_scores as prev', (join) =>
      join
        .onRef('prev.tenant_id', '=', 'cur.tenant_id')
        .onRef('prev.team_id', '=', 'cur.team_id')
        .on('prev.as_of', '=', previousTeamDay),
    )
    .select([
      'cur.team_id',
      'cur.tier',
      'cur.score',
      'cur.drivers',
      'cur.member_count',
      'prev.tier as prev_tier',
      'prev.score as prev_score',
    ])
    .where('cur.tenant_id', '=', tenantId)
    .where('cur.as_of', '=', asOf)
    .where('cur.tier', '=', 'negative')
    .orderBy('cur.score')
    .execute();

  if (candidates.length === 0 && negativeTeams.length === 0) return result;
  const directory = await loadTenantDirectory(db, tenantId);
  const since = addDays(asOf, -ALERT_MEMORY_DAYS);
  const lastRisk = await lastAlertsBySubject(db, tenantId, 'risk', since);
  const lastTeam = await lastAlertsBySubject(db, tenantId, 'team_warning', since);

  for (const row of candidates) {
    // Someone who has left since the scores were computed is past helping by their manager.
    if (directory.snapshot.people.get(row.employee_id)?.active !== true) continue;
    // A previous 'insufficient_history' row has no level: treat it like no previous score.
    const previous = row.prev_status === 'scored' ? { level: row.prev_level, score: row.prev_score } : undefined;
    const decision = decideEmployeeAlert({
      current: { level: row.risk_level, score: row.risk_score },
      previous,
      lastAlert: lastRisk.get(row.employee_id),
      asOf,
      now,
      settings: settings.policy,
    });
    if (!decision.raise) {
      if (decision.why === 'cooldown' || decision.why === 'snoozed') result.suppressed += 1;
      continue;
    }
    const route = routeEmployeeAlert(directory.snapshot, row.employee_id);
    if (route.recipientIds.length === 0) {
      result.unroutable += 1;
      deps.logger?.warn(
        { tenantId, employeeId: row.employee_id },
        'alert has nobody to go to: no manager chain and no HR contact',
      );
      continue;
    }
    const reasons = asReasons(row.reasons);
    const subject = directory.names.get(row.employee_id);
    const teamId = directory.snapshot.people.get(row.employee_id)?.teamId ?? null;
    const actions = recommendActions(locale, reasons, settings.actions);
    for (const recipientId of route.recipientIds) {
      const created = await raise(db, {
        alert: {
          tenant_id: tenantId,
          kind: 'risk',
          subject_employee_id: row.employee_id,
          subject_team_id: null,
          level: row.risk_level ?? 'high',
          score: row.risk_score,
          reasons,
          as_of: asOf,
          trigger: decision.trigger,
          recipient_employee_id: recipientId,
          routed_via: route.routedVia,
        },
        outboxKind: 'alert',
        notBefore,
        now,
        build: (alertId) =>
          buildAlertMessage({
            locale,
            alertId,
            subjectName: subject?.name ?? row.employee_id,
            teamName: teamId ? (directory.teams.get(teamId)?.name ?? null) : null,
            level: row.risk_level ?? 'high',
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
      if (created) result.alerts += 1;
    }
  }

  for (const row of negativeTeams) {
    const decision = decideTeamWarning({
      current: { tier: row.tier, score: row.score },
      previous:
        row.prev_tier === undefined || row.prev_tier === null
          ? undefined
          : { tier: row.prev_tier, score: row.prev_score },
      lastAlert: lastTeam.get(row.team_id),
      asOf,
      now,
      settings: settings.policy,
    });
    if (!decision.raise) {
      if (decision.why === 'cooldown' || decision.why === 'snoozed') result.suppressed += 1;
      continue;
    }
    const route: Route = routeTeamWarning(directory.snapshot, row.team_id);
    if (route.recipientIds.length === 0) {
      result.unroutable += 1;
      deps.logger?.warn(
        { tenantId, teamId: row.team_id },
        'team warning has nobody to go to: no HR contact covers the team',
      );
      continue;
    }
    const drivers = asReasons(row.drivers);
    const managerLeft = teamLostManager(directory, row.team_id);
    const suggestions = suggestTeamActions(locale, drivers, { managerLeft }, settings.teamSuggestions);
    for (const recipientId of route.recipientIds) {
      const created = await raise(db, {
        alert: {
          tenant_id: tenantId,
          kind: 'team_warning',
          subject_employee_id: null,
          subject_team_id: row.team_id,
          level: 'negative',
          score: row.score,
          reasons: drivers,
          as_of: asOf,
          trigger: decision.trigger,
          recipient_employee_id: recipientId,
          routed_via: 'hr',
        },
        outboxKind: 'warning',
        notBefore,
        now,
        build: (alertId) =>
          buildTeamWarningMessage({
            locale,
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
      if (created) result.warnings += 1;
    }
  }

  if (result.alerts || result.warnings || result.unroutable) deps.logger?.info({ ...result }, 'alerts planned');
  return result;
}

interface RaiseInput {
  alert: {
    tenant_id: string;
    kind: AlertRow['kind'];
    subject_employee_id: string | null;
    subject_team_id: string | null;
    level: string;
    score: number | null;
    reasons: AlertReason[];
    as_of: string;
    trigger: AlertTrigger;
    recipient_employee_id: string;
    routed_via: AlertRow['routed_via'];
  };
  outboxKind: 'alert' | 'warning';
  notBefore: Date;
  now: Date;
  build: (alertId: string) => OutboundMessage;
}

/** One alert row + its outbox row, in one transaction, so an alert never exists without its message. */
async function raise(db: AlertDeps['db'], input: RaiseInput): Promise<boolean> {
  return db.transaction().execute(async (trx: Db) => {
    const { row, created } = await insertAlert(trx, { ...input.alert, outbox_id: null, snoozed_until: null });
    if (row.outbox_id) return false;
    const subjectId = input.alert.subject_employee_id ?? input.alert.subject_team_id ?? '';
    const outbox = await enqueueMessage(
      trx,
      {
        tenantId: input.alert.tenant_id,
        recipientEmployeeId: input.alert.recipient_employee_id,
        kind: input.outboxKind,
        // One message per escalation and recipient, whatever happens to the alert row.
        idempotencyKey: `${input.alert.kind}:${subjectId}:${input.alert.as_of}:${input.alert.recipient_employee_id}`,
        message: input.build(row.id),
        notBefore: input.notBefore,
      },
      { now: () => input.now },
    );
    await setAlertOutbox(trx, row.id, outbox.id);
    // The recipient is about to see an individual's risk: that is a read of personal data.
    if (input.alert.subject_employee_id) {
      await recordAudit(trx, {
        tenantId: input.alert.tenant_id,
        actor: 'system',
        action: 'alert.raised',
        subjectType: 'employee',
        subjectId: input.alert.subject_employee_id,
        details: {
          alertId: row.id,
          recipientEmployeeId: input.alert.recipient_employee_id,
          routedVia: input.alert.routed_via,
        },
      });
    }
    return created;
  });
}

/** The scoring day before `asOf` for a tenant ('0001-01-01' when there is none, so a join matches nothing). */
async function previousScoredDay(
  db: Db,
  table: 'employee_scores' | 'team_scores',
  tenantId: string,
  asOf: string,
): Promise<string> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('as_of').as('day'))
    .where('tenant_id', '=', tenantId)
    .where('as_of', '<', asOf)
    .executeTakeFirst();
  return row?.day ?? '0001-01-01';
}
