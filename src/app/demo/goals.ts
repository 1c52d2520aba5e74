// Demo Co's goals and results for the scorecard: every person's attainment for this month and last (Li Na at the
// seed's 120%), and each team's goal — Sales East missed this month's after its manager left, the others met theirs.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { SyntheticOrganisation } from '../../synthetic/index.js';
import { addDays } from '../../core/time.js';
import { Access, operatorActor } from '../access/index.js';
import { importGoals, type GoalItem } from '../performance/goals.js';

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

export async function recordDemoGoals(
  db: Kysely<Database>,
  tenantId: string,
  org: SyntheticOrganisation,
): Promise<void> {
  const thisMonth = org.endDay.slice(0, 7);
  const lastMonth = addDays(`${thisMonth}-01`, -1).slice(0, 7);
  const items: GoalItem[] = [];
  for (const period of [lastMonth, thisMonth]) {
    for (const team of org.teams) {
      const missed = period === thisMonth && team.externalId === org.cases.seedCaseTeam;
      items.push({ team: team.externalId, period, target: 1_000_000, actual: missed ? 870_000 : 1_060_000 });
    }
    for (const e of org.employees) {
      if (e.status !== 'active') continue;
      const pct = e.externalId === org.cases.seedCase ? 120 : 80 + (hash(`${e.externalId}|${period}`) % 45);
      items.push({ employee: e.externalId, period, target: 100_000, actual: pct * 1000 });
    }
  }
  await importGoals(new Access(db, operatorActor(tenantId)), items);
}
