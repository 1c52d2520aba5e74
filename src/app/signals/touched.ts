// What an ingest session's stored events touched, gathered as they are inserted and acted on once in finish():
// the person-days whose rollups and edges are recomputed, the coverage counts, the people with org events, the
// leaves to spread and the hires that start onboarding.
import type { SignalEvent } from '../../core/events.js';
import { COVERAGE_CLASS, ORG_KINDS } from './classes.js';
import type { Pending } from './event-rows.js';
import type { LeaveRecord } from './leave-spread.js';
import type { DayKey } from './recompute.js';

/** Kinds with no rollup column or interaction: they never change a rollup row. */
const NO_ROLLUP_KINDS: ReadonlySet<string> = new Set([...ORG_KINDS, 'member_joined', 'member_left']);
const ORG_KIND_SET: ReadonlySet<string> = new Set(ORG_KINDS);

export interface CoverageCount {
  signalClass: string;
  day: string;
  events: number;
}

export class TouchedByIngest {
  readonly rollupKeys = new DayKeySet();
  readonly edgeKeys = new DayKeySet();
  readonly coverage = new Map<string, CoverageCount>();
  readonly orgEmployees = new Set<string>();
  readonly leaves: LeaveRecord[] = [];
  readonly hires: { employeeId: string; day: string }[] = [];

  /** Notes a newly stored event of `source` (its day as stored). */
  add(source: string, pending: Pending, day: string): void {
    const { event, employeeId, related } = pending;
    if (!NO_ROLLUP_KINDS.has(event.type)) {
      this.rollupKeys.add(employeeId, day);
      for (const other of related) this.rollupKeys.add(other, day);
      if (related.length > 0) this.edgeKeys.add(employeeId, day);
    }
    // A leave counts on the working days it covers: spread (and those days' rollups recomputed) in finish().
    if (event.type === 'leave') {
      const { leaveType, days } = event;
      this.leaves.push({ source, externalId: event.id, employeeId, startDay: day, leaveType, days });
    }
    if (ORG_KIND_SET.has(event.type)) this.orgEmployees.add(employeeId);
    if (event.type === 'hire') this.hires.push({ employeeId, day });
    this.countCoverage(event, day);
  }

  private countCoverage(event: SignalEvent, day: string): void {
    const signalClass = COVERAGE_CLASS[event.type];
    const key = `${signalClass}|${day}`;
    const entry = this.coverage.get(key) ?? { signalClass, day, events: 0 };
    entry.events += 1;
    this.coverage.set(key, entry);
  }
}

/** Distinct (employee, day) keys, grouped by day: no per-event key strings or objects on a long import. */
export class DayKeySet {
  private readonly byDay = new Map<string, Set<string>>();
  size = 0;

  add(employeeId: string, day: string): void {
    let employees = this.byDay.get(day);
    if (!employees) this.byDay.set(day, (employees = new Set()));
    if (employees.has(employeeId)) return;
    employees.add(employeeId);
    this.size += 1;
  }

  list(): DayKey[] {
    const out: DayKey[] = [];
    for (const [day, employees] of this.byDay) for (const employeeId of employees) out.push({ employeeId, day });
    return out;
  }
}
