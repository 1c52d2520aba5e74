// Demo Co's two legal entities (法人主体) and their HR, so every role can be tried side by side on the console:
//   Demo Co Shanghai: Sales East, Customer Success — HR: hr-shanghai (Zhao Min)
//   Demo Co Beijing:  Engineering, Operations      — HR: hr-beijing (Qian Lei)
// e.g. `teampulse console --as hr-shanghai` then `risk`, `profile li.na`; `--as hr-beijing` then `profile li.na`
// (not found: another entity's person); `--as customer-success-mgr` then `risk`, `team`, `alerts`; `--as li.na`
// then `me`.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { upsertDirectory } from '../directory/upsert.js';
import { insertRoleGrant } from '../../storage/repositories/role-grants.js';

export const DEMO_ENTITIES: Record<string, readonly string[]> = {
  'Demo Co Shanghai': ['sales-east', 'customer-success'],
  'Demo Co Beijing': ['engineering', 'operations'],
};

const DEMO_ENTITY_HR = [
  { externalId: 'hr-shanghai', name: 'Zhao Min', entity: 'Demo Co Shanghai' },
  { externalId: 'hr-beijing', name: 'Qian Lei', entity: 'Demo Co Beijing' },
];

export async function assignDemoEntities(db: Kysely<Database>, tenantId: string): Promise<void> {
  const teams = Object.entries(DEMO_ENTITIES).flatMap(([entity, ids]) =>
    ids.map((externalId) => ({ externalId, legalEntity: entity })),
  );
  const members = await db
    .selectFrom('employees as e')
    .innerJoin('teams as t', 't.id', 'e.team_id')
    .select(['e.external_id', 'e.display_name', 't.external_id as team'])
    .where('e.tenant_id', '=', tenantId)
    .execute();
  const entityOf = new Map(teams.map((t) => [t.externalId, t.legalEntity]));
  await upsertDirectory(
    db,
    tenantId,
    {
      teams,
      employees: [
        ...members
          .filter((m) => entityOf.has(m.team))
          .map((m) => ({ externalId: m.external_id, name: m.display_name, legalEntity: entityOf.get(m.team)! })),
        ...DEMO_ENTITY_HR.map((hr) => ({
          externalId: hr.externalId,
          name: hr.name,
          // In no team: their reach is their legal entity, and the demo's teams (and their live pulse) stay as they are.
          hireDate: '2023-03-01',
          legalEntity: hr.entity,
        })),
      ],
    },
    { actor: 'demo' },
  );
  for (const hr of DEMO_ENTITY_HR) {
    const person = await db
      .selectFrom('employees')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('external_id', '=', hr.externalId)
      .executeTakeFirstOrThrow();
    await insertRoleGrant(db, {
      tenantId,
      employeeId: person.id,
      role: 'hr',
      scopeTeamId: null,
      scopeLegalEntity: hr.entity,
    });
  }
}
