// A small organisation for access tests: a team tree, a management chain across it, scores for everyone, alerts,
// and tokens for each kind of caller.
//
//   company ── sales ── sales-east      ceo ── m-sales ── m-east ── se-1, se-2
//          │        └── sales-west          │          └── sw-1
//          └── support                      └── m-support ── sup-1
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/database.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { upsertEmployeeScores, upsertTeamScores } from '../../src/storage/repositories/scores.js';
import { insertAlert } from '../../src/storage/repositories/alerts.js';
import { createApiToken } from '../../src/storage/repositories/tokens.js';
import type { Role } from '../../src/storage/tables/directory.js';
import { createTenant } from './fixtures.js';

export const ACCESS_AS_OF = '2026-11-27';

const TEAMS = [
  { externalId: 'company', name: 'Company' },
  { externalId: 'sales', name: 'Sales', parent: 'company' },
  { externalId: 'sales-east', name: 'Sales East', parent: 'sales' },
  { externalId: 'sales-west', name: 'Sales West', parent: 'sales' },
  { externalId: 'support', name: 'Support', parent: 'company' },
];
const PEOPLE: [string, string, string | null][] = [
  ['ceo', 'company', null],
  ['m-sales', 'sales', 'ceo'],
  ['m-east', 'sales-east', 'm-sales'],
  ['se-1', 'sales-east', 'm-east'],
  ['se-2', 'sales-east', 'm-east'],
  ['sw-1', 'sales-west', 'm-sales'],
  ['m-support', 'support', 'ceo'],
  ['sup-1', 'support', 'm-support'],
];
export const SALES_PEOPLE = ['m-sales', 'm-east', 'se-1', 'se-2', 'sw-1'];
export const EVERYONE = PEOPLE.map(([id]) => id);

export interface AccessOrg {
  tenantId: string;
  people: Record<string, string>;
  teams: Record<string, string>;
  alerts: { seOne: string; supOne: string; supportTeam: string };
  token(role: Role, options?: { employee?: string; scopeTeam?: string }): Promise<string>;
}

export async function createAccessOrg(db: Kysely<Database>, slug: string): Promise<AccessOrg> {
  const tenantId = (await createTenant(db, slug)).id;
  await upsertDirectory(
    db,
    tenantId,
    {
      teams: TEAMS,
      employees: PEOPLE.map(([externalId, team, manager]) => ({ externalId, name: externalId, team, manager })),
    },
    { actor: 'test' },
  );
  const people = Object.fromEntries(
    (await db.selectFrom('employees').select(['id', 'external_id']).where('tenant_id', '=', tenantId).execute()).map(
      (e) => [e.external_id, e.id],
    ),
  );
  const teams = Object.fromEntries(
    (await db.selectFrom('teams').select(['id', 'external_id']).where('tenant_id', '=', tenantId).execute()).map(
      (t) => [t.external_id, t.id],
    ),
  );
  await upsertEmployeeScores(
    db,
    EVERYONE.map((ext, i) => ({
      tenant_id: tenantId,
      employee_id: people[ext]!,
      as_of: ACCESS_AS_OF,
      status: 'scored' as const,
      risk_score: 90 - i * 10,
      risk_level: i < 2 ? ('high' as const) : ('low' as const),
      reasons: [],
      features: {},
      collaboration_score: 70,
      collaboration_components: {},
      rule_version: 0,
    })),
  );
  await upsertTeamScores(
    db,
    TEAMS.map((t) => ({
      tenant_id: tenantId,
      team_id: teams[t.externalId]!,
      as_of: ACCESS_AS_OF,
      score: 60,
      tier: 'neutral' as const,
      drivers: [],
      member_count: 2,
    })),
  );
  const alert = async (subject: { employee?: string; team?: string }, recipient: string) =>
    (
      await insertAlert(db, {
        tenant_id: tenantId,
        kind: subject.employee ? 'risk' : 'team_warning',
        subject_employee_id: subject.employee ? people[subject.employee]! : null,
        subject_team_id: subject.team ? teams[subject.team]! : null,
        level: subject.employee ? 'high' : 'negative',
        score: 80,
        reasons: [],
        as_of: ACCESS_AS_OF,
        trigger: 'escalated',
        recipient_employee_id: people[recipient]!,
        routed_via: 'manager',
        outbox_id: null,
        snoozed_until: null,
      })
    ).row.id;
  return {
    tenantId,
    people,
    teams,
    alerts: {
      seOne: await alert({ employee: 'se-1' }, 'm-east'),
      supOne: await alert({ employee: 'sup-1' }, 'm-support'),
      supportTeam: await alert({ team: 'support' }, 'm-support'),
    },
    token: async (role, options = {}) =>
      (
        await createApiToken(db, {
          tenantId,
          role,
          employeeId: options.employee ? people[options.employee]! : null,
          scopeTeamId: options.scopeTeam ? teams[options.scopeTeam]! : null,
        })
      ).token,
  };
}
