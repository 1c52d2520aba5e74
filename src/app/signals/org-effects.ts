// Org effects of ingested events on the directory: departures, manager changes (refusing a management cycle) and
// hire dates, derived from the stored events of the people an ingestion touched.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../storage/database.js';
import { InvalidInputError } from '../errors.js';
import { chunks } from './ingest-result.js';

/**
 * Departure ⇒ left; the latest manager change naming a manager ⇒ manager_id; hire ⇒ hire_date if empty. A manager
 * change that would close a loop in the management chain is refused (the whole ingest rolls back): the directory
 * stays a tree, as every later directory upsert and reach query assumes.
 */
export async function applyOrgEffects(
  trx: Transaction<Database>,
  tenantId: string,
  employeeIds: string[],
): Promise<void> {
  const managerChanged: string[] = [];
  for (const ids of chunks(employeeIds, 5000)) {
    await sql`
      update employees emp set status = 'left', left_at = d.occurred_at, updated_at = now()
      from (
        select distinct on (employee_id) employee_id, occurred_at from signal_events
        where tenant_id = ${tenantId} and kind = 'departure' and employee_id = any(${ids}::uuid[])
        order by employee_id, occurred_at desc
      ) d
      where emp.id = d.employee_id and emp.tenant_id = ${tenantId}
        and (emp.status <> 'left' or emp.left_at is distinct from d.occurred_at)`.execute(trx);
    // Only the latest change counts (late, older events must not win); a change without a manager keeps the link.
    await sql`
      update employees emp set manager_id = m.peer_employee_id, updated_at = now()
      from (
        select distinct on (employee_id) employee_id, peer_employee_id from signal_events
        where tenant_id = ${tenantId} and kind = 'manager_change' and employee_id = any(${ids}::uuid[])
        order by employee_id, occurred_at desc, external_id desc
      ) m
      where emp.id = m.employee_id and emp.tenant_id = ${tenantId} and m.peer_employee_id is not null
        and m.peer_employee_id <> emp.id and emp.manager_id is distinct from m.peer_employee_id
      returning emp.id`
      .execute(trx)
      .then((r) => managerChanged.push(...(r.rows as { id: string }[]).map((row) => row.id)));
    await sql`
      update employees emp set hire_date = h.day, updated_at = now()
      from (
        select employee_id, min(day) as day from signal_events
        where tenant_id = ${tenantId} and kind = 'hire' and employee_id = any(${ids}::uuid[])
        group by employee_id
      ) h
      where emp.id = h.employee_id and emp.tenant_id = ${tenantId} and emp.hire_date is null`.execute(trx);
  }
  for (const ids of chunks(managerChanged, 5000)) await refuseManagementCycle(trx, tenantId, ids);
}

/** Throws a 400 naming the loop (external ids) and the manager changes that close it, if one goes through `ids`. */
async function refuseManagementCycle(trx: Transaction<Database>, tenantId: string, ids: string[]): Promise<void> {
  // Walk up from each changed person; a walk that comes back to its start is a cycle through them. A walk that
  // meets a loop not through its start stops there (that loop is found from one of its own members).
  const found = await sql<{ path: string[] }>`
    with recursive walk(start, node, path) as (
      select e.id, e.manager_id, array[e.id]
      from employees e
      where e.tenant_id = ${tenantId} and e.id = any(${ids}::uuid[]) and e.manager_id is not null
      union all
      select w.start, m.manager_id, w.path || m.id
      from walk w join employees m on m.id = w.node
      where w.node <> w.start and not (w.node = any(w.path)) and m.manager_id is not null
    )
    select path from walk where node = start limit 1`.execute(trx);
  const cycle = found.rows[0]?.path;
  if (!cycle) return;
  const names = await sql<{ id: string; external_id: string }>`
    select id, external_id from employees where id = any(${cycle}::uuid[])`.execute(trx);
  const nameOf = new Map(names.rows.map((r) => [r.id, r.external_id]));
  const changes = await sql<{ external_id: string }>`
    select distinct on (employee_id) employee_id, external_id from signal_events
    where tenant_id = ${tenantId} and kind = 'manager_change' and employee_id = any(${cycle.filter((id) => ids.includes(id))}::uuid[])
    order by employee_id, occurred_at desc, external_id desc`.execute(trx);
  const chain = [...cycle, cycle[0]!].map((id) => nameOf.get(id) ?? id).join(' → ');
  const signals = changes.rows.map((r) => JSON.stringify(r.external_id)).join(', ');
  const message = `cycle in the management chain: ${chain} (manager_change ${signals})`;
  throw new InvalidInputError(`a manager change would make a management cycle: ${chain}; nothing was stored`, [
    { path: '/manager', message },
  ]);
}
