// Bearer-token authentication as a use case: which tenant, role and person a presented secret stands for. The HTTP
// edge (src/http/auth.ts) only parses the header and answers 401/429.
import type { Db } from '../../storage/database.js';
import type { Role } from '../../storage/tables/directory.js';
import { findUsableToken, touchTokenLastUsed } from '../../storage/repositories/tokens.js';

export interface AuthenticatedToken {
  tenantId: string;
  role: Role;
  tokenId: string;
  employeeId: string | null;
  scopeTeamId: string | null;
  /** Scoped to one legal entity of the tenant (its people only); null ⇒ the whole tenant. */
  scopeLegalEntity: string | null;
}

export interface TokenAuthenticatorOptions {
  now?: () => Date;
  /** `last_used_at` is written at most once per this interval per token (default one minute). */
  lastUsedIntervalMs?: number;
  /** Told when recording a use fails (authentication still succeeds: the timestamp is a convenience). */
  onTouchError?: (error: unknown) => void;
}

/** Remembered per process so a busy token costs no write per request; the UPDATE's own condition covers replicas. */
const MAX_REMEMBERED = 10_000;

export class TokenAuthenticator {
  readonly #lastWritten = new Map<string, number>();
  readonly #now: () => Date;
  readonly #interval: number;

  constructor(
    private readonly db: Db,
    private readonly options: TokenAuthenticatorOptions = {},
  ) {
    this.#now = options.now ?? (() => new Date());
    this.#interval = options.lastUsedIntervalMs ?? 60_000;
  }

  /**
   * The token behind `secret`, or null when there is none, it was revoked, or the employee it acts for has left.
   * Records the use (coalesced: at most one write per token and interval).
   */
  async authenticate(secret: string): Promise<AuthenticatedToken | null> {
    const row = await findUsableToken(this.db, secret);
    if (!row) return null;
    await this.#touch(row.id);
    return {
      tenantId: row.tenant_id,
      role: row.role,
      tokenId: row.id,
      employeeId: row.employee_id,
      scopeTeamId: row.scope_team_id,
      scopeLegalEntity: row.scope_legal_entity,
    };
  }

  async #touch(id: string): Promise<void> {
    const now = this.#now();
    const last = this.#lastWritten.get(id);
    if (last !== undefined && now.getTime() - last < this.#interval) return;
    if (this.#lastWritten.size >= MAX_REMEMBERED) this.#lastWritten.clear();
    this.#lastWritten.set(id, now.getTime());
    try {
      await touchTokenLastUsed(this.db, id, now, this.#interval);
    } catch (error) {
      this.options.onTouchError?.(error);
    }
  }
}
