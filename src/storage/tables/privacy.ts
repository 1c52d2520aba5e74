// Kysely table types for erasure tombstones (migrations/0030_erasure_tombstones.ts) and the keys that sign personal
// export links (0031_export_link_keys.ts).
import type { Generated } from 'kysely';
import type { Timestamp } from './directory.js';

export interface ErasureKeysTable {
  tenant_id: string;
  /** 32 random bytes, hex: the HMAC key of the tenant's tombstones. */
  key: string;
  created_at: Generated<Timestamp>;
}

export interface ErasureTombstonesTable {
  tenant_id: string;
  /** hex HMAC-SHA256 of 'external:<external id>' or 'identity:<platform>:<platform user id>'; never the id itself. */
  key_hash: string;
  kind: 'external_id' | 'identity';
  created_at: Generated<Timestamp>;
}
