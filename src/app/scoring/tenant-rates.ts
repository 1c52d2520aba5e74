// Pass 1 of a tenant's score run: per-person rates (a few hundred bytes each) and team references, read a page of
// employees at a time from the window aggregates work table. The rollup rows never leave the database.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import {
  addToTeamReference,
  countOf,
  emptyTeamReference,
  personRates,
  RatesStore,
  type PersonRates,
  type ScoringDays,
  type TeamReference,
} from '../../core/scoring/index.js';
import {
  dropWindowAggregates,
  FIRST_UUID,
  loadEmployeeAggregatesPage,
  type EmployeeAggregateRow,
} from '../../storage/repositories/scoring-inputs.js';

export interface Person {
  id: string;
  teamId: string | null;
  hireDate: string | null;
  managerId: string | null;
  managerLeftOn: string | null;
  managerChangedOn: string | null;
  /** Index into the tenant's RatesStore. */
  rates: number;
}

export interface TeamAccumulator {
  reference: TeamReference;
  members: number;
  /** Per-week rates summed over members (densities). */
  helps: number | null;
  kudos: number | null;
  /** Unexcused absences in the recent window, summed over members. */
  absences: number | null;
  /** The longest baseline among scored members: the span the team's baseline covers. */
  weeks: number;
}

export interface TenantRates {
  people: Person[];
  store: RatesStore;
  teams: Map<string, TeamAccumulator>;
}

/** Pages through the aggregates work table `table` (created by the caller) and drops it when done or failed. */
export async function loadTenantRates(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    table: string;
    asOf: string;
    pageSize: number;
    /** Active employees: the store's initial capacity. */
    total: number;
    days: ScoringDays;
    /** Departure day by employee id (a manager who left). */
    departedOn: ReadonlyMap<string, string>;
  },
): Promise<TenantRates> {
  const { tenantId, table, asOf, pageSize, days } = input;
  const rates: TenantRates = { people: [], store: new RatesStore(input.total), teams: new Map() };
  let afterId = FIRST_UUID;
  try {
    for (;;) {
      const page = await loadEmployeeAggregatesPage(db, { tenantId, afterId, limit: pageSize, table, asOf });
      if (page.length === 0) break;
      for (const row of page) addPerson(rates, row, days, input.departedOn);
      afterId = page[page.length - 1]!.id;
      if (page.length < pageSize) break;
    }
  } finally {
    await dropWindowAggregates(db, table);
  }
  return rates;
}

function addPerson(
  into: TenantRates,
  row: EmployeeAggregateRow,
  days: ScoringDays,
  departedOn: ReadonlyMap<string, string>,
): void {
  const rates = personRates(
    { hireDate: row.hireDate, firstDataDay: row.firstDataDay, recent: row.recent, baseline: row.baseline },
    days,
  );
  into.people.push({
    id: row.id,
    teamId: row.teamId,
    hireDate: row.hireDate,
    managerId: row.managerId,
    managerLeftOn: row.managerId ? (departedOn.get(row.managerId) ?? null) : null,
    managerChangedOn: row.managerChangedOn,
    rates: into.store.push(rates),
  });
  if (row.teamId) addToTeam(into.teams, row.teamId, rates);
}

function addToTeam(teams: Map<string, TeamAccumulator>, teamId: string, rates: PersonRates): void {
  let team = teams.get(teamId);
  if (!team) {
    team = { reference: emptyTeamReference(), members: 0, helps: null, kudos: null, absences: null, weeks: 0 };
    teams.set(teamId, team);
  }
  team.members += 1;
  addToTeamReference(team.reference, rates);
  team.helps = addKnown(team.helps, rates.recent.helps_given);
  team.kudos = addKnown(team.kudos, rates.recent.kudos_given);
  // Absences as a count in the window (the driver says "3 absences in 14 days").
  const absences = rates.recent.absences_unexcused;
  team.absences = addKnown(
    team.absences,
    absences === null ? null : countOf(absences, rates.perWeek, rates.recentDays.working),
  );
  if (rates.sufficient && rates.hasData) team.weeks = Math.max(team.weeks, rates.baselineWeeks);
}

/** A sum that stays null until a member has a value (null: no member has data for it). */
const addKnown = (current: number | null, value: number | null) => (value === null ? current : (current ?? 0) + value);
