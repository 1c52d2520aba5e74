// Directory sync from a chat platform's address book (`teampulse sync dingtalk|wecom`, and the debounced re-sync
// after contact events): departments become teams, department managers become managers, members become employees
// linked to their platform user id. One upsert through the directory use case (validated, audited, all or nothing),
// then a `manager_change` signal for every existing employee whose manager changed, so scoring sees the change the
// same way as one reported by HR.
//
// Matching a member to an employee, first hit wins: the platform identity already linked; the employee whose external
// id is the member's user id (DingTalk/WeCom user ids are often the HR id); the one whose external id is the member's
// job number; the one with the member's e-mail. Unmatched members become new employees (external id = job number,
// else user id). Teams are keyed `<platform>-dept-<id>`, so they never collide with teams imported from HR.
// People missing from the address book are left alone: the app may see only part of the organisation (its
// visibility scope), so absence is no departure — departures come from the platform's leave events.
import type { Kysely } from 'kysely';
import type { DirectoryField, DirectoryMember, DirectorySnapshot, DirectorySource } from '../../core/directory-port.js';
import type { ManagerChangeEvent } from '../../core/events.js';
import type { Database } from '../../storage/database.js';
import { tenantRows } from '../../storage/repositories/rows.js';
import { AppError } from '../errors.js';
import { upsertDirectory } from '../directory/upsert.js';
import type { EmployeeInput, EmployeeUpsertCounts, TeamInput, UpsertCounts } from '../directory/types.js';
import { ingestSignals } from '../signals/ingest.js';

export interface DirectorySyncOptions {
  /** Audit actor ('cli', 'dingtalk:address-book', …). */
  actor: string;
  now: () => Date;
  signal?: AbortSignal;
}

