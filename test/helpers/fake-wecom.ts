// A fake WeCom server API on 127.0.0.1 for the adapter's tests: gettoken (tokens stay valid until `revokeTokens()`),
// message/send (a repeated task_id is refused with 42014 like WeCom does; interactive cards get a response_code),
// update_template_card, the address book (department/list, user/list, user/get) and approvals
// (oa/getapprovalinfo, oa/getapprovaldetail). Answers can be scripted per path (consumed in order), e.g. 45009 then
// success. Every call is recorded.
import type { InstallationInfo } from '../../src/core/inbound-port.js';
import { startFakeHttpServer, staticLookup } from './fake-http-server.js';
import type { FakeCall, FakeHttpServer, FakeTokens, ScriptedAnswer } from './fake-http-server.js';

export type { FakeCall, ScriptedAnswer } from './fake-http-server.js';

export interface FakeWeComDirectory {
  departments: Array<{ id: number; name: string; parentid: number; department_leader?: string[] }>;
  users: Array<{
    userid: string;
    name: string;
    department: number[];
    email?: string;
    biz_mail?: string;
    direct_leader?: string[];
    status?: number;
  }>;
}

export interface FakeApproval {
  sp_no: string;
  sp_status: number;
  apply_time: number;
  userid: string;
  /** The Vacation control, or undefined for a non-leave approval. */
  vacation?: { type: string; begin: number; end: number; duration: number; kind?: 'halfday' | 'hour' };
}

export interface FakeWeCom extends FakeHttpServer {
  directory: FakeWeComDirectory;
  approvals: FakeApproval[];
  /**
   * When set, the detail reads (department/list, user/list, user/get) answer this errcode — as WeCom does for a
   * contacts-sync secret used from an IP added after 2022-08-15 (48009) — while the id lists still answer.
   */
  refuseContactReads?: number;
  /** Rows per user/list_id page (default the request's limit), to exercise the cursor. */
  listIdPageSize?: number;
}

const ok = (extra: Record<string, unknown> = {}): ScriptedAnswer => ({ body: { errcode: 0, errmsg: 'ok', ...extra } });

