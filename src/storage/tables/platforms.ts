// Kysely table types for what the chat adapters share (migrations/0007_platforms.ts).
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { JsonWithDefault, Timestamp } from './directory.js';

export type InstalledPlatform = 'slack' | 'dingtalk' | 'wecom';

export interface PlatformInstallationsTable {
  id: Generated<string>;
  tenant_id: string;
  platform: InstalledPlatform;
  /** Slack team/enterprise id, DingTalk client id, WeCom "<corp id>:<agent id>": unique per platform. */
  installation_key: string;
  /** Sealed JSON (src/app/platforms/secret-box.ts); never clear text. */
  secrets: string;
  settings: JsonWithDefault<Record<string, unknown>>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export type InboundDeliveryStatus = 'pending' | 'processing' | 'done' | 'failed';

export interface InboundDeliveriesTable {
  id: Generated<string>;
  tenant_id: string;
  platform: string;
  delivery_key: string;
  /** Serialised neutral events (src/app/inbound/inbox-codec.ts); metadata only. */
  events: ColumnType<unknown[], string, string>;
  status: Generated<InboundDeliveryStatus>;
  attempts: Generated<number>;
  redeliveries: Generated<number>;
  claimed_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  received_at: Generated<Timestamp>;
  processed_at: Timestamp | null;
}
export type InboundDeliveryRow = Selectable<InboundDeliveriesTable>;

export interface ChannelLinksTable {
  tenant_id: string;
  platform: string;
  channel_id: string;
  team_id: string;
  created_at: Generated<Timestamp>;
}

/** migrations/0020_send_ledger.ts: per-recipient send instants shared by replicas. */
export interface PlatformSendLedgerTable {
  tenant_id: string;
  platform: string;
  recipient: string;
  /** Epoch milliseconds of the sends still inside the longest window, ascending. */
  sends: ColumnType<number[], string, string>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type PossibleDepartureStatus = 'pending' | 'confirmed' | 'dismissed';

/** A deactivated platform account awaiting HR's decision (migrations/0025_possible_departures.ts). */
export interface PossibleDeparturesTable {
  id: Generated<string>;
  tenant_id: string;
  employee_id: string;
  platform: string;
  platform_user_id: string;
  status: Generated<PossibleDepartureStatus>;
  detected_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  created_at: Generated<Timestamp>;
}
