// Development plans end to end on the console platform: `plan start` (CLI, API and chat) tells the person at once,
// step nudges arrive through the outbox on their due day with a Done button, the button (an action event) marks the
// step, managers get a weekly progress line, onboarding starts on `hire`, and the seed's case is offered the
// leadership track.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer } from '../helpers/fixtures.js';
import { createAccessOrg, type AccessOrg } from '../helpers/access-org.js';
import { consoleCommands } from '../helpers/commands.js';
import { runCliWith } from '../helpers/cli.js';
import { grantRole } from '../../src/app/directory/roles.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { sendDueStepNudges } from '../../src/app/performance/plans/nudges.js';
import { sendWeeklyProgress } from '../../src/app/performance/plans/progress.js';
import { suggestLeadershipTrack } from '../../src/app/performance/plans/templates.js';
import type { MessageBlock, OutboundMessage } from '../../src/core/messages/types.js';

const NOW = new Date('2026-11-30T03:00:00Z'); // Monday, 11:00 in Asia/Shanghai

let handle: TestDatabase;
let org: AccessOrg;
let app: App;
let cmd: ReturnType<typeof consoleCommands>;

beforeAll(async () => {
  handle = await createTestDatabase();
  org = await createAccessOrg(handle.db, 'acme');
  await upsertDirectory(
    handle.db,
    org.tenantId,
    { employees: [{ externalId: 'hr-all', name: 'HR All', team: 'company' }] },
    { actor: 'test' },
  );
  for (const e of await handle.db.selectFrom('employees').select(['id', 'external_id']).execute())
    org.people[e.external_id] ??= e.id;
  await grantRole(handle.db, { tenantSlug: 'acme', employee: 'hr-all', role: 'hr', actor: 'test' });
  app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => NOW });
  cmd = consoleCommands(handle.db, { now: () => NOW });
}, 180_000);
afterAll(async () => {
  await app.close();
  await handle.destroy();
});

const nudgesTo = async (ext: string) =>
  (
    await handle.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'message'])
      .where('tenant_id', '=', org.tenantId)
      .where('kind', '=', 'nudge')
      .where('recipient_employee_id', '=', org.people[ext]!)
      .orderBy('created_at')
      .execute()
  ).map((r) => ({ key: r.idempotency_key, message: r.message as OutboundMessage }));

const buttonsOf = (m: OutboundMessage) =>
  m.blocks.flatMap((b: MessageBlock) => (b.type === 'buttons' ? b.buttons : []));

