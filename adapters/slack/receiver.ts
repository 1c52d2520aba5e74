// A Bolt 5 Receiver whose HTTP side is a Fastify route: POST /slack/events carries the Events API, slash commands
// and interactivity, as Bolt apps usually do. The raw-body parser lives only in this plugin's context (the
// signature is computed over the bytes exactly as received). Per request:
//   signature (Bolt's verifySlackRequest, 5-minute window, injectable clock) → 401 on failure, nothing stored;
//   ssl_check → 200; url_verification → the challenge; unknown workspace → 404 with X-Slack-No-Retry;
//   event_callback → the direct lane (events.ts: the same function Bolt's event listener calls, without
//   App.processEvent, whose ~155 µs per request kept this route under 2× Bolt's own receiver — issue 12), answered
//   200 only once stored; everything else (commands, clicks) → app.processEvent(), answered with whatever the
//   listener passes to ack().
// Slack retries (X-Slack-Retry-Num) are handled like first deliveries; the inbox de-duplicates them by event_id.
// A failure to store answers 500 (and a store slower than the deadline 503), so Slack retries later.
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { ReceiverMultipleAckError } from '@slack/bolt';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { InstallationInfo, InstallationLookup } from '../../src/core/inbound-port.js';
import type { AdapterLogger } from '../shared/runtime.js';
import { installationKeyOf, type SlackEnvelope } from './parse.js';
import { verifySlackSignature } from './verify.js';
import { slackEventsRoutes } from './traits.js';

export interface FastifyReceiverOptions {
  installations: InstallationLookup;
  /** The app's signing secret (SLACK_SIGNING_SECRET); installations may carry their own. */
  signingSecret: string | undefined;
  logger: AdapterLogger;
  now: () => Date;
  path?: string;
  bodyLimitBytes?: number;
  /** How long an event's listeners may take to store it before Slack is told to retry (its timeout is 3 s). */
  eventDeadlineMs?: number;
  /** How long a command or click may go without ack() before an empty 200 is sent. */
  ackDeadlineMs?: number;
  /** The direct lane for event_callback envelopes (events.ts); without it they go through Bolt like the rest. */
  events?: SlackEventLane;
}

/** Stores one verified event_callback envelope; resolves once stored, throws when it could not be. */
export type SlackEventLane = (installation: InstallationInfo, envelope: SlackEnvelope) => Promise<void>;

/** The context key under which the request's installation reaches the listeners. */
export const INSTALLATION_KEY = 'teampulseInstallation';

export type ParsedBody = Record<string, unknown>;

