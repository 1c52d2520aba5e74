// Resolving the person or team a user typed: an external id, a Slack/DingTalk `@platform-id`, or a display/team
// name. Resolution only finds a candidate; reach is decided by Access, so an out-of-reach subject fails exactly like
// a missing one (NotFoundError, answered by the command layer from the words typed).
import type { Employee, Team } from '../../storage/tables/directory.js';
import { findEmployeeByRef, findTeamByRef } from '../../storage/repositories/refs.js';
import { findEmployeeIdByIdentity } from '../../storage/repositories/identities.js';
import type { PersonPurpose, TeamPurpose } from '../access/index.js';
import { notFound } from '../errors.js';
import { personWord } from './args.js';
import type { CommandContext } from './types.js';

export async function personOf(ctx: CommandContext, typed: string, purpose: PersonPurpose): Promise<Employee> {
  const { access, db } = ctx;
  const ref = personWord(typed);
  let id: string | undefined;
  if (ctx.platform !== 'console') id = await findEmployeeIdByIdentity(db, access.tenantId, ctx.platform, ref);
  id ??= (await findEmployeeByRef(db, access.tenantId, ref))?.id;
  if (id === undefined) {
    const named = await db
      .selectFrom('employees')
      .select('id')
      .where('tenant_id', '=', access.tenantId)
      .where('display_name', '=', ref)
      .limit(2)
      .execute();
    if (named.length === 1) id = named[0]!.id;
  }
  if (id === undefined) throw notFound('employee', ref, 'person');
  return access.person(id, purpose, 'person');
}

export async function teamOf(ctx: CommandContext, typed: string, purpose: TeamPurpose): Promise<Team> {
  const { access, db } = ctx;
  let team = await findTeamByRef(db, access.tenantId, typed);
  if (!team) {
    const named = await db
      .selectFrom('teams')
      .selectAll()
      .where('tenant_id', '=', access.tenantId)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', typed.toLowerCase()))
      .limit(2)
      .execute();
    if (named.length === 1) team = named[0];
  }
  if (!team) throw notFound('team', typed, 'team');
  return access.team(team.id, purpose, 'team');
}
