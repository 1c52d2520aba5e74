// Scorecard weight overrides: every change is a new version (tenant-wide, per team or per person), audited; the
// latest version per subject is in force and a scorecard names the version each weight came from.
import {
  DEFAULT_WEIGHTS,
  resolveWeights,
  weightProblems,
  type ResolvedWeights,
  type WeightOverride,
  type WeightSet,
} from '../../core/performance/index.js';
import type { Db } from '../../storage/database.js';
import { nextNumber } from '../../storage/repositories/next-number.js';
import type { Access } from '../access/index.js';
import { InvalidInputError } from '../errors.js';

export interface WeightChange {
  /** A team (internal or external id) or a person; neither ⇒ tenant-wide. */
  team?: string;
  employee?: string;
  weights: Partial<WeightSet>;
  note?: string;
}

export interface WeightVersion {
  version: number;
  scope: 'tenant' | 'team' | 'employee';
  subject: string | null;
  weights: Partial<WeightSet>;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

/** The overrides in force for a person (latest version per subject: tenant, their team, themselves). */
export async function overridesFor(
  db: Db,
  tenantId: string,
  person: { id: string; team_id: string | null },
): Promise<WeightOverride[]> {
  const rows = await db
    .selectFrom('scorecard_weights as w')
    .leftJoin('teams as t', 't.id', 'w.team_id')
    .leftJoin('employees as e', 'e.id', 'w.employee_id')
    .select(['w.version', 'w.scope', 'w.weights', 't.name as team_name', 'e.display_name as person_name'])
    .where('w.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('w.scope', '=', 'tenant'),
        ...(person.team_id ? [eb('w.team_id', '=', person.team_id)] : []),
        eb('w.employee_id', '=', person.id),
      ]),
    )
    .orderBy('w.version', 'desc')
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.scope)) latest.set(row.scope, row);
  return [...latest.values()].map((row) => ({
    level: row.scope,
    version: row.version,
    ...(row.scope === 'team' && row.team_name ? { subject: row.team_name } : {}),
    ...(row.scope === 'employee' && row.person_name ? { subject: row.person_name } : {}),
    weights: row.weights as Partial<WeightSet>,
  }));
}

export async function setWeights(access: Access, change: WeightChange): Promise<WeightVersion> {
  access.require('weights.write');
  if (change.team !== undefined && change.employee !== undefined)
    throw new InvalidInputError('name a team or a person, not both', [{ path: '/employee', message: 'remove one' }]);
  let scope: WeightVersion['scope'] = 'tenant';
  let teamId: string | null = null;
  let employee: { id: string; team_id: string | null; display_name: string } | null = null;
  let subject: string | null = null;
  if (change.team !== undefined) {
    const team = await access.team(change.team, 'structure', 'team');
    scope = 'team';
    teamId = team.id;
    subject = team.name;
  } else if (change.employee !== undefined) {
    employee = await access.person(change.employee, 'profile', 'employee');
    scope = 'employee';
    subject = employee.display_name;
  } else if (access.actor.teams !== null) {
    throw new InvalidInputError('a caller limited to team sub-trees sets weights per team or person only', [
      { path: '/team', message: 'is required' },
    ]);
  }
  // Check the weights alone, then as they would combine for the subject (a person: with their team's and tenant's).
  const alone = weightProblems(change.weights);
  const target = employee ?? { id: '00000000-0000-0000-0000-000000000000', team_id: teamId };
  const others = (await overridesFor(access.db, access.tenantId, target)).filter((o) => o.level !== scope);
  const merged = resolveWeights([
    ...others,
    { level: scope, version: Number.MAX_SAFE_INTEGER, weights: change.weights },
  ]);
  const combined = alone.length > 0 ? alone : weightProblems({}, valuesOf(merged));
  if (combined.length > 0)
    throw new InvalidInputError(
      'invalid weights',
      combined.map((p) => ({ path: `/weights/${p.key}`, message: p.message })),
    );
  const row = await access.db
    .insertInto('scorecard_weights')
    .values({
      tenant_id: access.tenantId,
      version: nextNumber('scorecard_weights', 'version', access.tenantId),
      scope,
      team_id: teamId,
      employee_id: employee?.id ?? null,
      weights: JSON.stringify(change.weights),
      note: change.note ?? null,
      created_by: access.actor.name,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await access.audit(
    'scorecard_weights.set',
    { type: 'scorecard_weights', id: String(row.version) },
    { scope, subject: teamId ?? employee?.id ?? null, weights: change.weights },
  );
  return view(row, subject);
}

/**
 * The defaults and the override versions the caller may see: all of them tenant-wide; for a caller limited to team
 * sub-trees the tenant-wide versions and those about teams and people within reach (the others name people and
 * teams outside it, so they are left out as if they did not exist).
 */
export async function listWeights(access: Access): Promise<{ defaults: WeightSet; versions: WeightVersion[] }> {
  access.require('weights.write');
  const rows = await access.db
    .selectFrom('scorecard_weights as w')
    .leftJoin('teams as t', 't.id', 'w.team_id')
    .leftJoin('employees as e', 'e.id', 'w.employee_id')
    .selectAll('w')
    .select([
      't.external_id as team_ref',
      'e.external_id as person_ref',
      'e.team_id as person_team_id',
      'e.legal_entity as person_legal_entity',
    ])
    .where('w.tenant_id', '=', access.tenantId)
    .orderBy('w.version')
    .execute();
  const visible = [];
  for (const r of rows) {
    if (r.scope === 'team' && !(r.team_id !== null && (await access.maySeeTeam(r.team_id, 'structure')))) continue;
    if (
      r.scope === 'employee' &&
      !(
        r.employee_id !== null &&
        (await access.maySeePerson(
          { id: r.employee_id, team_id: r.person_team_id, legal_entity: r.person_legal_entity },
          'profile',
        ))
      )
    )
      continue;
    visible.push(r);
  }
  return { defaults: DEFAULT_WEIGHTS, versions: visible.map((r) => view(r, r.team_ref ?? r.person_ref ?? null)) };
}

function view(
  row: {
    version: number;
    scope: WeightVersion['scope'];
    weights: unknown;
    note: string | null;
    created_at: Date;
    created_by: string;
  },
  subject: string | null,
): WeightVersion {
  return {
    version: row.version,
    scope: row.scope,
    subject,
    weights: row.weights as Partial<WeightSet>,
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
  };
}

const valuesOf = (w: ResolvedWeights): WeightSet =>
  Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.value])) as unknown as WeightSet;
