// Which coverage class each stored event kind belongs to (signal_coverage.signal_class). The scoring engine's
// SignalClass list (src/core/scoring/types.ts) is a subset: 'org' records (hire, departure, manager change)
// say nothing about activity and are recorded for completeness only.
import type { SignalEvent } from '../../core/events.js';

export type CoverageClass =
  'message' | 'leave' | 'attendance' | 'task' | 'crm' | 'help' | 'kudos' | 'project' | 'resource' | 'org';

export const COVERAGE_CLASS: Record<SignalEvent['type'], CoverageClass> = {
  message: 'message',
  reaction: 'message',
  member_joined: 'message',
  member_left: 'message',
  leave: 'leave',
  attendance: 'attendance',
  task: 'task',
  crm_activity: 'crm',
  help: 'help',
  kudos: 'kudos',
  team_project: 'project',
  resource_share: 'resource',
  manager_change: 'org',
  departure: 'org',
  hire: 'org',
};

/** Org records are the durable history of hires, departures and manager changes: the retention purge keeps them. */
export const ORG_KINDS: readonly string[] = ['manager_change', 'departure', 'hire'];