export interface DirectorySyncResult {
  platform: string;
  departments: number;
  members: number;
  teams: UpsertCounts;
  employees: EmployeeUpsertCounts;
  /** Members linked to an employee that existed before this sync. */
  matched: number;
  /** manager_change signals stored (existing employees whose manager changed). */
  managerChanges: number;
  /**
   * What the platform refused to show (e.g. WeCom names and leaders for a server IP that may read only ids): those
   * fields were left as they were. Empty when everything was read.
   */
  unreadable: DirectoryField[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const teamExternalId = (platform: string, departmentId: string) => `${platform}-dept-${departmentId}`;

interface StoredEmployee {
  id: string;
  external_id: string;
  display_name: string;
  email: string | null;
  manager_id: string | null;
}

export async function syncPlatformDirectory(
  db: Kysely<Database>,
  tenantId: string,
  source: DirectorySource,
  options: DirectorySyncOptions,
): Promise<DirectorySyncResult> {
  const platform = source.platform;
  const snapshot = await source
    .read(tenantId, options.signal ? { signal: options.signal } : {})
    .catch((error: unknown) => {
      // Coded platform errors name the host, never a token (adapters guarantee it).
      throw new AppError('unavailable', 503, `cannot read the ${platform} address book: ${(error as Error).message}`);
    });
  const members = uniqueMembers(snapshot.members);

  const stored = await storedDirectory(db, tenantId, platform);
  const { externalOf, existingOf } = matchMembers(members, stored);

  // Fields the platform would not show are left as they are, never overwritten with ids or cleared.
  const unreadable = new Set(snapshot.unreadable ?? []);
  const managersKnown = !unreadable.has('department_managers') || !unreadable.has('member_managers');
  const teams = teamInputs(platform, snapshot, !unreadable.has('department_names'));
  const managerOf = managersKnown
    ? resolveManagers(snapshot, members, (userId) => externalOf.has(userId))
    : new Map<string, string>();
  const employees = employeeInputs(platform, members, { externalOf, existingOf, managerOf, unreadable, managersKnown });

  const result = await upsertDirectory(db, tenantId, { teams, employees }, { actor: options.actor, now: options.now });

  const now = options.now();
  const changes = managerChangesOf(platform, members, now, { externalOf, existingOf, managerOf, byId: stored.byId });
  let managerChanges = 0;
  if (changes.length) {
    const ingested = await ingestSignals(db, { tenantId, source: platform, platform, events: changes, now });
    managerChanges = ingested.accepted;
  }
  return {
    platform,
    departments: snapshot.departments.length,
    members: members.length,
    teams: result.teams,
    employees: result.employees,
    matched: existingOf.size,
    managerChanges,
    unreadable: [...unreadable],
  };
}

/** The tenant's employees by id, external id and e-mail, and the platform's linked user ids. */
async function storedDirectory(db: Kysely<Database>, tenantId: string, platform: DirectorySource['platform']) {
  const stored = await tenantRows(db, 'employees', tenantId, [
    'id',
    'external_id',
    'display_name',
    'email',
    'manager_id',
  ]);
  const linked = await db
    .selectFrom('platform_identities')
    .select(['platform_user_id', 'employee_id'])
    .where((eb) => eb.and({ tenant_id: tenantId, platform }))
    .execute();
  const byId = new Map(stored.map((e) => [e.id, e]));
  const byExternal = new Map(stored.map((e) => [e.external_id, e]));
  const byEmail = new Map<string, StoredEmployee>();
  for (const e of stored) if (e.email) byEmail.set(e.email.toLowerCase(), e);
  const byIdentity = new Map(linked.map((l) => [l.platform_user_id, byId.get(l.employee_id)]));

  return { byId, byExternal, byEmail, byIdentity };
}

/**
 * Member ⇒ employee external id (existing or new); one employee per member, one member per employee. A member whose
 * ids all belong to other people gets none: it is left for a person to sort out.
 */
function matchMembers(members: ReturnType<typeof uniqueMembers>, stored: Awaited<ReturnType<typeof storedDirectory>>) {
  const { byExternal, byEmail, byIdentity } = stored;
  const externalOf = new Map<string, string>();
  const existingOf = new Map<string, StoredEmployee>();
  const taken = new Set<string>();
  for (const m of members) {
    const email = validEmail(m.email)?.toLowerCase();
    const candidates = [
      byIdentity.get(m.userId),
      byExternal.get(m.userId),
      m.jobNumber ? byExternal.get(m.jobNumber) : undefined,
      email ? byEmail.get(email) : undefined,
    ];
    const hit = candidates.find((c) => c !== undefined && !taken.has(c.external_id));
    if (hit) {
      externalOf.set(m.userId, hit.external_id);
      existingOf.set(m.userId, hit);
      taken.add(hit.external_id);
      continue;
    }
    const fresh = [m.jobNumber, m.userId].find((x) => x && !byExternal.has(x) && !taken.has(x));
    if (!fresh) continue; // its ids belong to other people: leave it for a person to sort out
    externalOf.set(m.userId, fresh);
    taken.add(fresh);
  }

  return { externalOf, existingOf };
}

interface Matched {
  externalOf: Map<string, string>;
  existingOf: Map<string, StoredEmployee>;
  managerOf: Map<string, string>;
}

function employeeInputs(
  platform: DirectorySource['platform'],
  members: ReturnType<typeof uniqueMembers>,
  {
    externalOf,
    existingOf,
    managerOf,
    unreadable,
    managersKnown,
  }: Matched & { unreadable: Set<string>; managersKnown: boolean },
): EmployeeInput[] {
  const employees: EmployeeInput[] = [];
  for (const m of members) {
    const externalId = externalOf.get(m.userId);
    if (!externalId) continue;
    const email = validEmail(m.email);
    const department = m.departmentIds[0];
    const manager = managerOf.get(m.userId);
    const known = existingOf.get(m.userId);
    employees.push({
      externalId,
      name: unreadable.has('member_names') && known ? known.display_name : m.name.trim() || m.userId,
      ...(email ? { email } : {}),
      team: department !== undefined ? teamExternalId(platform, department) : null,
      ...(managersKnown ? { manager: manager !== undefined ? externalOf.get(manager)! : null } : {}),
      ...(m.hireDate && DAY.test(m.hireDate) ? { hireDate: m.hireDate } : {}),
      identities: { [platform]: m.userId },
    });
  }

  return employees;
}

/** Existing employees whose (known) manager is replaced by another: a manager change, dated now. */
function managerChangesOf(
  platform: DirectorySource['platform'],
  members: ReturnType<typeof uniqueMembers>,
  now: Date,
  { externalOf, existingOf, managerOf, byId }: Matched & { byId: Map<string, StoredEmployee> },
): ManagerChangeEvent[] {
  const changes: ManagerChangeEvent[] = [];
  for (const m of members) {
    const before = existingOf.get(m.userId);
    const manager = managerOf.get(m.userId);
    if (!before?.manager_id || manager === undefined) continue;
    const newExternal = externalOf.get(manager)!;
    if (byId.get(before.manager_id)?.external_id === newExternal) continue;
    changes.push({
      type: 'manager_change',
      id: `manager_change:${m.userId}:${manager}:${now.toISOString().slice(0, 10)}`,
      source: platform,
      actor: { kind: 'platform', id: m.userId },
      occurredAt: now,
      manager: { kind: 'platform', id: manager },
    });
  }
  return changes;
}

function validEmail(email: string | undefined): string | undefined {
  const trimmed = email?.trim();
  return trimmed && EMAIL.test(trimmed) ? trimmed : undefined;
}

function uniqueMembers(members: readonly DirectoryMember[]): DirectoryMember[] {
  const seen = new Set<string>();
  return members.filter((m) => m.userId !== '' && !seen.has(m.userId) && seen.add(m.userId));
}

/** Departments as teams, parents first is not needed (the upsert orders them); unknown parents become roots. */
function teamInputs(platform: string, snapshot: DirectorySnapshot, namesKnown: boolean): TeamInput[] {
  const known = new Set(snapshot.departments.map((d) => d.id));
  return snapshot.departments.map((d) => ({
    externalId: teamExternalId(platform, d.id),
    // Without names, an existing team keeps its own and a new one is named by its external id.
    ...(namesKnown ? { name: d.name.trim() || d.id } : {}),
    parent: d.parentId !== null && known.has(d.parentId) ? teamExternalId(platform, d.parentId) : null,
  }));
}

/**
 * Each member's manager (a user id among the synced members), or undefined for none: the one the platform states,
 * else the first manager of the member's main department who is not the member; a department's own manager
 * reports to the manager of the nearest department above with one. A cycle (odd data) is cut where it closes.
 */
export function resolveManagers(
  snapshot: DirectorySnapshot,
  members: readonly DirectoryMember[],
  present: (userId: string) => boolean,
): Map<string, string> {
  const departments = new Map(snapshot.departments.map((d) => [d.id, d]));
  const out = new Map<string, string>();
  for (const m of members) {
    if (!present(m.userId)) continue;
    if (m.managerId && m.managerId !== m.userId && present(m.managerId)) {
      out.set(m.userId, m.managerId);
      continue;
    }
    const seen = new Set<string>();
    let department = m.departmentIds[0] !== undefined ? departments.get(m.departmentIds[0]) : undefined;
    while (department && !seen.has(department.id)) {
      seen.add(department.id);
      const leads = department.managerIds.filter((id) => present(id));
      if (!leads.includes(m.userId) && leads.length) {
        out.set(m.userId, leads[0]!);
        break;
      }
      department = department.parentId !== null ? departments.get(department.parentId) : undefined;
    }
  }
  // Cut cycles: follow each chain; when it comes back to a person on the current path, that link goes.
  const done = new Set<string>();
  for (const start of out.keys()) {
    const path = new Set<string>();
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at)) {
      if (path.has(at)) {
        out.delete(at);
        break;
      }
      path.add(at);
      at = out.get(at);
    }
    for (const p of path) done.add(p);
  }
  return out;
}
