// The lookups every inbound message needs before it is acknowledged (is this platform user linked to an employee?
// is this channel the author's team channel?) answered from memory: they change rarely, and asking the database
// for each message cost as much as storing the message. Bounded (oldest entries go first) and short-lived (TTL), so
// a change made by another replica is seen within the TTL; changes made in this process drop the tenant's entries
// at once through `inboundLookupsChanged()` (identity links, channel links, directory imports).

const generations = new Map<string, number>();
let everyTenant = 0;

/** The tenant's identities, teams or channel links changed: cached lookups of it (or of all, without one) are stale. */
export function inboundLookupsChanged(tenantId?: string): void {
  if (tenantId === undefined) everyTenant++;
  else generations.set(tenantId, (generations.get(tenantId) ?? 0) + 1);
}

const generationOf = (tenantId: string) => `${everyTenant}.${generations.get(tenantId) ?? 0}`;

export interface LookupCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  /** Milliseconds; the service's clock (injected in tests). */
  now: () => number;
}

export class LookupCache<V> {
  private readonly entries = new Map<string, { value: V; until: number; generation: string }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: LookupCacheOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxEntries = Math.max(1, options.maxEntries ?? 50_000);
  }

  get(tenantId: string, key: string): V | undefined {
    const id = `${tenantId}|${key}`;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.until <= this.options.now() || entry.generation !== generationOf(tenantId)) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  /** Take it before asking the database and pass it to set(): an answer older than a change is not kept. */
  generation(tenantId: string): string {
    return generationOf(tenantId);
  }

  set(tenantId: string, key: string, value: V, generation = generationOf(tenantId)): void {
    if (generation !== generationOf(tenantId)) return;
    const id = `${tenantId}|${key}`;
    this.entries.delete(id);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(id, { value, until: this.options.now() + this.ttlMs, generation });
  }

  get size(): number {
    return this.entries.size;
  }
}
