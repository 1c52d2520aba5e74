// The WeCom address book as a DirectorySource (`teampulse sync wecom`, and re-syncs after contact events), read
// with the contacts-sync Secret when there is one (else the app's own, which sees its visibility range):
// department/list (document/path/90208: id, name, parentid, department_leader) and user/list per department
// (document/path/90201: userid, name, department, direct_leader, email/biz_mail, status). Since 2022-08-15 WeCom
// refuses both to IPs newly added under 通讯录同步 and leaves e-mail out for apps created after that date
// [SOURCED, doc 90208/90201 notes]; the userid then links members to employees (userid = HR id).
import type {
  DirectoryDepartment,
  DirectoryMember,
  DirectorySnapshot,
  DirectorySource,
} from '../../src/core/directory-port.js';
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import { PlatformSendError } from '../../src/core/platform.js';
import type { WeComApi } from './api.js';
import { appOf, contacts, type WeComApp } from './app.js';

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

export async function readDirectory(api: WeComApi, app: WeComApp, signal?: AbortSignal): Promise<DirectorySnapshot> {
  const options = signal ? { signal } : {};
  const creds = contacts(app);
  const raw = ((await api.call(creds, 'GET', 'department/list', undefined, options)).department ??
    []) as RawDepartment[];
  const ids = new Set(raw.map((d) => d.id));
  const departments: DirectoryDepartment[] = raw.map((d) => ({
    id: String(d.id),
    // Apps without the name permission get the id as name [SOURCED doc 90208].
    name: d.name || String(d.id),
    parentId: d.parentid === undefined || d.parentid === 0 || !ids.has(d.parentid) ? null : String(d.parentid),
    managerIds: d.department_leader ?? [],
  }));
  const members = new Map<string, DirectoryMember>();
  for (const dept of raw) {
    const body = await api.call(creds, 'GET', 'user/list', undefined, {
      ...options,
      query: { department_id: String(dept.id) },
    });
    for (const u of (body.userlist ?? []) as RawUser[]) {
      if (!u.userid || members.has(u.userid)) continue;
      const email = u.biz_mail || u.email;
      members.set(u.userid, {
        userId: u.userid,
        name: u.name || u.userid,
        ...(email ? { email } : {}),
        departmentIds: (u.department ?? [dept.id]).map(String),
        ...(u.direct_leader?.[0] ? { managerId: u.direct_leader[0] } : {}),
        active: u.status === undefined || u.status === 1,
      });
    }
  }
  return { departments, members: [...members.values()] };
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
  return {
    platform: 'wecom',
    async read(tenantId, options = {}) {
      const info = await installations.forTenant(tenantId, 'wecom');
      const app = info ? appOf(info) : undefined;
      if (!app) throw new PlatformSendError('unauthorized', 'no WeCom installation for this tenant');
      return readDirectory(api, app, options.signal);
    },
  };
}
