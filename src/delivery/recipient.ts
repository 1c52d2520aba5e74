// Where a recipient's messages go: the tenant's configured platform if the person has an identity there,
// otherwise the console platform (the default when no platform is configured). Decided at enqueue time and
// stored on the row, so a later configuration change never re-routes a message already queued.
import type { Db } from '../storage/database.js';
import type { ConversationRef, PlatformName } from '../core/platform.js';

const CHAT_PLATFORMS: readonly PlatformName[] = ['slack', 'dingtalk', 'wecom'];

export class UnknownRecipientError extends Error {
  constructor(employeeId: string) {
    super(`recipient ${employeeId} is not an employee of this tenant`);
    this.name = 'UnknownRecipientError';
  }
}

/** The tenant's chat platform: `tenants.settings.platform` (set when a platform is connected), else none. */
export function configuredPlatform(settings: Record<string, unknown> | null | undefined): PlatformName | undefined {
  const value = settings?.platform;
  return typeof value === 'string' && (CHAT_PLATFORMS as readonly string[]).includes(value)
    ? (value as PlatformName)
    : undefined;
}

export async function resolveConversation(db: Db, tenantId: string, employeeId: string): Promise<ConversationRef> {
  const row = await db
    .selectFrom('employees')
    .innerJoin('tenants', 'tenants.id', 'employees.tenant_id')
    .select(['employees.external_id', 'tenants.settings'])
    .where((eb) => eb.and({ 'employees.tenant_id': tenantId, 'employees.id': employeeId }))
    .executeTakeFirst();
  if (!row) throw new UnknownRecipientError(employeeId);
  const platform = configuredPlatform(row.settings);
  if (platform) {
    const identity = await db
      .selectFrom('platform_identities')
      .select(['platform_user_id', 'dm_conversation_id'])
      .where((eb) => eb.and({ tenant_id: tenantId, employee_id: employeeId, platform }))
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (identity) {
      return {
        platform,
        conversationId: identity.dm_conversation_id ?? identity.platform_user_id,
        userId: identity.platform_user_id,
      };
    }
  }
  return { platform: 'console', conversationId: row.external_id, userId: row.external_id };
}
