// Group results of pulse surveys: per team (its whole sub-tree) and driver, for the latest closed rounds, with the
// trend over them and the response rate; a cell below the tenant's threshold, or hidden so that a smaller group
// cannot be worked out by subtraction, says why instead of showing a number. Comments are shown only for groups
// with enough commenters. Results of a round are shown once it has closed — while it is open only its response rate
// is, so nobody can watch a result move as one more person answers. Managers see the teams within their reach, HR
// all (or its sub-trees); every read is audited.
import { t, tDynamic, type Locale } from '../../core/i18n/index.js';
import {
  decideVisibility,
  effectiveThresholds,
  responseRate,
  scoreOf,
  SURVEY_DRIVERS,
  type GroupCount,
  type SuppressionReason,
  type SurveyDriver,
  type SurveyScale,
  type Thresholds,
} from '../../core/surveys/index.js';
import type { Db } from '../../storage/database.js';
import type { SurveyRoundRow } from '../../storage/tables/surveys.js';
import { answerCounts, commentsOf, participationCounts } from '../../storage/repositories/survey-results.js';
import { loadSurveySettings, questionsByIds } from '../../storage/repositories/survey-bank.js';
import { openRounds, recentRounds } from '../../storage/repositories/survey-rounds.js';
import type { Access } from '../access/index.js';

/** The tenant as a whole is a group too (the parent of the top-level teams and of people without a team). */
export const TENANT_GROUP = 'tenant';

export interface Suppression {
  reason: SuppressionReason | 'comments_min_respondents';
  message: string;
}

export interface DriverResult {
  driver: SurveyDriver;
  scale: SurveyScale;
  /** Mean 1–5, or eNPS −100…100; null when suppressed or not asked. */
  score: number | null;
  respondents: number | null;
  suppressed: Suppression | null;
  /** The same cell in the rounds before, oldest first (null where suppressed or not asked). */
  trend: Array<{ roundId: string; openedOn: string; score: number | null }>;
}

export interface GroupResult {
  teamId: string | null;
  externalId: string | null;
  name: string;
  parentId: string | null;
  responseRate: { invited: number; answered: number; pct: number | null };
  drivers: DriverResult[];
  comments: { shown: boolean; items: string[]; suppressed: Suppression | null };
}

export interface SurveyResults {
  locale: Locale;
  thresholds: Thresholds;
  round: { id: string; openedOn: string; closesOn: string } | null;
  openRound: { id: string; openedOn: string; closesOn: string; responseRate: number | null } | null;
  groups: GroupResult[];
}

interface TeamNode {
  id: string;
  external_id: string;
  name: string;
  parent_id: string | null;
}

interface RoundCells {
  round: SurveyRoundRow;
  /** driver → group id → { values, respondents, visibility } */
  cells: Map<
    SurveyDriver,
    Map<string, { score: number | null; respondents: number; shown: boolean; reason: SuppressionReason | null }>
  >;
  scales: Map<SurveyDriver, SurveyScale>;
}

/** group ids of a team and every ancestor up to the tenant group. */
function ancestry(teams: Map<string, TeamNode>, teamId: string | null): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let id = teamId; id && teams.has(id) && !seen.has(id); id = teams.get(id)!.parent_id) {
    chain.push(id);
    seen.add(id);
  }
  chain.push(TENANT_GROUP);
  return chain;
}

function groupTree(teams: Map<string, TeamNode>, counts: Map<string, number>): GroupCount[] {
  const groups: GroupCount[] = [{ id: TENANT_GROUP, parentId: null, count: counts.get(TENANT_GROUP) ?? 0 }];
  for (const team of teams.values())
    groups.push({
      id: team.id,
      parentId: team.parent_id && teams.has(team.parent_id) ? team.parent_id : TENANT_GROUP,
      count: counts.get(team.id) ?? 0,
    });
  return groups;
}

