// Replays every real Slack request payload in shared/fixtures/slack (read in place; skipped when the folder is
// absent) through POST /slack/events, signed, against the whole service: every one is answered 2xx (events are
// stored, even those that are not activity, so their retries are recognised), url_verification returns the
// challenge, the inbox ingests everything without a failure, and no message text reaches the database.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_FIXTURES_DIR, slackFixtures } from '../helpers/slack-fixtures.js';
import { envelope, slackHeaders, startSlackEnv, type SlackEnv } from '../helpers/slack-env.js';

const FORM = 'application/x-www-form-urlencoded';

interface Replay {
  name: string;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  challenge?: string;
}

/** The HTTP request Slack would send for a fixture; undefined for fixtures that are not requests (Web API answers). */
function requestOf(name: string, fixture: unknown, seq: number): Replay | undefined {
  const base = name.split('/').at(-1)!;
  const f = fixture as Record<string, unknown>;
  if (base.startsWith('event_only_')) {
    return {
      name,
      body: envelope(f, `EvFIXTURE${String(seq).padStart(4, '0')}`, new Date(Date.parse('2026-11-25T04:00:00Z'))),
      contentType: 'application/json',
    };
  }
  if (base.startsWith('event_') || name.startsWith('schema_skeletons/'))
    return { name, body: JSON.stringify(f), contentType: 'application/json' };
  if (base.startsWith('url_verification'))
    return { name, body: JSON.stringify(f), contentType: 'application/json', challenge: String(f.challenge) };
  if (base.startsWith('slash_command') || base.startsWith('ssl_check')) {
    const raw = typeof f.raw === 'string' ? f.raw : new URLSearchParams(f.decoded as Record<string, string>).toString();
    return { name, body: raw, contentType: FORM };
  }
  if (base.startsWith('interactivity_')) {
    const raw =
      typeof f.raw === 'string' ? f.raw : new URLSearchParams({ payload: JSON.stringify(f.payload) }).toString();
    return { name, body: raw, contentType: FORM };
  }
  return undefined;
}

/** Message texts in the fixtures (longer than a few characters, so the check is meaningful). */
function textsOf(fixture: unknown, out: Set<string>, depth = 0): void {
  if (depth > 8 || fixture === null || typeof fixture !== 'object') return;
  for (const [key, value] of Object.entries(fixture as Record<string, unknown>)) {
    if (key === 'text' && typeof value === 'string' && value.trim().length >= 6 && !/^[\w:.-]+$/.test(value))
      out.add(value);
    else textsOf(value, out, depth + 1);
  }
}

const fixtures = slackFixtures();

describe.skipIf(!SLACK_FIXTURES_DIR)('Slack fixtures replayed over HTTP', () => {
  let env: SlackEnv;
  beforeAll(async () => {
    env = await startSlackEnv({ slug: 'slack-fixtures' });
  });
  afterAll(async () => env?.close());

  it('answers every request payload 2xx and stores no text', async () => {
    const at = env.clock.now();
    const replays = [...fixtures].flatMap(([name, fixture], i) => requestOf(name, fixture, i) ?? []);
    expect(replays.length).toBeGreaterThan(40);
    const retryHeaders = (
      fixtures.get('events_api_retry_headers.bolt-python.json') as { headers: Record<string, string> }
    )?.headers;
    const outcomes: Record<string, number> = {};
    for (const replay of replays) {
      const res = await env.app.inject({
        method: 'POST',
        url: '/slack/events',
        headers: { ...slackHeaders(replay.body, at, replay.contentType), ...replay.headers },
        payload: replay.body,
      });
      outcomes[replay.name] = res.statusCode;
      if (replay.challenge !== undefined) expect(res.json()).toEqual({ challenge: replay.challenge });
      // A retry of an event (the headers of a real retry) is acknowledged like the first delivery.
      if (retryHeaders && replay.name.startsWith('event_message_channel.bolt')) {
        const again = await env.app.inject({
          method: 'POST',
          url: '/slack/events',
          headers: { ...slackHeaders(replay.body, at, replay.contentType), ...retryHeaders },
          payload: replay.body,
        });
        expect(again.statusCode).toBe(200);
      }
    }
    // The schema skeletons are blanked field unions (team_id ""): no workspace, so 404 and nothing stored.
    const expected = (name: string) => (name.startsWith('schema_skeletons/') ? 404 : 200);
    expect(Object.entries(outcomes).filter(([name, status]) => status !== expected(name))).toEqual([]);
    const drained = await env.inbox.drainOnce();
    expect(drained.failed).toBe(0);
    expect(drained.retried).toBe(0);

    const texts = new Set<string>();
    for (const [name, fixture] of fixtures) if (name.includes('event')) textsOf(fixture, texts);
    expect(texts.size).toBeGreaterThan(5);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = ${env.database.schema} and table_type = 'BASE TABLE'`.execute(env.db);
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await sql<{
        row: string;
      }>`select t::text as row from ${sql.table(`${env.database.schema}.${table_name}`)} t`.execute(env.db);
      dump += rows.rows.map((r) => r.row).join('\n');
    }
    for (const text of texts) expect(dump.includes(text), text).toBe(false);
  });
});
