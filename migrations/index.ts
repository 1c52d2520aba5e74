// The ordered registry of migrations. Add new ones at the end; never edit or reorder applied ones.
import type { Migration } from 'kysely';
import * as m0001 from './0001_directory.js';
import * as m0002 from './0002_signals.js';
import * as m0003 from './0003_scoring.js';
import * as m0004 from './0004_outbox.js';
import * as m0005 from './0005_alerts.js';
import * as m0006 from './0006_calendar.js';
import * as m0007 from './0007_platforms.js';
import * as m0008 from './0008_audit_retention.js';
import * as m0009 from './0009_job_leases.js';
import * as m0013 from './0013_surveys.js';
import * as m0014 from './0014_commands.js';
import * as m0015 from './0015_scorecards.js';
import * as m0020 from './0020_send_ledger.js';
import * as m0025 from './0025_possible_departures.js';
import * as m0030 from './0030_erasure_tombstones.js';
import * as m0031 from './0031_export_link_keys.js';
import * as m0040 from './0040_scores_tenant_fk.js';
import * as m0041 from './0041_manager_change_index.js';

export const migrations: Record<string, Migration> = {
  '0001_directory': m0001,
  '0002_signals': m0002,
  '0003_scoring': m0003,
  '0004_outbox': m0004,
  '0005_alerts': m0005,
  '0006_calendar': m0006,
  '0007_platforms': m0007,
  '0008_audit_retention': m0008,
  '0009_job_leases': m0009,
  '0013_surveys': m0013,
  '0014_commands': m0014,
  '0015_scorecards': m0015,
  '0020_send_ledger': m0020,
  '0025_possible_departures': m0025,
  '0030_erasure_tombstones': m0030,
  '0031_export_link_keys': m0031,
  '0040_scores_tenant_fk': m0040,
  '0041_manager_change_index': m0041,
};
