// The outbox bench's fake platform API, in a process of its own (forked by outbox.bench.ts) so its request
// handling neither competes with the worker's event loop nor hides the worker's stalls. POST /<platform>/send with
// { channel, text } and an idempotency-key header answers 200 { ok, ts }. It ASSERTS the platform's documented rate
// limits where they matter — at the receiving end: every arrival is checked against a sliding window per limit key
// (Slack 1 per second per channel, DingTalk 20 per second per app) and each excess is recorded as a violation.
// IPC: the child sends { url } when listening; on 'report' it answers with the counts and violations, on 'reset'
// it forgets everything.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Limit {
  /** The limit key of an arrival: the channel, or the whole app. */
  key: (channel: string) => string;
  limit: number;
  windowMs: number;
}

/** The platforms' own limits (not the outbox's safer settings): what the platform would refuse or drop. */
const LIMITS: Record<string, Limit | undefined> = {
  slack: { key: (channel) => channel, limit: 1, windowMs: 1_000 },
  dingtalk: { key: () => 'app', limit: 20, windowMs: 1_000 },
  // 'free': no limit (throughput runs).
};

export interface ServerReport {
  sends: number;
  distinctKeys: number;
  /** Per platform: the most arrivals seen in any window of the limit, for any key. */
  maxInWindow: Record<string, number>;
  violations: string[];
}

let arrivals = new Map<string, number[]>();
let keys = new Set<string>();
let sends = 0;
let maxInWindow: Record<string, number> = {};
let violations: string[] = [];
let counter = 0;

function check(platform: string, channel: string, at: number): void {
  const limit = LIMITS[platform];
  if (!limit) return;
  const key = `${platform}:${limit.key(channel)}`;
  const times = arrivals.get(key) ?? [];
  while (times.length > 0 && at - times[0]! >= limit.windowMs) times.shift();
  times.push(at);
  arrivals.set(key, times);
  maxInWindow[platform] = Math.max(maxInWindow[platform] ?? 0, times.length);
  if (times.length > limit.limit && violations.length < 100)
    violations.push(`${key}: ${times.length} arrivals within ${limit.windowMs} ms (limit ${limit.limit})`);
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    const at = performance.now();
    const platform = (req.url ?? '').split('/')[1] ?? '';
    const parsed = JSON.parse(body) as { channel: string };
    sends++;
    keys.add(String(req.headers['idempotency-key'] ?? ''));
    check(platform, parsed.channel, at);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, ts: `m${++counter}` }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

process.on('message', (message: string) => {
  if (message === 'report') {
    const report: ServerReport = { sends, distinctKeys: keys.size, maxInWindow, violations };
    process.send?.({ report });
  } else if (message === 'reset') {
    arrivals = new Map();
    keys = new Set();
    sends = 0;
    maxInWindow = {};
    violations = [];
  } else if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