async function roundCells(
  db: Db,
  tenantId: string,
  round: SurveyRoundRow,
  teams: Map<string, TeamNode>,
  thresholds: Thresholds,
): Promise<RoundCells> {
  const questions = new Map((await questionsByIds(db, tenantId, round.question_ids)).map((q) => [q.id, q]));
  const rows = await answerCounts(db, tenantId, [round.id]);
  // driver → group → question → values
  const values = new Map<SurveyDriver, Map<string, Map<string, number[]>>>();
  const scales = new Map<SurveyDriver, SurveyScale>();
  for (const row of rows) {
    const question = questions.get(row.question_id);
    if (!question) continue;
    scales.set(question.driver, question.scale);
    const byGroup = values.get(question.driver) ?? new Map<string, Map<string, number[]>>();
    values.set(question.driver, byGroup);
    for (const group of ancestry(teams, row.team_id)) {
      const byQuestion = byGroup.get(group) ?? new Map<string, number[]>();
      byGroup.set(group, byQuestion);
      const list = byQuestion.get(question.id) ?? [];
      for (let i = 0; i < Number(row.n); i += 1) list.push(row.value);
      byQuestion.set(question.id, list);
    }
  }
  const cells: RoundCells['cells'] = new Map();
  for (const [driver, byGroup] of values) {
    const counts = new Map<string, number>();
    for (const [group, byQuestion] of byGroup)
      counts.set(group, Math.max(0, ...[...byQuestion.values()].map((l) => l.length)));
    const visibility = decideVisibility(groupTree(teams, counts), thresholds.minRespondents);
    const driverCells = new Map<
      string,
      { score: number | null; respondents: number; shown: boolean; reason: SuppressionReason | null }
    >();
    for (const [group, byQuestion] of byGroup) {
      const v = visibility.get(group) ?? { shown: false, reason: 'min_respondents' as const };
      driverCells.set(group, {
        score: v.shown ? scoreOf(scales.get(driver)!, [...byQuestion.values()].flat()) : null,
        respondents: counts.get(group) ?? 0,
        shown: v.shown,
        reason: v.reason,
      });
    }
    cells.set(driver, driverCells);
  }
  return { round, cells, scales };
}

const suppression = (locale: Locale, reason: Suppression['reason'], thresholds: Thresholds): Suppression => ({
  reason,
  message:
    reason === 'comments_min_respondents'
      ? t(locale, 'survey.suppressed.comments', { min: thresholds.minCommentRespondents })
      : tDynamic(locale, `survey.suppressed.${reason}`, { min: thresholds.minRespondents }),
});

/**
 * Results of the latest `rounds` closed rounds (trend over them, cells of the newest), for the teams the caller may
 * see — or only `team` and its sub-tree.
 */
