// The WeCom address book as a DirectorySource (`teampulse sync wecom`, and re-syncs after contact events), read
// with the contacts-sync Secret when there is one (else the app's own, which sees its visibility range):
// department/list (document/path/90208: id, name, parentid, department_leader) and user/list per department
// (document/path/90201: userid, name, department, direct_leader, email/biz_mail, status). Since 2022-08-15 WeCom
// refuses both to IPs newly added under 通讯录同步 and leaves e-mail out for apps created after that date
// [SOURCED, doc 90208/90201 notes]; the userid then links members to employees (userid = HR id).
// When WeCom refuses the full reads — errcode 48009 "api forbidden for contact assistant" (通讯录同步 secret used from
// an IP added after 2022-08-15 [SOURCED: doc 96260 note; the errmsg seen in opsre/go-ldap-admin#378,
// openscrm/api-server#26]), and, by our reading [UNVERIFIED for this case], 48002 (api forbidden), 60011 (no
// privilege) and 60020 (IP not trusted) — the ids are read instead: department/simplelist (doc 95350: id, parentid)
// and user/list_id (doc 96067: userid + department per row, cursor paging). The snapshot then says which fields it
// could not read (names, leaders, e-mails, status) and the sync leaves those as they were.
import type {
  DirectoryDepartment,
  DirectoryField,
  DirectoryMember,
  DirectorySnapshot,
  DirectorySource,
} from '../../src/core/directory-port.js';
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import { PlatformSendError } from '../../src/core/platform.js';
import { WeComApiError, type WeComApi } from './api.js';
import { appDirectorySource } from '../shared/installed-app.js';
import { contacts, weComApps, type WeComApp } from './app.js';

interface RawDepartment {
  id: number;
  name?: string;
  parentid?: number;
  department_leader?: string[];
}

interface RawUser {
  userid: string;
  name?: string;
  department?: number[];
  direct_leader?: string[];
  email?: string;
  biz_mail?: string;
  /** 1 active · 2 disabled · 4 not activated · 5 left */
  status?: number;
}

/** errcodes that mean "this caller may not read contact details", after which ids may still be readable. */
export const CONTACT_READ_REFUSALS: ReadonlySet<number> = new Set([48009, 48002, 60011, 60020]);

const refusedRead = (error: unknown): boolean =>
  error instanceof WeComApiError && CONTACT_READ_REFUSALS.has(error.errcode);

type Creds = ReturnType<typeof contacts>;
type Call = { signal?: AbortSignal };

export async function readDirectory(api: WeComApi, app: WeComApp, signal?: AbortSignal): Promise<DirectorySnapshot> {
  const options = signal ? { signal } : {};
  const creds = contacts(app);
  const unreadable: DirectoryField[] = [];
  let departments: DirectoryDepartment[];
  try {
    departments = await readDepartments(api, creds, options);
  } catch (error) {
    if (!refusedRead(error)) throw error;
    departments = await readDepartmentIds(api, creds, options).catch(() => Promise.reject(error));
    unreadable.push('department_names', 'department_managers');
  }
  let members: DirectoryMember[];
  try {
    members = await readMembers(api, creds, departments, options);
  } catch (error) {
    if (!refusedRead(error)) throw error;
    members = await readMemberIds(api, creds, options).catch(() => Promise.reject(error));
    unreadable.push('member_names', 'member_emails', 'member_managers', 'member_status');
  }
  return { departments, members, ...(unreadable.length ? { unreadable } : {}) };
}

async function readDepartments(api: WeComApi, creds: Creds, options: Call): Promise<DirectoryDepartment[]> {
  const raw = (await api.call(creds, 'GET', 'department/list', undefined, options)).department;
  return departmentsOf((raw ?? []) as RawDepartment[], true);
}

