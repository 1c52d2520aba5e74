// Console client: "sending" prints the rendered block to a stream (the service's stdout) and always succeeds.
// The outbox row is the durable record of what was sent; the person reads it in `teampulse console --as …`.
import type { ConversationRef, PlatformClient } from '../../src/core/platform.js';
import type { ConsolePayload } from './render.js';

export interface WritableLike {
  write(chunk: string): unknown;
}

export class ConsoleClient implements PlatformClient<ConsolePayload> {
  constructor(private readonly out: WritableLike) {}

  async send(
    to: ConversationRef,
    payload: ConsolePayload,
    idempotencyKey: string,
  ): Promise<{ platformMessageId: string }> {
    const hint = payload.buttons.length ? `  (answer with: npx teampulse console --as ${to.conversationId})` : '';
    this.out.write(`\n[teampulse → ${to.conversationId}]${hint}\n${payload.text}\n`);
    // The idempotency key is unique per message, so it doubles as the console's message id.
    return { platformMessageId: `console:${idempotencyKey}` };
  }
}
