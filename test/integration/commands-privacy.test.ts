// The employee's verbs and data rights, on chat and on the REST API: kudos (no text stored), contest (routed to HR
// of the person's entity), mute / unmute, export (only the person's data), erasure (HR confirms; the data is gone
// and scoring no longer uses it), GET /api/v1/me, the audit log for admins (REST and CLI), and an HR token
// limited to one legal entity. Org: test/helpers/entity-org.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEntityOrg, type EntityOrg } from '../helpers/entity-org.js';
import { consoleCommands } from '../helpers/commands.js';
import { bearer } from '../helpers/fixtures.js';
import { runCliWith } from '../helpers/cli.js';
import { buildApp, type App } from '../../src/http/app.js';
import { issueToken } from '../../src/app/directory/tenants.js';
import { consoleInteract, resolveConsoleUser } from '../../src/app/console/service.js';
import { runScoring } from '../../src/app/scoring/run.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';

let handle: TestDatabase;
let org: EntityOrg;
let app: App;
let cmd: ReturnType<typeof consoleCommands>;
const NOW = new Date('2026-11-30T03:00:00Z');

const token = async (role: string, options: { employee?: string; scopeEntity?: string } = {}) =>
  (await issueToken(handle.db, { tenantSlug: 'multi', role, ...options, actor: 'test' })).token;

const outboxTo = (person: string) =>
  handle.db
    .selectFrom('outbox')
    .select(['kind', 'message'])
    .where('recipient_employee_id', '=', org.people[person]!)
    .orderBy('created_at')
    .execute();

const audits = (action: string) =>
  handle.db
    .selectFrom('audit_log')
    .select(['actor', 'subject_id', 'details'])
    .where('tenant_id', '=', org.tenantId)
    .where('action', '=', action)
    .execute();

beforeAll(async () => {
  handle = await createTestDatabase();
  org = await createEntityOrg(handle.db, 'multi');
  cmd = consoleCommands(handle.db, { now: () => NOW });
  app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => NOW });
});

afterAll(async () => {
  await app.close();
  await handle.destroy();
});

const run = (as: string, text: string) => cmd.run('multi', as, text).then((a) => a.text);

