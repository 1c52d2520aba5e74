// Resolving an ingest session's actor refs to employee ids: looked up in bulk per batch (one statement per kind of
// ref, whatever the batch size) and remembered for the session, misses included; refs not found are kept (bounded)
// for the unknown-people list.
import { sql, type Transaction } from 'kysely';
import type { ActorRef } from '../../core/events.js';
import type { Database } from '../../storage/database.js';
import { inPeopleScope, type PeopleScope } from '../../storage/repositories/reach.js';
import { chunks, UNKNOWN_LIST_LIMIT } from './ingest-result.js';

const UNKNOWN_TRACK_LIMIT = 100_000;

export class ActorLookup {
  private readonly resolved = new Map<string, string | null>();
  private readonly unknown = new Set<string>();
  private readonly inScope;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly tenantId: string,
    /** Platform whose user ids `platform` refs name. */
    private readonly platform: string,
    /** People the caller may write signals about: anyone else resolves like a person not in the directory. */
    people: PeopleScope,
  ) {
    this.inScope = inPeopleScope(people, 'e.team_id', 'e.id');
  }

  private key(ref: ActorRef): string {
    return ref.kind === 'external' ? ref.id : `${this.platform}:${ref.id}`;
  }

  /** Looks up the refs not resolved yet in this session. */
  async resolve(refs: ActorRef[]): Promise<void> {
    const { trx, tenantId, platform, inScope } = this;
    const external = new Set<string>();
    const onPlatform = new Set<string>();
    for (const ref of refs) {
      if (this.resolved.has(this.key(ref))) continue;
      (ref.kind === 'external' ? external : onPlatform).add(ref.id);
    }
    // One array parameter per lookup (not an IN list): one statement whatever the batch size.
    for (const chunk of chunks([...external], 50_000)) {
      const rows = await sql<{ id: string; external_id: string }>`
        select e.id, e.external_id from employees e
        where e.tenant_id = ${tenantId} and e.external_id = any(${chunk}::text[]) and ${inScope}`.execute(trx);
      for (const id of chunk) this.resolved.set(id, null);
      for (const row of rows.rows) this.resolved.set(row.external_id, row.id);
    }
    for (const chunk of chunks([...onPlatform], 50_000)) {
      const rows = await sql<{ employee_id: string; platform_user_id: string }>`
        select i.employee_id, i.platform_user_id from platform_identities i join employees e on e.id = i.employee_id
        where i.tenant_id = ${tenantId} and i.platform = ${platform} and i.platform_user_id = any(${chunk}::text[])
          and ${inScope}`.execute(trx);
      for (const id of chunk) this.resolved.set(`${platform}:${id}`, null);
      for (const row of rows.rows) this.resolved.set(`${platform}:${row.platform_user_id}`, row.employee_id);
    }
  }

  /** The employee id of a resolved ref; null (and noted as unknown) when it is not in the directory or scope. */
  readonly lookup = (ref: ActorRef): string | null => {
    const id = this.resolved.get(this.key(ref)) ?? null;
    if (id === null && this.unknown.size < UNKNOWN_TRACK_LIMIT) this.unknown.add(this.key(ref));
    return id;
  };

  /** The first refs not found, sorted (the result's unknownEmployees). */
  unknownList(): string[] {
    return [...this.unknown].sort().slice(0, UNKNOWN_LIST_LIMIT);
  }
}
