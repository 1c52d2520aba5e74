// Links employees who never spoke where the bot listens (a manager who only receives alerts) to their Slack account:
// for each active employee with an e-mail and no Slack identity, users.lookupByEmail. Runs as a daily task per
// tenant (once across replicas) — people who do speak are linked on first sight by SlackInbound. Paced under
// the method's Tier 3 limit; a 429 waits its Retry-After; addresses Slack does not know are not asked again for a
// day (cached in memory). The same task pages through users.list (which includes deactivated accounts) and reports
// each linked account Slack shows as deleted as a possible departure for HR to confirm (a user_change event may
// have been missed while the service was down).
import { ErrorCode, type WebClient } from '@slack/web-api';
import { SLACK_IDENTITY_TASK } from './traits.js';
import type { ScheduledTask } from '../../src/core/lifecycle.js';
import type { PlatformPorts } from '../shared/runtime.js';
import type { WebClientPool } from './web.js';

export interface IdentitySyncOptions {
  ports: PlatformPorts;
  pool: WebClientPool;
  /** Pause between lookups (Tier 3 allows about 50 a minute). */
  paceMs?: number;
  sleep?: (ms: number) => Promise<void>;
  cron?: string;
}

const MISS_TTL_MS = 24 * 3600_000;

export class SlackIdentitySync {
  /** `${tenant}|${email}` → until when Slack's "no such user" is believed. */
  private readonly misses = new Map<string, number>();

  constructor(private readonly options: IdentitySyncOptions) {}

  private get ports(): PlatformPorts {
    return this.options.ports;
  }

  /** Looks up every unlinked e-mail of the tenant; returns how many people were linked. */
  async linkTenant(tenantId: string): Promise<{ looked: number; linked: number }> {
    const { sink, installations } = this.ports;
    const installation = await installations.forTenant(tenantId, 'slack');
    const token = installation?.secrets.botToken;
    if (!installation || !token || !sink.unlinkedEmails) return { looked: 0, linked: 0 };
    const web = this.options.pool.get(token);
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let looked = 0;
    let linked = 0;
    for (const email of await sink.unlinkedEmails(tenantId, 'slack')) {
      const key = `${tenantId}|${email}`;
      if ((this.misses.get(key) ?? 0) > this.ports.now().getTime()) continue;
      if (looked > 0) await sleep(this.options.paceMs ?? 1_300);
      looked++;
      const userId = await this.lookUp(web, email, sleep);
      if (userId === 'stop') break;
      if (!userId) {
        if (this.misses.size >= 100_000) this.misses.clear();
        this.misses.set(key, this.ports.now().getTime() + MISS_TTL_MS);
        continue;
      }
      const employee = await sink.linkIdentity({ tenantId, platform: 'slack', platformUserId: userId, email });
      if (employee) linked++;
    }
    if (linked > 0) this.ports.logger.info({ tenantId, platform: 'slack', linked }, 'Slack accounts linked by e-mail');
    return { looked, linked };
  }

  /**
   * Linked accounts that Slack lists as deactivated become possible departures (HR confirms; the sink ignores a
   * person already under review or gone). Returns how many new reviews were opened.
   */
  async checkDeactivated(tenantId: string): Promise<{ deactivated: number; opened: number }> {
    const { sink, installations } = this.ports;
    const installation = await installations.forTenant(tenantId, 'slack');
    const token = installation?.secrets.botToken;
    if (!token || !sink.platformUsers || !sink.possibleDeparture) return { deactivated: 0, opened: 0 };
    const linked = new Set(await sink.platformUsers(tenantId, 'slack'));
    if (linked.size === 0) return { deactivated: 0, opened: 0 };
    const web = this.options.pool.get(token);
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let deactivated = 0;
    let opened = 0;
    let cursor: string | undefined;
    for (let page = 0; page < 500; page++) {
      let answer;
      try {
        answer = await web.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      } catch (error) {
        const e = error as { code?: string; retryAfter?: number; data?: { error?: string } };
        if (e.code === ErrorCode.RateLimitedError) {
          await sleep(Math.max(1, e.retryAfter ?? 30) * 1000);
          page--;
          continue;
        }
        this.ports.logger.warn(
          { platform: 'slack', err: e.data?.error ?? (error as Error).message },
          'users.list failed',
        );
        break;
      }
      for (const member of answer.members ?? []) {
        if (!member.id || member.deleted !== true || !linked.has(member.id)) continue;
        deactivated++;
        const isNew = await sink.possibleDeparture({
          tenantId,
          platform: 'slack',
          platformUserId: member.id,
          detectedAt: this.ports.now(),
        });
        if (isNew) opened++;
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
      // Tier 2 (about 20 calls a minute).
      await sleep(this.options.paceMs ?? 3_000);
    }
    if (opened > 0) this.ports.logger.info({ tenantId, platform: 'slack', opened }, 'Slack accounts deactivated');
    return { deactivated, opened };
  }

  /** The Slack user with this e-mail; undefined when none; 'stop' when the token no longer works. */
  private async lookUp(
    web: WebClient,
    email: string,
    sleep: (ms: number) => Promise<void>,
  ): Promise<string | undefined | 'stop'> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const answer = await web.users.lookupByEmail({ email });
        const user = answer.user;
        return user?.id && !user.is_bot && !user.deleted ? user.id : undefined;
      } catch (error) {
        const e = error as { code?: string; retryAfter?: number; data?: { error?: string } };
        if (e.code === ErrorCode.RateLimitedError) {
          await sleep(Math.max(1, e.retryAfter ?? 30) * 1000);
          continue;
        }
        const code = e.data?.error;
        if (code === 'users_not_found') return undefined;
        if (code && ['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive', 'missing_scope'].includes(code))
          return 'stop';
        this.ports.logger.warn(
          { platform: 'slack', err: code ?? (error as Error).message },
          'users.lookupByEmail failed',
        );
        return undefined;
      }
    }
    return undefined;
  }

  /** The daily task (per tenant, once across replicas). */
  task(): ScheduledTask {
    return {
      ...SLACK_IDENTITY_TASK,
      cron: this.options.cron ?? SLACK_IDENTITY_TASK.cron,
      run: async (ctx) => {
        if (!ctx.tenantId) return;
        await this.linkTenant(ctx.tenantId);
        await this.checkDeactivated(ctx.tenantId);
      },
    };
  }
}