describe('employee verbs', () => {
  it('kudos records who thanked whom (never the words) and tells the colleague', async () => {
    expect(await run('a-1', 'kudos @b-1 for the client demo yesterday')).toBe(
      'Kudos sent to Name b-1. (Only who thanked whom is kept, never your words.)',
    );
    const events = await handle.db
      .selectFrom('signal_events')
      .select(['kind', 'employee_id', 'peer_employee_id', 'payload'])
      .where('kind', '=', 'kudos')
      .execute();
    expect(events).toMatchObject([
      { kind: 'kudos', employee_id: org.people['a-1'], peer_employee_id: org.people['b-1'] },
    ]);
    expect(JSON.stringify(await handle.db.selectFrom('signal_events').selectAll().execute())).not.toContain('demo');
    expect((await outboxTo('b-1')).map((m) => (m.message as OutboundMessage).fallbackText)).toContain(
      'Name a-1 thanked you for your help 👏',
    );
    expect(await run('a-1', 'kudos a-1')).toMatch(/^That input is not valid/);
    expect(await run('a-1', 'kudos ghost')).toBe('I found nothing for "ghost" that you may see.');
    expect(await run('a-1', '点赞')).toMatch(/^Usage: kudos @person/);
  });

  it("contest routes the person's note to the HR of their legal entity only, audited", async () => {
    expect(await run('a-1', 'contest')).toBe('Usage: contest <note>');
    expect(await run('a-1', 'contest my leave was planned surgery')).toBe('Thanks — your note went to HR (1 people).');
    const toHrA = await outboxTo('hr-a');
    expect(toHrA.map((m) => (m.message as OutboundMessage).fallbackText).join('\n')).toContain(
      'my leave was planned surgery',
    );
    expect(await outboxTo('hr-b')).toEqual([]);
    expect((await audits('score.contest')).map((r) => r.subject_id)).toEqual([org.people['a-1']]);
  });

  it('mute and unmute surveys', async () => {
    const muted = () => handle.db.selectFrom('survey_mutes').select('employee_id').execute();
    expect(await run('b-1', 'mute')).toMatch(/won't get pulse surveys/);
    expect(await run('b-1', '免打扰')).toMatch(/won't get pulse surveys/);
    expect(await muted()).toEqual([{ employee_id: org.people['b-1'] }]);
    expect(await run('b-1', 'unmute')).toMatch(/get pulse surveys again/);
    expect(await muted()).toEqual([]);
    expect((await audits('survey.mute')).length).toBe(1);
  });
});

describe('data rights on the REST API', () => {
  it("GET /me: the person's record, risk with reasons and signals; a token without a person is refused", async () => {
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: bearer(await token('employee', { employee: 'a-1' })),
    });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.caller.employee.externalId).toBe('a-1');
    expect(body.risk.riskLevel).toBe('high');
    expect(body.risk.reasons.map((r: { code: string }) => r.code)).toContain('survey_participation');
    const noPerson = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(await token('hr')) });
    expect(noPerson.statusCode).toBe(403);
  });

  it("export contains the person's data and nobody else's", async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/me/export',
      headers: bearer(await token('employee', { employee: 'a-1' })),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="teampulse-export-/);
    const data = res.json();
    expect(data.person.externalId).toBe('a-1');
    expect(data.person.legalEntity).toBe('A');
    expect(data.scores).toHaveLength(1);
    expect(data.signalEvents.map((e: { kind: string }) => e.kind)).toEqual(['kudos']);
    expect(data.alertsAboutMe).toHaveLength(1);
    expect(data.requests.map((r: { kind: string; note: string }) => [r.kind, r.note])).toEqual([
      ['contest', 'my leave was planned surgery'],
    ]);
    const text = JSON.stringify(data);
    for (const other of ['b-1', 'a-2', 'hr-a', 'mgr-b']) {
      expect(text).not.toContain(org.people[other]!);
      expect(text).not.toContain(`Name ${other}`);
    }
    // The manager is named (the person's own record says who they report to), by name only.
    expect(text).not.toContain(org.people['mgr-a']!);
    expect((await audits('personal.export')).map((r) => r.subject_id)).toContain(org.people['a-1']);
    // The chat verb summarises the same.
    expect(await run('a-1', 'export')).toContain('Signal events: 1');
  });

  it('an HR token of entity A reads A and answers B like a missing person', async () => {
    const headers = bearer(await token('hr', { scopeEntity: 'A' }));
    const risk = (id: string) => app.inject({ method: 'GET', url: `/api/v1/employees/${id}/risk`, headers });
    expect((await risk('a-1')).statusCode).toBe(200);
    const foreign = await risk('b-1');
    const missing = await risk('nobody');
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json().message.replace('b-1', 'X')).toBe(missing.json().message.replace('nobody', 'X'));
    const list = await app.inject({ method: 'GET', url: '/api/v1/risks?level=high', headers });
    expect(
      list
        .json()
        .items.map((i: { externalId: string }) => i.externalId)
        .sort(),
    ).toEqual(['a-1', 'admin', 'boss', 'hr-a', 'mgr-a']);
  });

  it('a manager token sees reasons but not survey-derived ones', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/employees/a-1/risk`,
      headers: bearer(await token('manager', { employee: 'mgr-a' })),
    });
    expect(res.statusCode).toBe(200);
    const codes = res.json().reasons.map((r: { code: string }) => r.code);
    expect(codes).toContain('team_msgs_change');
    expect(codes).not.toContain('survey_participation');
    expect(JSON.stringify(res.json().rules ?? [])).not.toContain('survey');
  });

  it('the audit log: admins on REST and the operator on the CLI; HR is refused', async () => {
    const admin = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=personal.export&limit=5',
      headers: bearer(await token('admin')),
    });
    expect(admin.statusCode).toBe(200);
    expect(admin.json().items[0]).toMatchObject({
      action: 'personal.export',
      subject: { type: 'employee', id: org.people['a-1'] },
      source: 'console', // the last export was the chat verb's
    });
    const hr = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer(await token('hr')) });
    expect(hr.statusCode).toBe(403);
    const cli = await runCliWith(handle, ['audit', '--tenant', 'multi', '--action', 'profile.read', '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).items).toEqual([]);
    const all = await runCliWith(handle, ['audit', '--tenant', 'multi', '--limit', '3']);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n').length).toBeGreaterThanOrEqual(3);
    expect(all.stdout).toContain('… more: --before');
  });

  it('erasure: DELETE /me asks HR; HR of the other entity cannot confirm; confirmed, the data is gone', async () => {
    const a1 = org.people['a-1']!;
    const headers = bearer(await token('employee', { employee: 'a-1' }));
    const asked = await app.inject({ method: 'DELETE', url: '/api/v1/me', headers });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toMatchObject({ status: 'open', notified: 1, existing: false });
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/me', headers })).json().existing).toBe(true);
    expect(await run('a-1', 'delete')).toBe('You already have an erasure request waiting for HR.');
    const requestMessage = (await outboxTo('hr-a'))
      .map((m) => m.message as OutboundMessage)
      .find((m) => m.blocks.some((b) => b.type === 'buttons'))!;
    const confirm = requestMessage.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
    expect(confirm.value).toBe(`${asked.json().requestId}:confirm`);
    const press = async (as: string) =>
      consoleInteract(
        cmd.dispatcher,
        await resolveConsoleUser(handle.db, 'multi', as),
        { type: 'action', actionId: confirm.actionId, value: confirm.value },
        NOW,
        1,
      );
    expect((await press('hr-b')).reply?.fallbackText).toBe("Sorry, your permissions don't allow that.");
    expect((await press('hr-a')).reply?.fallbackText).toBe("Name a-1's personal data was erased.");
    expect((await press('hr-a')).reply?.fallbackText).toBe('This request was already decided.');

    expect(await handle.db.selectFrom('employees').select('id').where('id', '=', a1).execute()).toEqual([]);
    for (const table of ['signal_events', 'daily_rollups', 'employee_scores', 'platform_identities'] as const)
      expect(await handle.db.selectFrom(table).select('employee_id').where('employee_id', '=', a1).execute()).toEqual(
        [],
      );
    expect(await handle.db.selectFrom('alerts').select('id').where('subject_employee_id', '=', a1).execute()).toEqual(
      [],
    );
    // Contest notes went with the person; the erasure request keeps only the bare id and the decision.
    const requests = await handle.db
      .selectFrom('data_requests')
      .select(['kind', 'status', 'note'])
      .where('employee_id', '=', a1)
      .execute();
    expect(requests).toEqual([{ kind: 'erasure', status: 'done', note: null }]);
    expect((await audits('erasure.done')).map((r) => r.subject_id)).toEqual([a1]);
    // Scoring no longer knows the person.
    await runScoring({ db: handle.db }, { asOf: '2026-11-28' });
    expect(
      await handle.db.selectFrom('employee_scores').select('employee_id').where('employee_id', '=', a1).execute(),
    ).toEqual([]);
    // Their token is gone with them.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(401);
  });
});
