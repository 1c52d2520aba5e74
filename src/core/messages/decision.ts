// A message that asks for a decision: what happened, then a red button that acts on it and a plain one that lets it
// be. Both buttons route back through one action id with the value `<id>:<choice>`.
import type { MessageButton, OutboundMessage } from './types.js';

export interface DecisionRequest {
  title: string;
  text: string;
  fallbackText: string;
  actionId: string;
  /** What is decided on (a request, a review): the first part of each button's value. */
  id: string;
  act: { choice: string; label: string };
  letBe: { choice: string; label: string };
}

export function decisionMessage(request: DecisionRequest): OutboundMessage {
  const button = ({ choice, label }: { choice: string; label: string }): MessageButton => ({
    actionId: request.actionId,
    value: `${request.id}:${choice}`,
    label,
  });
  return {
    blocks: [
      { type: 'header', text: request.title },
      { type: 'text', text: request.text },
      { type: 'buttons', buttons: [{ ...button(request.act), style: 'danger' }, button(request.letBe)] },
    ],
    fallbackText: request.fallbackText,
  };
}
