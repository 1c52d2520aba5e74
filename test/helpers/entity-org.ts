// A tenant with two legal entities (法人主体) A and B, for permission tests:
//
//   hq ── team-a (entity A)     boss(A) ── mgr-a(A) ── a-1(A), a-2(B: employed by B, works in team-a)
//      └─ team-b (entity B)             └─ mgr-b(B) ── b-1(B)
//   hr-a: HR of entity A · hr-b: HR of entity B · admin: tenant admin · all scored with reasons, one of them
//   survey-derived and one about personal leave (field-level rules), and an alert about a-1 and b-1.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/database.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { grantRole } from '../../src/app/directory/roles.js';
import { upsertEmployeeScores, upsertTeamScores } from '../../src/storage/repositories/scores.js';
import { insertAlert } from '../../src/storage/repositories/alerts.js';
import { createTenant } from './fixtures.js';

export const ENTITY_AS_OF = '2026-11-27';

const PEOPLE: [string, string, string, string | null][] = [
  ['boss', 'hq', 'A', null],
  ['mgr-a', 'team-a', 'A', 'boss'],
  ['a-1', 'team-a', 'A', 'mgr-a'],
  ['a-2', 'team-a', 'B', 'mgr-a'],
  ['mgr-b', 'team-b', 'B', 'boss'],
  ['b-1', 'team-b', 'B', 'mgr-b'],
  ['hr-a', 'hq', 'A', null],
  ['hr-b', 'hq', 'B', null],
  ['admin', 'hq', 'A', null],
];

export interface EntityOrg {
  tenantId: string;
  people: Record<string, string>;
  teams: Record<string, string>;
}

export async function createEntityOrg(db: Kysely<Database>, slug: string): Promise<EntityOrg> {
  const tenantId = (await createTenant(db, slug)).id;
  await upsertDirectory(
    db,
    tenantId,
    {
      teams: [
        { externalId: 'hq', name: 'HQ' },
        { externalId: 'team-a', name: 'Team A', parent: 'hq', legalEntity: 'A' },
        { externalId: 'team-b', name: 'Team B', parent: 'hq', legalEntity: 'B' },
      ],
      employees: PEOPLE.map(([externalId, team, legalEntity, manager]) => ({
        externalId,
        name: `Name ${externalId}`,
        team,
        manager,
        legalEntity,
      })),
    },
    { actor: 'test' },
  );
  await grantRole(db, { tenantSlug: slug, employee: 'hr-a', role: 'hr', entity: 'A', actor: 'test' });
  await grantRole(db, { tenantSlug: slug, employee: 'hr-b', role: 'hr', entity: 'B', actor: 'test' });
  await grantRole(db, { tenantSlug: slug, employee: 'admin', role: 'admin', actor: 'test' });
  const ids = async (table: 'employees' | 'teams') =>
    Object.fromEntries(
      (await db.selectFrom(table).select(['id', 'external_id']).where('tenant_id', '=', tenantId).execute()).map(
        (r) => [r.external_id, r.id],
      ),
    );
  const people = await ids('employees');
  const teams = await ids('teams');
  await upsertEmployeeScores(
    db,
    PEOPLE.map(([ext]) => ({
      tenant_id: tenantId,
      employee_id: people[ext]!,
      as_of: ENTITY_AS_OF,
      status: 'scored' as const,
      risk_score: 85,
      risk_level: 'high' as const,
      reasons: [
        { code: 'team_msgs_change', params: { change: -60, teamChange: 0, adjusted: -60 }, contribution: 40 },
        { code: 'personal_leave_change', params: { change: 40, expected: 2 }, contribution: 20 },
        { code: 'survey_participation', params: { pct: 10 }, contribution: 10 },
      ],
      features: { team_msgs_change_pct: -60, survey_participation_pct: 10, personal_leave_change_pct: 40 },
      collaboration_score: 60,
      collaboration_components: {},
      rule_version: 0,
    })),
  );
  await upsertTeamScores(
    db,
    Object.values(teams).map((teamId) => ({
      tenant_id: tenantId,
      team_id: teamId,
      as_of: ENTITY_AS_OF,
      score: 55,
      tier: 'neutral' as const,
      drivers: [],
      member_count: 3,
    })),
  );
  for (const [subject, recipient] of [
    ['a-1', 'mgr-a'],
    ['a-2', 'mgr-a'],
    ['b-1', 'mgr-b'],
  ] as const)
    await insertAlert(db, {
      tenant_id: tenantId,
      kind: 'risk',
      subject_employee_id: people[subject]!,
      subject_team_id: null,
      level: 'high',
      score: 85,
      reasons: [{ code: 'personal_leave_change', params: { change: 40 }, contribution: 20 }],
      as_of: ENTITY_AS_OF,
      trigger: 'escalated',
      recipient_employee_id: people[recipient]!,
      routed_via: 'manager',
      outbox_id: null,
      snoozed_until: null,
    });
  return { tenantId, people, teams };
}
