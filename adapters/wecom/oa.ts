// Leave and attendance from WeCom's OA APIs. Approved leave from the approval API (审批), used by the approval event
// and the scheduled pull alike:
// oa/getapprovalinfo (document/path/91816: submissions in a ≤31-day window, filters sp_status=2 "approved" and
// record_type=1 "leave", paged by new_cursor) and oa/getapprovaldetail (document/path/91983: the Vacation control's
// date_range and leave type). The signal id is the approval number, so the event and the pull never count a leave
// twice. The caller's secret must be allowed to read approvals (审批 → API → 可调用接口的应用, or WECOM_APPROVAL_SECRET).
// Attendance from the day reports of checkin/getcheckin_daydata (document/path/93374): late, left early, absent.
import type { AttendanceEvent, LeaveEvent } from '../../src/core/events.js';
import type { WeComApi } from './api.js';
import { approvals, messaging, type WeComApp } from './app.js';
import { SOURCE } from './parse.js';

const DAY_S = 86_400;
const HOURS_PER_DAY = 8;
/** getapprovalinfo accepts at most 31 days per query. */
const MAX_WINDOW_S = 31 * DAY_S;
const PAGE = 100;

type Json = Record<string, unknown>;
const rec = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** The leave type from the option text WeCom's 假期管理 names (年假, 病假, 事假, …). */
export function leaveTypeOf(name: string): LeaveEvent['leaveType'] {
  if (/年假|年休|annual/i.test(name)) return 'annual';
  if (/病假|sick/i.test(name)) return 'sick';
  if (/事假|personal/i.test(name)) return 'personal';
  return 'other';
}

/**
 * One approval detail (`info` of getapprovaldetail) ⇒ a leave signal when it is an approved leave request (a
 * Vacation control). Days: `halfday` ranges count new_duration in seconds of whole days; `hour` ranges count
 * working hours (new_duration / 3600 / 8) [UNVERIFIED: WeCom does not say whether an hour range's duration is
 * working time or wall-clock time].
 */
export function leaveFromApproval(info: unknown): LeaveEvent | undefined {
  const detail = rec(info);
  const spNo = typeof detail?.sp_no === 'string' ? detail.sp_no : String(detail?.sp_no ?? '');
  const userId = rec(detail?.applyer)?.userid;
  if (!detail || !spNo || num(detail.sp_status) !== 2 || typeof userId !== 'string' || !userId) return undefined;
  const control = arr(rec(detail.apply_data)?.contents)
    .map(rec)
    .find((c) => c?.control === 'Vacation');
  const vacation = rec(rec(control?.value)?.vacation);
  const range = rec(rec(vacation?.attendance)?.date_range);
  const begin = num(range?.new_begin);
  const duration = num(range?.new_duration);
  if (!range || begin === undefined || duration === undefined || duration <= 0) return undefined;
  const raw = range.type === 'hour' ? duration / 3600 / HOURS_PER_DAY : duration / DAY_S;
  const days = Math.min(366, Math.round(raw * 100) / 100);
  if (days <= 0) return undefined;
  const option = rec(arr(rec(vacation?.selector)?.options)[0]);
  const names = arr(option?.value)
    .map((v) => rec(v)?.text)
    .filter((t): t is string => typeof t === 'string');
  return {
    type: 'leave',
    id: `leave:${spNo}`,
    source: SOURCE,
    actor: { kind: 'platform', id: userId },
    occurredAt: new Date(begin * 1000),
    leaveType: leaveTypeOf(names.join(' ')),
    days,
  };
}

export async function fetchApprovalDetail(api: WeComApi, app: WeComApp, spNo: string): Promise<unknown> {
  const body = await api.call(approvals(app), 'POST', 'oa/getapprovaldetail', { sp_no: spNo });
  return body.info;
}

/** Approved leave requests submitted in [fromS, toS] (Unix seconds), every page, in ≤31-day windows. */
export async function fetchApprovedLeave(
  api: WeComApi,
  app: WeComApp,
  fromS: number,
  toS: number,
): Promise<LeaveEvent[]> {
  const out: LeaveEvent[] = [];
  for (let start = fromS; start < toS; start += MAX_WINDOW_S) {
    const end = Math.min(toS, start + MAX_WINDOW_S - 1);
    let cursor = '';
    for (let page = 0; page < 1_000; page++) {
      const body = await api.call(approvals(app), 'POST', 'oa/getapprovalinfo', {
        starttime: String(start),
        endtime: String(end),
        new_cursor: cursor,
        size: PAGE,
        filters: [
          { key: 'sp_status', value: '2' },
          { key: 'record_type', value: '1' },
        ],
      });
      for (const spNo of arr(body.sp_no_list)) {
        const leave = leaveFromApproval(await fetchApprovalDetail(api, app, String(spNo)));
        if (leave) out.push(leave);
      }
      const next = body.new_next_cursor;
      if (typeof next !== 'string' || next === '') break;
      cursor = next;
    }
  }
  return out;
}

/** getcheckin_daydata: at most 100 userids per call (document/path/93374). */
const ATTENDANCE_USERS_PER_CALL = 100;

/**
 * One day report (`datas[]` of checkin/getcheckin_daydata) ⇒ attendance signals: late (exception 1), left early
 * (2), absent / 旷工 (4). A missing punch (3, 缺卡 — often leave or a forgotten card) and location/device
 * anomalies are not signals. Ids are stable per person, day and kind, so a re-pull changes nothing.
 */
export function attendanceFromDayReport(report: unknown): AttendanceEvent[] {
  const data = rec(report);
  const base = rec(data?.base_info);
  const userId = base?.acctid;
  const date = num(base?.date);
  if (typeof userId !== 'string' || !userId || date === undefined) return [];
  const out: AttendanceEvent[] = [];
  for (const info of arr(data?.exception_infos).map(rec)) {
    const status = ATTENDANCE_STATUS[num(info?.exception) ?? 0];
    if (!status || (num(info?.count) ?? 0) <= 0) continue;
    out.push({
      type: 'attendance',
      id: `attendance:${userId}:${date}:${status}`,
      source: SOURCE,
      actor: { kind: 'platform', id: userId },
      occurredAt: new Date(date * 1000),
      status,
    });
  }
  return out;
}

const ATTENDANCE_STATUS: Record<number, AttendanceEvent['status'] | undefined> = {
  1: 'late',
  2: 'early_leave',
  4: 'absent',
};

/**
 * The day reports of these members for the local day starting at `dayStartS` (Unix seconds of its 00:00), with
 * the app's own Secret (the app must be listed under 打卡 → API → 可调用接口的应用).
 */
export async function fetchAttendance(
  api: WeComApi,
  app: WeComApp,
  userIds: readonly string[],
  dayStartS: number,
): Promise<AttendanceEvent[]> {
  const out: AttendanceEvent[] = [];
  for (let i = 0; i < userIds.length; i += ATTENDANCE_USERS_PER_CALL) {
    const body = await api.call(messaging(app), 'POST', 'checkin/getcheckin_daydata', {
      starttime: dayStartS,
      endtime: dayStartS,
      useridlist: userIds.slice(i, i + ATTENDANCE_USERS_PER_CALL),
    });
    for (const report of arr(body.datas)) out.push(...attendanceFromDayReport(report));
  }
  return out;
}