describe('development plans', { timeout: 180_000 }, () => {
  let firstStep: string;

  it('plan start (CLI): steps with owners and working-day due dates; the person hears at once', async () => {
    const run = await runCliWith(handle, ['plan', 'start', 'se-1', 'leadership', '--tenant', 'acme', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan).toMatchObject({ template: 'leadership', status: 'active', created: true });
    expect(plan.steps.map((s: { step: string; owner: string }) => [s.step, s.owner])).toEqual([
      ['interim_project_lead', 'employee'],
      ['management_training', 'employee'],
      ['shadow_senior_manager', 'employee'],
      ['leadership_review', 'manager'],
    ]);
    for (const s of plan.steps) expect([0, 6]).not.toContain(new Date(`${s.dueDay}T00:00:00Z`).getUTCDay());
    firstStep = plan.steps[0].id;
    const nudges = await nudgesTo('se-1');
    expect(nudges).toHaveLength(1);
    expect(nudges[0]!.message.fallbackText).toMatch(/leadership track has started/);
    expect(buttonsOf(nudges[0]!.message)[0]).toMatchObject({ actionId: 'plan.step', value: `${firstStep}:done` });
    // Starting it again returns the running plan.
    const again = JSON.parse(
      (await runCliWith(handle, ['plan', 'start', 'se-1', 'leadership', '--tenant', 'acme', '--json'])).stdout,
    );
    expect(again).toMatchObject({ id: plan.id, created: false });
  });

  it('nudges each step on its due day (once) with a Done button; the manager owns the review', async () => {
    const steps = await handle.db
      .selectFrom('plan_steps')
      .selectAll()
      .where('tenant_id', '=', org.tenantId)
      .orderBy('position')
      .execute();
    const deps = { db: handle.db, quietHours: false, now: () => NOW };
    expect(await sendDueStepNudges(deps, org.tenantId, '2026-12-01')).toBe(0);
    expect(await sendDueStepNudges(deps, org.tenantId, steps[0]!.due_day)).toBe(1);
    expect(await sendDueStepNudges(deps, org.tenantId, steps[0]!.due_day)).toBe(0);
    const nudges = await nudgesTo('se-1');
    expect(nudges.map((n) => n.key)).toContain(`nudge:plan-step:${steps[0]!.id}:${org.people['se-1']}`);
    const due = nudges.find((n) => n.key.startsWith('nudge:plan-step:'))!;
    expect(due.message.fallbackText).toMatch(/Due \d{4}-\d{2}-\d{2}: lead a project as interim project lead/);
    expect(buttonsOf(due.message)).toEqual([expect.objectContaining({ actionId: 'plan.step', label: 'Done' })]);
    // The review step goes to her manager.
    expect(await sendDueStepNudges(deps, org.tenantId, steps[3]!.due_day)).toBe(1);
    expect((await nudgesTo('m-east')).some((n) => /se-1|SE-1|review/i.test(n.message.fallbackText))).toBe(true);
  });

  it('the Done button marks the step (an action event); someone else pressing it gets nothing', async () => {
    const user = await cmd.run('acme', 'se-2', 'help');
    expect(user.handled).toBe(true);
    const { consoleInteract, resolveConsoleUser } = await import('../../src/app/console/service.js');
    const press = async (as: string) =>
      consoleInteract(
        cmd.dispatcher,
        await resolveConsoleUser(handle.db, 'acme', as),
        { type: 'action', actionId: 'plan.step', value: `${firstStep}:done` },
        NOW,
        1,
      );
    const other = await press('se-2');
    expect(other.reply?.fallbackText).toMatch(/could not be found/);
    const mine = await press('se-1');
    expect(mine.reply?.fallbackText).toMatch(/Marked done: lead a project as interim project lead/);
    const step = await handle.db
      .selectFrom('plan_steps')
      .selectAll()
      .where('id', '=', firstStep)
      .executeTakeFirstOrThrow();
    expect(step.done_at).not.toBeNull();
    const audit = await handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', org.tenantId)
      .where('action', 'in', ['plan.start', 'plan.step.done'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['plan.start', 'plan.step.done']);
  });

  it('the manager gets one weekly progress line per report with a plan', async () => {
    const deps = { db: handle.db, quietHours: false, now: () => NOW };
    expect(await sendWeeklyProgress(deps, org.tenantId, '2026-11-30')).toBe(1);
    expect(await sendWeeklyProgress(deps, org.tenantId, '2026-12-01')).toBe(1);
    const lines = (await nudgesTo('m-east')).filter((n) => n.key.includes('plan-progress'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.message.fallbackText).toMatch(
      /SE-1 \(leadership track\): 1\/4 done; next: take the management training/i,
    );
  });

  it('API and chat: a manager starts a plan for a report; chat `plan` and `weights` verbs', async () => {
    const manager = await org.token('manager', { employee: 'm-east' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/employees/se-2/plans',
      headers: bearer(manager),
      payload: { template: 'return_to_engagement' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ template: 'return_to_engagement', created: true });
    const outside = await app.inject({
      method: 'POST',
      url: '/api/v1/employees/sup-1/plans',
      headers: bearer(manager),
      payload: { template: 'leadership' },
    });
    expect(outside.statusCode).toBe(404);
    // Someone who has left gets no plan: a 400 naming the field (it was a 400 without details).
    await handle.db
      .insertInto('employees')
      .values({
        tenant_id: org.tenantId,
        external_id: 'gone-1',
        display_name: 'Gone',
        email: null,
        team_id: null,
        status: 'left',
        left_at: NOW,
      })
      .execute();
    const left = await app.inject({
      method: 'POST',
      url: '/api/v1/employees/gone-1/plans',
      headers: bearer(await org.token('hr')),
      payload: { template: 'specialist' },
    });
    expect(left.statusCode, left.body).toBe(400);
    expect(left.json().details).toEqual([
      { path: '/params/id', message: 'has left: a plan is for someone still here' },
    ]);
    const chat = await cmd.run('acme', 'hr-all', 'plan start sw-1 specialist');
    expect(chat.text).toMatch(/Started the specialist track for SW-1/i);
    const list = await cmd.run('acme', 'm-east', 'plan se-1');
    expect(list.text).toMatch(/✓ .*lead a project/);
    const weights = await cmd.run('acme', 'hr-all', 'weights se-1 helping 25%');
    expect(weights.text).toMatch(/helping set to 25% \(version 1\)/);
    expect((await cmd.run('acme', 'se-1', 'weights')).text).not.toMatch(/version/);
  });

  it('onboarding starts on hire (a recent one; not for hires imported from long ago)', async () => {
    const hr = await org.token('hr');
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: bearer(hr),
      payload: {
        signals: [
          { id: 'h1', kind: 'hire', employee: 'sw-1', occurredAt: '2026-11-25' },
          { id: 'h2', kind: 'hire', employee: 'sup-1', occurredAt: '2025-01-06' },
        ],
      },
    });
    expect(post.statusCode, post.body).toBe(200);
    const plans = await handle.db
      .selectFrom('development_plans')
      .select(['employee_id', 'start_day', 'started_by'])
      .where('template', '=', 'onboarding')
      .execute();
    expect(plans).toEqual([{ employee_id: org.people['sw-1'], start_day: '2026-11-25', started_by: 'hire' }]);
  });

  it("the seed's case: strong collaboration before and results ≥ 100% ⇒ the leadership track is suggested", async () => {
    await handle.db
      .insertInto('individual_results')
      .values({
        tenant_id: org.tenantId,
        employee_id: org.people['se-2']!,
        period: '2026-11',
        target: 100,
        actual: 120,
      })
      .execute();
    const strong = { detail: { collaborationBaseline: 85 } };
    expect(await suggestLeadershipTrack(handle.db, org.tenantId, org.people['se-2']!, strong)).toBe(true);
    expect(
      await suggestLeadershipTrack(handle.db, org.tenantId, org.people['se-2']!, {
        detail: { collaborationBaseline: 50 },
      }),
    ).toBe(false);
    expect(await suggestLeadershipTrack(handle.db, org.tenantId, org.people['sw-1']!, strong)).toBe(false);
  });
});
