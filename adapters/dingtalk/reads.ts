// Reads from DingTalk's legacy API (oapi, ?access_token=): leave records, one user's profile, and the address book
// as a DirectorySource. Field names follow the open.dingtalk.com pages for getleavestatus, v2/user/get,
// v2/department/listsub, v2/department/get and v2/user/list (see the README for which ones we could not verify).
import type {
  DirectoryDepartment,
  DirectoryMember,
  DirectorySnapshot,
  DirectorySource,
} from '../../src/core/directory-port.js';
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import { PlatformSendError } from '../../src/core/platform.js';
import type { DingTalkApi } from './api.js';
import { appDirectorySource } from '../shared/installed-app.js';
import { dingTalkApps, type DingTalkApp } from './app.js';
import type { LeaveStatus } from './parse.js';

type Result<T> = { result?: T };

const LEAVE_USERS_PER_CALL = 100;
const LEAVE_PAGE = 20;

/** Every page of a read per user: the users in batches of `usersPerCall`, each batch paged by offset. */
async function pagedByUsers<T>(
  staffIds: readonly string[],
  sizes: { usersPerCall: number; page: number },
  readPage: (batch: string[], offset: number) => Promise<{ items: T[] | undefined; hasMore: boolean | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < staffIds.length; i += sizes.usersPerCall) {
    const batch = staffIds.slice(i, i + sizes.usersPerCall);
    for (let offset = 0; offset < 10_000; offset += sizes.page) {
      const { items, hasMore } = await readPage(batch, offset);
      out.push(...(items ?? []));
      if (!hasMore) break;
    }
  }
  return out;
}

