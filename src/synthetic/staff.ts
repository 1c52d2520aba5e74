// Staffing a synthetic organisation: each team's manager, members (tenure spread), the seed case, a new joiner and
// the HR contact, drawn from the organisation's main random stream in a fixed order.
import { addDays } from '../core/time.js';
import { nameGenerator } from './names.js';
import type { Random } from './random.js';
import type { OrganisationSpec, TeamPlan } from './generate.js';
import type { SyntheticCases, SyntheticEmployee } from './types.js';

export interface Person {
  employee: SyntheticEmployee;
  level: number;
  role: 'member' | 'manager' | 'seed' | 'joiner';
  lastDay: string;
  plan: TeamPlan;
}

export function staffTeams(
  random: Random,
  spec: OrganisationSpec,
  startDay: string,
): { people: Person[]; cases: SyntheticCases } {
  const cases: SyntheticCases = {};
  const people: Person[] = [];
  const usedNames = new Set<string>();
  const name = nameGenerator(random, usedNames);
  const domain = `${spec.tenant.slug}.example`;

  for (const plan of spec.teams) {
    const managerId = `${plan.externalId}-mgr`;
    const managerLeft = plan.managerLeftDaysAgo !== undefined ? addDays(spec.endDay, -plan.managerLeftDaysAgo) : null;
    const members: Person[] = [];
    const add = (externalId: string, displayName: string, role: Person['role'], hireDate: string, level: number) => {
      const isManager = role === 'manager';
      const left = isManager && managerLeft !== null;
      members.push({
        employee: {
          externalId,
          displayName,
          email: `${externalId}@${domain}`,
          teamExternalId: plan.externalId,
          managerExternalId: isManager ? null : managerId,
          hireDate,
          status: left ? 'left' : 'active',
          leftAt: left ? `${managerLeft}T10:00:00.000Z` : null,
        },
        level,
        role,
        lastDay: left ? managerLeft! : spec.endDay,
        plan,
      });
    };
    add(managerId, name(), 'manager', addDays(startDay, -700 - Math.floor(random() * 700)), 1);
    const ordinary = plan.size - 1 - (plan.seedCase ? 1 : 0) - (plan.newJoiner ? 1 : 0);
    for (let i = 1; i <= ordinary; i++) {
      // Tenure spread: most have years; a few sit in the 3–12-month band.
      const tenureDays = random() < 0.2 ? 100 + Math.floor(random() * 250) : 400 + Math.floor(random() * 2000);
      add(
        `${plan.externalId}-${String(i).padStart(2, '0')}`,
        name(),
        'member',
        addDays(spec.endDay, -tenureDays),
        0.8 + 0.4 * random(),
      );
    }
    if (plan.seedCase) {
      usedNames.add('Li Na');
      add('li.na', 'Li Na', 'seed', addDays(spec.endDay, -60), 1.3);
      cases.seedCase = 'li.na';
      cases.seedCaseTeam = plan.externalId;
      if (managerLeft) cases.departedManager = managerId;
    }
    if (plan.newJoiner) {
      add(`${plan.externalId}-new`, name(), 'joiner', addDays(spec.endDay, -20), 1);
      cases.newJoiner = `${plan.externalId}-new`;
    }
    if (plan.hr) {
      add(`${plan.externalId}-hr`, name(), 'member', addDays(spec.endDay, -900), 1);
      cases.hr = `${plan.externalId}-hr`;
    }
    if (plan.holiday) cases.holidayTeam = plan.externalId;
    people.push(...members);
  }

  return { people, cases };
}
