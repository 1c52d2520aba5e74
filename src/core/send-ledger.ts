// The per-recipient send count shared by every replica (a platform that silently drops messages above a per-member
// rate, WeCom, needs it: each replica's in-process limiter alone would let N replicas send N times the limit).
// Implemented on the database (src/app/platforms/send-ledger.ts); adapters receive it through their ports.

/** At most `limit` sends to one recipient in any window of `windowMs`. */
export interface SendLedgerRule {
  limit: number;
  windowMs: number;
}

export interface SendLedgerKey {
  tenantId: string;
  platform: string;
  /** The recipient's platform id (a WeCom userid): never a name or message text. */
  recipient: string;
}

export type SendLedgerAnswer = { ok: true } | { ok: false; retryAt: Date };

export interface SendLedger {
  /**
   * Records a send to the recipient at `now` if every rule still allows one, counting the sends every replica
   * recorded; otherwise records nothing and says when the earliest allowed instant is.
   */
  tryRecord(key: SendLedgerKey, now: Date, rules: readonly SendLedgerRule[]): Promise<SendLedgerAnswer>;
}
