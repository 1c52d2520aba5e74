// The one Database interface: every table the service knows, grouped by area in tables/.
import type { Kysely, Transaction } from 'kysely';
import type { DirectoryTables } from './tables/directory.js';
import type { SignalTables } from './tables/signals.js';
import type { ScoringTables } from './tables/scoring.js';
import type { DeliveryTables } from './tables/delivery.js';
import type { AlertTables } from './tables/alerts.js';
import type { PlatformTables } from './tables/platforms.js';
import type { CalendarTables } from './tables/calendar.js';
import type { SurveyTables } from './tables/surveys.js';
import type { PerformanceTables } from './tables/performance.js';
import type { PrivacyTables } from './tables/privacy.js';

export interface Database
  extends
    DirectoryTables,
    SignalTables,
    ScoringTables,
    DeliveryTables,
    AlertTables,
    PlatformTables,
    CalendarTables,
    SurveyTables,
    PerformanceTables,
    PrivacyTables {}

/** Repositories take either the database or a transaction, so callers choose the unit of work. */
export type Db = Kysely<Database> | Transaction<Database>;
