// Socket Mode (SLACK_APP_TOKEN set): no public URL needed. @slack/socket-mode's client opens the WebSocket
// (apps.connections.open with the app-level xapp- token, reconnecting on its own) and every envelope it receives
// goes through the same Bolt App as POST /slack/events. Bolt cannot combine its own socketMode with a custom
// receiver, so this worker feeds the App itself: an event is acknowledged only once it is stored (no ack ⇒ Slack
// sends it again, and the inbox de-duplicates by event_id); commands and clicks are acknowledged with the reply.
// The WebSocket is authenticated by the app token, so there is no request signature to check here.
import type { App } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { BackgroundWorker } from '../../src/core/lifecycle.js';
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import type { AdapterLogger } from '../shared/runtime.js';
import { installationKeyOf } from './parse.js';
import { deliverToBolt, type ParsedBody } from './receiver.js';
import { normaliseApiUrl, sdkLogger } from './web.js';

export interface SlackSocketOptions {
  appToken: string;
  apiUrl: string;
  installations: InstallationLookup;
  logger: AdapterLogger;
  app: App;
  /** Tests: no reconnection after the fake server goes away. */
  autoReconnect?: boolean;
}

interface SocketEvent {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id: string;
  type: string;
  body: ParsedBody | undefined;
  retry_num?: number;
  retry_reason?: string;
}

export class SlackSocketWorker implements BackgroundWorker {
  readonly name = 'slack-socket-mode';
  private client: SocketModeClient | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: SlackSocketOptions) {}

  async start(): Promise<void> {
    const client = new SocketModeClient({
      appToken: this.options.appToken,
      logger: sdkLogger(this.options.logger, 'socket-mode'),
      autoReconnectEnabled: this.options.autoReconnect ?? true,
      clientOptions: { slackApiUrl: normaliseApiUrl(this.options.apiUrl), retryConfig: { retries: 0 } },
    });
    client.on('slack_event', (event: SocketEvent) => {
      const work = this.handle(event).catch((error: unknown) =>
        this.options.logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'Slack Socket Mode envelope failed',
        ),
      );
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
    this.client = client;
    try {
      await client.start();
      this.options.logger.info({ platform: 'slack' }, 'Slack Socket Mode connected');
    } catch (error) {
      // The service keeps running (HTTP still works); the client retries while auto-reconnect is on.
      this.options.logger.error(
        { platform: 'slack', err: error instanceof Error ? error.message : String(error) },
        'Slack Socket Mode could not connect',
      );
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await Promise.allSettled([...this.inFlight]);
    if (client) await client.disconnect().catch(() => undefined);
  }

  private async handle(event: SocketEvent): Promise<void> {
    const body = event.body;
    if (!body || typeof body !== 'object') return event.ack();
    const key = installationKeyOf(body);
    const installation = key ? await this.options.installations.find('slack', key) : undefined;
    if (!installation) {
      this.options.logger.warn({ installationKey: key }, 'Slack envelope for an unknown workspace');
      return event.ack();
    }
    const outcome = await deliverToBolt(this.options.app, body, installation, {
      ...(event.retry_num ? { retryNum: event.retry_num } : {}),
      ...(event.retry_reason ? { retryReason: event.retry_reason } : {}),
      logger: this.options.logger,
      eventDeadlineMs: 2_500,
      ackDeadlineMs: 2_800,
    });
    // Not stored ⇒ no ack: Slack delivers the envelope again.
    if (outcome.kind !== 'ack') return;
    const value = outcome.value;
    if (value && typeof value === 'object') return event.ack(value as Record<string, unknown>);
    if (typeof value === 'string' && value !== '') return event.ack({ text: value });
    return event.ack();
  }
}
