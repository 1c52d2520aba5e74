// Where a console session gets its data: the running service over loopback HTTP (the usual case with PGlite,
// which allows one process per data directory), or the database itself when no service runs.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { DispatchResult, InboundDispatcher } from '../../app/inbound/dispatch.js';
import {
  auditConsoleSession,
  consoleInbox,
  consoleInteract,
  resolveConsoleUser,
  type ConsoleInbox,
  type ConsoleInteraction,
  type ConsoleUser,
} from '../../app/console/service.js';
import { localConsoleDelivery, type ConsoleDelivery } from '../../app/console/local-delivery.js';
import { CONSOLE_SECRET_HEADER } from '../../app/console/secret.js';
import { CliError } from '../errors.js';

export interface ConsoleBackend {
  /** 'remote' talks to the service at `url`; 'local' opened the database. */
  readonly mode: 'remote' | 'local';
  readonly url?: string;
  open(tenant: string | undefined, as: string): Promise<ConsoleUser>;
  inbox(user: ConsoleUser, after?: string): Promise<ConsoleInbox>;
  interact(user: ConsoleUser, interaction: ConsoleInteraction): Promise<DispatchResult>;
}

export class LocalConsoleBackend implements ConsoleBackend {
  readonly mode = 'local' as const;
  private sequence = 0;
  private readonly delivery: ConsoleDelivery;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dispatcher: InboundDispatcher,
    private readonly now: () => Date = () => new Date(),
    maxAttempts = 8,
  ) {
    // No service runs, so nobody delivers console messages: this session does.
    this.delivery = localConsoleDelivery(db, now, maxAttempts);
  }

  async open(tenant: string | undefined, as: string): Promise<ConsoleUser> {
    const user = await resolveConsoleUser(this.db, tenant, as);
    await auditConsoleSession(this.db, user);
    return user;
  }

  async inbox(user: ConsoleUser, after?: string): Promise<ConsoleInbox> {
    await this.delivery.drainOnce();
    return consoleInbox(this.db, user, after);
  }

  async interact(user: ConsoleUser, interaction: ConsoleInteraction): Promise<DispatchResult> {
    return consoleInteract(this.dispatcher, user, interaction, this.now(), ++this.sequence);
  }
}

type FetchFn = typeof fetch;

export class RemoteConsoleBackend implements ConsoleBackend {
  readonly mode = 'remote' as const;

  constructor(
    readonly url: string,
    /** The running service's console secret (read from its data directory). */
    private readonly secret: string,
    private readonly fetchFn: FetchFn = fetch,
  ) {}

  /** True when a teampulse service with the console platform answers at `url` to this secret. */
  static async probe(url: string, secret: string, fetchFn: FetchFn = fetch, timeoutMs = 1_500): Promise<boolean> {
    try {
      const response = await fetchFn(`${url}/console/ping`, {
        headers: { [CONSOLE_SECRET_HEADER]: secret },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status !== 200) return false;
      const body = (await response.json()) as { console?: unknown };
      return body.console === true;
    } catch {
      return false;
    }
  }

  open(tenant: string | undefined, as: string): Promise<ConsoleUser> {
    return this.call<ConsoleUser>('POST', '/console/session', { ...(tenant ? { tenant } : {}), as });
  }

  inbox(user: ConsoleUser, after?: string): Promise<ConsoleInbox> {
    const query = new URLSearchParams({
      tenant: user.tenant.slug,
      as: user.employee.externalId,
      ...(after ? { after } : {}),
    });
    return this.call<ConsoleInbox>('GET', `/console/messages?${query.toString()}`);
  }

  interact(user: ConsoleUser, interaction: ConsoleInteraction): Promise<DispatchResult> {
    return this.call<DispatchResult>('POST', '/console/interactions', {
      tenant: user.tenant.slug,
      as: user.employee.externalId,
      interaction,
    });
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.url}${path}`, {
        method,
        headers: {
          [CONSOLE_SECRET_HEADER]: this.secret,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new CliError(`the teampulse service at ${this.url} stopped answering (${(error as Error).message})`);
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (response.status >= 400) {
      const message = (parsed as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
      throw new CliError(message);
    }
    return parsed as T;
  }
}
