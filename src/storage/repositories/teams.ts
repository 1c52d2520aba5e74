// Teams of one tenant: a tree through parent_id. Reads are always scoped by tenant_id.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Team } from '../tables/directory.js';
import { loadNodes, pageByExternalId, whereRef } from './refs.js';
import { anyOf } from './any-of.js';

/** A team with its parent resolved to both ids. */
export interface TeamRow {
  id: string;
  external_id: string;
  name: string;
  parent_id: string | null;
  parent_external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The minimum needed to resolve references and check the tree for cycles. */
export type TeamNode = Pick<Team, 'id' | 'external_id' | 'name' | 'parent_id'>;

function teamRows(db: Db, tenantId: string) {
  return db
    .selectFrom('teams as t')
    .leftJoin('teams as p', (join) => join.onRef('p.id', '=', 't.parent_id').on('p.tenant_id', '=', tenantId))
    .select([
      't.id',
      't.external_id',
      't.name',
      't.parent_id',
      'p.external_id as parent_external_id',
      't.created_at',
      't.updated_at',
    ])
    .where('t.tenant_id', '=', tenantId);
}

/** One page ordered by external id; `after` is the last external id of the previous page. */
export async function listTeamsPage(
  db: Db,
  tenantId: string,
  page: { limit: number; after?: string; teamIds?: readonly string[] },
): Promise<TeamRow[]> {
  let query = teamRows(db, tenantId);
  if (page.teamIds !== undefined) query = query.where(anyOf('t.id', page.teamIds));
  return pageByExternalId(query, 't', page).execute();
}

/** By internal uuid or external id (an exact external-id match wins). */
export async function findTeamRow(db: Db, tenantId: string, ref: string): Promise<TeamRow | undefined> {
  return whereRef(teamRows(db, tenantId), 't', ref).executeTakeFirst();
}

/** Every team of the tenant (teams number in the thousands at most, so the tree fits in memory). */
export async function loadTeamNodes(db: Db, tenantId: string): Promise<TeamNode[]> {
  return loadNodes(db, 'teams', tenantId, ['id', 'external_id', 'name', 'parent_id']);
}

export interface TeamWrite {
  id: string;
  externalId: string;
  name: string;
  parentId: string | null;
}

/**
 * Inserts or updates teams in one statement (unnest keeps the bind-parameter count fixed). Foreign keys are
 * checked at the end of the statement, and callers order rows parents-first, so a parent created in the same
 * batch is always there in time.
 */
export async function writeTeams(db: Db, tenantId: string, rows: readonly TeamWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into teams (id, tenant_id, external_id, name, parent_id)
    select u.id, ${tenantId}::uuid, u.external_id, u.name, u.parent_id
    from unnest(
      ${rows.map((r) => r.id)}::uuid[],
      ${rows.map((r) => r.externalId)}::text[],
      ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.parentId)}::uuid[]
    ) as u(id, external_id, name, parent_id)
    on conflict (tenant_id, external_id) do update
      set name = excluded.name, parent_id = excluded.parent_id, updated_at = now()`.execute(db);
}