/** Approved leave of these people overlapping [from, to] (ms), every page. */
export async function fetchLeaveStatus(
  api: DingTalkApi,
  app: DingTalkApp,
  staffIds: readonly string[],
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<LeaveStatus[]> {
  return pagedByUsers(staffIds, { usersPerCall: LEAVE_USERS_PER_CALL, page: LEAVE_PAGE }, async (batch, offset) => {
    const body = (await api.legacy(
      app,
      '/topapi/attendance/getleavestatus',
      { userid_list: batch.join(','), start_time: from, end_time: to, offset, size: LEAVE_PAGE },
      signal ? { signal } : {},
    )) as Result<{ has_more?: boolean; leave_status?: LeaveStatus[] }>;
    return { items: body.result?.leave_status, hasMore: body.result?.has_more };
  });
}

export interface AttendanceResult {
  userId: string;
  /** 'OnDuty' | 'OffDuty' */
  checkType: string;
  /** 'Normal' | 'Early' | 'Late' | 'SeriousLate' | 'Absenteeism' | 'NotSigned' */
  timeResult: string;
  /** ms of the work day */
  workDate: number;
}

const ATTENDANCE_USERS_PER_CALL = 50;
const ATTENDANCE_PAGE = 50;

/** Clock-in results (考勤打卡结果) of these people for local days [fromDay, toDay] ('YYYY-MM-DD'). */
export async function fetchAttendanceResults(
  api: DingTalkApi,
  app: DingTalkApp,
  staffIds: readonly string[],
  fromDay: string,
  toDay: string,
  signal?: AbortSignal,
): Promise<AttendanceResult[]> {
  const sizes = { usersPerCall: ATTENDANCE_USERS_PER_CALL, page: ATTENDANCE_PAGE };
  return pagedByUsers(staffIds, sizes, async (batch, offset) => {
    const body = (await api.legacy(
      app,
      '/attendance/list',
      {
        workDateFrom: `${fromDay} 00:00:00`,
        workDateTo: `${toDay} 00:00:00`,
        userIdList: batch,
        offset,
        limit: ATTENDANCE_PAGE,
        isI18n: false,
      },
      signal ? { signal } : {},
    )) as { hasMore?: boolean; recordresult?: AttendanceResult[] };
    return { items: body.recordresult, hasMore: body.hasMore };
  });
}

export interface UserProfile {
  userId: string;
  email: string | undefined;
  jobNumber: string | undefined;
}

/** One user's e-mail and job number (to link a robot user to an employee); undefined if DingTalk does not know them. */
export async function fetchUserProfile(
  api: DingTalkApi,
  app: DingTalkApp,
  userId: string,
): Promise<UserProfile | undefined> {
  try {
    const body = (await api.legacy(app, '/topapi/v2/user/get', { userid: userId, language: 'zh_CN' })) as Result<{
      email?: string;
      org_email?: string;
      job_number?: string;
    }>;
    const r = body.result;
    if (!r) return undefined;
    return { userId, email: r.org_email || r.email || undefined, jobNumber: r.job_number || undefined };
  } catch (error) {
    if (error instanceof PlatformSendError && error.code === 'invalid_recipient') return undefined;
    throw error;
  }
}

interface RawDept {
  dept_id: number;
  name: string;
  parent_id?: number;
  dept_manager_userid_list?: string[];
}
interface RawUser {
  userid: string;
  name: string;
  email?: string;
  org_email?: string;
  job_number?: string;
  dept_id_list?: number[];
  hired_date?: number;
  active?: boolean;
}

const ROOT_DEPT = 1;
const USER_PAGE = 100;

function isoDay(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The whole address book: departments breadth-first from the root (id 1), then each department's members. */
export async function readDirectory(
  api: DingTalkApi,
  app: DingTalkApp,
  signal?: AbortSignal,
): Promise<DirectorySnapshot> {
  const options = signal ? { signal } : {};
  const departments: DirectoryDepartment[] = [];
  const queue = [ROOT_DEPT];
  const seen = new Set<number>();
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const detail = (
      (await api.legacy(
        app,
        '/topapi/v2/department/get',
        { dept_id: id, language: 'zh_CN' },
        options,
      )) as Result<RawDept>
    ).result;
    if (!detail) continue;
    departments.push({
      id: String(detail.dept_id ?? id),
      name: detail.name,
      parentId: id === ROOT_DEPT || detail.parent_id === undefined ? null : String(detail.parent_id),
      managerIds: detail.dept_manager_userid_list ?? [],
    });
    const children =
      (
        (await api.legacy(app, '/topapi/v2/department/listsub', { dept_id: id, language: 'zh_CN' }, options)) as Result<
          RawDept[]
        >
      ).result ?? [];
    for (const child of children) queue.push(child.dept_id);
  }
  const members = new Map<string, DirectoryMember>();
  for (const dept of departments) {
    let cursor = 0;
    for (let page = 0; page < 10_000; page++) {
      const body = (await api.legacy(
        app,
        '/topapi/v2/user/list',
        { dept_id: Number(dept.id), cursor, size: USER_PAGE, language: 'zh_CN' },
        options,
      )) as Result<{ has_more?: boolean; next_cursor?: number; list?: RawUser[] }>;
      for (const u of body.result?.list ?? []) {
        if (members.has(u.userid)) continue;
        const hireDate = isoDay(u.hired_date);
        const email = u.org_email || u.email;
        members.set(u.userid, {
          userId: u.userid,
          name: u.name,
          ...(email ? { email } : {}),
          ...(u.job_number ? { jobNumber: u.job_number } : {}),
          departmentIds: (u.dept_id_list ?? [Number(dept.id)]).map(String),
          ...(hireDate ? { hireDate } : {}),
          active: u.active !== false,
        });
      }
      if (!body.result?.has_more || body.result.next_cursor === undefined) break;
      cursor = body.result.next_cursor;
    }
  }
  return { departments, members: [...members.values()] };
}

export function dingTalkDirectorySource(api: DingTalkApi, installations: InstallationLookup): DirectorySource {
  return appDirectorySource(installations, dingTalkApps, (app, signal) => readDirectory(api, app, signal));
}