/** JSON, or a form (slash commands), or a form with one `payload` field holding JSON (interactivity). */
export function parseSlackBody(contentType: string | undefined, raw: string): ParsedBody | undefined {
  try {
    if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(raw)) as Record<string, string>;
      if (typeof form.payload === 'string') {
        const payload: unknown = JSON.parse(form.payload);
        return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as ParsedBody) : undefined;
      }
      return form;
    }
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ParsedBody) : undefined;
  } catch {
    return undefined;
  }
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export class FastifyReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: FastifyReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  // The HTTP server is the service's Fastify instance: nothing to start or stop here.
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** The Fastify plugin serving POST /slack/events. */
  routes(): FastifyPluginAsync {
    return slackEventsRoutes((request, reply) => this.handle(request, reply), this.options);
  }

  /** One request to the events route (also the handler of lazy.ts's route, declared before Bolt is loaded). */
  async handle(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const unauthorized = () => reply.code(401).send({ error: 'Unauthorized', message: 'signature check failed' });
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    // Unsigned requests cost nothing: refused before any parsing or lookup.
    if (!header(request, 'x-slack-signature') || !header(request, 'x-slack-request-timestamp')) return unauthorized();
    const rawText = raw.toString('utf8');
    const body = parseSlackBody(header(request, 'content-type'), rawText);
    const key = body ? installationKeyOf(body) : undefined;
    const installation = key ? await this.options.installations.find('slack', key) : undefined;
    const secrets = [this.options.signingSecret ?? '', installation?.secrets.signingSecret ?? ''].filter(
      (s, i, all) => s !== '' && all.indexOf(s) === i,
    );
    const failure = verifySlackSignature(
      { rawBody: rawText, headers: request.headers },
      secrets,
      this.options.now().getTime(),
    );
    if (failure) {
      this.options.logger.warn({ reason: failure }, 'Slack request refused');
      return unauthorized();
    }
    if (!body) return reply.code(400).send({ error: 'Bad Request', message: 'unreadable body' });
    if (body.ssl_check !== undefined) return reply.code(200).send('');
    if (body.type === 'url_verification') return reply.code(200).send({ challenge: String(body.challenge ?? '') });
    if (!installation) {
      this.options.logger.warn({ installationKey: key }, 'Slack request for an unknown workspace');
      return reply.code(404).header('x-slack-no-retry', '1').send({ error: 'Not Found', message: 'unknown workspace' });
    }
    if (!this.app) return reply.code(503).send({ error: 'Service Unavailable', message: 'Slack app not ready' });
    return this.dispatch(this.app, body, installation, request, reply);
  }

  private async dispatch(
    app: App,
    body: ParsedBody,
    installation: InstallationInfo,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<unknown> {
    const retryNum = Number(header(request, 'x-slack-retry-num'));
    const retryReason = header(request, 'x-slack-retry-reason');
    const options: DeliverOptions = {
      ...(Number.isInteger(retryNum) && retryNum > 0 ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
      logger: this.options.logger,
      eventDeadlineMs: this.options.eventDeadlineMs ?? 2_500,
      ackDeadlineMs: this.options.ackDeadlineMs ?? 2_800,
    };
    const lane = this.options.events;
    const outcome =
      lane && body.type === 'event_callback'
        ? await deliverEvent(lane, body as unknown as SlackEnvelope, installation, options)
        : await deliverToBolt(app, body, installation, options);
    switch (outcome.kind) {
      case 'late':
        return reply.code(503).send({ error: 'Service Unavailable', message: 'not stored yet' });
      case 'failed':
        return reply.code(500).send({ error: 'Internal Server Error', message: 'not handled' });
      case 'ack': {
        const value = outcome.value;
        if (value === undefined || value === null || value === '') return reply.code(200).send('');
        if (typeof value === 'string') return reply.code(200).type('text/plain; charset=utf-8').send(value);
        return reply.code(200).send(value);
      }
    }
  }
}

/** What a transport (HTTP or Socket Mode) should answer Slack. */
export type BoltOutcome = { kind: 'ack'; value: unknown } | { kind: 'late' } | { kind: 'failed' };

export interface DeliverOptions {
  retryNum?: number;
  retryReason?: string;
  logger: AdapterLogger;
  /** How long an event's listeners may take to store it before Slack is told to retry (its timeout is 3 s). */
  eventDeadlineMs: number;
  /** How long a command or click may go without ack() before an empty answer is sent. */
  ackDeadlineMs: number;
}

/** The direct lane: the envelope stored (or not) within the event deadline, as deliverToBolt answers events. */
export async function deliverEvent(
  lane: SlackEventLane,
  envelope: SlackEnvelope,
  installation: InstallationInfo,
  options: DeliverOptions,
): Promise<BoltOutcome> {
  const stored = lane(installation, envelope).then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return eventOutcome(await withDeadline(stored, options.eventDeadlineMs), installation, options);
}

function eventOutcome(
  outcome: { ok: true } | { ok: false; error: unknown } | 'late',
  installation: InstallationInfo,
  options: DeliverOptions,
  value?: unknown,
): BoltOutcome {
  if (outcome === 'late') {
    options.logger.warn({ tenantId: installation.tenantId }, 'Slack event not stored in time; Slack retries');
    return { kind: 'late' };
  }
  if (!outcome.ok) {
    logFailure(options, installation, outcome.error, 'Slack event not stored; Slack retries');
    return { kind: 'failed' };
  }
  return { kind: 'ack', value };
}

function logFailure(options: DeliverOptions, installation: InstallationInfo, error: unknown, message: string): void {
  // Only the error's message: Slack SDK errors may carry request data.
  options.logger.error(
    { tenantId: installation.tenantId, err: error instanceof Error ? error.message : String(error) },
    message,
  );
}

/**
 * Runs one verified payload through the Bolt App. Events API envelopes: answered ('ack') only once the listeners
 * have stored them ('late' / 'failed' ⇒ Slack should retry). Commands and clicks: answered with what the listener
 * passes to ack(), as soon as it does (the listener may go on working afterwards).
 */
export async function deliverToBolt(
  app: App,
  body: ParsedBody,
  installation: InstallationInfo,
  options: DeliverOptions,
): Promise<BoltOutcome> {
  let acked: { value: unknown } | undefined;
  let onAck: () => void = () => undefined;
  const ackSeen = new Promise<void>((resolve) => (onAck = resolve));
  const event: ReceiverEvent = {
    body,
    ack: async (response?: unknown) => {
      if (acked) throw new ReceiverMultipleAckError();
      acked = { value: response };
      onAck();
    },
    ...(options.retryNum !== undefined ? { retryNum: options.retryNum } : {}),
    ...(options.retryReason ? { retryReason: options.retryReason } : {}),
    customProperties: { [INSTALLATION_KEY]: installation },
  };
  const processing = app.processEvent(event).then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );

  if (body.type === 'event_callback') {
    const outcome = await withDeadline(processing, options.eventDeadlineMs);
    return eventOutcome(outcome, installation, options, acked?.value);
  }

  const first = await withDeadline(
    Promise.race([ackSeen.then(() => 'acked' as const), processing]),
    options.ackDeadlineMs,
  );
  void processing.then((outcome) => {
    if (!outcome.ok) logFailure(options, installation, outcome.error, 'Slack interaction failed');
  });
  if (acked) return { kind: 'ack', value: acked.value };
  if (first !== 'late' && first !== 'acked' && !first.ok) return { kind: 'failed' };
  // No listener acknowledged in time (or none matched): an empty answer keeps Slack from showing an error.
  return { kind: 'ack', value: undefined };
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
