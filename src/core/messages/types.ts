// The neutral outbound message: a small tree every platform adapter renders with a pure render().
// Domain code builds these (already translated into the recipient's locale); platform JSON lives only in adapters.

export interface MessageButton {
  /** Routes the click back, e.g. 'alert.feedback'. */
  actionId: string;
  /** Opaque payload, e.g. '<alertId>:done'. */
  value: string;
  label: string;
  style?: 'primary' | 'danger';
}

export type MessageBlock =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'context'; text: string }
  | { type: 'buttons'; buttons: MessageButton[] }
  | { type: 'link'; label: string; url: string };

export interface OutboundMessage {
  blocks: MessageBlock[];
  /** Plain-text fallback for notifications and platforms without rich layout. */
  fallbackText: string;
}
