// Kysely table types for alerts and the outbox (issue D fills this in with its migration).
export interface DeliveryTables {}
