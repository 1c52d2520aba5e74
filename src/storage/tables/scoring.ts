// Kysely table types for scoring (issue C fills this in with its migration).
export interface ScoringTables {}