export async function surveyResults(
  access: Access,
  options: { team?: string; rounds?: number; locale?: Locale } = {},
): Promise<SurveyResults> {
  access.require('surveys.results');
  const { db, tenantId } = access;
  const tenant = await access.tenant();
  const locale = options.locale ?? tenant.locale;
  const thresholds = effectiveThresholds(await loadSurveySettings(db, tenantId));
  const focus = options.team ? await access.team(options.team, 'atmosphere', 'team') : undefined;
  const allowed = await access.teamFilter('atmosphere');
  const teamRows = await db
    .selectFrom('teams')
    .select(['id', 'external_id', 'name', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  const teams = new Map(teamRows.map((t) => [t.id, t]));

  const focusTree = focus ? new Set(ancestryDown(teams, focus.id)) : null;
  // Rounds for the whole tenant, plus rounds sent to a team within the asked sub-tree (`survey send --team`).
  const rounds = (await recentRounds(db, tenantId, { limit: 50, closedOnly: true }))
    .filter((r) => r.team_id === null || focusTree?.has(r.team_id) === true)
    .slice(0, Math.min(12, options.rounds ?? 6))
    .reverse();
  const computed: RoundCells[] = [];
  for (const round of rounds) computed.push(await roundCells(db, tenantId, round, teams, thresholds));
  const latest = computed.at(-1);

  const { rates, commentsByGroup } = latest
    ? await participationOf(db, tenantId, latest.round.id, teams)
    : { rates: new Map<string, Rate>(), commentsByGroup: new Map<string, string[]>() };
  const commentCounts = new Map([...commentsByGroup].map(([group, list]) => [group, list.length]));
  const commentVisibility = decideVisibility(groupTree(teams, commentCounts), thresholds.minCommentRespondents);

  const suppressed = (reason: Suppression['reason']) => suppression(locale, reason, thresholds);
  const groups: GroupResult[] = visibleGroups(teamRows, allowed, focus?.id, focusTree).map(({ id, team }) => {
    const rate = rates.get(id) ?? { invited: 0, answered: 0 };
    const commentsShown = commentVisibility.get(id)?.shown === true;
    const comments = commentsByGroup.get(id) ?? [];
    return {
      teamId: team?.id ?? null,
      externalId: team?.external_id ?? null,
      name: team?.name ?? tenant.name,
      parentId: team ? (team.parent_id ?? null) : null,
      responseRate: { ...rate, pct: responseRate(rate.answered, rate.invited) },
      drivers: driverResults(id, computed, suppressed),
      comments: {
        shown: commentsShown && comments.length > 0,
        items: commentsShown ? comments : [],
        suppressed: !commentsShown && latest ? suppressed('comments_min_respondents') : null,
      },
    };
  });
  const openRound = await openRoundRate(db, tenantId, focusTree, allowed);

  await access.audit('survey.results', focus ? { type: 'team', id: focus.id } : { type: 'tenant', id: tenantId }, {
    round: latest?.round.id ?? null,
    groups: groups.length,
  });
  return {
    locale,
    thresholds,
    round: latest ? { id: latest.round.id, openedOn: latest.round.opened_on, closesOn: latest.round.closes_on } : null,
    openRound,
    groups,
  };
}

interface Rate {
  invited: number;
  answered: number;
}

/** Response rates and comments of a round, per group of the sub-tree roll-up. */
async function participationOf(db: Db, tenantId: string, roundId: string, teams: Map<string, TeamNode>) {
  const rates = new Map<string, Rate>();
  const commentsByGroup = new Map<string, string[]>();
  for (const row of await participationCounts(db, tenantId, [roundId]))
    for (const group of ancestry(teams, row.team_id)) {
      const rate = rates.get(group) ?? { invited: 0, answered: 0 };
      rate.invited += Number(row.invited);
      rate.answered += Number(row.answered);
      rates.set(group, rate);
    }
  for (const row of await commentsOf(db, tenantId, [roundId]))
    for (const group of ancestry(teams, row.team_id)) {
      const list = commentsByGroup.get(group) ?? [];
      list.push(row.text);
      commentsByGroup.set(group, list);
    }
  return { rates, commentsByGroup };
}

/**
 * The groups the caller sees: the tenant (HR without a focus), then the teams within reach and the asked sub-tree.
 * The asked team comes first (chat replies are titled after the first group), then its sub-teams by name.
 */
function visibleGroups(
  teamRows: TeamNode[],
  allowed: readonly string[] | undefined,
  focusId: string | undefined,
  focusTree: Set<string> | null,
): Array<{ id: string; team: TeamNode | null }> {
  const groups: Array<{ id: string; team: TeamNode | null }> = [];
  if (!focusId && allowed === undefined) groups.push({ id: TENANT_GROUP, team: null });
  for (const team of teamRows) {
    if (allowed !== undefined && !allowed.includes(team.id)) continue;
    if (focusTree && !focusTree.has(team.id)) continue;
    groups.push({ id: team.id, team });
  }
  if (focusId) groups.sort((a, b) => Number(b.id === focusId) - Number(a.id === focusId));
  return groups;
}

/** One group's cell per driver in the newest round, with its trend over the rounds before. */
function driverResults(
  groupId: string,
  computed: RoundCells[],
  suppressed: (reason: Suppression['reason']) => Suppression,
): DriverResult[] {
  const latest = computed.at(-1);
  const drivers: DriverResult[] = [];
  for (const driver of SURVEY_DRIVERS) {
    const scale = latest?.scales.get(driver) ?? computed.findLast((c) => c.scales.has(driver))?.scales.get(driver);
    if (!scale) continue;
    const cell = latest?.cells.get(driver)?.get(groupId);
    const trend = computed.map((c) => {
      const past = c.cells.get(driver)?.get(groupId);
      return { roundId: c.round.id, openedOn: c.round.opened_on, score: past?.shown ? past.score : null };
    });
    drivers.push({
      driver,
      scale,
      score: cell?.shown ? cell.score : null,
      respondents: cell?.shown ? cell.respondents : null,
      suppressed:
        cell && !cell.shown
          ? suppressed(cell.reason ?? 'min_respondents')
          : !cell && latest?.cells.has(driver)
            ? suppressed('min_respondents')
            : null,
      trend,
    });
  }
  return drivers;
}

/**
 * The open round's response rate within reach (the newest one in scope). An onboarding round asks one person: its
 * response rate would tell whether they answered.
 */
async function openRoundRate(
  db: Db,
  tenantId: string,
  focusTree: Set<string> | null,
  allowed: readonly string[] | undefined,
): Promise<SurveyResults['openRound']> {
  const open = (await openRounds(db, tenantId))
    .filter((r) => r.kind !== 'onboarding')
    .filter((r) => r.team_id === null || focusTree?.has(r.team_id) === true)
    .at(-1);
  if (!open) return null;
  const counts = await participationCounts(db, tenantId, [open.id]);
  const inScope = counts.filter((c) => allowed === undefined || (c.team_id !== null && allowed.includes(c.team_id)));
  const invited = inScope.reduce((s, c) => s + Number(c.invited), 0);
  const answered = inScope.reduce((s, c) => s + Number(c.answered), 0);
  return {
    id: open.id,
    openedOn: open.opened_on,
    closesOn: open.closes_on,
    responseRate: responseRate(answered, invited),
  };
}

function ancestryDown(teams: Map<string, TeamNode>, rootId: string): string[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i += 1)
    for (const team of teams.values()) if (team.parent_id === out[i] && !out.includes(team.id)) out.push(team.id);
  return out;
}
