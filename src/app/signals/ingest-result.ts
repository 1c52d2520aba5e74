// What one ingestion reports, and the helpers its parts share (totals, chunking).

export interface IngestResult {
  received: number;
  /** Newly stored events. */
  accepted: number;
  /** Events whose (source, id) was already stored, or repeated within the input. */
  duplicates: number;
  /** Events not stored because their employee is not in the tenant's directory. */
  skippedUnknown: number;
  /** Events not stored because they are older than the raw-event retention window. */
  expired: number;
  /** Refs (employees and peers) not found in the directory: external ids, or `platform:<id>` (first 1000). */
  unknownEmployees: string[];
  /** (employee, day) rollups rewritten. */
  rollupsRecomputed: number;
}

export const UNKNOWN_LIST_LIMIT = 1000;

const COUNTS = ['received', 'accepted', 'duplicates', 'skippedUnknown', 'expired', 'rollupsRecomputed'] as const;

export function emptyIngestResult(): IngestResult {
  return {
    received: 0,
    accepted: 0,
    duplicates: 0,
    skippedUnknown: 0,
    expired: 0,
    unknownEmployees: [],
    rollupsRecomputed: 0,
  };
}

/** Adds `part`'s counts to `totals` (unknown ids are merged by the caller, who keeps them unique). */
export function addCounts(totals: IngestResult, part: IngestResult): void {
  for (const key of COUNTS) totals[key] += part[key];
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
