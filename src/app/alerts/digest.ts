// The weekly HR digest: alerts raised in the last 7 days and what happened to them (feedback), and every
// team's atmosphere against the previous scoring day. One message per HR contact, covering their scope.
// Never individual survey answers — the digest reads alerts and team scores only.
import { buildDigestMessage, isInSubtree, nextAllowedTime, type FeedbackValue } from '../../core/alerts/index.js';
import { addDays, localDay, weekdayOf } from '../../core/time.js';
import { enqueueMessage } from '../../delivery/enqueue.js';
import type { AlertDeps } from './deps.js';
import { loadTenantDirectory } from './directory.js';
import { tenantAlertSettings } from './tenant-settings.js';
import type { Access } from '../access/index.js';

export interface DigestResult {
  tenantId: string;
  weekOf: string;
  /** Outbox rows created (a re-run in the same week creates none). */
  sent: number;
}

/** What a digest covers this week, for the whole tenant (each reader then sees their scope of it). */
async function gatherDigest(db: AlertDeps['db'], tenantId: string, now: Date) {
  const tenant = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const today = localDay(now, tenant.timezone);
  const weekOf = addDays(today, 1 - weekdayOf(today));
  const directory = await loadTenantDirectory(db, tenantId);

  const perSubject = await riskAlertsOfWeek(db, tenantId, now);
  const teams = await teamsNeedingAttention(db, tenantId, directory);
  return { tenant, weekOf, directory, perSubject, teams };
}

