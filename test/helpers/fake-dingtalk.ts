// A fake DingTalk on 127.0.0.1 for the adapter's tests: both API hosts on one server (new-style /v1.0/… with the
// token header, legacy /topapi/… with ?access_token=), the robot's session webhook, and the Stream gateway's
// connections/open endpoint plus its WebSocket (see fake-dingtalk-gateway.ts). Tokens it issues stay valid until
// `revokeTokens()`; answers can be scripted per path (consumed in order), e.g. a throttling 403 then success.
import { startFakeHttpServer, staticLookup } from './fake-http-server.js';
import type { FakeCall, FakeHttpServer, FakeTokens, ScriptedAnswer } from './fake-http-server.js';

export type { FakeCall, ScriptedAnswer } from './fake-http-server.js';

export interface FakeDirectory {
  departments: Array<{ dept_id: number; name: string; parent_id?: number; dept_manager_userid_list?: string[] }>;
  users: Array<{
    userid: string;
    name: string;
    email?: string;
    org_email?: string;
    job_number?: string;
    dept_id_list: number[];
    hired_date?: number;
    active?: boolean;
  }>;
}

export interface FakeLeave {
  userid: string;
  start_time: number;
  end_time: number;
  duration_percent: number;
  duration_unit: 'percent_day' | 'percent_hour';
}

export interface FakeDingTalk extends FakeHttpServer {
  directory: FakeDirectory;
  leaves: FakeLeave[];
  /** Hook for the gateway: answers POST /v1.0/gateway/connections/open. */
  openConnection?: (body: unknown) => ScriptedAnswer;
}

export async function startFakeDingTalk(): Promise<FakeDingTalk> {
  let counter = 0;

  const legacyOk = (result: unknown): ScriptedAnswer => ({
    status: 200,
    body: { errcode: 0, errmsg: 'ok', request_id: 'r', result },
  });

  const handle = (call: FakeCall, tokens: FakeTokens): ScriptedAnswer => {
    if (call.path === '/v1.0/oauth2/accessToken') {
      return { status: 200, body: { accessToken: tokens.issue(), expireIn: state.tokenLifetimeSeconds } };
    }
    if (call.path === '/v1.0/gateway/connections/open' && state.openConnection) return state.openConnection(call.body);
    if (call.path.startsWith('/robot/sendBySession')) return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    if (call.path.startsWith('/v1.0/')) {
      const token = String(call.headers['x-acs-dingtalk-access-token'] ?? '');
      if (!tokens.valid(token))
        return { status: 401, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
      return { status: 200, body: { processQueryKey: `pqk-${++counter}` } };
    }
    if (call.path === '/attendance/list') {
      if (!tokens.valid(call.query.access_token))
        return { status: 200, body: { errcode: 40014, errmsg: 'invalid token' } };
      return { status: 200, body: { errcode: 0, errmsg: 'ok', hasMore: false, recordresult: [] } };
    }
    if (call.path.startsWith('/topapi/')) {
      if (!tokens.valid(call.query.access_token))
        return { status: 200, body: { errcode: 40014, errmsg: 'invalid token' } };
      const body = (call.body ?? {}) as Record<string, unknown>;
      if (call.path === '/topapi/v2/department/listsub') {
        const parent = Number(body.dept_id ?? 1);
        return legacyOk(
          state.directory.departments
            .filter((d) => (d.parent_id ?? 0) === parent && d.dept_id !== parent)
            .map((d) => ({ dept_id: d.dept_id, name: d.name, parent_id: d.parent_id })),
        );
      }
      if (call.path === '/topapi/v2/department/get') {
        const dept = state.directory.departments.find((d) => d.dept_id === Number(body.dept_id));
        if (!dept) return { status: 200, body: { errcode: 60003, errmsg: 'no such department' } };
        return legacyOk({ ...dept, dept_manager_userid_list: dept.dept_manager_userid_list ?? [] });
      }
      if (call.path === '/topapi/v2/user/list') {
        const dept = Number(body.dept_id);
        const cursor = Number(body.cursor ?? 0);
        const size = Number(body.size ?? 100);
        const members = state.directory.users.filter((u) => u.dept_id_list.includes(dept));
        const page = members.slice(cursor, cursor + size);
        const more = cursor + size < members.length;
        return legacyOk({ has_more: more, ...(more ? { next_cursor: cursor + size } : {}), list: page });
      }
      if (call.path === '/topapi/attendance/getleavestatus') {
        const ids = String(body.userid_list ?? '').split(',');
        const from = Number(body.start_time);
        const to = Number(body.end_time);
        const offset = Number(body.offset ?? 0);
        const size = Number(body.size ?? 20);
        const all = state.leaves.filter((l) => ids.includes(l.userid) && l.end_time >= from && l.start_time <= to);
        return legacyOk({ has_more: offset + size < all.length, leave_status: all.slice(offset, offset + size) });
      }
      return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    }
    return { status: 404, body: { code: 'NotFound' } };
  };

  const state: FakeDingTalk = Object.assign(await startFakeHttpServer(handle), {
    directory: { departments: [], users: [] } as FakeDirectory,
    leaves: [] as FakeLeave[],
  });
  return state;
}

/** A fixed installation lookup for adapter-level tests (the real one lives in src/app/platforms). */
export function staticInstallations(
  apps: Array<{
    tenantId: string;
    clientId: string;
    clientSecret: string;
    settings?: Record<string, unknown>;
    secrets?: Record<string, string>;
  }>,
) {
  const infos = apps.map((a) => ({
    tenantId: a.tenantId,
    platform: 'dingtalk' as const,
    installationKey: a.clientId,
    secrets: { clientSecret: a.clientSecret, ...a.secrets },
    settings: { clientId: a.clientId, ...a.settings },
    origin: 'env' as const,
  }));
  return staticLookup(infos);
}