/** department/simplelist: ids and parents only; the id stands in for the name (the sync keeps stored names). */
async function readDepartmentIds(api: WeComApi, creds: Creds, options: Call): Promise<DirectoryDepartment[]> {
  const raw = (await api.call(creds, 'GET', 'department/simplelist', undefined, options)).department_id;
  return departmentsOf((raw ?? []) as RawDepartment[], false);
}

/** Rows of either list as departments (`detailed`: with names and leaders); a parent out of sight makes a root. */
function departmentsOf(raw: readonly RawDepartment[], detailed: boolean): DirectoryDepartment[] {
  const ids = new Set(raw.map((d) => d.id));
  return raw.map((d) => ({
    id: String(d.id),
    // Apps without the name permission get the id as name [SOURCED doc 90208].
    name: (detailed && d.name) || String(d.id),
    parentId: d.parentid === undefined || d.parentid === 0 || !ids.has(d.parentid) ? null : String(d.parentid),
    managerIds: detailed ? (d.department_leader ?? []) : [],
  }));
}

async function readMembers(
  api: WeComApi,
  creds: Creds,
  departments: readonly DirectoryDepartment[],
  options: Call,
): Promise<DirectoryMember[]> {
  const members = new Map<string, DirectoryMember>();
  for (const dept of departments) {
    const body = await api.call(creds, 'GET', 'user/list', undefined, {
      ...options,
      query: { department_id: dept.id },
    });
    for (const u of (body.userlist ?? []) as RawUser[]) {
      if (!u.userid || members.has(u.userid)) continue;
      const email = u.biz_mail || u.email;
      members.set(u.userid, {
        userId: u.userid,
        name: u.name || u.userid,
        ...(email ? { email } : {}),
        departmentIds: (u.department ?? [Number(dept.id)]).map(String),
        ...(u.direct_leader?.[0] ? { managerId: u.direct_leader[0] } : {}),
        active: u.status === undefined || u.status === 1,
      });
    }
  }
  return [...members.values()];
}

/** user/list_id: one row per (member, department), paged by cursor; the userid stands in for the name. */
async function readMemberIds(api: WeComApi, creds: Creds, options: Call): Promise<DirectoryMember[]> {
  const departmentsOf = new Map<string, string[]>();
  let cursor: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const body = await api.call(
      creds,
      'POST',
      'user/list_id',
      { ...(cursor ? { cursor } : {}), limit: 10_000 },
      options,
    );
    for (const row of (body.dept_user ?? []) as Array<{ userid?: string; open_userid?: string; department?: number }>) {
      const userId = row.userid ?? row.open_userid;
      if (!userId) continue;
      const list = departmentsOf.get(userId) ?? [];
      if (row.department !== undefined && !list.includes(String(row.department))) list.push(String(row.department));
      departmentsOf.set(userId, list);
    }
    cursor = typeof body.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : undefined;
    if (!cursor) break;
  }
  // Status is not in the list either: listed members count as active (departures come from contact events).
  return [...departmentsOf].map(([userId, departmentIds]) => ({ userId, name: userId, departmentIds, active: true }));
}

export interface UserProfile {
  userId: string;
  email: string | undefined;
}

/** One member's e-mail (to link a sender to an employee); undefined when WeCom does not know them. */
export async function fetchUserProfile(api: WeComApi, app: WeComApp, userId: string): Promise<UserProfile | undefined> {
  try {
    const body = await api.call(contacts(app), 'GET', 'user/get', undefined, { query: { userid: userId } });
    const email =
      (typeof body.biz_mail === 'string' && body.biz_mail) || (typeof body.email === 'string' && body.email);
    return { userId, email: email || undefined };
  } catch (error) {
    if (error instanceof PlatformSendError && (error.code === 'bad_request' || error.code === 'invalid_recipient'))
      return undefined;
    throw error;
  }
}

export function weComDirectorySource(api: WeComApi, installations: InstallationLookup): DirectorySource {
  return appDirectorySource(installations, weComApps, (app, signal) => readDirectory(api, app, signal));
}