/** The week's risk alerts, one line per person with the latest feedback given by anyone. */
async function riskAlertsOfWeek(db: AlertDeps['db'], tenantId: string, now: Date) {
  const alerts = await db
    .selectFrom('alerts as a')
    .leftJoin('employees as e', 'e.id', 'a.subject_employee_id')
    .select(['a.id', 'a.subject_employee_id', 'a.level', 'a.routed_via', 'a.as_of', 'e.display_name', 'e.team_id'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.kind', '=', 'risk')
    .where('a.created_at', '>=', new Date(now.getTime() - 7 * 86_400_000))
    .orderBy('a.created_at')
    .execute();
  const feedback = alerts.length
    ? await db
        .selectFrom('alert_feedback')
        .select(['alert_id', 'value'])
        .where('tenant_id', '=', tenantId)
        .where(
          'alert_id',
          'in',
          alerts.map((a) => a.id),
        )
        .orderBy('at')
        .execute()
    : [];
  const latestFeedback = new Map(feedback.map((f) => [f.alert_id, f.value as FeedbackValue]));
  // One line per person (several recipients share an escalation): the latest feedback given by anyone.
  const perSubject = new Map<
    string,
    { subjectName: string; teamId: string | null; level: string; routedVia: string; feedback: FeedbackValue | null }
  >();
  for (const a of alerts) {
    if (!a.subject_employee_id) continue;
    const previous = perSubject.get(a.subject_employee_id);
    perSubject.set(a.subject_employee_id, {
      subjectName: a.display_name ?? a.subject_employee_id,
      teamId: a.team_id,
      level: a.level,
      routedVia: a.routed_via,
      feedback: latestFeedback.get(a.id) ?? previous?.feedback ?? null,
    });
  }
  return perSubject;
}

/** The teams of the last two scoring days that need attention, worst first. */
async function teamsNeedingAttention(
  db: AlertDeps['db'],
  tenantId: string,
  directory: Awaited<ReturnType<typeof loadTenantDirectory>>,
) {
  const days = await db
    .selectFrom('team_scores')
    .select('as_of')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .orderBy('as_of', 'desc')
    .limit(2)
    .execute();
  const teamScores = days.length
    ? await db
        .selectFrom('team_scores')
        .select(['team_id', 'as_of', 'tier', 'score'])
        .where('tenant_id', '=', tenantId)
        .where(
          'as_of',
          'in',
          days.map((d) => d.as_of),
        )
        .execute()
    : [];
  const latestDay = days[0]?.as_of;
  const teams = teamScores
    .filter((s) => s.as_of === latestDay)
    .map((s) => ({
      teamId: s.team_id,
      name: directory.teams.get(s.team_id)?.name ?? s.team_id,
      tier: s.tier,
      score: s.score,
      previousScore: teamScores.find((p) => p.team_id === s.team_id && p.as_of !== latestDay)?.score ?? null,
    }))
    // Only what needs attention: negative teams and teams that fell by 10 points or more, worst first, at most 15.
    .filter(
      (team) =>
        team.tier === 'negative' ||
        (team.score !== null && team.previousScore !== null && team.score - team.previousScore <= -10),
    )
    .sort((a, b) => (a.score ?? 101) - (b.score ?? 101))
    .slice(0, 15);
  return teams;
}

type Gathered = Awaited<ReturnType<typeof gatherDigest>>;

function digestMessageFor(
  gathered: Gathered,
  covers: (teamId: string | null) => boolean,
  coversPerson: (employeeId: string, teamId: string | null) => boolean = (_id, teamId) => covers(teamId),
) {
  const { tenant, weekOf, directory, perSubject, teams } = gathered;
  return buildDigestMessage({
    locale: tenant.locale,
    weekOf,
    alerts: [...perSubject.entries()]
      .filter(([id, a]) => coversPerson(id, a.teamId))
      .map(([, a]) => a)
      .map((a) => ({
        subjectName: a.subjectName,
        teamName: a.teamId ? (directory.teams.get(a.teamId)?.name ?? null) : null,
        level: a.level,
        routedVia: a.routedVia,
        feedback: a.feedback,
      })),
    teams: teams.filter((team) => covers(team.teamId)),
  });
}

export async function sendWeeklyDigest(deps: AlertDeps, tenantId: string): Promise<DigestResult> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const gathered = await gatherDigest(db, tenantId, now);
  const { tenant, weekOf, directory } = gathered;
  const settings = tenantAlertSettings(tenant, deps.quietHours);
  const recipients = new Map<string, (string | null)[]>();
  for (const grant of directory.snapshot.hrGrants) {
    if (grant.role !== 'hr' || directory.snapshot.people.get(grant.employeeId)?.active !== true) continue;
    recipients.set(grant.employeeId, [...(recipients.get(grant.employeeId) ?? []), grant.scopeTeamId]);
  }
  const covers = (scopes: (string | null)[], teamId: string | null) =>
    scopes.some((scope) => scope === null || isInSubtree(directory.snapshot.teamParents, teamId, scope));

  const notBefore = nextAllowedTime(now, settings.quietHours);
  let sent = 0;
  for (const [recipientId, scopes] of recipients) {
    const message = digestMessageFor(gathered, (teamId) => covers(scopes, teamId));
    const outcome = await enqueueMessage(
      db,
      {
        tenantId,
        recipientEmployeeId: recipientId,
        kind: 'digest',
        idempotencyKey: `digest:${weekOf}:${recipientId}`,
        message,
        notBefore,
      },
      { now: () => now },
    );
    if (outcome.created) sent += 1;
  }
  return { tenantId, weekOf, sent };
}

/**
 * This week's digest as the caller may see it (hr/admin, limited to their reach): the `digest` chat command.
 * Audited with everyone it names.
 */
export async function readDigest(access: Access, now: Date) {
  access.require('alerts.list');
  const gathered = await gatherDigest(access.db, access.tenantId, now);
  const area = await access.areaTeams();
  const covers = (teamId: string | null) => area === null || (teamId !== null && area.has(teamId));
  // People are reached by team sub-tree or by their own legal entity (Access decides), teams by area.
  const subjects = [...gathered.perSubject.keys()];
  const rows = subjects.length
    ? await access.db
        .selectFrom('employees')
        .select(['id', 'team_id', 'legal_entity'])
        .where('tenant_id', '=', access.tenantId)
        .where('id', 'in', subjects)
        .execute()
    : [];
  const named = new Set<string>();
  for (const row of rows) if (await access.maySeePerson(row, 'alerts')) named.add(row.id);
  await access.audit('digest.read', { type: 'tenant' }, { weekOf: gathered.weekOf, employeeIds: [...named] });
  return digestMessageFor(gathered, covers, (id) => named.has(id));
}

/** What the job uses of the scheduler's JobContext; structural, so app/ does not depend on the scheduler. */
export interface DigestJobContext {
  tenantId: string | null;
  scheduledAt: Date;
}

/**
 * The scheduler job `{ name: 'weekly-digest', cron: config.digestCron, perTenant: true, run }`: the scheduler calls
 * run once per tenant per slot (slots claimed in job_runs), in the tenant's time zone.
 */
export function weeklyDigestJob(deps: AlertDeps, cron: string) {
  return {
    name: 'weekly-digest',
    cron,
    perTenant: true as const,
    async run(ctx: DigestJobContext): Promise<void> {
      if (!ctx.tenantId) return;
      await sendWeeklyDigest({ ...deps, now: deps.now ?? (() => ctx.scheduledAt) }, ctx.tenantId);
    },
  };
}
