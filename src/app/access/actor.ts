// Who is asking: the one description of a caller that every use case takes — an API token, the operator at the
// CLI, or (issue I) a person writing to the bot on a chat platform.
import type { Db } from '../../storage/database.js';
import type { Role } from '../../storage/tables/directory.js';
import { grantsOf } from '../../storage/repositories/reach.js';
import type { PlatformName } from '../../core/platform.js';

export type { Role };

/** Where the request came from; written into every audit row. */
export type ActorSource = 'api' | 'cli' | PlatformName;

export interface Actor {
  tenantId: string;
  role: Role;
  /**
   * Roots of the team sub-trees this actor covers. For hr/admin they narrow the whole tenant down to those
   * sub-trees; a manager covers them in addition to their own reports. null: hr/admin see the whole tenant, a
   * manager only their reports.
   */
  teams: readonly string[] | null;
  /**
   * Legal entities (法人主体) an hr/admin actor covers: their people (by the person's entity, whatever their team)
   * and their teams. When set, `teams` is a list (possibly empty), never null: the actor is limited.
   */
  entities?: readonly string[];
  /** The person acting (their own data is always theirs to read; a manager's reports hang below them). */
  employeeId: string | null;
  source: ActorSource;
  /** Audit name: `token:<id>`, `cli`, `employee:<id>`. */
  name: string;
}

const RANK: Record<Role, number> = { employee: 0, manager: 1, hr: 2, admin: 3 };

export const atLeast = (role: Role, minimum: Role): boolean => RANK[role] >= RANK[minimum];

/** An API token's caller. */
export function tokenActor(token: {
  tenantId: string;
  role: Role;
  tokenId: string;
  employeeId: string | null;
  scopeTeamId: string | null;
  scopeLegalEntity?: string | null;
}): Actor {
  return {
    tenantId: token.tenantId,
    role: token.role,
    teams: token.scopeTeamId ? [token.scopeTeamId] : token.scopeLegalEntity ? [] : null,
    ...(token.scopeLegalEntity ? { entities: [token.scopeLegalEntity] } : {}),
    employeeId: token.employeeId,
    source: 'api',
    name: `token:${token.tokenId}`,
  };
}

/** The operator at the command line: whoever can run the CLI can open the database, so they act as admin. */
export function operatorActor(tenantId: string): Actor {
  return { tenantId, role: 'admin', teams: null, employeeId: null, source: 'cli', name: 'cli' };
}

/**
 * A person known to the directory, e.g. writing to the bot: admin or hr from their role grants (tenant-wide if any
 * grant is, else the union of the granted sub-trees), manager when someone reports to them, else employee.
 */
export async function personActor(
  db: Db,
  person: { tenantId: string; employeeId: string; source: ActorSource },
): Promise<Actor> {
  const { grants, manages } = await grantsOf(db, person.tenantId, person.employeeId);
  const base = { tenantId: person.tenantId, employeeId: person.employeeId, source: person.source };
  const name = `employee:${person.employeeId}`;
  for (const role of ['admin', 'hr'] as const) {
    const held = grants.filter((g) => g.role === role);
    if (held.length === 0) continue;
    if (held.some((g) => g.scopeTeamId === null && !g.scopeLegalEntity)) return { ...base, role, teams: null, name };
    const teams = held.flatMap((g) => (g.scopeTeamId ? [g.scopeTeamId] : []));
    const entities = held.flatMap((g) => (g.scopeLegalEntity ? [g.scopeLegalEntity] : []));
    return { ...base, role, teams, ...(entities.length ? { entities } : {}), name };
  }
  return { ...base, role: manages ? 'manager' : 'employee', teams: null, name };
}
