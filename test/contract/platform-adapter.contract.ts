// The contract every platform adapter passes (console now; Slack, DingTalk, WeCom later). Call
// `platformAdapterContract(setup)` from a `<name>.contract.test.ts` file. It checks what the outbox and the
// domain rely on: render is pure and deterministic, the payload is plain JSON, fallback text is never empty,
// every button's actionId and value survive rendering, sends return an id, and every failure is coded.
import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import {
  isPlatformSendError,
  RETRYABLE_BY_DEFAULT,
  type ConversationRef,
  type PlatformAdapter,
  type PlatformErrorCode,
} from '../../src/core/platform.js';

export interface FailureScenario {
  label: string;
  expectCode: PlatformErrorCode;
  /** Expected retryAfterMs when the platform said how long to wait. */
  expectRetryAfterMs?: number;
  /** Performs a send that must fail this way (e.g. against a fake server scripted to answer 429). */
  send(): Promise<unknown>;
}

export interface AdapterContractSetup<P> {
  /** An adapter whose client succeeds. */
  adapter: () => PlatformAdapter<P>;
  /** Every (actionId, value) pair the rendered payload carries, however the platform encodes them. */
  buttonsOf(payload: P): Array<{ actionId: string; value: string }>;
  /** The plain text a notification shows for this payload. */
  fallbackOf(payload: P): string;
  to: ConversationRef;
  failures: () => FailureScenario[];
}

export const CONTRACT_MESSAGES: Record<string, OutboundMessage> = {
  alert: {
    blocks: [
      { type: 'header', text: 'Wang Fang may need support' },
      { type: 'text', text: 'Her activity in the team channel dropped in the last 3 weeks.' },
      {
        type: 'fields',
        fields: [
          { label: 'Team', value: 'Sales East' },
          { label: 'Risk', value: 'high' },
        ],
      },
      { type: 'context', text: 'Based on metadata only. A human decides.' },
      {
        type: 'buttons',
        buttons: [
          { actionId: 'alert.feedback', value: 'a1:done', label: 'Done', style: 'primary' },
          { actionId: 'alert.feedback', value: 'a1:one_on_one', label: '1:1 scheduled' },
          { actionId: 'alert.feedback', value: 'a1:snooze', label: 'Snooze 2 weeks' },
          { actionId: 'alert.feedback', value: 'a1:not_accurate', label: 'Not accurate', style: 'danger' },
        ],
      },
      { type: 'link', label: 'Details', url: 'http://localhost:3000/alerts/a1' },
    ],
    fallbackText: 'Wang Fang may need support',
  },
  chinese: {
    blocks: [
      { type: 'header', text: '王芳可能需要支持' },
      { type: 'fields', fields: [{ label: '团队', value: '华东销售' }] },
      { type: 'buttons', buttons: [{ actionId: 'survey.answer', value: 's1:q1:5', label: '非常好 😀' }] },
    ],
    fallbackText: '王芳可能需要支持',
  },
  buttonsOnly: {
    blocks: [{ type: 'buttons', buttons: [{ actionId: 'nudge.ack', value: 'x'.repeat(500), label: 'OK' }] }],
    fallbackText: 'A quick check-in',
  },
};

export function platformAdapterContract<P>(name: string, setup: AdapterContractSetup<P>): void {
  describe(`platform adapter contract: ${name}`, () => {
    it('declares its name, capabilities and sane rate limits', () => {
      const adapter = setup.adapter();
      expect(['console', 'slack', 'dingtalk', 'wecom']).toContain(adapter.name);
      expect(['all', 'mentions_and_dms', 'none']).toContain(adapter.capabilities.messageVisibility);
      expect(typeof adapter.capabilities.interactiveButtons).toBe('boolean');
      expect(typeof adapter.capabilities.threads).toBe('boolean');
      expect(typeof adapter.capabilities.idempotentSend).toBe('boolean');
      for (const rule of adapter.rateLimits) {
        expect(rule.limit).toBeGreaterThan(0);
        expect(rule.windowMs).toBeGreaterThan(0);
        expect(['app', 'conversation', 'recipient']).toContain(rule.scope);
      }
    });

    for (const [label, message] of Object.entries(CONTRACT_MESSAGES)) {
      it(`render is pure and deterministic (${label})`, () => {
        const adapter = setup.adapter();
        const before = JSON.stringify(message);
        const first = adapter.render(message);
        const second = adapter.render(structuredClone(message));
        expect(JSON.stringify(message)).toBe(before); // input untouched
        expect(second).toEqual(first);
        // Plain data: survives a JSON round trip unchanged (it is what goes on the wire).
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
      });

      it(`fallback text is non-empty (${label})`, () => {
        const payload = setup.adapter().render(message);
        expect(setup.fallbackOf(payload).trim().length).toBeGreaterThan(0);
      });

      it(`every button's actionId and value survive (${label})`, () => {
        const payload = setup.adapter().render(message);
        const expected = message.blocks.flatMap((b) =>
          b.type === 'buttons' ? b.buttons.map((x) => ({ actionId: x.actionId, value: x.value })) : [],
        );
        expect(expected.length).toBeGreaterThan(0);
        expect(setup.buttonsOf(payload)).toEqual(expected);
      });
    }

    it('send returns a non-empty platform message id', async () => {
      const adapter = setup.adapter();
      const result = await adapter.client.send(setup.to, adapter.render(CONTRACT_MESSAGES.alert!), 'contract-key-1');
      expect(typeof result.platformMessageId).toBe('string');
      expect(result.platformMessageId.length).toBeGreaterThan(0);
    });

    it('failures are coded PlatformSendErrors', async () => {
      const scenarios = setup.failures();
      for (const scenario of scenarios) {
        const error = await scenario.send().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isPlatformSendError(error), `${scenario.label}: ${String(error)}`).toBe(true);
        if (!isPlatformSendError(error)) continue;
        expect(error.code, scenario.label).toBe(scenario.expectCode);
        expect(error.retryable, scenario.label).toBe(RETRYABLE_BY_DEFAULT[scenario.expectCode]);
        if (scenario.expectRetryAfterMs !== undefined)
          expect(error.retryAfterMs, scenario.label).toBe(scenario.expectRetryAfterMs);
      }
    });
  });
}