export async function startFakeWeCom(): Promise<FakeWeCom> {
  const taskIds = new Set<string>();
  let counter = 0;
  const handle = (call: FakeCall, tokens: FakeTokens): ScriptedAnswer => {
    if (call.path === '/cgi-bin/gettoken') {
      if (!call.query.corpid || !call.query.corpsecret) return { body: { errcode: 40013, errmsg: 'invalid corpid' } };
      return ok({ access_token: tokens.issue(), expires_in: state.tokenLifetimeSeconds });
    }
    if (!call.path.startsWith('/cgi-bin/')) return { status: 404, body: 'not found' };
    if (!tokens.valid(call.query.access_token)) return { body: { errcode: 40014, errmsg: 'invalid access_token' } };
    const body = (call.body ?? {}) as Record<string, unknown>;
    const detailReads = ['/cgi-bin/department/list', '/cgi-bin/user/list', '/cgi-bin/user/get'];
    if (state.refuseContactReads !== undefined && detailReads.includes(call.path))
      return { body: { errcode: state.refuseContactReads, errmsg: 'api forbidden for contact assistant' } };
    switch (call.path) {
      case '/cgi-bin/message/send': {
        const card = body.template_card as { task_id?: string; card_type?: string } | undefined;
        if (card?.task_id) {
          if (taskIds.has(card.task_id))
            return { body: { errcode: 42014, errmsg: 'taskid has existed or empty or exceed max len' } };
          taskIds.add(card.task_id);
        }
        const interactive = card && card.card_type !== 'text_notice';
        return ok({
          invaliduser: '',
          msgid: `msg-${++counter}`,
          ...(interactive ? { response_code: `rc-${counter}` } : {}),
        });
      }
      case '/cgi-bin/message/update_template_card':
        return ok({ invaliduser: [] });
      case '/cgi-bin/department/list':
        return ok({ department: state.directory.departments });
      case '/cgi-bin/department/simplelist':
        return ok({
          department_id: state.directory.departments.map((d) => ({ id: d.id, parentid: d.parentid, order: 0 })),
        });
      case '/cgi-bin/user/list_id': {
        const rows = state.directory.users.flatMap((u) =>
          u.department.map((department) => ({ userid: u.userid, department })),
        );
        const from = Number(body.cursor ?? 0);
        const size = state.listIdPageSize ?? Number(body.limit ?? 10_000);
        const next = from + size < rows.length ? String(from + size) : '';
        return ok({ next_cursor: next, dept_user: rows.slice(from, from + size) });
      }
      case '/cgi-bin/user/list': {
        const dept = Number(call.query.department_id);
        return ok({ userlist: state.directory.users.filter((u) => u.department.includes(dept)) });
      }
      case '/cgi-bin/user/get': {
        const user = state.directory.users.find((u) => u.userid === call.query.userid);
        return user ? ok({ ...user }) : { body: { errcode: 60111, errmsg: 'userid not found' } };
      }
      case '/cgi-bin/oa/getapprovalinfo': {
        const from = Number(body.starttime);
        const to = Number(body.endtime);
        const list = state.approvals.filter((a) => a.apply_time >= from && a.apply_time <= to).map((a) => a.sp_no);
        return ok({ sp_no_list: list });
      }
      case '/cgi-bin/oa/getapprovaldetail': {
        const a = state.approvals.find((x) => x.sp_no === body.sp_no);
        if (!a) return { body: { errcode: 301025, errmsg: 'invalid sp_no' } };
        const contents = a.vacation
          ? [
              {
                control: 'Vacation',
                id: 'vacation-1',
                title: [{ text: '请假类型', lang: 'zh_CN' }],
                value: {
                  vacation: {
                    selector: {
                      type: 'single',
                      options: [{ key: '1', value: [{ text: a.vacation.type, lang: 'zh_CN' }] }],
                    },
                    attendance: {
                      date_range: {
                        type: a.vacation.kind ?? 'halfday',
                        new_begin: a.vacation.begin,
                        new_end: a.vacation.end,
                        new_duration: a.vacation.duration,
                      },
                      type: 1,
                    },
                  },
                },
              },
            ]
          : [{ control: 'Text', id: 'text-1', title: [{ text: '事由', lang: 'zh_CN' }], value: { text: '出差' } }];
        return ok({
          info: {
            sp_no: a.sp_no,
            sp_name: a.vacation ? '请假' : '报销',
            sp_status: a.sp_status,
            template_id: 'tpl-1',
            apply_time: a.apply_time,
            applyer: { userid: a.userid, partyid: '1' },
            apply_data: { contents },
          },
        });
      }
      case '/cgi-bin/checkin/getcheckin_daydata':
        return ok({ datas: [] });
      default:
        return ok();
    }
  };

  const state: FakeWeCom = Object.assign(await startFakeHttpServer(handle), {
    directory: { departments: [], users: [] } as FakeWeComDirectory,
    approvals: [] as FakeApproval[],
  });
  return state;
}

/** A fixed installation lookup for adapter-level tests (the real one lives in src/app/platforms). */
export function staticWeComInstallations(
  apps: Array<{ tenantId: string; corpId: string; agentId: number; secret: string; token: string; aesKey: string }>,
) {
  const infos: InstallationInfo[] = apps.map((a) => ({
    tenantId: a.tenantId,
    platform: 'wecom' as const,
    installationKey: `${a.corpId}:${a.agentId}`,
    secrets: { secret: a.secret, token: a.token, aesKey: a.aesKey },
    settings: { corpId: a.corpId, agentId: String(a.agentId) },
    origin: 'env' as const,
  }));
  return staticLookup(infos);
}
