// Platform users ↔ employees: which platform ids are linked already, and linking a new one by the e-mail on its
// platform profile or by the HR system's id (DingTalk and WeCom user ids are often the HR id).
import { sql, type Kysely } from 'kysely';
import type { ChannelAuthor, IdentityHint } from '../../core/inbound-port.js';
import type { ConversationKind } from '../../core/events.js';
import { channelTeams } from '../../storage/repositories/platforms.js';
import type { Database } from '../../storage/database.js';
import { identitiesByPlatformIds } from '../../storage/repositories/identities.js';

export async function knownPlatformUsers(
  db: Kysely<Database>,
  tenantId: string,
  platform: string,
  platformUserIds: readonly string[],
): Promise<Set<string>> {
  const rows = await identitiesByPlatformIds(
    db,
    tenantId,
    [...new Set(platformUserIds)].map((platformUserId) => ({ platform, platformUserId })),
  );
  return new Set(rows.map((r) => r.platform_user_id));
}

/** Platform user ids of the tenant's active employees on one platform (sorted, for stable batches). */
export async function linkedPlatformUsers(db: Kysely<Database>, tenantId: string, platform: string): Promise<string[]> {
  const rows = await db
    .selectFrom('platform_identities')
    .innerJoin('employees', 'employees.id', 'platform_identities.employee_id')
    .select('platform_identities.platform_user_id')
    .where('platform_identities.tenant_id', '=', tenantId)
    .where('platform_identities.platform', '=', platform)
    .where('employees.status', '=', 'active')
    .orderBy('platform_identities.platform_user_id')
    .execute();
  return rows.map((r) => r.platform_user_id);
}

/** Links the platform user to the active employee with that e-mail (case-insensitive) or external id. */
export async function linkPlatformIdentity(db: Kysely<Database>, hint: IdentityHint): Promise<string | undefined> {
  const email = hint.email?.trim().toLowerCase();
  if (!email && !hint.externalId) return undefined;
  const employee = await db
    .selectFrom('employees')
    .select('id')
    .where('tenant_id', '=', hint.tenantId)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        ...(email ? [eb(sql`lower(email)`, '=', email)] : []),
        ...(hint.externalId ? [eb('external_id', '=', hint.externalId)] : []),
      ]),
    )
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  if (!employee) return undefined;
  await db
    .insertInto('platform_identities')
    .values({
      tenant_id: hint.tenantId,
      employee_id: employee.id,
      platform: hint.platform,
      platform_user_id: hint.platformUserId,
      dm_conversation_id: hint.dmConversationId ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'platform', 'platform_user_id']).doUpdateSet({
        employee_id: employee.id,
        ...(hint.dmConversationId ? { dm_conversation_id: hint.dmConversationId } : {}),
      }),
    )
    .execute();
  return employee.id;
}

/** Channel links × the authors' teams (see InboundSink.conversationKinds). */
export async function conversationKinds(
  db: Kysely<Database>,
  tenantId: string,
  platform: string,
  pairs: readonly ChannelAuthor[],
): Promise<Map<string, ConversationKind>> {
  const out = new Map<string, ConversationKind>();
  if (pairs.length === 0) return out;
  const teams = await channelTeams(
    db,
    tenantId,
    platform,
    pairs.map((p) => p.channelId),
  );
  const linkedAuthors = [...new Set(pairs.filter((p) => teams.has(p.channelId)).map((p) => p.platformUserId))];
  const authorTeam = new Map<string, string | null>();
  if (linkedAuthors.length > 0) {
    const rows = await db
      .selectFrom('platform_identities')
      .innerJoin('employees', 'employees.id', 'platform_identities.employee_id')
      .select(['platform_identities.platform_user_id', 'employees.team_id'])
      .where('platform_identities.tenant_id', '=', tenantId)
      .where('platform_identities.platform', '=', platform)
      .where('platform_identities.platform_user_id', 'in', linkedAuthors)
      .execute();
    for (const row of rows) authorTeam.set(row.platform_user_id, row.team_id);
  }
  for (const pair of pairs) {
    const channelTeam = teams.get(pair.channelId);
    const team = authorTeam.get(pair.platformUserId);
    const kind: ConversationKind =
      channelTeam === undefined || team === undefined ? 'group' : team === channelTeam ? 'team' : 'cross_team';
    out.set(`${pair.channelId}|${pair.platformUserId}`, kind);
  }
  return out;
}

/** E-mails of active employees with no identity on the platform (sorted, lower-case, distinct). */
export async function unlinkedEmails(db: Kysely<Database>, tenantId: string, platform: string): Promise<string[]> {
  const rows = await db
    .selectFrom('employees')
    .select(sql<string>`lower(email)`.as('email'))
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .where('email', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('platform_identities')
            .select('platform_identities.employee_id')
            .whereRef('platform_identities.employee_id', '=', 'employees.id')
            .where('platform_identities.platform', '=', platform),
        ),
      ),
    )
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email).filter((e) => e.includes('@'));
}
